"""The weekly digest (per group and, by choice, per person), its settings and the Home overview.

The group digest goes to the group's channel once per ISO week at the group's day and
time: a `DigestRun` row is inserted *before* the Slack post in the same transaction, so
two processes cannot both post (the second insert fails on the unique key) and a failed
post rolls the row back for the next tick to try again — the same day only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.context import Context, language_for, user_language
from bot.domain.agenda import proposal_deadline
from bot.domain.digest import (
    GROUP,
    HORIZON,
    PERSONAL,
    DecisionView,
    DigestContent,
    MeetingView,
    MinutesView,
    SettingError,
    TaskLine,
    by_owner,
    clip,
    due_slot,
    is_overdue,
    next_slot,
    pack_lines,
    parse_digest_setting,
    parse_switch,
    per_owner_limit,
    task_order,
    week_slot,
)
from bot.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    ItemStatus,
    MeetingStatus,
    MinutesStatus,
    Role,
)
from bot.domain.permissions import Action, can
from bot.errors import UserError
from bot.i18n import t
from bot.outside import DeferredLinks
from bot.ports import Message, Posted, idempotent_posts
from bot.render import (
    MESSAGE_BLOCK_LIMIT,
    button,
    context_block,
    divider_block,
    escape,
    header_block,
    limit_blocks,
    section_block,
    slack_date,
)
from bot.scheduler import LEASE
from bot.services import Services
from bot.settings import Settings
from bot.tasks import DONE_ACTION, day_label, is_keeper, line_text
from storage.models import (
    ActionItem,
    AgendaItem,
    ApprovalVote,
    Attendance,
    Decision,
    DigestRun,
    Group,
    Meeting,
    Member,
    Minutes,
)
from storage.repositories import AuditLog, GroupRepo, MemberRepo

log = logging.getLogger(__name__)

Link = Callable[[str, str], str | None]

AWAY = (AttendanceStatus.AFBUD, AttendanceStatus.ABSENT)
AWAITING = (MinutesStatus.OPEN, MinutesStatus.STALLED)
PERSONAL_TASKS = 8
OVERVIEW_GROUPS = 5


def _no_link(channel: str, ts: str) -> str | None:
    return None


# ---------------------------------------------------------------------------------------
# Gathering
# ---------------------------------------------------------------------------------------


def _zone(group: Group) -> ZoneInfo:
    return ZoneInfo(group.timezone)


def _day(at: datetime, group: Group) -> date:
    return at.astimezone(_zone(group)).date()


def _open_task_lines(
    session: Session, group: Group, names: dict[int, str], lang: str, owner_id: int | None = None
) -> list[TaskLine]:
    query = select(
        ActionItem.id,
        ActionItem.text,
        ActionItem.owner_member_id,
        ActionItem.owner_name,
        ActionItem.due_date,
    ).where(ActionItem.group_id == group.id, ActionItem.status == ActionStatus.OPEN)
    if owner_id is not None:
        query = query.where(ActionItem.owner_member_id == owner_id)
    lines = []
    for task_id, text, member_id, owner_name, due in session.execute(query):
        if member_id is not None:
            key, label = f"m{member_id}", names.get(member_id) or owner_name or ""
        elif owner_name:
            key, label = f"n{owner_name.casefold()}", owner_name
        else:
            key, label = "", t("tasks.owner.none", lang)
        lines.append(TaskLine(id=task_id, text=text, owner_key=key, owner_label=label, due=due))
    return lines


def _meetings(
    session: Session,
    group: Group,
    members: Sequence[Member],
    now: datetime,
    *,
    me: Member | None = None,
) -> list[MeetingView]:
    """Return the planned meetings of the next four weeks with agenda and answers."""
    meetings = list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.group_id == group.id,
                Meeting.status == MeetingStatus.PLANNED,
                Meeting.starts_at > now,
                Meeting.starts_at <= now + HORIZON,
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
    )
    if not meetings:
        return []
    ids = [m.id for m in meetings]
    counts: dict[tuple[int, str], int] = {}
    for meeting_id, status, count in session.execute(
        select(AgendaItem.meeting_id, AgendaItem.status, func.count(AgendaItem.id))
        .where(AgendaItem.meeting_id.in_(ids), AgendaItem.is_standing.is_(False))
        .group_by(AgendaItem.meeting_id, AgendaItem.status)
    ):
        counts[(meeting_id, str(status))] = int(count)
    expected = {m.id: m for m in members if m.role != Role.GUEST}
    answers: dict[int, dict[int, str]] = {mid: {} for mid in ids}
    away_names: dict[int, list[str]] = {mid: [] for mid in ids}
    for meeting_id, member_id, status, name in session.execute(
        select(Attendance.meeting_id, Attendance.member_id, Attendance.status, Attendance.name)
        .where(Attendance.meeting_id.in_(ids))
        .order_by(Attendance.id)
    ):
        if member_id is not None:
            answers[meeting_id][member_id] = str(status)
        if status in AWAY:
            away_names[meeting_id].append(name)
    views = []
    for meeting in meetings:
        given = answers[meeting.id]
        views.append(
            MeetingView(
                id=meeting.id,
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                has_time=meeting.has_time,
                location=meeting.location,
                proposals=counts.get((meeting.id, ItemStatus.PROPOSED.value), 0),
                accepted=counts.get((meeting.id, ItemStatus.ACCEPTED.value), 0),
                proposal_deadline=proposal_deadline(
                    _day(meeting.starts_at, group), group.proposal_deadline_days
                ),
                afbud=tuple(away_names[meeting.id]),
                unanswered=sum(1 for member_id in expected if member_id not in given),
                my_status=given.get(me.id) if me is not None else None,
            )
        )
    return views


def _minutes(
    session: Session, group: Group, members: Sequence[Member], *, me: Member | None = None
) -> list[MinutesView]:
    """Return the minutes out for approval, with the count of members yet to answer."""
    rows = session.execute(
        select(Minutes, Meeting.starts_at)
        .join(Meeting, Minutes.meeting_id == Meeting.id)
        .where(Meeting.group_id == group.id, Minutes.status.in_(AWAITING))
        .order_by(Meeting.starts_at, Minutes.version)
    ).all()
    if not rows:
        return []
    latest: dict[int, tuple[Minutes, datetime]] = {}
    for minutes, starts_at in rows:
        latest[minutes.meeting_id] = (minutes, starts_at)
    ids = [minutes.id for minutes, _ in latest.values()]
    votes: dict[int, set[int]] = {i: set() for i in ids}
    for minutes_id, member_id in session.execute(
        select(ApprovalVote.minutes_id, ApprovalVote.member_id).where(
            ApprovalVote.minutes_id.in_(ids)
        )
    ):
        votes[minutes_id].add(member_id)
    # Why: only the members whose answer counts (chair, secretariat, members) are missing
    # when they have not answered; guests' reactions count for nothing, as in approval.
    voters = [m.id for m in members if m.active and can(m.role, Action.VOTE)]
    return [
        MinutesView(
            id=minutes.id,
            meeting_day=_day(starts_at, group),
            deadline_at=minutes.deadline_at,
            missing=sum(1 for v in voters if v not in votes[minutes.id]),
            channel=minutes.channel,
            ts=minutes.message_ts,
            answered_by_me=me is not None and me.id in votes[minutes.id],
        )
        for minutes, starts_at in latest.values()
    ]


def _last_decisions(
    session: Session, group: Group, now: datetime
) -> tuple[date | None, list[DecisionView]]:
    """Return the last past meeting that has decisions, and those decisions in order."""
    has_decisions = exists(
        select(Decision.id)
        .join(AgendaItem, Decision.item_id == AgendaItem.id)
        .where(AgendaItem.meeting_id == Meeting.id)
    )
    meeting = session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == group.id,
            Meeting.starts_at <= now,
            Meeting.status != MeetingStatus.CANCELLED,
            has_decisions,
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    )
    if meeting is None:
        return None, []
    superseded = select(Decision.supersedes_id).where(Decision.supersedes_id.is_not(None))
    rows = session.execute(
        select(AgendaItem.number, AgendaItem.title, Decision.text)
        .join(Decision, Decision.item_id == AgendaItem.id)
        .where(
            AgendaItem.meeting_id == meeting.id,
            AgendaItem.status.notin_([ItemStatus.REJECTED, ItemStatus.WITHDRAWN]),
            Decision.id.notin_(superseded),
        )
        .order_by(AgendaItem.position, AgendaItem.id, Decision.position, Decision.id)
    ).all()
    return _day(meeting.starts_at, group), [
        DecisionView(number=number or "", title=title, text=text) for number, title, text in rows
    ]


def gather(session: Session, group: Group, now: datetime, lang: str) -> DigestContent:
    """Gather the group digest's content as of ``now`` (read-only)."""
    members = MemberRepo(session).in_group(group.id)
    names = {m.id: m.name for m in members}
    today = now.astimezone(_zone(group)).date()
    last_day, decisions = _last_decisions(session, group, now)
    return DigestContent(
        group=group.name,
        tz=group.timezone,
        week=week_slot(now, group.timezone, group.digest_weekday, group.digest_time).week,
        today=today,
        tasks=tuple(_open_task_lines(session, group, names, lang)),
        meetings=tuple(_meetings(session, group, members, now)),
        minutes=tuple(_minutes(session, group, members)),
        last_meeting=last_day,
        decisions=tuple(decisions),
    )


# ---------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------


def when_label(view: MeetingView, tz: str, lang: str) -> str:
    """Return a meeting's date and time as the group writes it."""
    from bot.meetings import format_when

    return format_when(view.starts_at, view.ends_at, view.has_time, tz, lang)


def _task_entries(content: DigestContent, lang: str) -> list[str]:
    owners = by_owner(content.tasks, content.today)
    limit = per_owner_limit(len(owners))
    entries = []
    for owner in owners:
        lines = [
            t(
                "digest.tasks.owner",
                lang,
                owner=escape(owner.owner_label),
                count=len(owner.tasks),
                overdue=owner.overdue,
            )
        ]
        lines += [line_text(task, lang, content.today, owner=False) for task in owner.tasks[:limit]]
        if len(owner.tasks) > limit:
            lines.append(t("digest.tasks.owner_more", lang, count=len(owner.tasks) - limit))
        entries.append("\n".join(lines))
    return entries


def _meeting_entry(view: MeetingView, tz: str, lang: str, today: date) -> str:
    place = f" · {escape(view.location)}" if view.location else ""
    head = f"*{when_label(view, tz, lang)}*{place}"
    deadline = day_label(view.proposal_deadline, lang)
    key = (
        "digest.meeting.agenda"
        if view.proposal_deadline >= today
        else "digest.meeting.agenda_closed"
    )
    agenda = t(key, lang, proposals=view.proposals, accepted=view.accepted, deadline=deadline)
    if view.afbud:
        names = escape(clip(", ".join(view.afbud), 400))
        attendance = t(
            "digest.meeting.afbud",
            lang,
            count=len(view.afbud),
            names=names,
            unanswered=view.unanswered,
        )
    else:
        attendance = t("digest.meeting.no_afbud", lang, unanswered=view.unanswered)
    return "\n".join([head, agenda, attendance])


def _minutes_entry(view: MinutesView, tz: str, lang: str, link: Link) -> str:
    day = day_label(view.meeting_day, lang)
    url = link(view.channel, view.ts) if view.channel and view.ts else None
    meeting = f"<{url}|{day}>" if url else day
    deadline = (
        slack_date(view.deadline_at, tz)
        if view.deadline_at
        else t("digest.minutes.no_deadline", lang)
    )
    return t("digest.minutes.line", lang, meeting=meeting, deadline=deadline, missing=view.missing)


def _sections(
    title: str, entries: Sequence[str], *, max_chunks: int, more: Callable[[int], str]
) -> list[dict[str, Any]]:
    blocks = [section_block(f"*{title}*")]
    blocks += [
        section_block(chunk) for chunk in pack_lines(entries, max_chunks=max_chunks, more=more)
    ]
    return blocks


def group_message(content: DigestContent, lang: str, link: Link = _no_link) -> Message:
    """Render the group digest within Slack's limits (50 blocks, 3 000 characters a section)."""
    title = t("digest.title", lang, group=content.group, week=content.week.split("-W")[-1])
    blocks: list[dict[str, Any]] = [header_block(title)]
    task_title = t("digest.tasks.title", lang, count=len(content.tasks), overdue=content.overdue)
    if content.tasks:
        blocks += _sections(
            task_title,
            _task_entries(content, lang),
            max_chunks=6,
            more=lambda n: t("digest.tasks.more_owners", lang, count=n),
        )
    else:
        blocks.append(section_block(f"*{task_title}*\n{t('digest.tasks.none', lang)}"))
    blocks.append(divider_block())
    meetings_title = t("digest.meetings.title", lang)
    if content.meetings:
        blocks += _sections(
            meetings_title,
            [_meeting_entry(m, content.tz, lang, content.today) for m in content.meetings],
            max_chunks=4,
            more=lambda n: t("digest.meetings.more", lang, count=n),
        )
    else:
        blocks.append(section_block(f"*{meetings_title}*\n{t('digest.meetings.none', lang)}"))
    if content.minutes:
        blocks.append(divider_block())
        blocks += _sections(
            t("digest.minutes.title", lang),
            [_minutes_entry(m, content.tz, lang, link) for m in content.minutes],
            max_chunks=2,
            more=lambda n: t("digest.minutes.more", lang, count=n),
        )
    if content.last_meeting is not None:
        blocks.append(divider_block())
        day = day_label(content.last_meeting, lang)
        lines = [
            t(
                "digest.decisions.line",
                lang,
                number=escape(d.number),
                title=escape(clip(d.title, 100)),
                text=escape(clip(d.text, 280)),
            )
            for d in content.decisions
        ]
        blocks += _sections(
            t("digest.decisions.title", lang, day=day),
            lines,
            max_chunks=3,
            more=lambda n: t("digest.decisions.more", lang, count=n),
        )
    blocks.append(context_block(t("digest.footer", lang)))
    summary = t(
        "digest.summary",
        lang,
        tasks=len(content.tasks),
        overdue=content.overdue,
        meetings=len(content.meetings),
        minutes=len(content.minutes),
    )
    return Message(text=f"{title}\n{summary}", blocks=limit_blocks(blocks, MESSAGE_BLOCK_LIMIT))


def personal_message(
    session: Session,
    group: Group,
    member: Member,
    now: datetime,
    lang: str,
    link: Link = _no_link,
) -> Message | None:
    """Render a member's own digest: their tasks, meetings and pending approvals (None: nothing)."""
    members = MemberRepo(session).in_group(group.id)
    names = {m.id: m.name for m in members}
    today = now.astimezone(_zone(group)).date()
    tasks = sorted(
        _open_task_lines(session, group, names, lang, owner_id=member.id),
        key=lambda line: task_order(line, today),
    )
    meetings = (
        _meetings(session, group, members, now, me=member) if member.role != Role.GUEST else []
    )
    pending = (
        [m for m in _minutes(session, group, members, me=member) if not m.answered_by_me]
        if can(member.role, Action.VOTE)
        else []
    )
    if not tasks and not meetings and not pending:
        return None
    title = t("digest.personal.title", lang, group=group.name)
    blocks: list[dict[str, Any]] = [header_block(title)]
    overdue = sum(1 for task in tasks if is_overdue(task.due, today))
    blocks.append(
        section_block(f"*{t('digest.personal.tasks', lang, count=len(tasks), overdue=overdue)}*")
    )
    if not tasks:
        blocks.append(context_block(t("tasks.home.none", lang)))
    for task in tasks[:PERSONAL_TASKS]:
        blocks.append(
            section_block(
                line_text(task, lang, today, owner=False),
                accessory=button(t("tasks.button.done", lang), DONE_ACTION, str(task.id)),
            )
        )
    if len(tasks) > PERSONAL_TASKS:
        blocks.append(context_block(t("tasks.home.more", lang, count=len(tasks) - PERSONAL_TASKS)))
    if meetings:
        lines = [
            t(
                "digest.personal.meeting",
                lang,
                when=when_label(view, group.timezone, lang),
                status=_my_status(view.my_status, lang),
            )
            for view in meetings
        ]
        blocks += _sections(
            t("digest.personal.meetings", lang),
            lines,
            max_chunks=2,
            more=lambda n: t("digest.meetings.more", lang, count=n),
        )
    if pending:
        blocks += _sections(
            t("digest.personal.approvals", lang),
            [_minutes_entry(m, group.timezone, lang, link) for m in pending],
            max_chunks=2,
            more=lambda n: t("digest.minutes.more", lang, count=n),
        )
    return Message(text=title, blocks=limit_blocks(blocks, MESSAGE_BLOCK_LIMIT))


def _my_status(status: str | None, lang: str) -> str:
    if status is None:
        return t("digest.status.unanswered", lang)
    if status in AWAY:
        return t("digest.status.afbud", lang)
    return t("digest.status.attending", lang)


# ---------------------------------------------------------------------------------------
# Posting, once per week
# ---------------------------------------------------------------------------------------


def _claim_run(
    session: Session, group_id: int, week: str, kind: str, member_id: int, now: datetime
) -> DigestRun | None:
    """Insert this week's run row; None when one exists (posted here or by another process).

    A row left unsent by a process that died before posting is taken over once it is older
    than the lease; the keyed post finds a message that did reach Slack.
    """
    existing = session.scalars(
        select(DigestRun).where(
            DigestRun.group_id == group_id,
            DigestRun.week == week,
            DigestRun.kind == kind,
            DigestRun.member_id == member_id,
        )
    ).first()
    if existing is not None:
        if existing.channel is None and existing.posted_at < now - LEASE:
            existing.posted_at = now
            return existing
        return None
    run = DigestRun(group_id=group_id, week=week, kind=kind, member_id=member_id, posted_at=now)
    try:
        with session.begin_nested():
            session.add(run)
            session.flush()
    except IntegrityError:
        return None
    return run


def post_group_digest(services: Services, group_id: int, now: datetime) -> bool:
    """Post a group's digest if it is due and not yet posted this week; tell if it was.

    The run row is inserted and the message written in one transaction; links are read
    and the post sent after it commits (no Slack call holds the write lock). A failed
    post deletes the row again, so the next tick tries again — while it is the digest's day.
    """
    with services.uow() as session:
        group = session.get(Group, group_id)
        if group is None or not group.digest_enabled or not group.channel_id:
            return False
        slot = due_slot(now, group.timezone, group.digest_weekday, group.digest_time)
        if slot is None:
            return False
        run = _claim_run(session, group.id, slot.week, GROUP, 0, now)
        if run is None:
            return False
        lang = language_for(services.settings, group, None)
        links = DeferredLinks()
        draft = group_message(gather(session, group, now, lang), lang, links.link)
        run_id, channel, key = run.id, group.channel_id, f"digest:{group.id}:{slot.week}"
    # Keyed and looked up first: a process that died after Slack took the post must find
    # the post rather than repeat it.
    posted = _send_run(
        services,
        run_id,
        key,
        lambda: services.notifier.post(channel, links.resolve(draft, services.notifier.permalink)),
    )
    with services.uow() as session:
        AuditLog(session).record(
            at=now, action="digest.posted", group_id=group_id, detail={"week": slot.week}
        )
    return posted


def post_personal_digest(services: Services, group_id: int, member_id: int, now: datetime) -> bool:
    """DM one member their digest for the week if due and not yet sent; tell if it was."""
    with services.uow() as session:
        group = session.get(Group, group_id)
        member = session.get(Member, member_id)
        if group is None or member is None or not member.active or not member.personal_digest:
            return False
        if not member.slack_user_id:
            return False
        slot = due_slot(now, group.timezone, group.digest_weekday, group.digest_time)
        if slot is None:
            return False
        run = _claim_run(session, group.id, slot.week, PERSONAL, member.id, now)
        if run is None:
            return False
        lang = language_for(services.settings, group, member)
        links = DeferredLinks()
        draft = personal_message(session, group, member, now, lang, links.link)
        if draft is None:
            run.channel = ""  # nothing to tell this week; the row keeps it from asking again
            return False
        run_id, user = run.id, member.slack_user_id
        key = f"digest:{group.id}:{slot.week}:{member.id}"
    message = draft
    return _send_run(
        services,
        run_id,
        key,
        lambda: services.notifier.dm(user, links.resolve(message, services.notifier.permalink)),
    )


def _send_run(services: Services, run_id: int, key: str, send: Callable[[], Posted]) -> bool:
    """Send a claimed digest with no transaction open; record it, or free the row on failure."""
    try:
        with idempotent_posts(key, check_first=True):
            posted = send()
    except Exception:
        with services.uow() as session:
            run = session.get(DigestRun, run_id)
            if run is not None:
                session.delete(run)
        raise
    with services.uow() as session:
        run = session.get(DigestRun, run_id)
        if run is not None:
            run.channel = posted.channel
            run.message_ts = posted.ts
    return True


def post_due_digests(services: Services, now: datetime) -> None:
    """Plan-and-post at every tick: each group's digest, then its members' own, when due."""
    with services.uow() as session:
        due: list[tuple[int, list[int]]] = []
        for group in GroupRepo(session).all():
            if not group.digest_enabled:
                continue
            if due_slot(now, group.timezone, group.digest_weekday, group.digest_time) is None:
                continue
            personal = [
                m.id
                for m in MemberRepo(session).in_group(group.id)
                if m.personal_digest and m.slack_user_id
            ]
            due.append((group.id, personal))
    for group_id, member_ids in due:
        try:
            post_group_digest(services, group_id, now)
        except Exception:
            log.exception("the digest of group %s failed; the next tick tries again", group_id)
        for member_id in member_ids:
            try:
                post_personal_digest(services, group_id, member_id, now)
            except Exception:
                log.exception("the personal digest of member %s failed", member_id)


# ---------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------


def clock_label(at: Any) -> str:
    """Return a time of day as "8:00"."""
    return f"{at.hour}:{at.minute:02d}"


def settings_text(group: Group, lang: str, now: datetime) -> str:
    """Return the group's digest settings and when the next digest goes out."""
    if not group.digest_enabled:
        return t("digest.settings.off", lang, group=escape(group.name))
    upcoming = next_slot(now, group.timezone, group.digest_weekday, group.digest_time)
    return t(
        "digest.settings.on",
        lang,
        group=escape(group.name),
        weekday=t(f"digest.weekday.{group.digest_weekday}", lang),
        time=clock_label(group.digest_time),
        tz=group.timezone,
        next=day_label(upcoming.date(), lang),
    )


def change_settings(session: Session, ctx: Context, text: str, now: datetime) -> str:
    """Apply "digest mandag 8:00" / "digest fra" (chair and secretariat); return the reply."""
    group = ctx.require_group()
    words = text.split()
    if not words:
        return settings_text(group, ctx.lang, now) + "\n" + t("digest.settings.usage", ctx.lang)
    if words[0].casefold() not in ("digest", "ugeoversigt", "overblik"):
        raise UserError("digest.settings.unknown", word=escape(words[0]))
    rest = " ".join(words[1:])
    if not rest:
        return settings_text(group, ctx.lang, now)
    member = ctx.require(Action.CHANGE_SETTINGS)
    try:
        setting = parse_digest_setting(rest)
    except SettingError as exc:
        raise UserError("digest.settings.bad", part=escape(exc.part or rest)) from None
    before = {
        "enabled": group.digest_enabled,
        "weekday": group.digest_weekday,
        "time": clock_label(group.digest_time),
    }
    if setting.enabled is not None:
        group.digest_enabled = setting.enabled
    if setting.weekday is not None:
        group.digest_weekday = setting.weekday
    if setting.at is not None:
        group.digest_time = setting.at
    AuditLog(session).record(
        at=now,
        action="digest.settings",
        group_id=group.id,
        actor=member.slack_user_id,
        detail={
            "before": before,
            "after": {
                "enabled": group.digest_enabled,
                "weekday": group.digest_weekday,
                "time": clock_label(group.digest_time),
            },
        },
    )
    return settings_text(group, ctx.lang, now)


def set_personal(
    session: Session, settings: Settings, ctx: Context, user_id: str, text: str, in_dm: bool
) -> str:
    """Turn a person's own digest on or off ("digest til" / "digest fra"); return the reply."""
    choice = parse_switch(text.split()[0]) if text.split() else None
    if choice is None:
        raise UserError("digest.personal.usage")
    members = MemberRepo(session)
    groups = [ctx.group] if ctx.group is not None and not in_dm else members.groups_of(user_id)
    changed = []
    for group in groups:
        member = members.by_slack_user(group.id, user_id)
        if member is not None and member.active:
            member.personal_digest = choice
            changed.append(group.name)
    if not changed:
        raise UserError("error.no_group")
    lang = user_language(session, settings, user_id)
    key = "digest.personal.on" if choice else "digest.personal.off"
    return t(key, lang, groups=", ".join(f"*{escape(name)}*" for name in changed))


# ---------------------------------------------------------------------------------------
# App Home: "Overblik"
# ---------------------------------------------------------------------------------------


def _proposal_status(status: str, lang: str) -> str:
    return t(f"digest.proposal.{status}", lang)


def overview_blocks(
    session: Session, settings: Settings, user_id: str, now: datetime, link: Link = _no_link
) -> list[dict[str, Any]]:
    """Return the Home tab's overview for a person: meetings, approvals, proposals, drafts.

    Reads the meetings, agenda, attendance and minutes tables directly (read-only), so
    the Home tab is complete whichever other sections are present.
    """
    members = MemberRepo(session)
    groups = members.groups_of(user_id)
    if not groups:
        return []
    lang = user_language(session, settings, user_id)
    blocks: list[dict[str, Any]] = [divider_block(), header_block(t("digest.home.title", lang))]
    for group in groups[:OVERVIEW_GROUPS]:
        member = members.by_slack_user(group.id, user_id)
        if member is None or not member.active:
            continue
        everyone = members.in_group(group.id)
        today = now.astimezone(_zone(group)).date()
        parts: list[str] = [f"*{escape(group.name)}*"]
        meetings = _meetings(session, group, everyone, now, me=member)
        if meetings:
            parts.append(t("digest.home.meetings", lang))
            for view in meetings:
                parts.append(
                    t(
                        "digest.personal.meeting",
                        lang,
                        when=when_label(view, group.timezone, lang),
                        status=_my_status(view.my_status, lang)
                        if member.role != Role.GUEST
                        else t("digest.status.guest", lang),
                    )
                )
        else:
            parts.append(t("digest.home.no_meetings", lang))
        if can(member.role, Action.VOTE):
            pending = [
                m for m in _minutes(session, group, everyone, me=member) if not m.answered_by_me
            ]
            if pending:
                parts.append(t("digest.home.approvals", lang))
                parts += [_minutes_entry(m, group.timezone, lang, link) for m in pending]
        mine = session.execute(
            select(AgendaItem.title, AgendaItem.status, Meeting.starts_at)
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .where(
                AgendaItem.proposer_member_id == member.id,
                (Meeting.starts_at > now) | (AgendaItem.status == ItemStatus.PROPOSED),
            )
            .order_by(Meeting.starts_at, AgendaItem.id)
            .limit(10)
        ).all()
        if mine:
            parts.append(t("digest.home.proposals", lang))
            parts += [
                t(
                    "digest.home.proposal",
                    lang,
                    title=escape(clip(title, 120)),
                    status=_proposal_status(str(status), lang),
                    day=day_label(_day(starts_at, group), lang),
                )
                for title, status, starts_at in mine
            ]
        for chunk in pack_lines(
            [clip(p, 900) for p in parts],
            max_chunks=2,
            more=lambda n: t("digest.home.more", lang, count=n),
        ):
            blocks.append(section_block(chunk))
        if is_keeper(member):
            blocks += _keeper_overview(session, group, now, today, lang)
    return blocks


def _keeper_overview(
    session: Session, group: Group, now: datetime, today: date, lang: str
) -> list[dict[str, Any]]:
    """Return the draft agenda of the next meeting and the proposals awaiting a decision."""
    upcoming = session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == group.id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    )
    parts: list[str] = []
    if upcoming is not None:
        items = session.execute(
            select(AgendaItem.number, AgendaItem.title)
            .where(
                AgendaItem.meeting_id == upcoming.id,
                AgendaItem.status.in_([ItemStatus.ACCEPTED, ItemStatus.POSTPONED]),
                AgendaItem.is_standing.is_(False),
            )
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        day = day_label(_day(upcoming.starts_at, group), lang)
        state = (
            t("digest.home.published", lang)
            if upcoming.agenda_published_at is not None
            else t("digest.home.draft", lang)
        )
        parts.append(t("digest.home.agenda", lang, day=day, state=state, count=len(items)))
        parts += [
            f"• {escape(number + ' ') if number else ''}{escape(clip(title, 150))}"
            for number, title in items
        ]
    waiting = session.execute(
        select(AgendaItem.title, AgendaItem.proposer_name, Meeting.starts_at)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(
            Meeting.group_id == group.id,
            Meeting.starts_at > now,
            AgendaItem.status == ItemStatus.PROPOSED,
        )
        .order_by(Meeting.starts_at, AgendaItem.id)
    ).all()
    if waiting:
        parts.append(t("digest.home.waiting", lang, count=len(waiting)))
        parts += [
            t(
                "digest.home.waiting_line",
                lang,
                title=escape(clip(title, 150)),
                by=escape(proposer or "?"),
                day=day_label(_day(starts_at, group), lang),
            )
            for title, proposer, starts_at in waiting
        ]
    if not parts:
        return []
    return [
        section_block(chunk)
        for chunk in pack_lines(
            parts, max_chunks=2, more=lambda n: t("digest.home.more", lang, count=n)
        )
    ]


def preview(session: Session, ctx: Context, now: datetime, link: Link = _no_link) -> Message:
    """Return the group digest as it would look now (any member may look)."""
    group = ctx.require_group()
    ctx.require(Action.ASK)
    return group_message(gather(session, group, now, ctx.lang), ctx.lang, link)
