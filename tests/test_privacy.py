"""Right of access and erasure: `referent person export` and `referent person forget`."""

from __future__ import annotations

import json
from datetime import timedelta

from typer.testing import CliRunner

from bot.cli import app as cli
from bot.domain.enums import AttendanceStatus, MeetingStatus
from bot.privacy import FORGOTTEN_NAME, pseudonym
from storage.models import AgendaItem, Attendance, AuditEntry, Decision, Meeting, Member
from tests.harness import BotHarness


def _setup(harness: BotHarness) -> tuple[int, int, int]:
    group_id = harness.add_group()
    now = harness.clock.now()
    with harness.services.uow() as session:
        pia = session.query(Member).filter_by(group_id=group_id, slack_user_id="U0PIA").one()
        held = Meeting(
            group_id=group_id,
            starts_at=now - timedelta(days=30),
            status=MeetingStatus.HELD,
            created_at=now,
        )
        coming = Meeting(group_id=group_id, starts_at=now + timedelta(days=30), created_at=now)
        session.add_all([held, coming])
        session.flush()
        session.add_all(
            [
                Attendance(
                    meeting_id=held.id,
                    member_id=pia.id,
                    name=pia.name,
                    title=pia.title,
                    status=AttendanceStatus.AFBUD,
                    reason="sygdom",
                    updated_at=now,
                ),
                Attendance(
                    meeting_id=coming.id,
                    member_id=pia.id,
                    name=pia.name,
                    status=AttendanceStatus.AFBUD,
                    reason="ferie",
                    updated_at=now,
                ),
            ]
        )
        item = AgendaItem(
            meeting_id=held.id,
            number="3",
            title="Pias forslag",
            proposer_member_id=pia.id,
            proposer_name=pia.name,
            created_at=now,
            updated_at=now,
        )
        session.add(item)
        session.flush()
        session.add(
            Decision(item_id=item.id, text="Pia Bille udarbejder et notat.", created_at=now)
        )
        session.add(
            AuditEntry(
                at=now,
                action="item.proposed",
                actor="U0PIA",
                group_id=group_id,
                detail={"user": "U0PIA"},
            )
        )
        return group_id, held.id, coming.id


def test_export_and_forget(harness: BotHarness) -> None:
    group_id, held_id, coming_id = _setup(harness)
    url = str(harness.services.engine.url.render_as_string(hide_password=False))
    runner = CliRunner()
    exported = runner.invoke(
        cli, ["person", "export", "--slack-id", "U0PIA"], env={"DATABASE_URL": url}
    )
    assert exported.exit_code == 0, exported.output
    data = json.loads(exported.stdout)
    assert data["memberships"][0]["name"] == "Pia Bille"
    assert {a["reason"] for a in data["attendance"]} == {"sygdom", "ferie"}
    assert data["proposals"][0]["title"] == "Pias forslag"
    assert data["audit"][0]["action"] == "item.proposed"

    forgot = runner.invoke(
        cli, ["person", "forget", "--slack-id", "U0PIA", "--yes"], env={"DATABASE_URL": url}
    )
    assert forgot.exit_code == 0, forgot.output
    with harness.services.uow() as session:
        member = session.query(Member).filter_by(group_id=group_id, name=FORGOTTEN_NAME).one()
        assert member.slack_user_id is None and member.title is None and not member.active
        held_rows = session.query(Attendance).filter_by(meeting_id=held_id).all()
        assert [r.name for r in held_rows] == ["Pia Bille"], (
            "the held meeting's record keeps the name"
        )
        assert held_rows[0].reason is None, "the reason (possibly health data) is erased"
        assert session.query(Attendance).filter_by(meeting_id=coming_id).count() == 0
        item = session.query(AgendaItem).filter_by(title="Pias forslag").one()
        assert item.proposer_name is None
        assert session.query(Decision).one().text == "Pia Bille udarbejder et notat."
        entries = session.query(AuditEntry).all()
        assert all(
            "U0PIA" not in json.dumps(e.detail or {}) and e.actor != "U0PIA" for e in entries
        )
        assert any(e.actor == pseudonym("U0PIA") for e in entries)
    again = runner.invoke(
        cli, ["person", "export", "--slack-id", "U0PIA"], env={"DATABASE_URL": url}
    )
    assert json.loads(again.stdout)["memberships"] == []
