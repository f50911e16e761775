"""Posting a version of the minutes (a file, a draft or a referat) and opening its round."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dates import DateParseError, parse_when
from bot.domain.approval import (
    DEFAULT_APPROVAL_DAYS,
    ItemSnapshot,
    Snapshot,
    approval_deadline,
    choose_justering,
    diff_versions,
    reminder_at,
)
from bot.domain.enums import (
    ApprovalPolicy,
    AttendanceStatus,
    DocumentKind,
    MeetingStatus,
    MinutesStatus,
    ObjectionStatus,
    Role,
)
from bot.errors import UserError
from bot.i18n import t
from bot.minutes_render import DraftItem, DraftView, changes_text, draft_markdown
from bot.render import escape
from storage.models import (
    AgendaItem,
    Attendance,
    DueWork,
    Group,
    Meeting,
    Member,
    Minutes,
)
from storage.repositories import DueWorkRepo

if TYPE_CHECKING:
    from bot.ingest.model import ParsedDocument
    from bot.services import Services

from bot.agenda import assemble_agenda
from bot.approval.reading import (
    AWAIT_FILE,
    DEADLINE,
    REMIND,
    SEND,
    _audit,
    _open_objections,
    document_by_hash,
    latest_version,
    minutes_document,
    voters_of,
)
from bot.approval.sending import _refresh_durably, _schedule_now
from bot.archive import check_upload, index_meeting, store_document
from bot.attendance import attendance_block, render_attendance_text
from bot.ingest import load_document
from bot.ingest.errors import NotMinutesError
from bot.meetings import date_error, format_day, meeting_by_date, meeting_label, meetings_on

#: How long `/referent referat` waits for the secretary's upload.
AWAIT_WINDOW = timedelta(minutes=30)


MAX_FILE_BYTES = 20_000_000


@dataclass(frozen=True)
class UploadedFile:
    """A file the secretary shared, downloaded."""

    file_id: str
    name: str
    content: bytes
    permalink: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A file shared in the thread of a round's request once the request is posted."""

    filename: str
    content: bytes
    #: The title in Slack; None: "Udkast til referat, <meeting>".
    title: str | None = None


@dataclass(frozen=True)
class PostResult:
    """What posting a version of the minutes did."""

    minutes_id: int
    meeting_id: int
    version: int
    deadline: datetime
    tz: str
    meeting_label: str
    changes: int


def _recent_meetings_text(session: Session, group: Group, now: datetime) -> str:

    rows = session.scalars(
        select(Meeting)
        .where(
            Meeting.group_id == group.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at <= now,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(3)
    ).all()
    zone = ZoneInfo(group.timezone)
    days = [format_day(m.starts_at.astimezone(zone).date(), group.language) for m in rows]
    return "; ".join(days) if days else t("approval.no_meetings", group.language)


def wanted_day(text: str, now: datetime, tz: str) -> date:
    """Read the meeting date a person wrote ("15/3", "i fredags"), looking back in time."""

    try:
        return parse_when(" ".join(text.split()), now, tz, prefer="past").date
    except DateParseError as exc:
        raise date_error(exc) from None


def held_meeting(session: Session, group: Group, text: str | None, now: datetime) -> Meeting:
    """Return the meeting whose minutes are meant: the last one held, or the one on a date."""

    zone = ZoneInfo(group.timezone)
    if not text or not text.strip():
        meeting = session.scalar(
            select(Meeting)
            .where(
                Meeting.group_id == group.id,
                Meeting.status != MeetingStatus.CANCELLED,
                Meeting.starts_at <= now,
            )
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        )
        if meeting is None:
            raise UserError("approval.no_held_meeting", group=escape(group.name))
        return meeting
    day = wanted_day(text, now, group.timezone)
    found = meetings_on(session, group, day)
    if not found:
        raise UserError(
            "approval.no_meeting_on",
            date=format_day(day, group.language),
            recent=_recent_meetings_text(session, group, now),
        )
    meeting = found[0]
    if meeting.starts_at.astimezone(zone).date() > now.astimezone(zone).date():
        raise UserError("approval.not_held", date=format_day(day, group.language))
    return meeting


def check_file(name: str, size: int) -> None:
    """Refuse a file of a type the importer cannot read, or too large, before downloading."""

    check_upload(name, size)


def _await_key(channel: str, user: str) -> str:
    return f"{AWAIT_FILE}:{channel}:{user}"


def expect_file(
    session: Session, *, group: Group, user: str, when_text: str | None, now: datetime
) -> datetime:
    """Remember that this person's next file in the channel is the minutes; return until when.

    The expectation is a row of due work (not process memory), so it survives a restart
    and holds across processes; taking the file cancels it, and it lapses on its own.
    """
    if group.channel_id is None:
        raise UserError("approval.no_channel", group=escape(group.name))
    if when_text and when_text.strip():
        # Only the date is checked now: the file may be the first record of its meeting.

        day = wanted_day(when_text, now, group.timezone)
        if day > now.astimezone(ZoneInfo(group.timezone)).date():
            raise UserError("approval.not_held", date=format_day(day, group.language))
    until = now + AWAIT_WINDOW
    DueWorkRepo(session).schedule(
        kind=AWAIT_FILE,
        key=_await_key(group.channel_id, user),
        due_at=until,
        now=now,
        group_id=group.id,
        payload={"when": (when_text or "").strip() or None},
    )
    return until


def awaited_file(session: Session, channel: str, user: str, now: datetime) -> DueWork | None:
    """Return the expectation of a file from this person in this channel, if still open."""
    row = DueWorkRepo(session).by_key(_await_key(channel, user))
    if row is None or row.done_at is not None or row.due_at <= now:
        return None
    return row


def _parse_upload(upload: UploadedFile) -> ParsedDocument:

    try:
        return load_document(upload.content, upload.name)
    except NotMinutesError as exc:
        raise UserError(
            "archive.not_minutes",
            name=escape(upload.name),
            reason={"da": exc.message("da"), "en": exc.message("en")},
        ) from None


def _check_can_post(meeting: Meeting | None, session: Session, content_hash: str) -> None:
    if meeting is None:
        return
    latest = latest_version(session, meeting.id)
    if latest is None:
        return
    if latest.status == MinutesStatus.APPROVED:
        raise UserError("approval.already_approved", version=latest.version)
    if latest.content_hash == content_hash:
        raise UserError("approval.same_version", version=latest.version)


def post_minutes_file(
    session: Session,
    services: Services,
    *,
    group: Group,
    actor: Member,
    upload: UploadedFile,
    when_text: str | None,
    now: datetime,
) -> PostResult:
    """Read an uploaded file of minutes, store it on its meeting and open an approval round.

    The file is parsed with the archive's importer, so the meeting gets the items,
    decisions and attendance the minutes record (and the archive index follows).
    """

    if group.channel_id is None:
        raise UserError("approval.no_channel", group=escape(group.name))
    zone = ZoneInfo(group.timezone)
    if len(upload.content) > MAX_FILE_BYTES:
        raise UserError(
            "file.too_large", name=escape(upload.name), limit_mb=MAX_FILE_BYTES // 1_000_000
        )
    parsed = _parse_upload(upload)
    if parsed.kind == DocumentKind.AGENDA.value:
        raise UserError("approval.agenda_not_minutes", name=escape(upload.name))
    sha = hashlib.sha256(upload.content).hexdigest()
    meeting: Meeting | None = None
    if when_text and when_text.strip():
        day = wanted_day(when_text, now, group.timezone)
        if day != parsed.meeting_date:
            raise UserError(
                "approval.date_mismatch",
                name=escape(upload.name),
                file_date=format_day(parsed.meeting_date, group.language),
                date=format_day(day, group.language),
            )
    if parsed.meeting_date > now.astimezone(zone).date():
        raise UserError("approval.not_held", date=format_day(parsed.meeting_date, group.language))
    meeting = meeting_by_date(session, group, parsed.meeting_date)
    _check_can_post(meeting, session, sha)
    known = document_by_hash(session, group, sha)
    if known is None:
        summary = store_document(
            session,
            group=group,
            parsed=parsed,
            data=upload.content,
            filename=upload.name,
            sha256=sha,
            now=now,
            actor=actor.slack_user_id,
            slack_file_id=upload.file_id,
            permalink=upload.permalink,
            meeting=meeting,
        )
        meeting = session.get(Meeting, summary.meeting_id)
        source_id = summary.document_id
    else:
        # The same bytes were imported into the archive before: the meeting already
        # holds what they say, so the round only needs to point at that document.
        if meeting is None:
            raise UserError("archive.not_minutes", name=escape(upload.name), reason=known.kind)
        known.slack_file_id = known.slack_file_id or upload.file_id
        known.permalink = known.permalink or upload.permalink
        source_id = known.id
    assert meeting is not None
    items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
    ids = {item.number: item.id for item in items if item.number}
    snapshot = Snapshot(
        items=tuple(
            ItemSnapshot(number=i.number, title=i.title, decisions=tuple(i.decisions))
            for i in parsed.items
        ),
        participants=tuple(p.name for p in parsed.attendance.participants),
        guests=tuple(p.name for p in parsed.attendance.guests),
        absent=tuple(p.name for p in parsed.attendance.absent),
        item_ids={p.number: ids[p.number] for p in parsed.items if p.number in ids},
    )
    return _open_round(
        session,
        services,
        group=group,
        meeting=meeting,
        actor=actor,
        content_hash=sha,
        text=parsed.text or None,
        source_document_id=source_id,
        slack_file_id=upload.file_id,
        snapshot=snapshot,
        now=now,
    )


def post_draft(
    session: Session,
    services: Services,
    *,
    group: Group,
    actor: Member,
    when_text: str | None,
    now: datetime,
) -> PostResult:
    """Write the minutes from the agenda, attendance and decisions so far; open a round.

    In the groups' practice the secretariat sends an "udkast til referat" round; what
    the members approve is this text, so it is kept as a document of its own (hash and
    all) and uploaded beside the request.
    """

    if group.channel_id is None:
        raise UserError("approval.no_channel", group=escape(group.name))
    meeting = held_meeting(session, group, when_text, now)
    lang = group.language
    agenda = assemble_agenda(session, meeting, now)
    if not agenda.entries:
        raise UserError(
            "approval.draft_empty", date=meeting_label(meeting, lang, tz=group.timezone)
        )
    draft_items: list[DraftItem] = []
    snapshot_items: list[ItemSnapshot] = []
    ids: dict[str, int] = {}
    for entry in agenda.entries:
        item = session.get(AgendaItem, entry.item_id) if entry.item_id is not None else None
        decisions = tuple(d.text for d in item.decisions) if item is not None else ()
        recommendation = entry.recommendation or (item.recommendation if item else None)
        draft_items.append(DraftItem(entry.number, entry.title, recommendation, decisions))
        snapshot_items.append(ItemSnapshot(entry.number, entry.title, decisions))
        if item is not None:
            ids[entry.number] = item.id
    block = attendance_block(session, meeting)
    text = draft_markdown(
        DraftView(
            group_name=group.name,
            when=meeting_label(meeting, lang, tz=group.timezone),
            place=meeting.location,
            attendance_text=render_attendance_text(block, lang),
            items=tuple(draft_items),
        ),
        lang,
    )
    filename = f"{t('approval.draft.file_stem', lang)}-{meeting_day(meeting, group)}.md"
    snapshot = Snapshot(
        items=tuple(snapshot_items),
        participants=tuple(p.name for p in block.participants),
        guests=tuple(p.name for p in block.guests),
        absent=tuple(p.name for p in block.absent),
        item_ids=ids,
    )
    content = text.encode("utf-8")
    return post_generated(
        session,
        services,
        group=group,
        meeting=meeting,
        actor=actor,
        text=text,
        document_name=(filename, len(content)),
        snapshot=snapshot,
        attachments=[Attachment(filename, content)],
        now=now,
    )


def meeting_day(meeting: Meeting, group: Group) -> str:
    """Return the meeting's date in the group's time zone as in file names (2026-11-13)."""
    return meeting.starts_at.astimezone(ZoneInfo(group.timezone)).date().isoformat()


def post_generated(
    session: Session,
    services: Services,
    *,
    group: Group,
    meeting: Meeting,
    actor: Member,
    text: str,
    document_name: tuple[str, int],
    snapshot: Snapshot,
    attachments: Sequence[Attachment],
    now: datetime,
) -> PostResult:
    """Open a round on minutes the bot wrote itself (a draft, a referat).

    The text is what the members approve: it is kept as a document of its own (named
    and sized by ``document_name``, the file the members get), the meeting counts as
    held and is indexed again, and the files are shared in the request's thread.
    """
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _check_can_post(meeting, session, sha)
    filename, size = document_name
    document = minutes_document(
        session,
        group,
        text=text,
        filename=filename,
        size=size,
        sha=sha,
        actor=actor.slack_user_id,
        now=now,
    )
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.HELD
    index_meeting(session, meeting.id)
    return _open_round(
        session,
        services,
        group=group,
        meeting=meeting,
        actor=actor,
        content_hash=sha,
        text=text,
        source_document_id=document.id,
        slack_file_id=None,
        snapshot=snapshot,
        attachments=attachments,
        now=now,
    )


def _justering_member(session: Session, group: Group, meeting: Meeting) -> int | None:
    voters = voters_of(session, group)
    # The chair vouches anyway and the secretariat wrote the text: the turn passes among
    # the other members.
    candidates = sorted(v.member_id for v in voters if v.role == Role.MEMBER)
    absent = session.scalars(
        select(Attendance.member_id).where(
            Attendance.meeting_id == meeting.id,
            Attendance.status.in_([AttendanceStatus.AFBUD, AttendanceStatus.ABSENT]),
            Attendance.member_id.is_not(None),
        )
    ).all()
    chosen, next_index = choose_justering(
        candidates, [a for a in absent if a is not None], group.justering_next_index or 0
    )
    group.justering_next_index = next_index
    return chosen


def _round_keys(minutes_id: int) -> tuple[str, str]:
    return f"{DEADLINE}:{minutes_id}", f"{REMIND}:{minutes_id}"


def _supersede(session: Session, services: Services, previous: Minutes, now: datetime) -> None:
    """Close an earlier version: its votes stay as they were, its open objections are answered.

    Why a revision restarts the round: the members approve a text, and a new text
    (another content hash) is not the one they approved. Their earlier votes stay on the
    old version for the record, and the open objections count as answered by the
    revision; whether it answers them well is for the objector to say on the new one.
    """
    previous.status = MinutesStatus.SUPERSEDED
    for objection in _open_objections(session, previous.id):
        objection.status = ObjectionStatus.REVISED
        objection.resolved_at = now
    for key in _round_keys(previous.id):
        DueWorkRepo(session).cancel(key, now)
    _refresh_durably(session, services, previous.id, "superseded", now)


def _open_round(
    session: Session,
    services: Services,
    *,
    group: Group,
    meeting: Meeting,
    actor: Member,
    content_hash: str,
    text: str | None,
    source_document_id: int | None,
    slack_file_id: str | None,
    snapshot: Snapshot,
    attachments: Sequence[Attachment] = (),
    now: datetime,
) -> PostResult:
    """Create the next version, close the previous one, schedule its work and its request.

    The request, its files (the first is the text the members approve) and the note in
    the previous version's thread go out after the commit (``run_send``, op ``open``).
    """

    assert group.channel_id is not None
    lang = group.language
    tz = group.timezone
    previous = latest_version(session, meeting.id)
    revision = previous is not None
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.HELD
    deadline = approval_deadline(
        meeting.starts_at,
        now,
        group.approval_days or DEFAULT_APPROVAL_DAYS,
        tz,
        revision=revision,
        holiday_calendar=group.holiday_calendar,
    )
    policy: str
    if previous is not None:
        policy = previous.policy
        justering = previous.justering_member_id
    else:
        policy = ApprovalPolicy(group.approval_policy or ApprovalPolicy.TACIT).value
        justering = (
            _justering_member(session, group, meeting)
            if policy == ApprovalPolicy.JUSTERING
            else None
        )
    changes = (
        diff_versions(Snapshot.from_json(previous.snapshot).items, snapshot.items)
        if previous is not None
        else []
    )
    minutes = Minutes(
        meeting_id=meeting.id,
        version=(previous.version + 1) if previous is not None else 1,
        content_hash=content_hash,
        source_document_id=source_document_id,
        slack_file_id=slack_file_id,
        text=text,
        channel=group.channel_id,
        policy=policy,
        justering_member_id=justering,
        status=MinutesStatus.OPEN,
        deadline_at=deadline,
        posted_by=actor.slack_user_id,
        posted_at=now,
        changes_summary=changes_text(changes, lang) if previous is not None else None,
        snapshot=snapshot.as_json(),
    )
    session.add(minutes)
    session.flush()
    if previous is not None:
        _supersede(session, services, previous, now)
    deadline_key, remind_key = _round_keys(minutes.id)
    repo = DueWorkRepo(session)
    repo.schedule(
        kind=DEADLINE,
        key=deadline_key,
        due_at=deadline,
        now=now,
        group_id=group.id,
        payload={"minutes_id": minutes.id},
    )
    remind = reminder_at(deadline, group.approval_reminder_days, now, tz)
    if remind is not None:
        repo.schedule(
            kind=REMIND,
            key=remind_key,
            due_at=remind,
            now=now,
            group_id=group.id,
            payload={"minutes_id": minutes.id},
        )
    if actor.slack_user_id:
        repo.cancel(_await_key(group.channel_id, actor.slack_user_id), now)
    _audit(
        session,
        minutes,
        group.id,
        "approval.posted",
        actor.slack_user_id,
        now,
        sha256=content_hash,
        deadline=deadline.isoformat(),
        policy=str(policy),
        justering_member_id=justering,
        changes=len(changes),
        draft=bool(attachments),
        snapshot=minutes.snapshot,
    )
    # Posted once this transaction has committed, so no Slack call holds the lock; the
    # post is a row of due work, so a post that fails is retried by the tick, not lost.
    label = meeting_label(meeting, lang, tz=tz)
    files = [
        {
            "filename": file.filename,
            "title": file.title or t("approval.draft.file_title", lang, date=label),
            "content": base64.b64encode(file.content).decode("ascii"),
            "primary": index == 0,
        }
        for index, file in enumerate(attachments)
    ]
    _schedule_now(
        session,
        services,
        kind=SEND,
        key=f"{SEND}:open:{minutes.id}",
        group_id=group.id,
        payload={
            "op": "open",
            "minutes_id": minutes.id,
            "revised_of": previous.id if previous is not None else None,
            "attachments": files,
        },
        now=now,
    )
    return PostResult(
        minutes_id=minutes.id,
        meeting_id=meeting.id,
        version=minutes.version,
        deadline=deadline,
        tz=tz,
        meeting_label=meeting_label(meeting, lang, tz=tz),
        changes=len(changes),
    )
