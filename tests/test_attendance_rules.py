"""Attendance without Slack: the pure rules, reading afbud sentences, the minutes header."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.attendance import (
    AttendanceBlock,
    AttendancePerson,
    PersonRef,
    afbud_modal,
    attendance_blocks,
    parse_afbud_text,
    parse_withdraw_text,
    render_attendance_text,
)
from bot.demo.fakeslack import validate_blocks
from bot.domain.attendance import (
    afbud_limit,
    count_answers,
    forecast_crossed,
    plan_meeting_work,
    working_days_before,
)
from bot.domain.enums import AttendanceStatus
from bot.errors import UserError

CPH = ZoneInfo("Europe/Copenhagen")
TZ = "Europe/Copenhagen"
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=CPH)  # a Wednesday


def test_count_answers() -> None:
    answers = {1: AttendanceStatus.ATTENDING, 2: AttendanceStatus.AFBUD, 3: "absent"}
    count = count_answers([1, 2, 3, 4, 5], answers)
    assert (count.attending, count.afbud, count.unanswered) == (1, 2, 2)
    assert count.members == 5


@pytest.mark.parametrize(
    ("members", "threshold", "limit"),
    [(6, 1 / 3, 2), (5, 1 / 3, 2), (9, 1 / 3, 3), (10, 1 / 3, 4), (2, 1 / 3, 1), (0, 1 / 3, 1)],
)
def test_afbud_limit_is_reached_not_exceeded(members: int, threshold: float, limit: int) -> None:
    assert afbud_limit(members, threshold) == limit


def test_forecast_warns_on_the_crossing_only() -> None:
    assert not forecast_crossed(0, 1, 6, 1 / 3)
    assert forecast_crossed(1, 2, 6, 1 / 3)
    assert not forecast_crossed(2, 3, 6, 1 / 3)  # the chair already knows
    assert not forecast_crossed(3, 2, 6, 1 / 3)
    assert forecast_crossed(1, 2, 6, 1 / 3)  # a seat filled again re-arms the warning


def test_working_days_skip_weekends() -> None:
    monday = datetime(2026, 11, 30, tzinfo=CPH).date()
    assert working_days_before(monday, 1).isoformat() == "2026-11-27"  # Friday
    assert working_days_before(monday, 2).isoformat() == "2026-11-26"  # Thursday


def test_plan_for_a_meeting_far_ahead() -> None:
    starts = datetime(2026, 11, 27, 13, 0, tzinfo=CPH)  # Friday
    plan = plan_meeting_work(starts, TZ, 7, NOW)
    assert plan.announce_at == datetime(2026, 11, 20, 9, 0, tzinfo=CPH)
    assert plan.remind_at == datetime(2026, 11, 25, 9, 0, tzinfo=CPH)
    assert plan.list_at == datetime(2026, 11, 26, 9, 0, tzinfo=CPH)


def test_plan_for_a_meeting_planned_late() -> None:
    starts = datetime(2026, 11, 20, 13, 0, tzinfo=CPH)  # Friday, two days ahead
    plan = plan_meeting_work(starts, TZ, 7, NOW)
    assert plan.announce_at == NOW  # at once
    assert plan.remind_at is None  # right after the announcement it would be noise
    assert plan.list_at == datetime(2026, 11, 19, 9, 0, tzinfo=CPH)
    tomorrow_morning = datetime(2026, 11, 19, 8, 0, tzinfo=CPH)
    assert plan_meeting_work(starts, TZ, 7, tomorrow_morning).list_at == datetime(
        2026, 11, 19, 9, 0, tzinfo=CPH
    )
    assert plan_meeting_work(starts, TZ, 7, starts).announce_at is None


def test_plan_brings_an_existing_announcement_up_to_date_at_once() -> None:
    starts = datetime(2026, 12, 11, 13, 0, tzinfo=CPH)
    assert plan_meeting_work(starts, TZ, 7, NOW, announced=True).announce_at == NOW


@pytest.mark.parametrize(
    ("text", "when", "reason", "substitute", "target"),
    [
        ("", None, None, None, None),
        ("til mødet 3/5", "3/5", None, None, None),
        ("kan ikke komme 15/3 pga. sygdom", "15/3", "sygdom", None, None),
        (", Anne Hansen deltager i stedet", None, None, PersonRef(name="Anne Hansen"), None),
        ("<@U0PIA> 3/5 ferie", "3/5", "ferie", None, PersonRef(slack_user_id="U0PIA")),
        ("@Pia 3/5 ferie", "3/5", "ferie", None, PersonRef(name="Pia")),
        (
            "3/5 pga. ferie, Anne Hansen deltager i stedet",
            "3/5",
            "ferie",
            PersonRef(name="Anne Hansen"),
            None,
        ),
        (
            "jeg melder afbud til mødet på fredag - <@U0BO> kommer i stedet",
            "på fredag",
            None,
            PersonRef(slack_user_id="U0BO"),
            None,
        ),
        ("pga. et andet møde kl 14", None, "et andet møde kl 14", None, None),
        ("stedfortræder: Anne Hansen", None, None, PersonRef(name="Anne Hansen"), None),
        (
            "I can't come on Friday because of illness, Anne Hansen attends instead",
            "on Friday",
            "illness",
            PersonRef(name="Anne Hansen"),
            None,
        ),
    ],
)
def test_reading_afbud_sentences(
    text: str,
    when: str | None,
    reason: str | None,
    substitute: PersonRef | None,
    target: PersonRef | None,
) -> None:
    parsed = parse_afbud_text(text, NOW, TZ)
    assert parsed.when_text == when
    assert parsed.reason == reason
    assert parsed.substitute == substitute
    assert parsed.target == target


def test_a_wrong_date_is_quoted_back() -> None:
    with pytest.raises(UserError) as info:
        parse_afbud_text("afbud 30/2", NOW, TZ)
    assert info.value.key == "attendance.bad_date"
    assert "30/2" in info.value.render("da")
    assert "afbud til mødet 3/5" in info.value.render("da")


@pytest.mark.parametrize(
    ("text", "target", "when"),
    [
        ("jeg kommer alligevel", None, None),
        ("jeg kommer alligevel 3/5", None, "3/5"),
        ("<@U0PIA> kommer alligevel", PersonRef(slack_user_id="U0PIA"), None),
        ("I'm coming after all", None, None),
        ("jeg deltager på fredag", None, "på fredag"),
    ],
)
def test_reading_withdrawals(text: str, target: PersonRef | None, when: str | None) -> None:
    assert parse_withdraw_text(text, NOW, TZ) == (target, when)


def _block() -> AttendanceBlock:
    return AttendanceBlock(
        participants=[
            AttendancePerson("Morten Bøgelund Andersen", "Direktør, formand", "Greve Kommune"),
            AttendancePerson("Bo Gammelgaard", "Centerchef", "Næstved Kommune"),
            AttendancePerson(
                "Anne Hansen", None, "Greve Kommune", substitute_for="Anne Sofie Degn"
            ),
        ],
        guests=[
            AttendancePerson(
                "Petrine Andersen", "Voksne Handicappede", "Region Sjælland", note="Via teams"
            ),
        ],
        absent=[
            AttendancePerson(
                "Anne Sofie Degn",
                "Kommunaldirektør",
                "Greve Kommune",
                substitute="Anne Hansen",
                reason="sygdom",
            )
        ],
    )


def test_minutes_header_follows_the_corpus_layout() -> None:
    text = render_attendance_text(_block(), "da")
    assert text == (
        "Deltagere:\n"
        "\n"
        "Navn\tTitel\tArbejdssted\n"
        "Morten Bøgelund Andersen\tDirektør, formand\tGreve Kommune\n"
        "Bo Gammelgaard\tCenterchef\tNæstved Kommune\n"
        "Anne Hansen\tStedfortræder for Anne Sofie Degn\tGreve Kommune\n"
        "\n"
        "Gæster: Via teams\n"
        "\n"
        "Petrine Andersen\tVoksne Handicappede\tRegion Sjælland\n"
        "\n"
        "Afbud:\n"
        "\n"
        "Anne Sofie Degn\tKommunaldirektør\tGreve Kommune\tStedfortræder: Anne Hansen\n"
    )
    assert "sygdom" not in text  # reasons are not published


def test_minutes_header_in_english_and_without_absentees() -> None:
    block = AttendanceBlock(participants=[AttendancePerson("Pia Bille")], guests=[], absent=[])
    text = render_attendance_text(block, "en")
    assert text.splitlines() == [
        "Participants:",
        "",
        "Name\tTitle\tOrganisation",
        "Pia Bille\t\t",
        "",
        "Apologies:",
        "",
        "None",
    ]


def test_minutes_blocks_are_valid_block_kit() -> None:
    blocks = attendance_blocks(_block(), "da")
    assert validate_blocks(blocks, limit=50) == []
    text = "\n".join(b["text"]["text"] for b in blocks)
    assert "*Deltagere:*" in text
    assert "*Anne Sofie Degn* – Kommunaldirektør, Greve Kommune, Stedfortræder: Anne Hansen" in text
    assert "sygdom" not in text


def test_afbud_modal_is_valid() -> None:
    from storage.models import Meeting

    meeting = Meeting(
        id=7,
        group_id=1,
        starts_at=datetime(2026, 11, 27, 13, 0, tzinfo=CPH),
        ends_at=datetime(2026, 11, 27, 15, 0, tzinfo=CPH),
        has_time=True,
    )
    view = afbud_modal(meeting, "da", '{"meeting_id": 7}')
    assert view["callback_id"] == "attendance_afbud"
    assert validate_blocks(view["blocks"], limit=100) == []
    assert [b.get("block_id") for b in view["blocks"][1:]] == [
        "reason",
        "substitute_user",
        "substitute_name",
    ]
    assert len(view["title"]["text"]) <= 24
