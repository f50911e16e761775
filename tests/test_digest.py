"""The weekly digest end to end: time, zone, settings, once per week, limits, Home."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from sqlalchemy import select

from bot.app import Bot, build_bot
from bot.digest import gather, group_message
from bot.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
)
from storage.models import (
    ActionItem,
    AgendaItem,
    ApprovalVote,
    Attendance,
    Decision,
    DigestRun,
    Group,
    Meeting,
    Minutes,
)
from storage.repositories import MemberRepo
from tests.conftest import BOT_TOKEN, CPH, make_settings
from tests.harness import BotHarness

CHANNEL = "C0GROUP"
SEK, FMD, PIA, BO, MIL = "U0SEK", "U0FMD", "U0PIA", "U0BO", "U0MIL"
MONDAY_8 = datetime(2026, 11, 23, 8, 0, tzinfo=CPH)  # the default slot after "now"


@pytest.fixture
def h(harness: BotHarness) -> BotHarness:
    harness.add_group(chair=FMD)
    return harness


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def group_id(h: BotHarness) -> int:
    found = h.group_id(CHANNEL)
    assert found is not None
    return found


def digests(h: BotHarness, channel: str = CHANNEL) -> list[dict[str, Any]]:
    return [
        m
        for m in h.bot_messages(channel)
        if str(m.get("text", "")).startswith(("Ugens overblik", "The week ahead", "Din uge"))
    ]


def runs(h: BotHarness) -> list[DigestRun]:
    with h.services.uow() as session:
        return list(session.scalars(select(DigestRun).order_by(DigestRun.id)))


def valid_blocks(blocks: list[dict[str, Any]]) -> None:
    """Validate a message's blocks with slack_sdk's models (Slack's own limits)."""
    assert len(blocks) <= 50
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.validate_json()
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000


def command_reply(h: BotHarness, user: str, text: str) -> dict[str, Any]:
    return h.command_reply(user, text, channel=CHANNEL)


def restart(h: BotHarness, database_url: str) -> Bot:
    """Build a second bot on the same database (a restart, or a second process)."""
    settings = make_settings(database_url, h.fake.base_url)
    client = WebClient(token=BOT_TOKEN, base_url=h.fake.base_url)
    return build_bot(settings, clock=h.clock, client=client)


def member_id(h: BotHarness, user: str) -> int:
    gid = group_id(h)
    with h.services.uow() as session:
        member = MemberRepo(session).by_slack_user(gid, user)
        assert member is not None
        return int(member.id)


def add_meeting(h: BotHarness, starts: datetime, **fields: Any) -> int:
    gid = group_id(h)
    with h.services.uow() as session:
        meeting = Meeting(
            group_id=gid,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            has_time=True,
            status=fields.pop("status", MeetingStatus.PLANNED),
            created_at=h.clock.now(),
            **fields,
        )
        session.add(meeting)
        session.flush()
        return int(meeting.id)


def add_task(h: BotHarness, text: str, owner: str | None, due: date | None) -> int:
    owner_id = member_id(h, owner) if owner else None
    gid = group_id(h)
    with h.services.uow() as session:
        item = ActionItem(
            group_id=gid,
            text=text,
            owner_member_id=owner_id,
            owner_name=None,
            due_date=due,
            status=ActionStatus.OPEN,
            created_at=h.clock.now(),
        )
        session.add(item)
        session.flush()
        return int(item.id)


def committee_week(h: BotHarness) -> dict[str, int]:
    """A group mid-cycle: tasks, two meetings ahead, minutes out, decisions behind."""
    now = h.clock.now()
    held = add_meeting(h, datetime(2026, 11, 11, 13, 0, tzinfo=CPH), status=MeetingStatus.HELD)
    upcoming = add_meeting(h, datetime(2026, 11, 27, 13, 0, tzinfo=CPH), location="Ringsted")
    later = add_meeting(h, datetime(2026, 12, 11, 13, 0, tzinfo=CPH))
    add_meeting(h, datetime(2027, 2, 5, 13, 0, tzinfo=CPH))  # beyond four weeks
    add_task(h, "Notat om takster", PIA, date(2026, 11, 20))
    add_task(h, "Udkast til årsplan", PIA, date(2026, 12, 10))
    add_task(h, "Kontakt KL om tal", BO, None)
    pia, bo, chair = member_id(h, PIA), member_id(h, BO), member_id(h, FMD)
    with h.services.uow() as session:
        item = AgendaItem(
            meeting_id=held,
            number="3",
            title="Økonomimodel Sjælland",
            status=ItemStatus.TREATED,
            created_at=now,
            updated_at=now,
        )
        session.add(item)
        session.flush()
        session.add(
            Decision(item_id=item.id, position=0, text="Modellen blev godkendt.", created_at=now)
        )
        for title, status in (
            ("Takstanalyse", ItemStatus.PROPOSED),
            ("Kommissorium", ItemStatus.ACCEPTED),
        ):
            session.add(
                AgendaItem(
                    meeting_id=upcoming,
                    title=title,
                    status=status,
                    proposer_member_id=pia,
                    proposer_name="Pia Bille",
                    created_at=now,
                    updated_at=now,
                )
            )
        session.add(
            Attendance(
                meeting_id=upcoming,
                member_id=bo,
                name="Bo Gammelgaard",
                status=AttendanceStatus.AFBUD,
                updated_at=now,
            )
        )
        minutes = Minutes(
            meeting_id=held,
            version=1,
            content_hash="x" * 64,
            channel=CHANNEL,
            message_ts="1700000000.000100",
            status=MinutesStatus.OPEN,
            deadline_at=datetime(2026, 11, 25, 23, 59, tzinfo=CPH),
            posted_at=now,
        )
        session.add(minutes)
        session.flush()
        session.add(ApprovalVote(minutes_id=minutes.id, member_id=chair, verdict="approve", at=now))
    return {"held": held, "upcoming": upcoming, "later": later}


# ---------------------------------------------------------------------------
# When
# ---------------------------------------------------------------------------


def test_posted_once_at_the_groups_day_and_time(h: BotHarness) -> None:
    committee_week(h)
    h.tick(MONDAY_8 - timedelta(minutes=1))
    assert digests(h) == []
    h.tick(MONDAY_8)
    h.tick(MONDAY_8 + timedelta(minutes=1))
    h.tick(MONDAY_8 + timedelta(hours=5))
    h.settle()
    (posted,) = digests(h)
    valid_blocks(posted["blocks"])
    dump = json.dumps(posted["blocks"], ensure_ascii=False)
    assert "Ugens overblik – Styregruppen (uge 48)" in dump
    # Open action items by owner, overdue first.
    assert "Åbne opgaver: 3 (1 over fristen)" in dump
    assert dump.index("Pia Bille") < dump.index("Bo Gammelgaard")
    assert dump.index("Notat om takster") < dump.index("Udkast til årsplan")
    assert "overskredet" in dump
    # Meetings of the next four weeks, with agenda and attendance.
    assert "fredag 27. november 2026" in dump and "Ringsted" in dump
    assert "1 punkter optaget, 1 forslag venter" in dump
    assert "fristen for punkter var 17. november 2026" in dump
    assert "Afbud (1): Bo Gammelgaard · 4 har ikke svaret" in dump
    assert "5. februar" not in dump
    # Minutes awaiting approval: deadline and missing answers.
    assert "Referater til godkendelse" in dump and "4 mangler at svare" in dump
    # The last meeting's decisions.
    assert "Beslutninger fra mødet 11. november 2026" in dump
    assert "Modellen blev godkendt" in dump
    (run,) = runs(h)
    assert run.week == "2026-W48" and run.kind == "group" and run.message_ts == posted["ts"]


def test_day_time_and_zone_are_group_settings(h: BotHarness) -> None:
    reply = command_reply(h, FMD, "indstillinger digest fredag 9:00")
    assert "hver fredag kl. 9:00" in reply["text"]
    gid = group_id(h)
    with h.services.uow() as session:
        group = session.get(Group, gid)
        assert group is not None
        assert (group.digest_weekday, group.digest_time) == (4, time(9, 0))
        group.timezone = "America/New_York"
    h.tick(MONDAY_8)
    h.tick(datetime(2026, 11, 27, 14, 59, tzinfo=CPH))  # 08:59 in New York
    assert digests(h) == []
    h.tick(datetime(2026, 11, 27, 15, 0, tzinfo=CPH))
    h.settle()
    assert len(digests(h)) == 1


def test_only_chair_and_secretary_change_settings_and_off_means_off(h: BotHarness) -> None:
    refused = command_reply(h, PIA, "indstillinger digest tirsdag 10:00")["text"]
    assert "Det kan formand eller sekretær" in refused
    assert (
        "Ugens overblik i *Styregruppen* kommer hver mandag kl. 8:00"
        in command_reply(h, PIA, "indstillinger")["text"]
    )
    bad = command_reply(h, SEK, "indstillinger digest mandag 25:00")["text"]
    assert "«25:00»" in bad and "`/referent indstillinger digest mandag 8:00`" in bad
    assert "slået fra" in command_reply(h, SEK, "indstillinger digest fra")["text"]
    h.tick(MONDAY_8)
    h.settle()
    assert digests(h) == [] and runs(h) == []


def test_missed_digest_is_posted_the_same_day_and_skipped_the_next(h: BotHarness) -> None:
    # Down all Monday morning: the first tick after the slot, at 15:00, still posts.
    h.tick(MONDAY_8 + timedelta(hours=7))
    h.settle()
    assert len(digests(h)) == 1
    # The next week the bot is down all Monday: Tuesday's tick skips the stale digest.
    h.tick(MONDAY_8 + timedelta(days=8))
    h.settle()
    assert len(digests(h)) == 1
    assert [r.week for r in runs(h)] == ["2026-W48"]
    h.tick(MONDAY_8 + timedelta(days=14))
    h.settle()
    assert len(digests(h)) == 2


def test_no_double_digest_across_a_restart(h: BotHarness, sqlite_url: str) -> None:
    h.tick(MONDAY_8)
    h.bot.services.engine.dispose()
    second = restart(h, sqlite_url)
    try:
        second.tick(MONDAY_8 + timedelta(minutes=1))
        second.tick(MONDAY_8 + timedelta(hours=2))
    finally:
        second.services.engine.dispose()
    h.settle()
    assert len(digests(h)) == 1 and len(runs(h)) == 1


def race(h: BotHarness, database_url: str) -> None:
    """Two processes tick at the same moment from two threads: one digest."""
    other = restart(h, database_url)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(bot: Bot) -> None:
        try:
            barrier.wait()
            bot.tick(MONDAY_8 + timedelta(seconds=5))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(bot,)) for bot in (h.bot, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    other.services.engine.dispose()
    assert errors == []
    h.settle()
    assert len(digests(h)) == 1 and len(runs(h)) == 1


def test_two_ticks_racing_from_two_threads_post_once(h: BotHarness, sqlite_url: str) -> None:
    committee_week(h)
    race(h, sqlite_url)


@pytest.mark.postgres
def test_two_ticks_racing_on_postgresql_post_once(pg_harness: BotHarness, pg_url: str) -> None:
    pg_harness.add_group(chair=FMD)
    race(pg_harness, pg_url)


def test_a_failed_post_rolls_back_and_the_next_tick_posts(h: BotHarness) -> None:
    h.fake.fail_next("chat.postMessage", error="channel_not_found")
    h.tick(MONDAY_8)
    h.settle()
    assert digests(h) == [] and runs(h) == []
    h.tick(MONDAY_8 + timedelta(minutes=1))
    h.settle()
    assert len(digests(h)) == 1 and len(runs(h)) == 1


# ---------------------------------------------------------------------------
# Within Slack's limits
# ---------------------------------------------------------------------------


def test_a_thousand_open_tasks_are_summarised_within_the_limits(h: BotHarness) -> None:
    committee_week(h)
    owners = [SEK, FMD, PIA, BO, MIL]
    ids = {u: member_id(h, u) for u in owners}
    gid = group_id(h)
    with h.services.uow() as session:
        for i in range(1000):
            session.add(
                ActionItem(
                    group_id=gid,
                    text=f"Opfølgning {i} på " + "en lang beslutning om takster og kontrakter " * 8,
                    owner_member_id=ids[owners[i % 5]] if i % 7 else None,
                    owner_name=f"Netværk {i % 40}" if not i % 7 else None,
                    due_date=date(2026, 10, 1) + timedelta(days=i % 90),
                    status=ActionStatus.OPEN,
                    created_at=h.clock.now(),
                )
            )
        for n in range(60):  # a long last meeting
            session.add(
                Decision(
                    item_id=session.scalars(select(AgendaItem.id)).first(),
                    position=n + 1,
                    text="Styregruppen besluttede " + "noget vigtigt " * 30,
                    created_at=h.clock.now(),
                )
            )
    h.tick(MONDAY_8)
    h.settle()
    (posted,) = digests(h)
    valid_blocks(posted["blocks"])
    dump = json.dumps(posted["blocks"], ensure_ascii=False)
    assert "Åbne opgaver: 1003" in dump
    assert "andre ansvarlige" in dump and "`/referent opgaver`" in dump
    assert "beslutninger mere" in dump


def test_the_message_validates_in_english_too(h: BotHarness) -> None:
    committee_week(h)
    gid = group_id(h)
    with h.services.uow() as session:
        group = session.get(Group, gid)
        assert group is not None
        group.language = "en"
        message = group_message(gather(session, group, MONDAY_8, "en"), "en")
    assert message.blocks is not None
    valid_blocks(message.blocks)
    assert "The week ahead – Styregruppen (week 48)" in message.text


# ---------------------------------------------------------------------------
# The personal digest, the preview, Home
# ---------------------------------------------------------------------------


def test_personal_digest_by_choice(h: BotHarness) -> None:
    committee_week(h)
    assert "Du får nu dit eget ugentlige overblik" in command_reply(h, PIA, "digest til")["text"]
    h.tick(MONDAY_8)
    h.tick(MONDAY_8 + timedelta(minutes=3))
    h.settle()
    (mine,) = digests(h, h.fake.im_channel(PIA))
    valid_blocks(mine["blocks"])
    dump = json.dumps(mine["blocks"], ensure_ascii=False)
    assert "Dine opgaver: 2 (1 over fristen)" in dump and "task_done" in dump
    assert "du har ikke svaret" in dump
    assert "Referater, der venter på dit svar" in dump
    assert digests(h, h.fake.im_channel(BO)) == []  # Bo did not ask for one
    assert sorted(r.kind for r in runs(h)) == ["group", "personal"]
    assert "ikke længere" in command_reply(h, PIA, "digest fra")["text"]


def test_preview_now(h: BotHarness) -> None:
    committee_week(h)
    reply = command_reply(h, MIL, "digest")
    assert reply["text"].startswith("Ugens overblik")
    valid_blocks(reply["blocks"])
    assert runs(h) == []  # a preview is not this week's digest


def test_home_overview_for_a_member_and_for_the_chair(h: BotHarness) -> None:
    committee_week(h)
    h.driver.app_home_opened(PIA)
    home = h.wait_for(lambda: h.fake.home(PIA))
    dump = json.dumps(home["blocks"], ensure_ascii=False)
    assert "Overblik" in dump
    assert "fredag 27. november 2026" in dump and "du har ikke svaret" in dump
    assert "Referater, der venter på dit svar" in dump
    assert "Takstanalyse – afventer afgørelse" in dump
    assert "Kommissorium – optaget på dagsordenen" in dump
    assert "Forslag, der venter på jeres afgørelse" not in dump
    h.driver.app_home_opened(FMD)
    chair = json.dumps(h.wait_for(lambda: h.fake.home(FMD))["blocks"], ensure_ascii=False)
    assert "Dagsorden til mødet 27. november 2026" in chair and "kladde" in chair
    assert "Forslag, der venter på jeres afgørelse (1)" in chair
    assert "Takstanalyse – fra Pia Bille" in chair
    assert "Referater, der venter på dit svar" not in chair  # the chair has answered


@pytest.mark.postgres
def test_digest_and_overview_on_postgresql(pg_harness: BotHarness) -> None:
    h = pg_harness
    h.add_group(chair=FMD)
    committee_week(h)
    h.tick(MONDAY_8)
    h.settle()
    (posted,) = digests(h)
    valid_blocks(posted["blocks"])
    assert "Åbne opgaver: 3 (1 over fristen)" in json.dumps(posted["blocks"], ensure_ascii=False)
    h.driver.app_home_opened(FMD)
    chair = json.dumps(h.wait_for(lambda: h.fake.home(FMD))["blocks"], ensure_ascii=False)
    assert "Forslag, der venter på jeres afgørelse (1)" in chair
