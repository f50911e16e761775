"""Scenarios and rules of meetings: create, move, cancel, the calendar, labels and .ics."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.domain.enums import ItemStatus, MeetingStatus
from bot.meetings import format_when, meeting_label
from storage.models import AgendaItem, Meeting
from tests.harness import BotHarness

CPH = ZoneInfo("Europe/Copenhagen")
CHANNEL = "C0GROUP"
SECRETARY = "U0SEK"
CHAIR = "U0FMD"
PIA = "U0PIA"


def command(h: BotHarness, user: str, text: str) -> None:
    """Run a slash command and wait until the bot has answered."""
    before = len(h.fake.calls())
    status, _, _ = h.driver.command(user, text, channel=CHANNEL)
    assert status == 200
    h.wait_for(lambda: len(h.fake.calls()) > before, timeout=10)
    h.settle()


def meetings(h: BotHarness) -> list[Meeting]:
    """Return every meeting, by start."""
    with h.services.uow() as session:
        rows = list(session.scalars(select(Meeting).order_by(Meeting.starts_at)))
        session.expunge_all()
        return rows


def reply(h: BotHarness) -> str:
    """Return the text of the last answer to a slash command."""
    return str(h.responses()[-1]["text"])


def ics_files(h: BotHarness) -> list[tuple[dict[str, Any], str]]:
    """Return the .ics files the bot shared, with their text."""
    found = []
    for message in h.bot_messages(CHANNEL):
        for file in message.get("files") or []:
            if file["name"].endswith(".ics"):
                found.append((message, (h.fake.file_content(file["id"]) or b"").decode()))
    return found


def test_create_a_meeting_with_time_and_place(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    command(h, SECRETARY, "møde fredag den 12. marts kl. 12-15 Ringsted Kongrescenter")
    [meeting] = meetings(h)
    assert meeting.starts_at == datetime(2027, 3, 12, 11, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime(2027, 3, 12, 14, 0, tzinfo=UTC)
    assert (meeting.location, meeting.status, meeting.has_time) == (
        "Ringsted Kongrescenter",
        "planned",
        True,
    )
    assert "fredag 12. marts 2027 kl. 12–15, Ringsted Kongrescenter" in reply(h)
    announcement = next(m for m in h.bot_messages(CHANNEL) if "Nyt møde" in m["text"])
    assert meeting.announcement_ts == announcement["ts"]
    assert "Forslag til dagsordenen senest tirsdag 2. marts 2027" in str(announcement["blocks"])
    [(message, ics)] = ics_files(h)
    assert message["thread_ts"] == announcement["ts"]
    assert "DTSTART:20270312T110000Z" in ics and "DTEND:20270312T140000Z" in ics
    assert "LOCATION:Ringsted Kongrescenter" in ics and "STATUS:CONFIRMED" in ics


def test_mention_and_date_only_meeting(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    h.driver.mention(CHAIR, CHANNEL, f"<@{h.fake.bot_user_id}> møde 3/5")
    h.wait_for(lambda: meetings(h))
    h.settle()
    [meeting] = meetings(h)
    assert not meeting.has_time
    assert meeting_label(meeting, "da", tz="Europe/Copenhagen") == "mandag 3. maj 2027"
    [(_, ics)] = ics_files(h)
    assert "DTSTART;VALUE=DATE:20270503" in ics and "DTEND;VALUE=DATE:20270504" in ics


def test_the_meeting_modal_creates_and_moves(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    command(h, CHAIR, "møde")
    view = h.fake.views(user=CHAIR, kind="open")[-1]["view"]
    assert view["callback_id"] == "meeting_modal"
    values = {
        "date": {"value": {"type": "datepicker", "selected_date": "2027-03-12"}},
        "start": {"value": {"type": "timepicker", "selected_time": "09:30"}},
        "end": {"value": {"type": "timepicker", "selected_time": "12:00"}},
        "location": {"value": {"type": "plain_text_input", "value": "Holbæk"}},
    }
    h.driver.view_submission(CHAIR, "meeting_modal", values)
    h.wait_for(lambda: meetings(h))
    h.settle()
    [meeting] = meetings(h)
    assert meeting.starts_at == datetime(2027, 3, 12, 8, 30, tzinfo=UTC)
    assert (
        meeting_label(meeting, "da", tz="Europe/Copenhagen") == "fredag 12. marts 2027 kl. 9.30–12"
    )
    command(h, CHAIR, "møde liste")
    listing = h.responses()[-1]
    edit = next(
        e
        for b in listing["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "meeting_edit"
    )
    h.driver.block_action(CHAIR, "meeting_edit", edit["value"], channel=CHANNEL)
    h.settle()
    moved_view = h.fake.views(user=CHAIR, kind="open")[-1]["view"]
    date_block = next(b for b in moved_view["blocks"] if b["block_id"] == "date")
    assert date_block["element"]["initial_date"] == "2027-03-12"
    values["date"]["value"]["selected_date"] = "2027-03-19"
    h.driver.view_submission(CHAIR, "meeting_modal", values)
    h.wait_for(lambda: meetings(h)[0].sequence == 1)
    h.settle()
    assert meetings(h)[0].starts_at == datetime(2027, 3, 19, 8, 30, tzinfo=UTC)
    assert "SEQUENCE:1" in ics_files(h)[-1][1]


def test_calendar_in_one_go_then_move_and_cancel(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    command(h, SECRETARY, "møde kalender 15/3, 3/5, 9/8, 4/10 kl 9-12")
    rows = meetings(h)
    assert [m.starts_at.astimezone(CPH).strftime("%d/%m %H") for m in rows] == [
        "15/03 09",
        "03/05 09",
        "09/08 09",
        "04/10 09",
    ]
    [(message, ics)] = ics_files(h)
    assert ics.count("BEGIN:VEVENT") == 4
    calendar = next(m for m in h.bot_messages(CHANNEL) if "Mødekalender" in m["text"])
    assert "– 4 møder" in calendar["text"] and message["thread_ts"] == calendar["ts"]
    command(h, SECRETARY, "møde kalender 15/3, 10/11 kl 9-12")
    assert len(meetings(h)) == 5
    assert "Ét møde er oprettet. Én dag havde allerede et møde." in reply(h)

    # A proposal on the March meeting moves with the cancellation.
    h.driver.mention(PIA, CHANNEL, f"<@{h.fake.bot_user_id}> punkt: Budget")
    h.wait_for(lambda: _items(h))
    h.settle()
    command(h, SECRETARY, "møde flyt 15/3 til 22/3 kl 10-12 Ringsted")
    moved = meetings(h)[0]
    assert moved.starts_at == datetime(2027, 3, 22, 9, 0, tzinfo=UTC)
    assert (moved.location, moved.sequence) == ("Ringsted", 1)
    assert "flyttet" in h.bot_messages(CHANNEL)[-2]["text"]
    command(h, SECRETARY, "møde aflys 22/3")
    cancelled = meetings(h)[0]
    assert cancelled.status == MeetingStatus.CANCELLED and cancelled.sequence == 2
    assert "Ét punkt er flyttet til mødet mandag 3. maj 2027" in reply(h)
    [item] = _items(h)
    assert item.meeting_id == meetings(h)[1].id and item.status == ItemStatus.PROPOSED
    assert "STATUS:CANCELLED" in ics_files(h)[-1][1]


def _items(h: BotHarness) -> list[AgendaItem]:
    with h.services.uow() as session:
        rows = list(session.scalars(select(AgendaItem)))
        session.expunge_all()
        return rows


def test_bad_and_ambiguous_dates_are_quoted_with_two_examples(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    command(h, SECRETARY, "møde 33/5 kl 9")
    text = reply(h)
    assert "»33/5 kl 9«" in text or "»33/5«" in text
    assert "`/referent møde 3/5 kl 9-12`" in text and "Ringsted Kongrescenter`" in text
    command(h, SECRETARY, "møde fredag den 15. marts kl. 12-15")  # 15/3/2027 is a Monday
    text = reply(h)
    assert "»fredag den 15. marts«" in text and "ugedagen" in text
    command(h, SECRETARY, "møde i morgen kl 25")
    assert "`/referent møde 3/5 kl 9-12`" in reply(h)
    assert meetings(h) == []


def test_only_officers_manage_meetings_and_days_are_unique(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    command(h, PIA, "møde 3/5 kl 9-12")
    assert "oprette og flytte møder" in reply(h) and "formand eller sekretær" in reply(h)
    command(h, CHAIR, "møde 3/5 kl 9-12")
    command(h, CHAIR, "møde 3/5 kl 13-15")
    assert "Der er allerede et møde den dag" in reply(h)
    assert len(meetings(h)) == 1


def test_held_meetings_are_named_with_the_next_ones(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    command(h, CHAIR, "møde 25/11 kl 9-12")
    command(h, CHAIR, "møde 12/3 kl 9-12")
    h.set_now(datetime(2026, 12, 1, 9, 0, tzinfo=CPH))
    command(h, CHAIR, "møde aflys 25/11")
    text = reply(h)
    assert "Mødet onsdag 25. november 2026 kl. 9–12 er afholdt" in text
    assert "fredag 12. marts 2027 kl. 9–12" in text


def test_ics_button_sends_the_file_by_dm(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=CHAIR)
    command(h, CHAIR, "møde 3/5 kl 9-12")
    meeting = meetings(h)[0]
    h.driver.block_action(PIA, "meeting_ics", str(meeting.id), channel=CHANNEL)
    h.settle()
    dm = h.fake.im_channel(PIA)
    files = [f for m in h.fake.messages(channel=dm) for f in m.get("files") or []]
    assert files and files[0]["name"] == "styregruppen-2027-05-03.ics"


def test_labels_in_both_languages() -> None:
    start = datetime(2024, 3, 15, 11, 0, tzinfo=UTC)
    end = datetime(2024, 3, 15, 14, 0, tzinfo=UTC)
    assert (
        format_when(start, end, True, "Europe/Copenhagen", "da")
        == "fredag 15. marts 2024 kl. 12–15"
    )
    assert (
        format_when(start, end, True, "Europe/Copenhagen", "en")
        == "Friday 15 March 2024, 12:00–15:00"
    )
    assert format_when(start, None, False, "Europe/Copenhagen", "da") == "fredag 15. marts 2024"


def test_ics_writer_escapes_folds_and_marks_cancellations() -> None:
    from bot.ics import fold, meeting_ics
    from storage.models import Group

    group = Group(
        id=1, name="Styregruppen; Sjælland, Øst", timezone="Europe/Copenhagen", language="da"
    )
    meeting = Meeting(
        id=7,
        group_id=1,
        starts_at=datetime(2024, 3, 15, 11, 0, tzinfo=UTC),
        ends_at=datetime(2024, 3, 15, 14, 0, tzinfo=UTC),
        has_time=True,
        location="Ringsted Kongrescenter, Nørretorv 55, Ringsted " + "æøå " * 20,
        status=MeetingStatus.CANCELLED,
        sequence=2,
        created_at=datetime(2024, 1, 2, 8, 0, tzinfo=UTC),
        cancelled_at=datetime(2024, 3, 1, 8, 0, tzinfo=UTC),
    )
    text = meeting_ics([meeting], group).decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith(
        "END:VCALENDAR\r\n"
    )
    assert "UID:meeting-7@referent.invalid" in text
    assert "X-WR-CALNAME:Styregruppen\\; Sjælland\\, Øst" in text
    assert (
        "STATUS:CANCELLED" in text and "SEQUENCE:2" in text and "DTSTAMP:20240301T080000Z" in text
    )
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = text.replace("\r\n ", "")
    assert "LOCATION:Ringsted Kongrescenter\\, Nørretorv 55\\, Ringsted æøå" in unfolded
    assert fold("x" * 80).split("\r\n ")[0] == "x" * 75


def test_cli_writes_the_group_calendar(tmp_path: Path, monkeypatch: Any) -> None:
    from typer.testing import CliRunner

    from bot.app import build_services
    from bot.cli import app
    from bot.groups import create_group
    from bot.meetings import create_meeting, parse_meeting_text
    from bot.ports import FixedClock
    from tests.conftest import make_settings

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    now = datetime(2026, 11, 18, 10, 0, tzinfo=CPH)
    settings = make_settings(url)
    services = build_services(settings, clock=FixedClock(now))
    with services.uow() as session:
        group = create_group(session, settings, name="Styregruppen", channel_id=None, now=now)
        when, place = parse_meeting_text("12. marts kl. 12-15 Ringsted", now, group.timezone)
        create_meeting(session, group, when, place, now)
    services.engine.dispose()
    for key, value in {
        "DATABASE_URL": url,
        "REFERENT_TIMEZONE": "Europe/Copenhagen",
        "REFERENT_LANGUAGE": "da",
    }.items():
        monkeypatch.setenv(key, value)
    out = tmp_path / "kalender.ics"
    result = CliRunner().invoke(app, ["ics", "--group", "Styregruppen", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "DTSTART:20270312T110000Z" in out.read_text()
    md = tmp_path / "dagsorden.md"
    result = CliRunner().invoke(
        app, ["agenda", "--group", "Styregruppen", "--date", "2027-03-12", "--out", str(md)]
    )
    assert result.exit_code == 0, result.output
    assert md.read_text().startswith("# Dagsorden – Styregruppen")
    result = CliRunner().invoke(app, ["ics", "--group", "Ukendt"])
    assert result.exit_code == 1
