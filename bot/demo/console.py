"""The interactive demo console: type as a member and see what the bot answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.demo.script import START, Demo, Transcript, buttons_of
from bot.demo.session import CHANNEL, CPH, demo_session
from bot.i18n import t

EMOJI = {"✅": "white_check_mark", "✔️": "heavy_check_mark", "👍": "+1", "❌": "x"}
DURATION = re.compile(r"^\+(\d+)([mhdw])$")


def parse_tick(argument: str, now: datetime) -> datetime | None:
    """Read `+7d`, `+2h`, `+30m`, `+1w` or an ISO time for `/tick`."""
    match = DURATION.match(argument.strip())
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        delta = {
            "m": timedelta(minutes=amount),
            "h": timedelta(hours=amount),
            "d": timedelta(days=amount),
            "w": timedelta(weeks=amount),
        }[unit]
        return now + delta
    try:
        at = datetime.fromisoformat(argument.strip())
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=CPH)


class Console:
    """Read console lines and act them out in a demo session."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.current = "jens"

    def handle(self, line: str) -> bool:
        """Act on one line; return False when the user quits."""
        line = line.strip()
        if not line:
            return True
        demo, lang = self.demo, self.demo.lang
        if line in ("/quit", "/exit", "/q"):
            return False
        if line == "/people":
            for persona in demo.session.people.values():
                role = t(f"demo.role.{persona.role}", lang)
                demo.transcript.add(f"  {persona.key:10} {persona.name} ({role})")
            return True
        if line.startswith("/as "):
            who, _, rest = line[4:].strip().partition(" ")
            if who not in demo.session.people:
                people = ", ".join(demo.session.people)
                demo.transcript.add(t("demo.console.unknown_person", lang, who=who, people=people))
                return True
            self.current = who
            if rest.strip():
                return self.handle(rest)
            demo.transcript.add(t("demo.console.as", lang, name=demo.session.person(who).name))
            return True
        if line.startswith("/referent"):
            demo.command(self.current, line[len("/referent") :].strip())
            return True
        if line.startswith("/react"):
            emoji = line[len("/react") :].strip() or "✅"
            name = EMOJI.get(emoji, emoji.strip(":"))
            latest = demo.session.latest_bot_message(lambda m: m.get("channel", CHANNEL) == CHANNEL)
            if latest is None:
                demo.transcript.add(t("demo.console.no_message", lang))
                return True
            demo.react(self.current, str(latest["ts"]), name)
            return True
        if line.startswith("/tick"):
            at = parse_tick(line[len("/tick") :], demo.session.clock.now())
            if at is None:
                demo.transcript.add(t("demo.console.bad_tick", lang))
                return True
            demo.tick(at)
            return True
        if line.startswith("/click"):
            label = line[len("/click") :].strip().strip("[]").casefold()
            for message in reversed(demo.session.fake.bot_messages()):
                for button in buttons_of(message):
                    if str(button.get("text", {}).get("text", "")).casefold() == label:
                        demo.click(
                            self.current,
                            str(button.get("action_id")),
                            button.get("value"),
                            str(button["text"]["text"]),
                            message_ts=str(message["ts"]),
                            channel=str(message.get("channel") or CHANNEL),
                        )
                        return True
            demo.transcript.add(t("demo.console.no_message", lang))
            return True
        if line.startswith("/dm "):
            demo.session.dm(self.current, line[4:])
            demo.show()
            return True
        if line.startswith("/") and not line.startswith("/referent"):
            demo.transcript.add(t("demo.console.unknown_command", lang))
            return True
        demo.say(self.current, line)
        return True


def run_console(
    lang: str = "da", read: Callable[[str], str] = input, write: Callable[[str], None] = print
) -> None:
    """Run the console until the user quits (or input ends)."""
    transcript = Transcript(write=write)
    with demo_session(START, lang=lang) as session:
        demo = Demo(session=session, lang=lang, transcript=transcript)
        demo.transcript.add(t("demo.title", lang))
        demo.transcript.add(t("demo.console.intro", lang))
        demo.command(
            "lars",
            f"{'setup' if lang == 'en' else 'opsæt'} Styregruppen for Rammeaftale Vestkysten",
        )
        demo.command(
            "lars",
            f"{'role' if lang == 'en' else 'rolle'} <@U0HANNE> {'chair' if lang == 'en' else 'formand'}",
        )
        from bot.demo.samples import sample_files

        demo.upload("lars", sample_files(), f"@referent {'import' if lang == 'en' else 'importer'}")
        demo.command(
            "lars",
            f"{'meeting' if lang == 'en' else 'møde'} fredag den 27. marts kl. 9-12 Havnby Rådhus",
        )
        console = Console(demo)
        while True:
            try:
                line = read(f"{session.person(console.current).key}> ")
            except EOFError:
                break
            if not console.handle(line):
                break
