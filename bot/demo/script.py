"""The scripted demo: a whole meeting cycle of a fictional group, as a readable transcript."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.demo.render_text import blocks_to_text, view_to_text
from bot.demo.samples import GROUP_NAME, sample_files
from bot.demo.session import CHANNEL, CPH, DemoSession, Output, demo_session
from bot.i18n import t

START = datetime(2026, 3, 2, 9, 0, tzinfo=CPH)
MEETING_DAY = "27/3"
MEETING = datetime(2026, 3, 27, 9, 0, tzinfo=CPH)

Write = Callable[[str], None]


@dataclass
class Transcript:
    """The demo's transcript and the steps it went through."""

    lines: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    write: Write | None = None

    def add(self, line: str = "") -> None:
        """Append a line (and print it when a writer is set)."""
        self.lines.append(line)
        if self.write is not None:
            self.write(line)

    @property
    def text(self) -> str:
        """Return the whole transcript."""
        return "\n".join(self.lines)


@dataclass
class Demo:
    """Play the cycle through a session, writing what people do and what the bot answers."""

    session: DemoSession
    lang: str
    transcript: Transcript
    semantic: bool | None = None

    # Narration

    def step(self, key: str) -> None:
        """Start a numbered step."""
        self.transcript.steps.append(key)
        number = len(self.transcript.steps)
        self.transcript.add("")
        title = f"{number}. {t(f'demo.step.{key}', self.lang)}"
        self.transcript.add(title)
        self.transcript.add("─" * min(72, len(title)))

    def _name(self, who: str) -> str:
        return self.session.person(who).name

    def _actor(self, who: str) -> str:
        persona = self.session.person(who)
        role = t(f"demo.role.{persona.role}", self.lang)
        return t("demo.says", self.lang, name=persona.name, role=role)

    def names(self) -> dict[str, str]:
        """Return Slack ids mapped to names, for rendering mentions."""
        names = {p.slack_id: p.name for p in self.session.people.values()}
        names["UBOT"] = "referent"
        return names

    def show(self) -> list[Output]:
        """Write what the bot showed since the last step."""
        outputs = self.session.outputs()
        by_channel = {
            self.session.fake.im_channel(p.slack_id): p.name for p in self.session.people.values()
        }
        by_user = {p.slack_id: p.name for p in self.session.people.values()}
        for output in outputs:
            if output.kind == "view":
                if output.view is None or output.view.get("type") == "home":
                    continue
                heading = t("demo.bot.view", self.lang)
                body = view_to_text(output.view, self.names())
            elif output.kind == "file":
                heading = t("demo.bot.file", self.lang)
                body = ""
            else:
                if output.kind == "dm":
                    heading = t(
                        "demo.bot.dm", self.lang, name=by_channel.get(output.channel or "", "?")
                    )
                elif output.kind == "ephemeral":
                    heading = t(
                        "demo.bot.ephemeral", self.lang, name=by_user.get(output.user or "", "?")
                    )
                elif output.kind == "response":
                    heading = t("demo.bot.ephemeral", self.lang, name=self._last_actor)
                elif output.kind == "update":
                    heading = t("demo.bot.update", self.lang)
                elif output.thread_ts:
                    heading = t("demo.bot.thread", self.lang)
                else:
                    heading = t("demo.bot.channel", self.lang)
                body = blocks_to_text(output.blocks, output.text, self.names())
                if output.ts:
                    before = self._rendered.get(output.ts)
                    self._rendered[output.ts] = body.splitlines()
                    if output.kind == "update" and before is not None:
                        # Show only what changed in an updated message (the live count).
                        changed = [line for line in body.splitlines() if line not in before]
                        body = "\n".join(changed) if changed else body.splitlines()[-1]
            self.transcript.add(f"  ◆ {heading}")
            for line in body.splitlines():
                self.transcript.add(f"    {line}" if line else "")
        return outputs

    _last_actor: str = ""
    _rendered: dict[str, list[str]] = field(default_factory=dict)

    # Actions

    def say(self, who: str, text: str, *, thread_ts: str | None = None) -> str:
        """A person writes in the channel."""
        self._last_actor = self._name(who)
        self.transcript.add(f"» {self._actor(who)} {text}")
        ts = self.session.say(who, text, thread_ts=thread_ts)
        self.show()
        return ts

    def command(self, who: str, text: str) -> None:
        """A person runs a slash command."""
        self._last_actor = self._name(who)
        self.transcript.add(f"» {self._actor(who)} /referent {text}")
        self.session.command(who, text)
        self.show()

    def react(self, who: str, ts: str, emoji: str) -> None:
        """A person reacts to a message."""
        self.transcript.add(f"» {t('demo.reacts', self.lang, name=self._name(who), emoji=emoji)}")
        self.session.react(who, ts, emoji)
        self.show()

    def tick(self, when: datetime) -> None:
        """Move the clock and run the timed work."""
        label = when.astimezone(CPH).strftime("%d.%m.%Y %H:%M")
        self.transcript.add(f"» {t('demo.tick', self.lang, when=label)}")
        self.session.advance(when)
        self.show()

    def upload(
        self, who: str, files: list[tuple[str, bytes]], comment: str, *, imports: bool = False
    ) -> str:
        """A person shares files with a comment (``imports``: wait until each is imported)."""
        self._last_actor = self._name(who)
        names = ", ".join(name for name, _ in files)
        self.transcript.add(
            f"» {t('demo.uploads', self.lang, name=self._name(who), files=names)}: {comment}"
        )
        shared = []
        for index, (name, content) in enumerate(files):
            file_id = f"FDEMO{len(self.transcript.lines)}{index}"
            shared.append(
                self.session.fake.add_file(
                    file_id,
                    name,
                    content,
                    "text/plain",
                    user=self.session.person(who).slack_id,
                    channel=CHANNEL,
                )
            )
        ts = self.session.say(who, comment, files=shared)
        if imports:
            self._wait_for_imports(ts, [name for name, _ in files])
        self.show()
        return ts

    def _wait_for_imports(self, ts: str, names: list[str], timeout: float = 180.0) -> None:
        """Wait until the bot has told in the thread how each shared file was imported.

        Imports run in the background; with the semantic extra each item is also
        embedded, which can outlast the short quiet spell that ends other steps.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            replies = self.session.fake.bot_messages(CHANNEL, thread_ts=ts)[1:]
            if all(any(name in str(m.get("text", "")) for m in replies) for name in names):
                return
            time.sleep(0.1)

    def click(
        self,
        who: str,
        action_id: str,
        value: str | None,
        label: str,
        *,
        message_ts: str | None = None,
        channel: str = CHANNEL,
    ) -> Any:
        """A person presses a button."""
        self._last_actor = self._name(who)
        self.transcript.add(f"» {t('demo.clicks', self.lang, name=self._name(who), label=label)}")
        response = self.session.click(who, action_id, value, message_ts=message_ts, channel=channel)
        self.show()
        return response

    def click_in_view(self, who: str, callback_id: str, action_id: str) -> Any:
        """A person presses a button in the latest modal the bot opened for them."""
        user = self.session.person(who).slack_id
        views = [
            v
            for v in self.session.fake.views(user=user)
            if (v.get("view") or {}).get("callback_id") == callback_id
        ]
        view = self.session.fake.view(str(views[-1]["view_id"])) or {}
        button = next(
            element
            for block in view.get("blocks", [])
            for element in [block.get("accessory"), *(block.get("elements") or [])]
            if isinstance(element, dict) and element.get("action_id") == action_id
        )
        self._last_actor = self._name(who)
        label = str((button.get("text") or {}).get("text") or action_id)
        self.transcript.add(f"» {t('demo.clicks', self.lang, name=self._name(who), label=label)}")
        response = self.session.driver.block_action(
            user, action_id, str(button.get("value") or ""), view=str(view.get("id"))
        )
        # The button's work (a document, a round) takes a moment before Slack hears of it.
        self.session.settle(quiet=1.5)
        self.show()
        return response

    def shortcut(self, who: str, callback_id: str, label: str, message_ts: str) -> None:
        """A person uses a message shortcut."""
        self._last_actor = self._name(who)
        self.transcript.add(
            f"» {t('demo.shortcut', self.lang, name=self._name(who), shortcut=label)}"
        )
        self.session.shortcut(who, callback_id, message_ts)
        self.show()

    def submit_open_view(
        self, who: str, callback_id: str, overrides: dict[str, str] | None = None
    ) -> Any:
        """A person submits the form the bot opened for them, with its prefilled values."""
        self._last_actor = self._name(who)
        views = [
            v
            for v in self.session.fake.views(user=self.session.person(who).slack_id)
            if (v.get("view") or {}).get("callback_id") == callback_id
        ]
        view = views[-1]["view"]
        values = prefilled_values(view, overrides or {})
        self.transcript.add(f"» {t('demo.submits', self.lang, name=self._name(who))}")
        response = self.session.submit(
            who, callback_id, values, private_metadata=str(view.get("private_metadata") or "")
        )
        self.show()
        return response


def prefilled_values(view: dict[str, Any], overrides: dict[str, str]) -> dict[str, Any]:
    """Return a modal's state values as Slack would send them, from its initial values."""
    state: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        block_id = str(block.get("block_id"))
        element = block.get("element") or {}
        action_id = str(element.get("action_id") or "value")
        kind = element.get("type")
        value: dict[str, Any] = {"type": kind}
        if kind in ("plain_text_input", "url_text_input", "email_text_input", "number_input"):
            value["value"] = overrides.get(block_id, element.get("initial_value"))
        elif kind in ("static_select", "radio_buttons", "external_select"):
            value["selected_option"] = element.get("initial_option")
        elif kind == "datepicker":
            value["selected_date"] = overrides.get(block_id, element.get("initial_date"))
        elif kind == "timepicker":
            value["selected_time"] = overrides.get(block_id, element.get("initial_time"))
        elif kind == "users_select":
            value["selected_user"] = overrides.get(block_id, element.get("initial_user"))
        elif kind == "conversations_select":
            value["selected_conversation"] = element.get("initial_conversation")
        elif kind == "checkboxes":
            value["selected_options"] = element.get("initial_options") or []
        state[block_id] = {action_id: value}
    return state


def minutes_text(demo: Demo, decisions: dict[str, list[str]], *, version_note: str = "") -> bytes:
    """Write the meeting's minutes in the house layout from its published agenda."""
    from bot.agenda import assemble_agenda
    from bot.attendance import attendance_text
    from bot.meetings import meeting_by_date
    from storage.repositories import GroupRepo

    services = demo.session.bot.services
    with services.uow() as session:
        group = GroupRepo(session).by_channel(CHANNEL)
        assert group is not None
        meeting = meeting_by_date(session, group, MEETING.date())
        assert meeting is not None
        agenda = assemble_agenda(session, meeting, MEETING - timedelta(days=1))
        attendance = attendance_text(session, meeting, "da")
        lines = [
            GROUP_NAME,
            "Referat Styregruppemøde",
            "Dato: Fredag den 27. marts, 2026, kl. 9-12",
            f"Sted: {meeting.location or 'Havnby Rådhus'}",
            "",
            attendance,
        ]
        if version_note:
            lines += [version_note, ""]
        for entry in agenda.entries:
            lines.append(f"{entry.number}. {entry.title}")
            lines.append("Beslutning:")
            bullets = decisions.get(entry.title) or decisions.get(str(entry.number)) or []
            if not bullets:
                bullets = ["Styregruppen tog orienteringen til efterretning."]
            lines += [f"- {bullet}" for bullet in bullets]
            lines.append("")
    return "\n".join(lines).encode("utf-8")


#: What the demo meeting decided, by item title (the minutes are written from the agenda).
MINUTES_DECISIONS: dict[str, list[str]] = {
    "Godkendelse af dagsorden": ["Styregruppen godkendte dagsordenen."],
    "Fælles indkøb af hjælpemidler": [
        "Styregruppen godkendte, at Klitrup Kommune leder et fælles udbud af hjælpemidler.",
        "Klitrup Kommune udarbejder et udbudsmateriale til næste styregruppemøde.",
    ],
    "Ventelister til botilbud for voksne med autisme": [
        "Styregruppen drøftede ventelisterne og er enige om, at de skal nedbringes.",
        "Engholm Kommune udarbejder en analyse af ventelisterne til næste styregruppemøde.",
    ],
    "Opfølgning på standardkontrakterne": [
        "Sekretariatet udsender en vejledning om genforhandling af standardkontrakterne "
        "senest 1. maj 2026.",
    ],
}


def _item_numbers(demo: Demo) -> dict[str, str]:
    """Return the published agenda's item numbers by title."""
    from bot.agenda import assemble_agenda
    from bot.meetings import meeting_by_date
    from storage.repositories import GroupRepo

    with demo.session.bot.services.uow() as session:
        group = GroupRepo(session).by_channel(CHANNEL)
        assert group is not None
        meeting = meeting_by_date(session, group, MEETING.date())
        assert meeting is not None
        agenda = assemble_agenda(session, meeting, MEETING)
        return {entry.title: entry.number for entry in agenda.entries}


def _without_holiday_calendar(demo: Demo) -> None:
    """Keep the demo's approval week as scripted (its deadline falls on Langfredag 2026)."""
    from storage.repositories import GroupRepo

    with demo.session.bot.services.uow() as session:
        group = GroupRepo(session).by_channel(CHANNEL)
        if group is not None:
            group.holiday_calendar = "none"


def write_in_slack(demo: Demo) -> None:
    """The secretary writes decisions in the notice's thread, the chair a discussion note."""
    en = demo.lang == "en"
    notice = latest_ts(
        demo.session,
        lambda m: any(b.get("action_id") == "referat_open" for b in buttons_of(m)),
    )
    numbers = _item_numbers(demo)
    word = "decision" if en else "beslutning"
    for title, bullets in MINUTES_DECISIONS.items():
        if title not in numbers:
            continue  # the standing items are named in the group's language
        for bullet in bullets:
            demo.say("lars", f"@referent {word} {numbers[title]}: {bullet}", thread_ts=notice)
    waiting = numbers.get("Ventelister til botilbud for voksne med autisme", "6")
    demo.say(
        "hanne",
        f"@referent {'discussion' if en else 'drøftelse'} {waiting}: "
        + (
            "The group agreed that the waiting lists are too long."
            if en
            else "Styregruppen var enig i, at ventelisterne er for lange."
        ),
        thread_ts=notice,
    )
    demo.command("lars", f"{'minutes write' if en else 'referat skriv'} {MEETING_DAY}")


def buttons_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the buttons of a message (in actions blocks and as accessories)."""
    found: list[dict[str, Any]] = []
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if isinstance(element, dict) and element.get("type") == "button":
                found.append(element)
        accessory = block.get("accessory")
        if isinstance(accessory, dict) and accessory.get("type") == "button":
            found.append(accessory)
    return found


def _approval_request(session: DemoSession, newer_than: str = "0") -> str:
    """Wait for, and return the ts of, an approval request newer than a given one."""

    def is_request(message: dict[str, Any]) -> bool:
        return (
            message.get("channel", CHANNEL) == CHANNEL
            # A request with files in its thread is a thread parent (thread_ts == ts).
            and message.get("thread_ts") in (None, message.get("ts"))
            and float(str(message.get("ts") or 0)) > float(newer_than)
            and any(
                b.get("type") == "context" and "white_check_mark" in json.dumps(b)
                for b in message.get("blocks") or []
            )
        )

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = session.latest_bot_message(is_request)
        if found is not None:
            session.settle()
            return str(found["ts"])
        time.sleep(0.05)
    raise RuntimeError("the demo expected an approval request that did not come")


def latest_ts(session: DemoSession, predicate: Callable[[dict[str, Any]], bool]) -> str:
    """Return the ts of the newest bot message that matches."""
    found = session.latest_bot_message(predicate)
    if found is None:
        raise RuntimeError("the demo expected a message from the bot that did not come")
    return str(found["ts"])


def play(demo: Demo) -> None:
    """Play the whole cycle."""
    s = demo.session
    lang = demo.lang
    en = lang == "en"
    demo.transcript.add(t("demo.title", lang))
    demo.transcript.add(t("demo.intro", lang))
    if demo.semantic is not None:
        demo.transcript.add(t("demo.semantic_on" if demo.semantic else "demo.semantic_off", lang))
    demo.transcript.add(t("demo.clock", lang, when=START.strftime("%d.%m.%Y %H:%M")))

    demo.step("setup")
    demo.command("lars", f"{'setup' if en else 'opsæt'} {GROUP_NAME}")
    if en:
        demo.command("lars", "language en")
    demo.command(
        "lars",
        f"{'role' if en else 'rolle'} <@{s.person('hanne').slack_id}> {'chair' if en else 'formand'}",
    )
    _without_holiday_calendar(demo)

    demo.step("import")
    demo.upload("lars", sample_files(), f"@referent {'import' if en else 'importer'}", imports=True)

    demo.step("meeting")
    demo.command(
        "lars", f"{'meeting' if en else 'møde'} fredag den 27. marts kl. 9-12 Havnby Rådhus"
    )

    demo.step("propose")
    demo.say(
        "jens",
        "@referent punkt: Fælles indkøb af hjælpemidler (beslutning) indstilling: Styregruppen "
        "godkender, at Klitrup Kommune leder et fælles udbud.",
    )
    demo.step("shortcut")
    message_ts = demo.say(
        "mette",
        "Ventelisterne til botilbud for voksne med autisme er vokset igen – det bør vi drøfte "
        "på næste møde.",
    )
    demo.shortcut("birgitte", "propose_from_message", "Foreslå som punkt", message_ts)
    demo.submit_open_view(
        "birgitte", "proposal_modal", {"title": "Ventelister til botilbud for voksne med autisme"}
    )

    demo.step("late")
    demo.tick(datetime(2026, 3, 19, 10, 0, tzinfo=CPH))
    demo.say("soeren", "@referent punkt: Opfølgning på standardkontrakterne (drøftelse)")

    demo.step("curate")
    agenda_word = "agenda" if en else "dagsorden"
    accept_word = "accept" if en else "accepter"
    for _ in range(3):
        demo.command("hanne", f"{agenda_word} {accept_word} F1")
    demo.command("hanne", f"{agenda_word} {'publish' if en else 'udgiv'}")

    demo.step("afbud")
    demo.say("soeren", "@referent kan ikke komme 27/3 pga. sygdom")
    demo.say("birgitte", "@referent afbud 27/3, Ole Kragh deltager i stedet")

    demo.step("announce")
    demo.tick(datetime(2026, 3, 20, 9, 5, tzinfo=CPH))
    demo.tick(datetime(2026, 3, 25, 9, 5, tzinfo=CPH))

    demo.step("held")
    demo.tick(datetime(2026, 3, 27, 12, 30, tzinfo=CPH))

    demo.step("write")
    write_in_slack(demo)

    demo.step("minutes")
    decisions = MINUTES_DECISIONS
    minutes_word = "minutes" if en else "referat"
    demo.click_in_view("lars", "referat_overview", "referat_send")
    request_ts = _approval_request(s)

    demo.step("votes")
    demo.react("hanne", request_ts, "white_check_mark")
    demo.react("jens", request_ts, "+1::skin-tone-2")
    demo.say(
        "birgitte",
        "Indsigelse: Under punkt 6 skal det fremgå, at Region Vestkyst også deltager i "
        "analysen af ventelisterne.",
        thread_ts=request_ts,
    )

    demo.step("revision")
    revised = dict(decisions)
    revised["Ventelister til botilbud for voksne med autisme"] = [
        *decisions["Ventelister til botilbud for voksne med autisme"][:1],
        "Engholm Kommune og Region Vestkyst udarbejder en analyse af ventelisterne til "
        "næste styregruppemøde.",
    ]
    demo.upload(
        "lars",
        [("referat-2026-03-27-v2.txt", minutes_text(demo, revised))],
        f"@referent {minutes_word} {MEETING_DAY}",
    )
    request_ts = _approval_request(s, newer_than=request_ts)
    for who in ("hanne", "jens", "birgitte"):
        demo.react(who, request_ts, "white_check_mark")

    demo.step("deadline")
    demo.tick(datetime(2026, 4, 2, 12, 0, tzinfo=CPH))
    demo.tick(datetime(2026, 4, 4, 12, 0, tzinfo=CPH))

    demo.step("tasks")
    demo.tick(datetime(2026, 4, 4, 12, 5, tzinfo=CPH))
    for _ in range(10):
        offer = s.latest_bot_message(
            lambda m: (
                str(m.get("channel", "")).startswith("D")
                and any(b.get("action_id") == "task_confirm" for b in buttons_of(m))
            )
        )
        if offer is None:
            break
        button = next(b for b in buttons_of(offer) if b.get("action_id") == "task_confirm")
        demo.click(
            "lars",
            "task_confirm",
            button.get("value"),
            str(button.get("text", {}).get("text", "")),
            message_ts=str(offer["ts"]),
            channel=str(offer["channel"]),
        )
    demo.command("lars", "tasks" if en else "opgaver")

    demo.step("digest")
    demo.tick(datetime(2026, 4, 6, 8, 5, tzinfo=CPH))

    demo.step("ask")
    if demo.semantic:
        # The extra is switched on only now: embedding every item while the meeting is
        # played would slow each step; here the archive is embedded once, in one go.
        from bot.archive import start_semantic

        start_semantic(s.bot.services.uow, level=logging.DEBUG)
    questions = (
        ("jens", "@referent what did we decide on standardkontrakter?"),
        ("mette", "@referent hvornår drøftede vi økonomimodellen?"),
        ("birgitte", "@referent hvad besluttede vi om rekruttering af plejefamilier?"),
    )
    for who, question in questions:
        demo.say(who, question)
    _ = json


def run_demo(
    lang: str = "da", write: Write | None = print, *, semantic: bool | None = None
) -> Transcript:
    """Run the whole demo and return its transcript (saying whether semantic search is on)."""
    transcript = Transcript(write=write)
    started = time.monotonic()
    from bot import archive_index

    saved = archive_index.index()  # the semantic step switches the index; put it back after
    try:
        with demo_session(START, lang=lang) as session:
            demo = Demo(session=session, lang=lang, transcript=transcript, semantic=semantic)
            play(demo)
    finally:
        archive_index.replace(saved)
    transcript.add("")
    transcript.add(
        t(
            "demo.done",
            lang,
            steps=len(transcript.steps),
            seconds=f"{time.monotonic() - started:.1f}",
        )
    )
    return transcript
