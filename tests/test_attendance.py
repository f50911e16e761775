"""Afbud and attendance end to end: the real bot over HTTP against the fake Slack."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from bot.app import build_bot
from bot.attendance import attendance_block, render_attendance_text
from bot.domain.enums import AttendanceStatus, MeetingStatus
from storage.models import Attendance, AuditEntry, DueWork, Group, Meeting
from storage.repositories import MemberRepo
from tests.conftest import BOT_TOKEN, CPH, make_settings
from tests.harness import BotHarness, Person, default_people

CHANNEL = "C0GROUP"
SEK, FMD, PIA, BO, MIL = "U0SEK", "U0FMD", "U0PIA", "U0BO", "U0MIL"
FRIDAY = datetime(2026, 11, 27, 13, 0, tzinfo=CPH)  # the next meeting, nine days ahead
LATER = datetime(2026, 12, 11, 13, 0, tzinfo=CPH)


@dataclass
class Committee:
    """A set-up group with two meetings ahead and one behind."""

    h: BotHarness
    group_id: int
    next_id: int
    later_id: int
    held_id: int


def add_meeting(
    h: BotHarness,
    group_id: int,
    starts: datetime,
    *,
    hours: int = 2,
    location: str | None = "Ringsted Kongrescenter",
    status: MeetingStatus = MeetingStatus.PLANNED,
) -> int:
    """Insert a meeting row directly, as the meetings feature (or an import) would."""
    from datetime import timedelta

    with h.services.uow() as session:
        meeting = Meeting(
            group_id=group_id,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            has_time=True,
            location=location,
            status=status,
            created_at=h.clock.now(),
        )
        session.add(meeting)
        session.flush()
        return int(meeting.id)


@pytest.fixture
def committee(harness: BotHarness) -> Committee:
    group_id = harness.add_group(chair=FMD)
    return Committee(
        h=harness,
        group_id=group_id,
        next_id=add_meeting(harness, group_id, FRIDAY),
        later_id=add_meeting(harness, group_id, LATER),
        held_id=add_meeting(
            harness,
            group_id,
            datetime(2026, 11, 11, 13, 0, tzinfo=CPH),
            status=MeetingStatus.HELD,
        ),
    )


def answer(h: BotHarness, meeting_id: int, user: str) -> Attendance | None:
    with h.services.uow() as session:
        member = MemberRepo(session).by_slack_user(_group(h).id, user)
        assert member is not None
        return session.scalar(
            select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.member_id == member.id
            )
        )


def _group(h: BotHarness) -> Group:
    with h.services.uow() as session:
        group = session.scalar(select(Group).where(Group.channel_id == CHANNEL))
        assert group is not None
        return group


def ephemeral_texts(h: BotHarness, user: str) -> list[str]:
    return [e["text"] for e in h.fake.ephemerals(user=user)]


def wait_ephemeral(h: BotHarness, user: str, count: int = 1) -> list[str]:
    h.wait_for(lambda: len(ephemeral_texts(h, user)) >= count)
    return ephemeral_texts(h, user)


def dm_texts(h: BotHarness, user: str) -> list[str]:
    return [m["text"] for m in h.bot_messages(h.fake.im_channel(user))]


def status_of(h: BotHarness, meeting_id: int, user: str) -> str | None:
    row = answer(h, meeting_id, user)
    return None if row is None else row.status


# ---------------------------------------------------------------------------
# Ways in
# ---------------------------------------------------------------------------


def test_afbud_by_mention_is_for_the_next_meeting(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud")
    texts = wait_ephemeral(h, PIA)
    assert "Dit afbud til mødet" in texts[0]
    assert "27. november" in texts[0]
    assert status_of(h, committee.next_id, PIA) == AttendanceStatus.AFBUD


def test_afbud_til_moedet_on_a_date(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud til mødet 11/12")
    wait_ephemeral(h, PIA)
    assert status_of(h, committee.later_id, PIA) == AttendanceStatus.AFBUD
    assert status_of(h, committee.next_id, PIA) is None


def test_kan_ikke_komme_with_a_reason(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(BO, CHANNEL, "<@UBOT> kan ikke komme 27/11 pga. sygdom")
    texts = wait_ephemeral(h, BO)
    assert "Grund: sygdom." in texts[0]
    row = answer(h, committee.next_id, BO)
    assert row is not None and row.reason == "sygdom"
    assert row.title == "Centerchef" and row.organisation == "Næstved Kommune"


def test_substitute_by_name_and_by_slack_user(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud, Anne Hansen deltager i stedet")
    assert "Stedfortræder: Anne Hansen." in wait_ephemeral(h, PIA)[0]
    row = answer(h, committee.next_id, PIA)
    assert row is not None and row.substitute_name == "Anne Hansen"
    h.add_person(Person("U0ANNE", "Anne Sofie Degn", "Kommunaldirektør"))
    h.driver.mention(BO, CHANNEL, "<@UBOT> afbud 11/12 - <@U0ANNE> kommer i stedet")
    wait_ephemeral(h, BO)
    row = answer(h, committee.later_id, BO)
    assert row is not None
    assert row.substitute_name == "Anne Sofie Degn" and row.substitute_member_id is None
    # A member as substitute is linked to the member.
    h.driver.mention(MIL, CHANNEL, "<@UBOT> afbud 11/12, <@U0SEK> deltager i stedet")
    wait_ephemeral(h, MIL)
    row = answer(h, committee.later_id, MIL)
    assert row is not None and row.substitute_member_id is not None
    assert row.substitute_name == "Povl Skov"


def test_a_second_message_adds_the_substitute_to_the_afbud(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> kan ikke komme pga. ferie")
    wait_ephemeral(h, PIA)
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud, Anne Hansen deltager i stedet")
    wait_ephemeral(h, PIA, 2)
    row = answer(h, committee.next_id, PIA)
    assert row is not None
    assert (row.reason, row.substitute_name) == ("ferie", "Anne Hansen")


def test_slash_command_with_date_and_reason(committee: Committee) -> None:
    h = committee.h
    h.driver.command(MIL, "afbud 11/12 ferie", channel=CHANNEL)
    bodies = h.wait_for(lambda: [b for b in h.responses() if "afbud" in str(b.get("text"))])
    assert bodies[-1]["response_type"] == "ephemeral"
    row = answer(h, committee.later_id, MIL)
    assert row is not None and row.reason == "ferie"


def test_dm_to_the_bot(committee: Committee) -> None:
    h = committee.h
    dm = h.fake.im_channel(BO)
    h.driver.message(
        BO, dm, "Jeg kan ikke komme på fredag i næste uge pga. kursus", channel_type="im"
    )
    replies = h.wait_for(lambda: dm_texts(h, BO))
    assert "Dit afbud" in replies[0]
    row = answer(h, committee.next_id, BO)
    assert row is not None and row.reason == "kursus"


def test_dm_from_someone_in_two_groups_asks_which(committee: Committee) -> None:
    h = committee.h
    pia = next(p for p in default_people() if p.id == PIA)
    h.add_group(name="Udviklingsgruppen", channel="C0DEV", people=[pia])
    dm = h.fake.im_channel(PIA)
    h.driver.message(PIA, dm, "afbud", channel_type="im")
    replies = h.wait_for(lambda: [t for t in dm_texts(h, PIA) if "flere grupper" in t])
    assert "Styregruppen" in replies[0] and "Udviklingsgruppen" in replies[0]
    assert status_of(h, committee.next_id, PIA) is None


def test_english_sentence(committee: Committee) -> None:
    h = committee.h
    h.driver.command(PIA, "sprog en", channel=CHANNEL)
    h.wait_for(lambda: any("English" in str(b.get("text")) for b in h.responses()))
    h.driver.mention(PIA, CHANNEL, "<@UBOT> I can't come on 11/12 because of a course")
    texts = wait_ephemeral(h, PIA, 2)
    assert texts[-1].startswith("Your apologies for the meeting")
    assert status_of(h, committee.later_id, PIA) == AttendanceStatus.AFBUD


def test_taking_the_afbud_back(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud pga. ferie, Anne Hansen deltager i stedet")
    wait_ephemeral(h, PIA)
    h.driver.mention(PIA, CHANNEL, "<@UBOT> jeg kommer alligevel")
    texts = wait_ephemeral(h, PIA, 2)
    assert "trukket tilbage" in texts[1]
    row = answer(h, committee.next_id, PIA)
    assert row is not None
    assert row.status == AttendanceStatus.ATTENDING
    assert row.reason is None and row.substitute_name is None


# ---------------------------------------------------------------------------
# Permissions and bad input
# ---------------------------------------------------------------------------


def test_a_member_records_only_their_own_afbud(committee: Committee) -> None:
    h = committee.h
    h.driver.command(PIA, f"afbud <@{BO}> 27/11 ferie", channel=CHANNEL)
    bodies = h.wait_for(lambda: [b for b in h.responses() if "Beklager" in str(b.get("text"))])
    assert "melde afbud for andre" in bodies[-1]["text"]
    assert status_of(h, committee.next_id, BO) is None


def test_the_secretary_records_for_someone_else(committee: Committee) -> None:
    h = committee.h
    h.driver.command(SEK, "afbud @Pia 11/12 ferie", channel=CHANNEL)
    bodies = h.wait_for(lambda: [b for b in h.responses() if "Afbud fra" in str(b.get("text"))])
    assert "Afbud fra Pia Bille" in bodies[-1]["text"]
    row = answer(h, committee.later_id, PIA)
    assert row is not None and row.reason == "ferie" and row.recorded_by == SEK
    h.driver.command(SEK, f"<@{PIA}> kommer alligevel 11/12", channel=CHANNEL)
    h.wait_for(lambda: status_of(h, committee.later_id, PIA) == AttendanceStatus.ATTENDING)


def test_guest_may_not_send_afbud(committee: Committee) -> None:
    h = committee.h
    h.driver.command(SEK, f"rolle <@{MIL}> gæst", channel=CHANNEL)
    h.wait_for(lambda: any("gæst" in str(b.get("text")) for b in h.responses()))
    h.driver.mention(MIL, CHANNEL, "<@UBOT> afbud")
    assert "Beklager" in wait_ephemeral(h, MIL)[0]


def test_afbud_for_a_day_without_a_meeting_names_the_next_ones(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud 5/1")
    text = wait_ephemeral(h, PIA)[0]
    assert "27. november" in text and "11. december" in text


def test_afbud_for_a_held_meeting_names_the_next_ones(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud 11/11 2026")
    text = wait_ephemeral(h, PIA)[0]
    assert "27. november" in text
    assert status_of(h, committee.held_id, PIA) is None


def test_unreadable_date_gets_an_example(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud 31/2")
    text = wait_ephemeral(h, PIA)[0]
    assert "31/2" in text and "afbud" in text


def test_a_retried_event_counts_once(committee: Committee) -> None:
    h = committee.h
    first = h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud pga. ferie")
    wait_ephemeral(h, PIA)
    sent = h.driver.sent[-1]
    retry = h.driver.event(sent.payload["event"], event_id=first.event_id, retry_num=1)
    assert retry.status == 200
    # A redelivery with a new event id (Slack's message twin) is the same message too.
    h.driver.event(sent.payload["event"], retry_num=2)
    h.settle()
    assert len(ephemeral_texts(h, PIA)) == 1
    with h.services.uow() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "attendance.afbud")
        ).all()
    assert len(entries) == 1


# ---------------------------------------------------------------------------
# The announcement, its buttons, the modal and the live count
# ---------------------------------------------------------------------------


def announcement(h: BotHarness, meeting_id: int) -> dict[str, Any]:
    with h.services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.announcement_ts
        ts = meeting.announcement_ts
    found = h.fake.message(CHANNEL, ts)
    assert found is not None
    return found


def count_line(message: dict[str, Any]) -> str:
    for block in message.get("blocks") or []:
        if block.get("block_id") == "attendance_count":
            return str(block["elements"][0]["text"])
    raise AssertionError("no count on the announcement")


def test_announcement_days_before_with_buttons_count_and_ics(committee: Committee) -> None:
    h = committee.h
    assert not h.tick().failed
    assert h.bot_messages(CHANNEL) == [] or all(
        "Møde i" not in m["text"] for m in h.bot_messages(CHANNEL)
    )
    h.tick(datetime(2026, 11, 20, 9, 0, tzinfo=CPH))  # seven days before
    posted = announcement(h, committee.next_id)
    assert "<!date^" in posted["text"]
    blocks = posted["blocks"]
    action_ids = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert action_ids[:2] == ["attendance_yes", "attendance_no"]
    assert any("Ringsted Kongrescenter" in json.dumps(b, ensure_ascii=False) for b in blocks)
    assert count_line(posted) == "0 deltager · 0 afbud · 5 mangler svar"
    # Only one announcement, and only the later meeting's is not due yet.
    h.tick(datetime(2026, 11, 20, 9, 1, tzinfo=CPH))
    with h.services.uow() as session:
        later = session.get(Meeting, committee.later_id)
        assert later is not None and later.announcement_ts is None
    files = h.fake.calls("files.completeUploadExternal")
    assert len(files) == 1
    thread = h.fake.messages(CHANNEL, thread_ts=posted["ts"])
    assert any(m.get("files") and m["files"][0]["name"].endswith(".ics") for m in thread)

    ts = posted["ts"]
    h.driver.block_action(
        PIA, "attendance_yes", str(committee.next_id), channel=CHANNEL, message_ts=ts
    )
    h.wait_for(lambda: count_line(announcement(h, committee.next_id)).startswith("1 deltager"))
    assert "noteret som deltager" in wait_ephemeral(h, PIA)[0]

    h.driver.mention(BO, CHANNEL, "<@UBOT> kan ikke komme pga. sygdom")
    h.wait_for(
        lambda: (
            count_line(announcement(h, committee.next_id))
            == "1 deltager · 1 afbud · 3 mangler svar"
        )
    )

    h.driver.block_action(
        MIL, "attendance_no", str(committee.next_id), channel=CHANNEL, message_ts=ts
    )
    opened = h.wait_for(lambda: h.fake.views(user=MIL, kind="open"))
    assert opened[0]["view"]["callback_id"] == "attendance_afbud"
    h.driver.view_submission(
        MIL,
        "attendance_afbud",
        {
            "reason": {"reason": {"type": "plain_text_input", "value": "Tandlæge"}},
            "substitute_user": {"substitute_user": {"type": "users_select", "selected_user": None}},
            "substitute_name": {
                "substitute_name": {"type": "plain_text_input", "value": "Anne Hansen"}
            },
        },
    )
    h.wait_for(
        lambda: (
            count_line(announcement(h, committee.next_id))
            == "1 deltager · 2 afbud · 2 mangler svar"
        )
    )
    row = answer(h, committee.next_id, MIL)
    assert row is not None
    assert (row.reason, row.substitute_name) == ("Tandlæge", "Anne Hansen")
    assert h.fake.call_count("chat.update") >= 3


def test_modal_with_a_slack_user_as_substitute(committee: Committee) -> None:
    h = committee.h
    h.tick(datetime(2026, 11, 20, 9, 0, tzinfo=CPH))
    ts = announcement(h, committee.next_id)["ts"]
    h.driver.block_action(
        PIA, "attendance_no", str(committee.next_id), channel=CHANNEL, message_ts=ts
    )
    h.wait_for(lambda: h.fake.views(user=PIA, kind="open"))
    h.driver.view_submission(
        PIA,
        "attendance_afbud",
        {"substitute_user": {"substitute_user": {"type": "users_select", "selected_user": BO}}},
    )
    h.wait_for(lambda: status_of(h, committee.next_id, PIA) == AttendanceStatus.AFBUD)
    row = answer(h, committee.next_id, PIA)
    assert row is not None and row.substitute_name == "Bo Gammelgaard"


def test_button_on_a_held_meeting_names_the_next_ones(committee: Committee) -> None:
    h = committee.h
    h.driver.block_action(PIA, "attendance_no", str(committee.held_id), channel=CHANNEL)
    text = wait_ephemeral(h, PIA)[0]
    assert "27. november" in text
    assert h.fake.views(user=PIA, kind="open") == []


def test_button_pressed_by_a_non_member_is_refused(committee: Committee) -> None:
    h = committee.h
    h.add_person(Person("U0OUT", "Ole Udenfor"))
    h.fake.add_member(CHANNEL, "U0OUT")
    h.driver.block_action("U0OUT", "attendance_yes", str(committee.next_id), channel=CHANNEL)
    assert "Beklager" in wait_ephemeral(h, "U0OUT")[0]


# ---------------------------------------------------------------------------
# Reminders, the chair's list, restarts
# ---------------------------------------------------------------------------


def restart(h: BotHarness, database_url: str) -> Any:
    """Stop the harness' bot and build a new one on the same database."""
    h.bot.services.engine.dispose()
    settings = make_settings(database_url, h.fake.base_url)
    client = WebClient(token=BOT_TOKEN, base_url=h.fake.base_url)
    return build_bot(settings, clock=h.clock, client=client)


def test_reminders_are_sent_once_across_a_restart(committee: Committee, sqlite_url: str) -> None:
    h = committee.h
    h.tick()  # the planner schedules the meeting's work at once
    h.tick(datetime(2026, 11, 20, 9, 0, tzinfo=CPH))  # announcement
    ts = announcement(h, committee.next_id)["ts"]
    h.driver.block_action(
        PIA, "attendance_yes", str(committee.next_id), channel=CHANNEL, message_ts=ts
    )
    h.wait_for(lambda: status_of(h, committee.next_id, PIA) == AttendanceStatus.ATTENDING)
    h.driver.mention(BO, CHANNEL, "<@UBOT> afbud pga. sygdom")
    h.wait_for(lambda: status_of(h, committee.next_id, BO) == AttendanceStatus.AFBUD)

    remind_at = datetime(2026, 11, 25, 9, 0, tzinfo=CPH)  # two working days before
    h.tick(remind_at)
    second = restart(h, sqlite_url)
    second.tick(remind_at.replace(minute=1))
    third = restart(h, sqlite_url)
    third.tick(remind_at.replace(minute=2))
    h.settle()
    reminded = {user: dm_texts(h, user) for user in (SEK, FMD, PIA, BO, MIL)}
    assert [len(reminded[u]) for u in (SEK, FMD, PIA, BO, MIL)] == [1, 1, 0, 0, 1]
    assert "Du har ikke svaret endnu" in reminded[MIL][0]
    dm = h.bot_messages(h.fake.im_channel(MIL))[0]
    ids = [e["action_id"] for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert ids == ["attendance_yes", "attendance_no"]

    # The day before, the chair and the secretary get the list, once, reasons included.
    list_at = datetime(2026, 11, 26, 9, 0, tzinfo=CPH)
    second.tick(list_at)
    third.tick(list_at.replace(minute=1))
    h.tick(list_at.replace(minute=2))
    h.settle()
    assert len(dm_texts(h, FMD)) == 2 and len(dm_texts(h, SEK)) == 2
    assert dm_texts(h, PIA) == [] and dm_texts(h, BO) == []
    chair_list = dm_texts(h, FMD)[1]
    assert "Deltagerliste" in chair_list
    assert "Bo Gammelgaard – sygdom" in chair_list
    assert "Pia Bille" in chair_list
    second.services.engine.dispose()
    third.services.engine.dispose()


def test_a_member_who_answered_after_the_fan_out_is_not_reminded(committee: Committee) -> None:
    h = committee.h
    remind_at = datetime(2026, 11, 25, 9, 0, tzinfo=CPH)
    h.tick()
    h.tick(remind_at)  # schedules one DM per unanswered member
    h.driver.mention(MIL, CHANNEL, "<@UBOT> afbud")
    h.wait_for(lambda: status_of(h, committee.next_id, MIL) == AttendanceStatus.AFBUD)
    h.tick(remind_at.replace(minute=1))
    h.settle()
    assert dm_texts(h, MIL) == []
    assert len(dm_texts(h, PIA)) == 1


def test_a_moved_meeting_gets_fresh_work_and_the_old_rows_are_cancelled(
    committee: Committee,
) -> None:
    from bot.attendance import schedule_meeting_work

    h = committee.h
    h.tick()
    with h.services.uow() as session:
        meeting = session.get(Meeting, committee.next_id)
        assert meeting is not None
        meeting.starts_at = datetime(2026, 12, 4, 13, 0, tzinfo=CPH)
        schedule_meeting_work(session, meeting, h.clock.now())
    with h.services.uow() as session:
        rows = session.scalars(
            select(DueWork).where(DueWork.key.like(f"attendance.remind:{committee.next_id}:%"))
        ).all()
        pending = [r for r in rows if r.done_at is None]
    assert len(rows) == 2 and len(pending) == 1
    assert pending[0].due_at == datetime(2026, 12, 2, 9, 0, tzinfo=CPH)
    h.tick(datetime(2026, 11, 25, 9, 0, tzinfo=CPH))  # the old reminder day: nothing
    h.settle()
    assert dm_texts(h, PIA) == []


# ---------------------------------------------------------------------------
# The forecast warning
# ---------------------------------------------------------------------------


def test_forecast_warns_the_chair_once_per_crossing(committee: Committee) -> None:
    h = committee.h
    # Five members, a third is two empty seats.
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud pga. ferie")
    h.wait_for(lambda: status_of(h, committee.next_id, PIA) == AttendanceStatus.AFBUD)
    h.tick()
    h.settle()
    assert dm_texts(h, FMD) == []
    # A substitute keeps the seat filled: no warning.
    h.driver.mention(MIL, CHANNEL, "<@UBOT> afbud, Anne Hansen deltager i stedet")
    h.wait_for(lambda: status_of(h, committee.next_id, MIL) == AttendanceStatus.AFBUD)
    h.tick()
    h.settle()
    assert dm_texts(h, FMD) == []
    h.driver.mention(BO, CHANNEL, "<@UBOT> kan ikke komme pga. sygdom")
    h.wait_for(lambda: status_of(h, committee.next_id, BO) == AttendanceStatus.AFBUD)
    h.tick()
    warnings = h.wait_for(lambda: dm_texts(h, FMD))
    assert "2 af 5 medlemmer" in warnings[0]
    assert "Bo Gammelgaard" in warnings[0] and "Pia Bille" in warnings[0]
    assert "Mille" not in warnings[0]
    assert dm_texts(h, SEK) == []  # the chair is told; the secretary only when there is none
    # Another afbud is no news.
    h.driver.command(SEK, "afbud", channel=CHANNEL)
    h.wait_for(lambda: status_of(h, committee.next_id, SEK) == AttendanceStatus.AFBUD)
    h.tick()
    h.settle()
    assert len(dm_texts(h, FMD)) == 1
    # Below the limit and back over it: a new crossing, a new warning.
    h.driver.mention(BO, CHANNEL, "<@UBOT> jeg kommer alligevel")
    h.driver.mention(SEK, CHANNEL, "<@UBOT> jeg kommer alligevel")
    h.wait_for(lambda: status_of(h, committee.next_id, SEK) == AttendanceStatus.ATTENDING)
    h.wait_for(lambda: status_of(h, committee.next_id, BO) == AttendanceStatus.ATTENDING)
    h.tick()
    h.driver.mention(BO, CHANNEL, "<@UBOT> afbud")
    h.wait_for(lambda: status_of(h, committee.next_id, BO) == AttendanceStatus.AFBUD)
    h.tick()
    h.wait_for(lambda: len(dm_texts(h, FMD)) == 2)
    h.tick()
    h.settle()
    assert len(dm_texts(h, FMD)) == 2


# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------


def test_questions_are_answered_from_the_records(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud pga. sygdom, Anne Hansen deltager i stedet")
    h.driver.mention(BO, CHANNEL, "<@UBOT> jeg deltager")
    h.wait_for(lambda: status_of(h, committee.next_id, BO) == AttendanceStatus.ATTENDING)
    h.wait_for(lambda: status_of(h, committee.next_id, PIA) == AttendanceStatus.AFBUD)

    asked = h.driver.mention(MIL, CHANNEL, "<@UBOT> hvem har meldt afbud?")
    reply = h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=asked.ts))
    text = reply[-1]["text"]
    assert "Pia Bille (stedfortræder: Anne Hansen)" in text
    assert "sygdom" not in text  # never in the channel

    h.set_now(datetime(2026, 11, 23, 10, 0, tzinfo=CPH))  # Monday: "Friday" is the 27th
    asked = h.driver.mention(MIL, CHANNEL, "<@UBOT> who is coming on Friday?")
    reply = h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=asked.ts))
    assert "Bo Gammelgaard" in reply[-1]["text"]
    assert "1 deltager · 1 afbud · 3 mangler svar" in reply[-1]["text"]

    asked = h.driver.mention(MIL, CHANNEL, "<@UBOT> kommer Pia?")
    reply = h.wait_for(lambda: h.bot_messages(CHANNEL, thread_ts=asked.ts))
    assert reply[-1]["text"].startswith("Nej, Pia Bille har meldt afbud")

    # The secretary asking privately sees the reason.
    h.driver.command(SEK, "hvem har meldt afbud?", channel=CHANNEL)
    bodies = h.wait_for(lambda: [b for b in h.responses() if "sygdom" in str(b.get("text"))])
    assert bodies[-1]["response_type"] == "ephemeral"


def test_a_question_about_someone_unknown(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(MIL, CHANNEL, "<@UBOT> kommer Zorro?")
    assert "Zorro" in wait_ephemeral(h, MIL)[0]


# ---------------------------------------------------------------------------
# Home tab and the minutes header
# ---------------------------------------------------------------------------


def test_home_tab_lists_meetings_with_buttons(committee: Committee) -> None:
    h = committee.h
    h.driver.app_home_opened(PIA)
    home = h.wait_for(lambda: h.fake.home(PIA))
    dump = json.dumps(home["blocks"], ensure_ascii=False)
    assert "Dine kommende møder" in dump and "Du har ikke svaret" in dump
    h.driver.block_action(PIA, "attendance_yes", str(committee.next_id), view=home["id"])
    h.wait_for(lambda: "Du deltager" in json.dumps(h.fake.home(PIA), ensure_ascii=False))
    assert status_of(h, committee.next_id, PIA) == AttendanceStatus.ATTENDING
    h.wait_for(lambda: any("noteret som deltager" in t for t in dm_texts(h, PIA)))


def test_minutes_header_of_a_meeting(committee: Committee) -> None:
    h = committee.h
    h.driver.mention(PIA, CHANNEL, "<@UBOT> afbud pga. sygdom, Anne Hansen deltager i stedet")
    h.wait_for(lambda: status_of(h, committee.next_id, PIA) == AttendanceStatus.AFBUD)
    h.driver.command(SEK, f"rolle <@{MIL}> gæst", channel=CHANNEL)
    h.wait_for(lambda: any("gæst" in str(b.get("text")) for b in h.responses()))
    with h.services.uow() as session:
        meeting = session.get(Meeting, committee.next_id)
        assert meeting is not None
        block = attendance_block(session, meeting)
    assert [p.name for p in block.participants] == [
        "Morten Bøgelund Andersen",  # the chair first
        "Bo Gammelgaard",
        "Anne Hansen",  # in the seat of the member she stands in for
        "Povl Skov",  # the secretariat last, as in the corpus
    ]
    assert [p.name for p in block.guests] == ["Mille Schjoldan"]
    assert [(p.name, p.substitute, p.reason) for p in block.absent] == [
        ("Pia Bille", "Anne Hansen", "sygdom")
    ]
    text = render_attendance_text(block, "da")
    assert "Morten Bøgelund Andersen\tDirektør, formand\tGreve Kommune\n" in text
    assert "Anne Hansen\tStedfortræder for Pia Bille\tRegion Sjælland\n" in text
    assert "Afbud:\n\nPia Bille\tSocialchef\tRegion Sjælland\tStedfortræder: Anne Hansen\n" in text


# ---------------------------------------------------------------------------
# PostgreSQL: row locks and two processes
# ---------------------------------------------------------------------------


@pytest.mark.postgres
def test_on_postgresql_answers_reminders_and_forecast(pg_harness: BotHarness, pg_url: str) -> None:
    h = pg_harness
    group_id = h.add_group(chair=FMD)
    meeting_id = add_meeting(h, group_id, FRIDAY)
    h.tick(datetime(2026, 11, 20, 9, 0, tzinfo=CPH))
    ts = announcement(h, meeting_id)["ts"]
    h.driver.block_action(PIA, "attendance_yes", str(meeting_id), channel=CHANNEL, message_ts=ts)
    h.driver.mention(BO, CHANNEL, "<@UBOT> afbud pga. sygdom")
    h.driver.mention(MIL, CHANNEL, "<@UBOT> kan ikke komme")
    h.wait_for(
        lambda: count_line(announcement(h, meeting_id)) == "1 deltager · 2 afbud · 2 mangler svar"
    )
    other = restart(h, pg_url)
    remind_at = datetime(2026, 11, 25, 9, 0, tzinfo=CPH)
    other.tick(remind_at)
    h.tick(remind_at.replace(minute=1))
    other.tick(remind_at.replace(minute=2))
    h.settle()
    assert [len(dm_texts(h, u)) for u in (SEK, PIA, BO, MIL)] == [1, 0, 0, 0]
    # The chair got the forecast (two of five seats empty) and a reminder, once each.
    chair = dm_texts(h, FMD)
    assert len(chair) == 2
    assert any("2 af 5 medlemmer" in text for text in chair)
    other.services.engine.dispose()
