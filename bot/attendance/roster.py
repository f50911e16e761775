"""The minutes header: Deltagere, Gæster and Afbud read from the answers."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.attendance.answers import answers_by_member, attendance_rows
from bot.attendance.views import AttendanceBlock, AttendancePerson, render_attendance_text
from bot.domain.attendance import AWAY
from bot.domain.enums import AttendanceStatus, Role
from storage.models import Attendance, Meeting, Member
from storage.repositories import MemberRepo


def _order(member: Member | None) -> int:
    # The corpus lists the chair first and the secretariat last, the way minutes are read.
    if member is None:
        return 1
    return {Role.CHAIR: 0, Role.SECRETARY: 2}.get(Role(member.role), 1)


def attendance_block(session: Session, meeting: Meeting) -> AttendanceBlock:
    """Return who took part, who was a guest and who sent afbud (with substitutes)."""
    rows = attendance_rows(session, meeting.id)
    answers = answers_by_member(rows)
    members = {m.id: m for m in MemberRepo(session).in_group(meeting.group_id)}
    for member_id in answers:
        if member_id not in members:
            former = session.get(Member, member_id)
            if former is not None:
                members[member_id] = former
    participants: list[tuple[int, str, AttendancePerson]] = []
    guests: list[AttendancePerson] = []
    absent: list[tuple[int, str, AttendancePerson]] = []
    for member in members.values():
        row = answers.get(member.id)
        person = AttendancePerson(
            name=row.name if row is not None else member.name,
            title=(row.title if row is not None and row.title else member.title),
            organisation=(
                row.organisation if row is not None and row.organisation else member.organisation
            ),
            member_id=member.id,
            note=row.note if row is not None else None,
        )
        status = AttendanceStatus(row.status) if row is not None else None
        if status in AWAY and row is not None:
            absent.append(
                (
                    _order(member),
                    member.name,
                    AttendancePerson(
                        name=person.name,
                        title=person.title,
                        organisation=person.organisation,
                        substitute=row.substitute_name,
                        reason=row.reason,
                        member_id=member.id,
                    ),
                )
            )
            if row.substitute_name:
                participants.append(
                    (
                        _order(member),
                        member.name + " ~",
                        _substitute_person(session, row, person),
                    )
                )
        elif member.role == Role.GUEST or status == AttendanceStatus.GUEST:
            guests.append(person)
        elif member.active or row is not None:
            participants.append((_order(member), member.name, person))
    listed = {entry[2].name.casefold() for entry in participants}
    listed |= {entry[2].name.casefold() for entry in absent}
    for row in rows:
        if row.member_id is not None:
            continue
        if row.name.casefold() in listed and AttendanceStatus(row.status) not in AWAY:
            # A substitute already sits in a member's seat (e.g. read back from the minutes).
            continue
        person = AttendancePerson(
            name=row.name,
            title=row.title,
            organisation=row.organisation,
            substitute=row.substitute_name,
            reason=row.reason,
            note=row.note,
        )
        if AttendanceStatus(row.status) in AWAY:
            absent.append((1, row.name, person))
        elif AttendanceStatus(row.status) == AttendanceStatus.GUEST:
            guests.append(person)
        else:
            participants.append((1, row.name, person))
    participants.sort(key=lambda entry: (entry[0], entry[1].casefold()))
    absent.sort(key=lambda entry: (entry[0], entry[1].casefold()))
    return AttendanceBlock(
        participants=[p for _, _, p in participants],
        guests=guests,
        absent=[p for _, _, p in absent],
    )


def _substitute_person(
    session: Session, row: Attendance, absent: AttendancePerson
) -> AttendancePerson:
    substitute = session.get(Member, row.substitute_member_id) if row.substitute_member_id else None
    return AttendancePerson(
        name=row.substitute_name or "",
        title=substitute.title if substitute is not None else None,
        organisation=(
            substitute.organisation
            if substitute is not None and substitute.organisation
            else absent.organisation
        ),
        substitute_for=absent.name,
        member_id=substitute.id if substitute is not None else None,
    )


def attendance_text(session: Session, meeting: Meeting, lang: str) -> str:
    """Return the minutes header of a meeting as text (for the agenda and minutes exports)."""
    return render_attendance_text(attendance_block(session, meeting), lang)
