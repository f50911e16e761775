"""Issue 14 end to end: every message of the set through the real bot over the fake Slack.

Each message is sent the way Slack sends it (mention, DM, slash command, channel chat, a
reply in a meeting notice's thread); the test then compares the database before and after:
the expected change and nothing else, or no change at all. Messages the bot must confirm
get buttons; the test presses the first one and checks the change happens, once.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select

from bot.domain.enums import ActionStatus, AttendanceStatus, MeetingStatus
from storage.models import ActionItem, AgendaItem, Attendance, Meeting, Member
from tests.conftest import CPH
from tests.harness import BotHarness, Person, default_people
from tests.understanding_set import MEETINGS, NOW, PEOPLE, TASKS, Case, load_cases, simple

CHANNEL = "C0GROUP"
BOT = "UBOT"
CASES = load_cases()


@dataclass
class World:
    """The committee of the set: its group, meetings (by date) and tasks (by number)."""

    h: BotHarness
    group_id: int
    meetings: dict[Any, int]
    notices: dict[Any, str]
    members: dict[str, int]


def _setup(h: BotHarness) -> World:
    h.set_now(NOW)
    people = [
        *default_people()[:5],
        Person("U0MAR", "Margrethe Vestergaard", "Centerchef", "Holbæk Kommune"),
        Person("U0JEN", "Jens Kirk", "Direktør", "Odsherred Kommune"),
    ]
    group_id = h.add_group(people=people, chair="U0FMD")
    meetings: dict[Any, int] = {}
    notices: dict[Any, str] = {}
    with h.services.uow() as session:
        for index, day in enumerate(MEETINGS):
            starts = datetime(day.year, day.month, day.day, 13, 0, tzinfo=CPH)
            notice_ts = f"17630000{index:02d}.000100"
            meeting = Meeting(
                group_id=group_id,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                has_time=True,
                location="Ringsted",
                status=MeetingStatus.PLANNED,
                created_at=NOW,
                announcement_channel=CHANNEL,
                announcement_ts=notice_ts,
            )
            session.add(meeting)
            session.flush()
            meetings[day] = int(meeting.id)
            notices[day] = notice_ts
        members = {
            key: int(
                session.scalar(
                    select(Member.id).where(
                        Member.group_id == group_id, Member.slack_user_id == uid
                    )
                )
                or 0
            )
            for key, (uid, _, _) in PEOPLE.items()
        }
        for number, owner in TASKS.items():
            # Added in order on a fresh database, so the task numbers are 1, 2, 3 …
            session.add(
                ActionItem(
                    group_id=group_id,
                    text=f"Opgave nummer {number}",
                    owner_member_id=members[owner],
                    status=ActionStatus.OPEN,
                    created_at=NOW,
                )
            )
            session.flush()
        numbers = list(session.scalars(select(ActionItem.id).order_by(ActionItem.id)))
        assert numbers == list(TASKS)
    for day, ts in notices.items():
        h.fake.add_message(CHANNEL, BOT, f"Møde {day}", ts=ts, bot=True)
    return World(h=h, group_id=group_id, meetings=meetings, notices=notices, members=members)


def _reset(world: World) -> None:
    """Put the database back to the set's starting point (between messages)."""
    with world.h.services.uow() as session:
        session.execute(delete(Attendance))
        session.execute(delete(AgendaItem))
        session.execute(delete(ActionItem).where(ActionItem.id > max(TASKS)))
        for task in session.scalars(select(ActionItem)):
            task.status = ActionStatus.OPEN
            task.done_at = None
        baseline = set(world.meetings.values())
        for meeting in session.scalars(select(Meeting)):
            if meeting.id not in baseline:
                session.delete(meeting)
                continue
            day = next(d for d, mid in world.meetings.items() if mid == meeting.id)
            starts = datetime(day.year, day.month, day.day, 13, 0, tzinfo=CPH)
            meeting.starts_at = starts
            meeting.ends_at = starts + timedelta(hours=2)
            meeting.status = MeetingStatus.PLANNED
            meeting.cancelled_at = None


def _state(world: World) -> dict[str, Any]:
    with world.h.services.uow() as session:
        return {
            "attendance": sorted(
                (a.meeting_id, a.member_id, a.status, a.substitute_name or "")
                for a in session.scalars(select(Attendance))
            ),
            "items": sorted(
                (i.meeting_id, i.title, i.kind)
                for i in session.scalars(
                    select(AgendaItem).where(AgendaItem.is_standing.is_(False))
                )
            ),
            "tasks": sorted(
                (t.id, t.status, t.owner_member_id or 0, str(t.due_date or ""), t.text)
                for t in session.scalars(select(ActionItem))
            ),
            "meetings": sorted(
                (m.id, m.status, m.starts_at.astimezone(CPH).isoformat())
                for m in session.scalars(select(Meeting).where(Meeting.group_id == world.group_id))
            ),
        }


class _Since:
    """What the bot has said since a moment: new ephemerals and new posted messages."""

    def __init__(self, h: BotHarness) -> None:
        self.h = h
        self.ephemerals = len(h.fake.ephemerals())
        self.posts = len(h.fake.bot_messages())

    def __call__(self) -> list[dict[str, Any]]:
        fake = self.h.fake
        return [*fake.ephemerals()[self.ephemerals :], *fake.bot_messages()[self.posts :]]


def _send(world: World, case: Case) -> list[dict[str, Any]]:
    """Send a message as Slack would; return what the bot answered."""
    h = world.h
    user = PEOPLE[case.by][0]
    since = _Since(h)
    if case.at == "mention":
        h.driver.mention(user, CHANNEL, f"<@{BOT}> {case.text}")
    elif case.at == "dm":
        h.driver.message(user, h.fake.im_channel(user), case.text, channel_type="im")
    elif case.at == "slash":
        h.driver.command(user, case.text, channel=CHANNEL)
    elif case.at == "channel":
        h.driver.message(user, CHANNEL, case.text)
    else:
        thread = world.notices[case.thread_meeting]
        h.driver.message(user, CHANNEL, case.text, thread_ts=thread)
    if case.intent != "chat":
        dm = h.fake.im_channel(user)

        def answered() -> bool:
            return any(
                o.get("user") == user or o.get("channel") == dm or o.get("thread_ts")
                for o in since()
            )

        with contextlib.suppress(AssertionError):
            h.wait_for(answered, timeout=4.0)
    h.settle(quiet=0.2, timeout=8.0)
    return since()


def _choices(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    buttons = []
    for reply in replies:
        for block in reply.get("blocks") or []:
            for element in block.get("elements") or []:
                if str(element.get("action_id", "")).startswith("understand_choice_"):
                    buttons.append({**element, "_channel": reply.get("channel")})
    return buttons


def _expected_change(
    world: World, case: Case, before: dict[str, Any], after: dict[str, Any]
) -> str:
    """Return what is wrong with the change a message made (empty when it is right)."""
    member = (
        world.members[
            next(
                k
                for k, (_, name, _) in PEOPLE.items()
                if simple(name).split()[0] == simple(case.person).split()[0]
            )
        ]
        if case.person
        else world.members[case.by]
    )
    meeting = world.meetings.get(case.meeting) if case.meeting else None
    changed = {k for k in before if before[k] != after[k]}
    if case.intent in ("afbud", "attend"):
        status = AttendanceStatus.AFBUD if case.intent == "afbud" else AttendanceStatus.ATTENDING
        rows = [a for a in after["attendance"] if a[0] == meeting and a[1] == member]
        if not rows or rows[0][2] != status:
            return f"no {status} for member {member} at meeting {meeting}: {after['attendance']}"
        if case.sub and simple(case.sub) not in simple(rows[0][3]):
            return f"substitute {rows[0][3]!r} != {case.sub!r}"
        if changed - {"attendance"} or len(after["attendance"]) != 1:
            return f"more changed: {changed} {after['attendance']}"
        return ""
    if case.intent == "propose":
        new = [i for i in after["items"] if i not in before["items"]]
        if len(new) != 1 or new[0][0] != meeting:
            return f"items {new} (meeting {meeting})"
        if case.title and simple(new[0][1]) != simple(case.title):
            return f"title {new[0][1]!r} != {case.title!r}"
        if case.kind and new[0][2] != case.kind:
            return f"kind {new[0][2]} != {case.kind}"
        return "" if changed == {"items"} else f"more changed: {changed}"
    if case.intent == "task_create":
        new = [t for t in after["tasks"] if t[0] > max(TASKS)]
        if len(new) != 1:
            return f"tasks {new}"
        if case.person and new[0][2] != member:
            return f"owner {new[0][2]} != {member} ({case.person})"
        if case.due and new[0][3] != case.due.isoformat():
            return f"due {new[0][3]} != {case.due}"
        return "" if changed == {"tasks"} else f"more changed: {changed}"
    if case.intent == "task_done":
        if case.task is None:
            return "" if not changed else f"changed {changed} on a guess"
        done = [t for t in after["tasks"] if t[1] == ActionStatus.DONE]
        if [t[0] for t in done] != [case.task]:
            return f"done {done}"
        return "" if changed == {"tasks"} else f"more changed: {changed}"
    if case.intent in ("meeting_cancel", "meeting_move", "meeting_create"):
        if changed - {"meetings", "items"}:
            return f"more changed: {changed}"
        rows = {m[0]: m for m in after["meetings"]}
        if case.intent == "meeting_cancel":
            return (
                ""
                if rows[meeting][1] == MeetingStatus.CANCELLED
                else f"not cancelled {rows[meeting]}"
            )
        if case.intent == "meeting_move":
            assert case.new is not None
            return (
                "" if rows[meeting][2] == case.new.isoformat() else f"moved to {rows[meeting][2]}"
            )
        assert case.new is not None
        new = [m for m in after["meetings"] if m not in before["meetings"]]
        if len(new) != 1 or new[0][2] != case.new.isoformat():
            return f"created {new}"
        return ""
    return "" if not changed else f"changed {changed} for {case.intent}"


def _check_reply(case: Case, replies: list[dict[str, Any]]) -> str:
    text = " ".join(str(r.get("text") or "") for r in replies)
    buttons = _choices(replies)
    if case.intent == "chat":
        return "" if not replies else f"answered chat: {text[:80]}"
    if not replies:
        return "no answer"
    if case.intent == "unknown":
        return "" if buttons and "mente du" in text.lower() else f"no 'mente du': {text[:80]}"
    if case.confirm:
        return "" if buttons else f"no confirmation buttons: {text[:80]}"
    if buttons:
        return f"asked instead of acting: {text[:80]}"
    if case.intent == "thanks" and "selv tak" not in text.lower():
        return f"no 'Selv tak': {text[:80]}"
    if "forstod ikke" in text.lower():
        return f"misunderstood: {text[:80]}"
    return ""


def _press(world: World, case: Case, button: dict[str, Any], *, answered: bool = True) -> None:
    h = world.h
    user = PEOPLE[case.by][0]
    since = _Since(h)
    h.driver.block_action(
        user, button["action_id"], button["value"], channel=button["_channel"], message_ts="1.0"
    )
    if answered:
        with contextlib.suppress(AssertionError):
            h.wait_for(since, timeout=5.0)
    h.settle(quiet=0.2, timeout=8.0)


def _play(world: World, cases: list[Case]) -> list[str]:
    failures: list[str] = []
    for case in cases:
        _reset(world)
        before = _state(world)
        replies = _send(world, case)
        after = _state(world)
        problem = _check_reply(case, replies)
        if case.confirm or case.intent == "unknown":
            if before != after:
                problem = problem or "changed state before the button was pressed"
            buttons = _choices(replies)
            if case.confirm and buttons and not problem:
                _press(world, case, buttons[0])
                after = _state(world)
                problem = _expected_change(world, case, before, after)
                if not problem:
                    _press(world, case, buttons[0], answered=False)
                    if _state(world) != after:
                        problem = "a second press changed more"
        else:
            problem = problem or _expected_change(world, case, before, after)
        if problem:
            failures.append(f"[{case.at}/{case.by}] {case.text!r}: {problem}")
    return failures


CHUNK = 64


@pytest.mark.parametrize("start", range(0, len(CASES), CHUNK))
def test_the_set_through_the_real_bot(harness: BotHarness, start: int) -> None:
    world = _setup(harness)
    cases = CASES[start : start + CHUNK]
    failures = _play(world, cases)
    rate = 1 - len(failures) / len(cases)
    print(f"\nunderstood end to end: {len(cases) - len(failures)}/{len(cases)} = {rate:.1%}")
    print("\n".join(failures))
    wrong = [f for f in failures if "changed" in f or "more changed" in f]
    assert not wrong, "wrong state changes:\n" + "\n".join(wrong)
    assert rate >= 0.95, f"{rate:.1%} understood end to end:\n" + "\n".join(failures)


def test_a_sample_of_the_set_on_postgresql(pg_harness: BotHarness) -> None:
    world = _setup(pg_harness)
    sample = CASES[::6]
    failures = _play(world, sample)
    assert len(failures) <= len(sample) * 0.05, "\n".join(failures)


def test_a_choice_button_acts_once(harness: BotHarness) -> None:
    world = _setup(harness)
    case = next(c for c in CASES if c.intent == "unknown" and c.at == "mention")
    replies = _send(world, case)
    buttons = _choices(replies)
    afbud = next(b for b in buttons if json.loads(b["value"])["h"] == "absent")
    _press(world, case, afbud)
    first = _state(world)
    assert [a[2] for a in first["attendance"]] == [AttendanceStatus.AFBUD]
    propose = next(b for b in buttons if json.loads(b["value"])["h"] == "propose")
    _press(world, case, propose)
    _press(world, case, afbud)
    assert _state(world) == first


@pytest.mark.parametrize(
    ("text", "expected"),
    [("hvad kan du?", "Sådan bruger du referent"), ("budget og takster", "mente du")],
)
def test_slash_free_text_is_read_like_a_mention(
    harness: BotHarness, text: str, expected: str
) -> None:
    world = _setup(harness)
    case = Case(text, "pia", "slash", "help", None, None, None, None, None, None, None, None, False)
    replies = _send(world, case)
    assert any(expected in str(r.get("text") or "") for r in replies)
