"""One envelope for Slack interactions: parsed once, claimed once, answered one way.

Every button (``block_actions``), modal submission (``view_submission``), message
shortcut (``message_action``) and global shortcut (``shortcut``) is read into an
:class:`Interaction`. Why one envelope: the same click used to be keyed four ways for
idempotency and answered four ways when what it pointed at was gone; now the key, the
place an answer goes and the error policy are decided here, once.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlparse

from slack_bolt import Ack, App
from slack_sdk.webhook import WebhookClient

from bot.errors import StaleReference, UserError
from bot.i18n import t
from bot.ports import Message
from bot.router import AlreadyProcessed, Request, Router
from bot.services import Services
from bot.usecases.events import claim_once
from handlers.listeners import language_of

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The kinds of interaction payload the envelope reads.
KINDS = ("block_actions", "view_submission", "message_action", "shortcut")

#: The longest event key storage keeps; longer ones are hashed.
KEY_LIMIT = 128

#: What use cases outside the envelope's reach say when a button's target is gone; from
#: an interaction each reads as the one stale-reference answer (``error.gone``).
STALE_KEYS = frozenset(
    {
        "agenda.unknown_item",
        "approval.item_gone",
        "approval.objection_gone",
        "attendance.no_such_meeting",
        "referat.gone",
        "tasks.no_such_task",
        "tasks.offer.gone",
    }
)


def _text(value: object) -> str:
    return str(value) if value is not None else ""


def parse_metadata(raw: object) -> dict[str, Any]:
    """Return a view's private metadata as a dict ({} when empty or not JSON)."""
    if isinstance(raw, dict):
        return dict(raw)
    try:
        data = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def as_int(value: object) -> int | None:
    """Return a whole number read from a button value or metadata field, or None."""
    try:
        return int(str(value)) if value is not None and str(value).strip() else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Interaction:
    """A Slack interaction read once: who, where, how to answer, and what was chosen."""

    kind: str
    user_id: str
    team_id: str
    channel_id: str
    response_url: str | None
    trigger_id: str | None
    view_id: str | None
    view_hash: str | None
    view_type: str | None
    callback_id: str
    action_id: str
    action_ts: str | None
    value: str
    container_type: str = ""
    message_ts: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    message: dict[str, Any] = field(default_factory=dict)
    #: The submitted view's input blocks, in order (errors may only name these).
    input_blocks: tuple[str, ...] = ()

    @classmethod
    def parse(cls, body: dict[str, Any]) -> Interaction:
        """Read a Bolt interaction body (any of :data:`KINDS`)."""
        view = body.get("view") or {}
        container = body.get("container") or {}
        message = body.get("message") or {}
        action = (body.get("actions") or [{}])[0]
        chosen = action.get("selected_option") or {}
        metadata = parse_metadata(view.get("private_metadata"))
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
        return cls(
            kind=_text(body.get("type")),
            user_id=_text((body.get("user") or {}).get("id")),
            team_id=_text((body.get("team") or {}).get("id") or body.get("team_id")),
            channel_id=_text(channel or metadata.get("channel")),
            response_url=body.get("response_url") or None,
            trigger_id=body.get("trigger_id") or None,
            view_id=view.get("id") or None,
            view_hash=view.get("hash") or None,
            view_type=view.get("type") or None,
            callback_id=_text(body.get("callback_id") or view.get("callback_id")),
            action_id=_text(action.get("action_id")),
            action_ts=action.get("action_ts") or body.get("action_ts") or None,
            value=_text(chosen.get("value") or action.get("value")),
            container_type=_text(container.get("type")),
            message_ts=container.get("message_ts") or message.get("ts") or body.get("message_ts"),
            metadata=metadata,
            values=dict((view.get("state") or {}).get("values") or {}),
            message=dict(message),
            input_blocks=tuple(
                str(b["block_id"])
                for b in view.get("blocks") or []
                if b.get("type") == "input" and b.get("block_id")
            ),
        )

    @property
    def from_home(self) -> bool:
        """Tell whether the interaction came from the App Home tab."""
        return self.view_type == "home"

    @property
    def key(self) -> str:
        """Return the one idempotency key of this delivery (the same for a retried one).

        Why these parts: Slack sends a retried delivery byte for byte; a click is named by
        its ``action_ts``, a submission by its view and the view's hash (a resubmission
        after an error runs again, because the failed try's claim was rolled back), a
        shortcut by its ``trigger_id``.
        """
        if self.kind == "view_submission":
            part = f"{self.view_id}:{self.view_hash}"
        elif self.kind == "block_actions" and self.action_ts:
            part = f"{self.action_ts}:{self.action_id}"
        else:
            part = self.trigger_id or self.action_ts or ""
        key = f"interaction:{self.kind}:{self.user_id}:{part}"
        if len(key) <= KEY_LIMIT:
            return key
        return f"interaction:{hashlib.sha256(key.encode()).hexdigest()}"

    @property
    def in_view(self) -> bool:
        """Tell whether a button was clicked in a view (App Home or a modal), not a message."""
        return self.container_type == "view"

    @property
    def int_value(self) -> int | None:
        """Return the clicked value as a whole number (an id), or None."""
        return as_int(self.value)

    def meta_int(self, name: str) -> int | None:
        """Return a whole number from the private metadata, or None."""
        return as_int(self.metadata.get(name))

    def request(self, channel_id: str | None = None) -> Request:
        """Return a router Request keyed by :attr:`key`, so its work is claimed once."""
        return Request(
            channel_id=self.channel_id if channel_id is None else channel_id,
            user_id=self.user_id,
            text="",
            source="shortcut",
            event_key=self.key,
            trigger_id=self.trigger_id,
        )

    def text(self, block: str, action: str = "value") -> str:
        """Return the text typed into an input block ("" when empty)."""
        element = (self.values.get(block) or {}).get(action) or {}
        return str(element.get("value") or "").strip()

    def selected(self, block: str, action: str = "value") -> str | None:
        """Return the value of the option selected in a block, or None."""
        element = (self.values.get(block) or {}).get(action) or {}
        value = (element.get("selected_option") or {}).get("value")
        return str(value) if value else None

    def picked(self, block: str, key: str, action: str = "value") -> str | None:
        """Return what a picker holds (``selected_date``, ``selected_user``, …), or None."""
        value = ((self.values.get(block) or {}).get(action) or {}).get(key)
        return str(value) if value else None


def trusted_response_url(url: object, api_url: str) -> str | None:
    """Return a response URL only if Slack could have issued it (its hooks host).

    Why: a modal's private metadata travels through the client and can be edited; a
    URL read from it must not make the bot POST anywhere else.
    """
    if not isinstance(url, str) or not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.netloc == "hooks.slack.com":
        return url
    api = urlparse(api_url)
    if api.netloc != "slack.com" and parsed.netloc == api.netloc and parsed.scheme == api.scheme:
        return url  # a Web API base of our own (a proxy, the test server)
    log.warning("ignored a response URL that Slack did not issue")
    return None


class Envelope:
    """Answers and error policy for interactions, shared by every listener class."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def language(self, ix: Interaction) -> str:
        """Return the language to answer this person in."""
        return language_of(self.services, ix.user_id)

    def response_url(self, ix: Interaction) -> str | None:
        """Return the payload's response_url, else one a modal carried from its button."""
        return ix.response_url or trusted_response_url(
            ix.metadata.get("response_url"), self.services.settings.slack_api_url
        )

    def answer(self, ix: Interaction, text: str) -> None:
        """Answer privately: the payload's response_url, else ephemeral in the channel, else DM."""
        self.show(ix, Message(text))

    def show(self, ix: Interaction, message: Message) -> None:
        """Show a message privately, by the one rule of :meth:`answer`."""
        url = self.response_url(ix)
        notifier = self.services.notifier
        if url:
            WebhookClient(url).send(
                text=message.text,
                blocks=message.blocks,
                response_type="ephemeral",
                replace_original=False,
            )
        elif ix.channel_id.startswith("D"):
            notifier.post(ix.channel_id, message)
        elif ix.channel_id:
            notifier.ephemeral(ix.channel_id, ix.user_id, message)
        else:
            notifier.dm(ix.user_id, message)

    def replace(self, ix: Interaction, message: Message) -> None:
        """Replace the message a button was on (by its response_url), else answer privately."""
        url = self.response_url(ix)
        if url is None:
            self.show(ix, message)
            return
        WebhookClient(url).send(
            text=message.text,
            blocks=message.blocks,
            response_type="ephemeral",
            replace_original=True,
        )

    def render(self, ix: Interaction, exc: UserError) -> str:
        """Render a UserError; a stale reference, however a use case said it, reads one way."""
        if isinstance(exc, StaleReference) or exc.key in STALE_KEYS:
            return StaleReference().render(self.language(ix))
        return exc.render(self.language(ix))

    def run(self, ix: Interaction, work: Callable[[], T], *, once: bool = False) -> T | None:
        """Run a button's or shortcut's work under the one error policy; None if it failed.

        ``UserError`` (a stale reference included) → a private answer in the person's
        language; a retried delivery → nothing; anything else → logged with its
        traceback, and the internal-error answer. ``once`` claims the delivery first,
        for work that writes nothing to claim it with (opening a modal, sending a file).
        """
        try:
            if once and not claim_once(self.services, ix.key, ix.kind):
                raise AlreadyProcessed(ix.key)
            return work()
        except AlreadyProcessed:
            log.info("%s %s by %s already processed", ix.kind, ix.action_id, ix.user_id)
        except UserError as exc:
            self.answer(ix, self.render(ix, exc))
        except Exception:
            log.exception("%s %s by %s failed", ix.kind, ix.action_id or ix.callback_id, ix.user_id)
            self.answer(ix, t("error.internal", self.language(ix)))
        return None

    def submit(
        self,
        ix: Interaction,
        ack: Ack,
        work: Callable[[], T],
        block_of: Callable[[UserError], str],
        done: Callable[[T], dict[str, Any]] | None = None,
    ) -> T | None:
        """Run a modal's submission; errors go back as ``response_action: errors`` on a block.

        The modal closes (a plain ack) only when the work succeeded or was done before;
        ``done`` turns a result into the ack's arguments (``response_action: update``).
        """
        try:
            result = work()
        except AlreadyProcessed:
            ack()
            return None
        except UserError as exc:
            ack(
                response_action="errors",
                errors={_on_input(ix, block_of(exc)): self.render(ix, exc)},
            )
            return None
        except Exception:
            log.exception("submission of %s by %s failed", ix.callback_id, ix.user_id)
            text = t("error.internal", self.language(ix))
            block = _on_input(ix, block_of(UserError("error.internal")))
            ack(response_action="errors", errors={block: text})
            return None
        ack(**(done(result) if done is not None else {}))
        return result

    def after(self, ix: Interaction, work: Callable[[], object]) -> None:
        """Run Slack work that follows a committed write; a failure is answered, not raised."""
        self.run(ix, work)


def _on_input(ix: Interaction, block: str) -> str:
    """Return the block an error may name: Slack refuses errors on anything but an input.

    A modal built without the wanted block (one meeting, so no meeting picker) gets the
    error on its first input block instead.
    """
    if not ix.input_blocks or block in ix.input_blocks:
        return block
    return ix.input_blocks[0]


class TopicListeners:
    """Base of one topic's listener class: the app, the services, the router, the envelope."""

    def __init__(self, app: App, services: Services, router: Router) -> None:
        self.app = app
        self.services = services
        self.router = router
        self.settings = services.settings
        self.envelope = Envelope(services)
