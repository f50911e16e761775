"""A demo session: the real bot over HTTP against the built-in fake Slack, in a temp dir."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.app import Bot, build_bot
from bot.demo.fakeslack import FakeSlack, SlackDriver
from bot.demo.samples import SECRETARIAT
from bot.ports import FixedClock
from bot.settings import load_settings
from handlers.http import SlackHTTPServer

BOT_TOKEN = "xoxb-demo-token"
CHANNEL = "C0VESTKYST"
CPH = ZoneInfo("Europe/Copenhagen")


@dataclass(frozen=True)
class Persona:
    """A fictional member of the demo group."""

    key: str
    slack_id: str
    name: str
    title: str
    organisation: str
    role: str


PEOPLE: tuple[Persona, ...] = (
    Persona("lars", "U0LARS", "Lars Bundgaard", "Chefkonsulent", SECRETARIAT, "secretary"),
    Persona("hanne", "U0HANNE", "Hanne Kjærgaard", "Direktør, formand", "Havnby Kommune", "chair"),
    Persona("jens", "U0JENS", "Jens Ulrik Thomsen", "Socialdirektør", "Klitrup Kommune", "member"),
    Persona("mette", "U0METTE", "Mette Lykke Brandt", "Centerchef", "Engholm Kommune", "member"),
    Persona(
        "soeren", "U0SOREN", "Søren Vestergaard Holm", "Socialchef", "Sønderlev Kommune", "member"
    ),
    Persona("birgitte", "U0BIRGIT", "Birgitte Aagaard", "Socialchef", "Region Vestkyst", "member"),
)


@dataclass
class Output:
    """One thing the bot did that a person would see."""

    kind: str  # "message" | "ephemeral" | "response" | "view" | "dm" | "file"
    channel: str | None
    user: str | None
    text: str
    blocks: list[dict[str, Any]] | None = None
    ts: str | None = None
    thread_ts: str | None = None
    view: dict[str, Any] | None = None


@dataclass
class DemoSession:
    """Drive the bot as the group's members would, and collect what it shows them."""

    bot: Bot
    fake: FakeSlack
    driver: SlackDriver
    clock: FixedClock
    people: dict[str, Persona]
    _seen_calls: int = 0
    last_ts: dict[str, str] = field(default_factory=dict)

    def person(self, key: str) -> Persona:
        """Return a persona by key (sara, jens, anne, …)."""
        return self.people[key]

    def settle(self, quiet: float = 0.25, timeout: float = 10.0) -> None:
        """Wait until the fake Slack has seen no new call for a short while."""
        self.fake.settle(quiet, timeout)

    def outputs(self) -> list[Output]:
        """Return what the bot showed since the last call (messages, ephemerals, views)."""
        self.settle()
        calls = self.fake.calls()
        fresh = calls[self._seen_calls :]
        self._seen_calls = len(calls)
        shown: list[Output] = []
        for call in fresh:
            params = call.params
            response = call.response or {}
            if call.faulted or not response.get("ok", call.method == "response_url"):
                continue
            if call.method in ("chat.postMessage", "chat.update"):
                channel = str(response.get("channel") or params.get("channel") or "")
                kind = "dm" if channel.startswith("D") else "message"
                if call.method == "chat.update":
                    kind = "update"
                shown.append(
                    Output(
                        kind=kind,
                        channel=channel,
                        user=None,
                        text=str(params.get("text") or ""),
                        blocks=_blocks(params.get("blocks")),
                        ts=str(response.get("ts") or params.get("ts") or ""),
                        thread_ts=params.get("thread_ts"),
                    )
                )
            elif call.method == "chat.postEphemeral":
                shown.append(
                    Output(
                        kind="ephemeral",
                        channel=str(params.get("channel") or ""),
                        user=str(params.get("user") or ""),
                        text=str(params.get("text") or ""),
                        blocks=_blocks(params.get("blocks")),
                    )
                )
            elif call.method == "response_url":
                body = params
                shown.append(
                    Output(
                        kind="response",
                        channel=None,
                        user=None,
                        text=str(body.get("text") or ""),
                        blocks=_blocks(body.get("blocks")),
                    )
                )
            elif call.method in ("views.open", "views.publish", "views.update", "views.push"):
                view = params.get("view")
                if isinstance(view, str):
                    import json

                    view = json.loads(view)
                shown.append(
                    Output(
                        kind="view",
                        channel=None,
                        user=str(params.get("user_id") or ""),
                        text="",
                        view=view if isinstance(view, dict) else None,
                    )
                )
            elif call.method == "files.completeUploadExternal":
                shown.append(
                    Output(
                        kind="file",
                        channel=str(params.get("channel_id") or ""),
                        user=None,
                        text=str(params.get("files") or ""),
                    )
                )
        return shown

    # What people do

    def say(
        self, who: str, text: str, *, thread_ts: str | None = None, files: list[Any] | None = None
    ) -> str:
        """Post a message in the group channel as a person (mentions reach the bot)."""
        user = self.person(who).slack_id
        if "<@UBOT>" in text or "@referent" in text:
            text = text.replace("@referent", "<@UBOT>")
            response = self.driver.mention(user, CHANNEL, text, thread_ts=thread_ts, files=files)
        else:
            response = self.driver.message(user, CHANNEL, text, thread_ts=thread_ts, files=files)
        ts = str(response.ts or "")
        self.last_ts[who] = ts
        return ts

    def dm(self, who: str, text: str) -> str:
        """Send the bot a direct message as a person."""
        user = self.person(who).slack_id
        response = self.driver.message(user, self.fake.im_channel(user), text)
        return str(response.ts or "")

    def command(self, who: str, text: str) -> None:
        """Run `/referent …` in the group channel as a person."""
        self.driver.command(self.person(who).slack_id, text, channel=CHANNEL)

    def react(self, who: str, ts: str, emoji: str, *, channel: str = CHANNEL) -> None:
        """Add a reaction to a message as a person."""
        self.driver.reaction_added(self.person(who).slack_id, channel, ts, emoji)

    def click(
        self,
        who: str,
        action_id: str,
        value: str | None = None,
        *,
        message_ts: str | None = None,
        channel: str = CHANNEL,
    ) -> Any:
        """Press a button as a person."""
        return self.driver.block_action(
            self.person(who).slack_id, action_id, value, channel=channel, message_ts=message_ts
        )

    def submit(
        self, who: str, callback_id: str, values: dict[str, Any], *, private_metadata: str = ""
    ) -> Any:
        """Submit a modal as a person."""
        return self.driver.view_submission(
            self.person(who).slack_id, callback_id, values, private_metadata=private_metadata
        )

    def shortcut(self, who: str, callback_id: str, message_ts: str) -> Any:
        """Use a message shortcut on a message in the group channel."""
        message = self.fake.message(CHANNEL, message_ts) or {"ts": message_ts, "text": ""}
        return self.driver.message_shortcut(
            self.person(who).slack_id, callback_id, CHANNEL, message
        )

    def upload(self, who: str, name: str, content: bytes, comment: str) -> str:
        """Share a file in the group channel with a comment to the bot."""
        user = self.person(who).slack_id
        file_id = f"F{secrets.token_hex(4).upper()}"
        file = self.fake.add_file(file_id, name, content, "text/plain", user=user, channel=CHANNEL)
        return self.say(who, comment, files=[file])

    def advance(self, to: datetime) -> Any:
        """Move the clock to a time and run the scheduler tick."""
        self.clock.set(to)
        report = self.bot.tick(to)
        return report

    def advance_by(self, delta: timedelta) -> Any:
        """Move the clock forward and run the tick."""
        return self.advance(self.clock.now() + delta)

    def latest_bot_message(
        self, predicate: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any] | None:
        """Return the newest bot message in the group channel that matches."""
        for message in reversed(self.fake.bot_messages(CHANNEL)):
            if predicate(message):
                return message
        for message in reversed(self.fake.bot_messages()):
            if predicate(message):
                return message
        return None


def _blocks(value: Any) -> list[dict[str, Any]] | None:
    if isinstance(value, str):
        import json

        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, list) else None


@contextmanager
def demo_session(
    start: datetime, lang: str = "da", workdir: Path | None = None
) -> Iterator[DemoSession]:
    """Start the fake Slack and the bot on an SQLite file in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="referent-demo-") as tmp:
        base = workdir or Path(tmp)
        clock = FixedClock(start)
        fake = FakeSlack(
            tokens={BOT_TOKEN}, team_name="Vestkysten", clock=lambda: clock.now().timestamp()
        )
        fake.start()
        server: SlackHTTPServer | None = None
        try:
            secret = secrets.token_hex(16)
            settings = load_settings(
                {
                    "SLACK_BOT_TOKEN": BOT_TOKEN,
                    "SLACK_SIGNING_SECRET": secret,
                    "SLACK_API_URL": fake.base_url,
                    "DATABASE_URL": f"sqlite:///{base / 'referent-demo.db'}",
                    "REFERENT_LANGUAGE": lang,
                }
            )
            client = WebClient(token=BOT_TOKEN, base_url=fake.base_url)
            bot = build_bot(settings, clock=clock, client=client)
            server = SlackHTTPServer(bot.app, host="127.0.0.1", port=0)
            server.start()
            driver = SlackDriver(server.url, secret, fake)
            for persona in PEOPLE:
                fake.add_user(
                    persona.slack_id,
                    persona.key,
                    persona.name,
                    title=persona.title,
                    locale="da-DK" if lang == "da" else "en-GB",
                )
            fake.add_channel(
                CHANNEL, "styregruppe-vestkysten", members=[p.slack_id for p in PEOPLE]
            )
            yield DemoSession(
                bot=bot,
                fake=fake,
                driver=driver,
                clock=clock,
                people={p.key: p for p in PEOPLE},
            )
        finally:
            if server is not None:
                server.stop()
            fake.stop()
