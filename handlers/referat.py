"""Writing the referat on Slack: `referat skriv`, the modals, quick capture, Home."""

from __future__ import annotations

import json
import logging
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App

from bot.approval import PostResult
from bot.context import resolve
from bot.domain.permissions import Action
from bot.errors import UserError
from bot.i18n import t
from bot.referat import service
from bot.referat.buttons import OPEN_ACTION, write_button
from bot.referat.text import ABSENT, CAPTURE_PATTERN, CONFLICT, DECISION, DISCUSSION
from bot.referat.views import (
    ATTEND_ACTION,
    ATTEND_VIEW,
    FILL_ACTION,
    ITEM_ACTION,
    ITEM_VIEW,
    SEND_ACTION,
    attendance_modal,
    item_modal,
    open_prompt,
    overview_modal,
)
from bot.render import actions_block, section_block, slack_date
from bot.router import MessageEvent, Reply, Request, Router
from bot.services import Services
from bot.usecases import referat as usecase
from handlers.interactions import Envelope, Interaction, as_int
from handlers.listeners import language_of, tell

log = logging.getLogger(__name__)

#: Before the objection (15) and afbud forms: "beslutning 5: …" is unambiguous.
CAPTURE_PRIORITY = 12
CAPTURED_EMOJI = "memo"
WRITE_WORDS = ("referat skriv", "skriv referat", "minutes write", "write minutes")


def _value(body: dict[str, Any]) -> str:
    return str(((body.get("actions") or [{}])[0]).get("value") or "")


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def _meta(body: dict[str, Any]) -> dict[str, Any]:
    try:
        meta = json.loads((body.get("view") or {}).get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    return meta if isinstance(meta, dict) else {}


def _state(body: dict[str, Any]) -> dict[str, Any]:
    return dict(((body.get("view") or {}).get("state") or {}).get("values") or {})


def _text(values: dict[str, Any], block_id: str) -> str:
    return str(((values.get(block_id) or {}).get("value") or {}).get("value") or "")


def _chosen(values: dict[str, Any], block_id: str) -> list[int]:
    element = (values.get(block_id) or {}).get("value") or {}
    options = element.get("selected_options") or []
    return [int(o["value"]) for o in options if str(o.get("value", "")).isdigit()]


def posted_text(result: PostResult, lang: str) -> str:
    """Return the answer after sending: version, date and deadline."""
    return t(
        "referat.sent",
        lang,
        date=result.meeting_label,
        version=result.version,
        deadline=slack_date(result.deadline, result.tz),
    )


class ReferatListeners:
    """Bolt listeners and router handlers of writing the referat, one method per surface."""

    def __init__(self, app: App, services: Services) -> None:
        self.app = app
        self.services = services
        self.envelope = Envelope(services)

    def register(self, router: Router) -> None:
        """Register the command, the capture form, the listeners, buttons, modals and Home."""
        router.command("write_minutes", WRITE_WORDS, self.on_write)
        router.pattern(CAPTURE_PATTERN, self.on_capture, priority=CAPTURE_PRIORITY)
        router.on_message(self.on_message_change)
        router.home_section(self.home_section, order=45)
        self.app.action(OPEN_ACTION)(self.open_pressed)
        self.app.action(ITEM_ACTION)(self.item_pressed)
        self.app.action(ATTEND_ACTION)(self.attendance_pressed)
        self.app.action(SEND_ACTION)(self.send_pressed)
        self.app.action(FILL_ACTION)(self.fill_pressed)
        self.app.view(ITEM_VIEW)(self.item_submitted)
        self.app.view(ATTEND_VIEW)(self.attendance_submitted)

    # ------------------------------------------------------------------ command and capture

    def on_write(self, services: Services, request: Request, args: str) -> Reply | None:
        """Open the overview of the referat (`/referent referat skriv [dato]`)."""
        now = services.now()
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            group = ctx.require_group()
            ctx.require(Action.POST_MINUTES)
            meeting = service.meeting_for_writing(session, group, args or None, now)
            sheet = service.sheet(session, meeting, group, now)
        if request.trigger_id:
            self.app.client.views_open(trigger_id=request.trigger_id, view=overview_modal(sheet))
            return None
        return Reply(open_prompt(sheet.meeting_id, sheet.date_label, ctx.lang), ephemeral=True)

    def on_capture(self, services: Services, request: Request, args: str) -> Reply | None:
        """Add "beslutning 5: …" written in the meeting's thread to item 5."""
        if request.in_dm or not request.ts:
            raise UserError("referat.capture_where")
        now = services.now()
        with services.uow() as session:
            request.claim(session, now)
            group = resolve(session, services.settings, request).require_group()
            service.capture(
                session,
                services,
                group=group,
                user_id=request.user_id,
                channel=request.channel_id,
                thread_ts=request.thread_ts,
                ts=request.ts,
                text=args,
                now=now,
            )
        self._react(request.channel_id, request.ts, add=True)
        return None

    def on_message_change(self, services: Services, event: MessageEvent) -> bool:
        """Follow an edit or deletion of a captured message (also Slack's tombstone edit)."""
        if event.subtype not in ("message_changed", "message_deleted"):
            return False
        if not usecase.is_captured(services, event.channel_id, event.ts):
            return self._capture_edited_mention(services, event)
        try:
            found = usecase.follow_change(
                services,
                event.event_key,
                channel=event.channel_id,
                ts=event.ts,
                text=None if event.subtype == "message_deleted" else event.text,
            )
        except UserError as exc:
            # The referat is approved (or the meeting cancelled): the edit stays in Slack only.
            if event.user_id:
                tell(
                    services,
                    event.user_id,
                    event.channel_id,
                    exc.render(language_of(services, event.user_id)),
                )
            return True
        if found is None:
            return False
        if event.subtype == "message_changed" and not found.field:
            self._react(event.channel_id, event.ts, add=False)
        return True

    def _capture_edited_mention(self, services: Services, event: MessageEvent) -> bool:
        """Take a mention edited into a capture ("beslutning 12: …" corrected to "2: …").

        Slack sends no new app_mention for an edit, so a refused line that its writer
        corrects by editing arrives here.
        """
        from bot.referat.text import parse_capture
        from handlers.messages import mentions_bot

        if event.subtype != "message_changed" or not event.user_id or not event.thread_ts:
            return False
        if not mentions_bot(event.text, services.directory.bot_user_id()):
            return False
        if parse_capture(event.text) is None:
            return False
        request = Request(
            channel_id=event.channel_id,
            user_id=event.user_id,
            text=event.text,
            source="mention",
            ts=event.ts,
            thread_ts=event.thread_ts,
            event_key=f"referat:{event.event_key}" if event.event_key else None,
        )
        try:
            self.on_capture(services, request, event.text)
        except UserError as exc:
            lang = language_of(services, event.user_id)
            tell(services, event.user_id, event.channel_id, exc.render(lang))
        return True

    def _react(self, channel: str, ts: str, *, add: bool) -> None:
        try:
            if add:
                self.app.client.reactions_add(channel=channel, timestamp=ts, name=CAPTURED_EMOJI)
            else:
                self.app.client.reactions_remove(channel=channel, timestamp=ts, name=CAPTURED_EMOJI)
        except Exception:
            # The line is saved either way; the reaction only confirms it.
            log.warning("referat: could not %s the reaction", "add" if add else "remove")

    # ------------------------------------------------------------------ buttons

    def open_pressed(self, ack: Ack, body: dict[str, Any]) -> None:
        """Open the overview from the meeting notice, Home or the prompt."""
        ack()
        user, value = _user(body), _value(body)

        def work() -> None:
            sheet = self._sheet(int(value) if value.isdigit() else 0, user)
            self.app.client.views_open(
                trigger_id=body.get("trigger_id"), view=overview_modal(sheet)
            )

        self.envelope.run(Interaction.parse(body), work, once=True)

    def item_pressed(self, ack: Ack, body: dict[str, Any]) -> None:
        """Push the modal of one item over the overview."""
        ack()
        user = _user(body)
        head, _, tail = _value(body).partition(":")

        def work() -> None:
            if not (head.isdigit() and tail.isdigit()):
                raise UserError("referat.gone")
            sheet = self._sheet(int(head), user)
            state = next((s for s in sheet.items if s.item_id == int(tail)), None)
            if state is None:
                raise UserError("referat.gone")
            self.app.client.views_push(
                trigger_id=body.get("trigger_id"), view=item_modal(sheet, state)
            )

        self.envelope.run(Interaction.parse(body), work, once=True)

    def attendance_pressed(self, ack: Ack, body: dict[str, Any]) -> None:
        """Push the attendance modal over the overview."""
        ack()
        user, value = _user(body), _value(body)

        def work() -> None:
            sheet = self._sheet(int(value) if value.isdigit() else 0, user)
            self.app.client.views_push(
                trigger_id=body.get("trigger_id"), view=attendance_modal(sheet)
            )

        self.envelope.run(Interaction.parse(body), work, once=True)

    def fill_pressed(self, ack: Ack, body: dict[str, Any]) -> None:
        """Fill the decision from the indstilling, in the groups' wording, keeping the rest."""
        ack()
        from bot.referat.text import decision_from_recommendation

        user, meta, values = _user(body), _meta(body), _state(body)
        view = body.get("view") or {}

        def work() -> None:
            sheet = self._sheet(int(meta.get("m") or 0), user)
            state = next((s for s in sheet.items if s.item_id == int(meta.get("i") or 0)), None)
            if state is None:
                raise UserError("referat.gone")
            filled = decision_from_recommendation(state.recommendation, state.kind)
            counter = int(meta.get("n") or 0)
            typed = _text(values, f"{DECISION}{counter or ''}").strip()
            lines = [typed] if typed else []
            lines += [f"- {line}" for line in filled.split("\n") if line]
            updated = item_modal(
                sheet,
                state,
                decision_text="\n".join(lines),
                discussion_text=_text(values, DISCUSSION),
                counter=counter + 1,
                seen=meta.get("seen"),
            )
            self.app.client.views_update(
                view_id=view.get("id"), hash=view.get("hash"), view=updated
            )

        self.envelope.run(Interaction.parse(body), work, once=True)

    def send_pressed(self, ack: Ack, body: dict[str, Any]) -> None:
        """Generate the DOCX and PDF and start the approval round."""
        ack()
        user, value = _user(body), _value(body)
        view = body.get("view") or {}

        def work() -> None:
            now = self.services.now()
            with self.services.uow() as session:
                meeting_id = int(value) if value.isdigit() else 0
                result = service.send_for_approval(
                    session, self.services, meeting_id=meeting_id, user_id=user, now=now
                )
                meeting, group = service.meeting_and_group(session, meeting_id)
                channel, lang = group.channel_id, group.language
                sheet = service.sheet(session, meeting, group, now)
            if view.get("id"):
                self.app.client.views_update(view_id=view["id"], view=overview_modal(sheet))
            tell(self.services, user, channel, posted_text(result, lang))

        self.envelope.run(Interaction.parse(body), work, once=True)

    def _sheet(self, meeting_id: int, user: str) -> service.Sheet:
        return usecase.sheet_for(self.services, meeting_id, user)

    # ------------------------------------------------------------------ modals

    def item_submitted(self, ack: Ack, body: dict[str, Any]) -> None:
        """Save an item; a field changed by someone else meanwhile is refused on its block."""
        ix = Interaction.parse(body)
        counter = as_int(ix.metadata.get("n")) or 0
        decision_block = f"{DECISION}{counter or ''}"
        meeting_id = ix.meta_int("m") or 0
        entry = service.ItemInput(
            item_id=ix.meta_int("i") or 0,
            discussion=ix.text(DISCUSSION),
            decisions=ix.text(decision_block),
            absent=_chosen(ix.values, ABSENT),
            conflict=_chosen(ix.values, CONFLICT),
            seen=dict(ix.metadata.get("seen") or {}),
        )
        lang = self.envelope.language(ix)

        def done(saved: service.Saved) -> dict[str, Any]:
            if not saved.refused:
                return {}
            return {"response_action": "errors", "errors": self._refusals(saved, counter, lang)}

        saved = self.envelope.submit(
            ix,
            ack,
            lambda: usecase.save_item(self.services, ix.request(), meeting_id, entry),
            lambda _: decision_block,
            done,
        )
        if saved is not None:
            self._refresh_overview(body, meeting_id, ix.user_id)

    def _refusals(self, saved: service.Saved, counter: int, lang: str) -> dict[str, str]:
        errors: dict[str, str] = {}
        for name, mark in saved.refused.items():
            block = f"{DECISION}{counter or ''}" if name == DECISION else name
            errors[block] = t(
                "referat.refused",
                lang,
                field=t(f"referat.field.{name}", lang, number=saved.number),
                who=mark.who,
                time=mark.at.astimezone(ZoneInfo(saved.tz)).strftime("%H:%M"),
            )
        return errors

    def attendance_submitted(self, ack: Ack, body: dict[str, Any]) -> None:
        """Record who came and the guests."""
        ix = Interaction.parse(body)
        meeting_id = ix.meta_int("m") or 0

        def work() -> int:
            attended = set(_chosen(ix.values, "came"))
            guests = ix.text("guests")
            return usecase.save_attendance(
                self.services, ix.request(), meeting_id, attended, guests
            )

        if self.envelope.submit(ix, ack, work, lambda _: "guests") is not None:
            self._refresh_overview(body, meeting_id, ix.user_id)

    def _refresh_overview(self, body: dict[str, Any], meeting_id: int, user: str) -> None:
        previous = (body.get("view") or {}).get("previous_view_id")
        if not previous:
            return
        try:
            sheet = self._sheet(meeting_id, user)
            self.app.client.views_update(view_id=previous, view=overview_modal(sheet))
        except Exception:
            log.warning("referat: could not refresh the overview", exc_info=True)

    # ------------------------------------------------------------------ Home

    def home_section(self, services: Services, user_id: str) -> list[dict[str, Any]]:
        """Offer "Skriv referat" for the last meeting held in each group the person runs."""
        blocks: list[dict[str, Any]] = []
        for offer in usecase.write_offers(services, user_id):
            text = t("referat.prompt", offer.lang, date=offer.label) + f" ({offer.group_name})"
            blocks.append(section_block(text))
            blocks.append(actions_block([write_button(offer.meeting_id, offer.lang)]))
        return blocks


def register(app: App, services: Services, router: Router) -> None:
    """Register writing the referat."""
    ReferatListeners(app, services).register(router)


__all__ = ["ReferatListeners", "register"]
