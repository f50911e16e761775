"""Imports as background work: recorded with the request, read and stored by a worker.

Why: reading a large or hostile file takes seconds to minutes; done inside the request
it held the database's write lock, so every other member's request failed meanwhile,
and a process killed half-way lost the import without a word. Now the request only
records each file as a due-work row (one short transaction) and says it has started;
a worker thread claims the row, downloads and reads the file in a limited child
process outside any transaction, stores the result in one short transaction that also
records the reply, then posts it in the thread. A row whose process died is resumed
when its lease runs out (at the latest one lease after a restart); one that keeps
failing is parked and the person is told that nothing was stored.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update

from bot.archive import (
    MAX_FILE_BYTES,
    _unchanged,
    index_analyzer,
    index_input,
    store_document,
    store_index_document,
)
from bot.domain.enums import ItemStatus
from bot.errors import UserError
from bot.i18n import t
from bot.ingest.model import ParsedDocument
from bot.ingest.sandbox import Refusal, read_document
from bot.matters import link_meeting
from bot.ports import Message, acting_for_team, idempotent_posts
from bot.render import escape, section_block
from bot.scheduler import JobRegistry, Worker, ran_before, release_dead_claims, team_of_group
from bot.search.analysis import build_document
from storage.models import (
    AgendaItem,
    Attachment,
    Decision,
    DueWork,
    Group,
    Meeting,
    SourceDocument,
)
from storage.repositories import DueWorkRepo

if TYPE_CHECKING:
    from bot.router import Request
    from bot.services import Services

log = logging.getLogger(__name__)

IMPORT_KIND = "archive.import"
#: A run that failed this many times is parked: the person is told, nothing is stored.
MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(seconds=30)
#: Items the archive does not answer from (as ``index_meeting``).
UNINDEXED = (ItemStatus.REJECTED, ItemStatus.WITHDRAWN, ItemStatus.PROPOSED)


@dataclass(frozen=True)
class QueuedFile:
    """One file of an import request, as recorded for the worker."""

    file_id: str
    name: str
    permalink: str | None


def queue_imports(
    services: Services,
    request: Request,
    *,
    group_id: int,
    lang: str,
    files: list[QueuedFile],
) -> int:
    """Record each file as due import work and claim the event, in one short transaction.

    Returns how many files were queued; raises ``AlreadyProcessed`` on Slack's retry.
    """
    now = services.now()
    thread = None if request.in_dm else (request.thread_ts or request.ts)
    base = request.event_key or f"{request.channel_id}:{request.ts}:{now.timestamp()}"
    with services.uow() as session:
        request.claim(session, now)
        repo = DueWorkRepo(session)
        for file in files:
            repo.schedule(
                kind=IMPORT_KIND,
                key=f"import:{base}:{file.file_id}"[:200],
                due_at=now,
                now=now,
                group_id=group_id,
                replace=False,
                payload={
                    "file_id": file.file_id,
                    "name": file.name,
                    "permalink": file.permalink,
                    "actor": request.user_id,
                    "channel": request.channel_id,
                    "thread_ts": thread,
                    "lang": lang,
                    "stage": "queued",
                },
            )
    return len(files)


def register_jobs(jobs: JobRegistry) -> None:
    """Let the worker (not the tick's transaction) run imports; kick it at every tick."""
    jobs.background(IMPORT_KIND)

    def resume_imports(services: Services, now: datetime) -> None:
        kick(services)

    jobs.planner(resume_imports)


# --- the worker ------------------------------------------------------------------------

_worker = Worker("imports", lambda services: lambda: run_pending_imports(services))


def kick(services: Services) -> None:
    """Make sure a worker thread drains the due imports of these services."""
    _worker.kick(services)


def wait_idle(services: Services, timeout: float = 30.0) -> bool:
    """Wait for the worker of these services to finish (for the CLI and shutdown)."""
    return _worker.wait_idle(services, timeout)


def resume_at_start(services: Services) -> int:
    """Release imports held by a dead process of this host, then start the worker."""
    with services.uow() as session:
        released = release_dead_claims(session, IMPORT_KIND, services.worker_id)
    if released:
        log.info("resuming %d import(s) left by a process that died", released)
    kick(services)
    return released


def lease(services: Services) -> timedelta:
    """Return how long a claimed import is held before another process may resume it."""
    return timedelta(seconds=services.settings.referent_import_lease_seconds)


def run_pending_imports(services: Services, *, limit: int = 20) -> int:
    """Claim and run due imports one at a time; return how many ran."""
    now = services.now()
    with services.uow() as session:
        due = list(
            session.scalars(
                select(DueWork.id)
                .where(DueWork.kind == IMPORT_KIND, DueWork.done_at.is_(None))
                .where(DueWork.due_at <= now)
                .where((DueWork.lease_until.is_(None)) | (DueWork.lease_until < now))
                .order_by(DueWork.due_at, DueWork.id)
                .limit(limit)
            )
        )
    ran = 0
    for work_id in due:
        with services.uow() as session:
            rerun = ran_before(session, work_id)
            if not DueWorkRepo(session).claim(work_id, services.worker_id, now, lease(services)):
                continue
            row = session.get(DueWork, work_id)
            assert row is not None
            work = _Work(work_id, row.key, row.group_id, dict(row.payload or {}), row.attempts)
            team = team_of_group(session, row.group_id)
        with acting_for_team(team), idempotent_posts(f"job:{work.key}", check_first=rerun):
            _run(services, work, rerun)
        ran += 1
    return ran


@dataclass
class _Work:
    id: int
    key: str
    group_id: int | None
    payload: dict[str, Any]
    attempts: int

    def text(self, key: str, **params: Any) -> str:
        return t(key, str(self.payload.get("lang") or "da"), **params)

    @property
    def name(self) -> str:
        return escape(str(self.payload.get("name") or "?"))


class _Heartbeat:
    """Renew a claimed row's lease while the work runs, so no one else resumes it."""

    def __init__(self, services: Services, work_id: int) -> None:
        self.services = services
        self.work_id = work_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="referent-import-lease", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)

    def _beat(self) -> None:
        every = max(lease(self.services).total_seconds() / 3, 0.5)
        while not self.stop.wait(every):
            try:
                with self.services.uow() as session:
                    session.execute(
                        update(DueWork)
                        .where(
                            DueWork.id == self.work_id,
                            DueWork.claimed_by == self.services.worker_id,
                        )
                        .values(lease_until=self.services.now() + lease(self.services))
                        .execution_options(synchronize_session=False)
                    )
            except Exception:
                log.warning("could not renew the lease of import %s", self.work_id, exc_info=True)


def _post(
    services: Services, work: _Work, text: str, blocks: list[dict[str, Any]] | None = None
) -> None:
    channel = str(work.payload["channel"])
    thread = work.payload.get("thread_ts")
    services.notifier.post(
        channel, Message(text=text, blocks=blocks or [section_block(text)]), thread_ts=thread
    )


def _run(services: Services, work: _Work, rerun: bool) -> None:
    """Run one claimed import: announce, download, read, store, reply; never raise."""
    stage = work.payload.get("stage")
    try:
        if stage == "stored":
            # The store committed before the process died: re-index (idempotent), reply.
            _index(services, _stored_items(services, work))
            _finish(services, work, str(work.payload.get("reply") or ""))
            return
        if rerun:
            # The request's own reply said the import started; a resumed one says so again.
            _post(services, work, work.text("imports.resumed", name=work.name))
        with _Heartbeat(services, work.id):
            reply = _import(services, work)
        _finish(services, work, reply)
    except _AskFirst as ask:
        _ask(services, work, ask.meeting_id)
    except UserError as exc:
        _park(services, work, exc.render(str(work.payload.get("lang") or "da")))
    except Exception as exc:
        log.exception("import %s failed", work.key)
        stored = work.payload.get("stage") == "stored"
        if not stored and work.attempts + 1 >= MAX_ATTEMPTS:
            _park(services, work, work.text("imports.gave_up", name=work.name))
            return
        with services.uow() as session:
            DueWorkRepo(session).fail(
                work.id, f"{type(exc).__name__}: {exc}"[:2000], services.now() + RETRY_AFTER
            )


def _import(services: Services, work: _Work) -> str:
    """Download and read outside any transaction; store in one short one; return the reply."""
    from bot.answers import import_message

    payload = work.payload
    name, data = services.directory.download(str(payload["file_id"]), MAX_FILE_BYTES)
    sha256 = hashlib.sha256(data).hexdigest()
    lang = str(payload.get("lang") or "da")
    with services.uow() as session:
        known = session.scalar(
            select(SourceDocument).where(
                SourceDocument.group_id == work.group_id, SourceDocument.sha256 == sha256
            )
        )
        if known is not None:
            group = session.get(Group, work.group_id)
            assert group is not None
            return _record_reply(
                session, work, import_message(_unchanged(session, group, known, name), lang)
            )
    parsed = read_document(data, name, services.now())
    if isinstance(parsed, Refusal):
        raise _refusal_error(parsed, name)
    choice = str(payload.get("choice") or "")
    if not choice:
        with services.uow() as session:
            group = session.get(Group, work.group_id)
            clash = _clashing_meeting(session, group, parsed) if group is not None else None
        if clash is not None:
            raise _AskFirst(clash)
    with services.uow() as session:
        row = session.get(DueWork, work.id)
        if row is None or row.claimed_by != services.worker_id or row.done_at is not None:
            raise RuntimeError("the import's claim was lost to another worker")
        group = session.get(Group, work.group_id)
        if group is None:
            raise UserError("error.no_group")
        if choice in {REPLACE, VERSION}:
            _clear_meeting(
                session, group, parsed, keep_source=choice == VERSION, now=services.now()
            )
        summary = store_document(
            session,
            group=group,
            parsed=parsed,
            data=data,
            filename=name,
            sha256=sha256,
            now=services.now(),
            actor=str(payload.get("actor") or "") or None,
            slack_file_id=str(payload["file_id"]),
            permalink=payload.get("permalink"),
            index=False,
            new_meeting=choice == SEPARATE,
        )
        reply = _record_reply(session, work, import_message(summary, lang))
        item_ids = list(
            session.scalars(
                select(AgendaItem.id)
                .where(AgendaItem.meeting_id == summary.meeting_id)
                .where(AgendaItem.status.not_in(UNINDEXED))
            )
        )
    _index(services, item_ids)
    return reply


def _index(services: Services, item_ids: list[int]) -> None:
    """Index items one by one (read and write in short transactions, analyse outside them),
    then link them to their matters."""
    for item_id in item_ids:
        with services.uow() as session:
            found = index_input(session, item_id)
            analyzer = index_analyzer(session)
        if found is None:
            continue
        document = build_document(analyzer, **found)
        with services.uow() as session:
            store_index_document(session, document)
    if item_ids:
        # The items are findable now; tie them to the matters they continue.
        with services.uow() as session:
            meetings = set(
                session.scalars(select(AgendaItem.meeting_id).where(AgendaItem.id.in_(item_ids)))
            )
            for meeting_id in sorted(meetings):
                link_meeting(session, meeting_id, services.now())


def _record_reply(session: Any, work: _Work, message: Message) -> str:
    """Keep the reply with the row, in the store's transaction: it is sent even after a crash."""
    reply = message.text
    kept = {"stage": "stored", "reply": reply, "reply_blocks": message.blocks}
    row = session.get(DueWork, work.id)
    if row is not None:
        # A run that dies before the index is written re-indexes the meeting when resumed.
        row.payload = {**(row.payload or {}), **kept}
    work.payload = {**work.payload, **kept}
    return reply


REPLACE, VERSION, SEPARATE = "replace", "version", "separate"
CHOICES = (REPLACE, VERSION, SEPARATE)
CHOICE_ACTION = "import_second_document"


class _AskFirst(Exception):
    """The file is for a meeting that already has other items: ask before storing."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__(meeting_id)
        self.meeting_id = meeting_id


def _similar(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    return SequenceMatcher(None, norm(a), norm(b)).ratio() >= 0.6


def _clashing_meeting(session: Any, group: Group, parsed: ParsedDocument) -> int | None:
    """Return the meeting a different document already filled for this date, if any.

    Why: merging by item number put one file's decisions under another file's titles
    ("Styregruppen vedtog takstanalysen" under "3. Evt."). The minutes of an imported
    agenda repeat its titles and merge as before; a document whose numbered titles
    differ is another document, and the secretary decides what it is.
    """
    from bot.meetings import meeting_by_date

    meeting = meeting_by_date(session, group, parsed.meeting_date)
    if meeting is None:
        return None
    existing = {
        item.number: item.title
        for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
        if item.number and item.status not in UNINDEXED
    }
    for item in parsed.items:
        title = existing.get(item.number)
        if title is not None and not _similar(title, item.title or ""):
            return int(meeting.id)
    return None


def _clear_meeting(
    session: Any, group: Group, parsed: ParsedDocument, *, keep_source: bool, now: datetime
) -> None:
    """Remove the items an earlier document put on the meeting (the new one replaces them)."""
    from bot.archive import search_index
    from bot.meetings import meeting_by_date
    from storage.repositories import AuditLog

    meeting = meeting_by_date(session, group, parsed.meeting_date)
    if meeting is None:
        return
    old_source = meeting.source_document_id
    ids = list(session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id)))
    for item_id in ids:
        search_index().delete(session, item_id)
    if ids:
        session.execute(delete(Decision).where(Decision.item_id.in_(ids)))
        session.execute(delete(Attachment).where(Attachment.item_id.in_(ids)))
        session.execute(delete(AgendaItem).where(AgendaItem.id.in_(ids)))
    session.expire_all()
    AuditLog(session).record(
        at=now,
        action="archive.version" if keep_source else "archive.replaced",
        group_id=group.id,
        actor=None,
        subject_type="meeting",
        subject_id=meeting.id,
        detail={"previous_source_document": old_source},
    )


def _ask(services: Services, work: _Work, meeting_id: int) -> None:
    """Ask the secretary what the second document for a meeting is; wait for the answer."""
    lang = str(work.payload.get("lang") or "da")
    with services.uow() as session:
        meeting = session.get(Meeting, meeting_id)
        group = session.get(Group, work.group_id)
        when = (
            meeting.starts_at.astimezone(ZoneInfo(group.timezone)).strftime("%-d/%-m-%Y")
            if meeting is not None and group is not None
            else "?"
        )
    text = t("imports.second_document", lang, name=work.name, date=when)
    buttons = [
        {
            "type": "button",
            "action_id": f"{CHOICE_ACTION}:{choice}",
            "text": {"type": "plain_text", "text": t(f"imports.choice.{choice}", lang)},
            "value": f"{work.id}:{choice}",
        }
        for choice in CHOICES
    ]
    blocks = [section_block(text), {"type": "actions", "elements": buttons}]
    posted = services.notifier.post(
        str(work.payload["channel"]),
        Message(text=text, blocks=blocks),
        thread_ts=work.payload.get("thread_ts"),
    )
    with services.uow() as session:
        row = session.get(DueWork, work.id)
        if row is not None:
            row.payload = {
                **(row.payload or {}),
                "stage": "asked",
                "question_ts": posted.ts,
                "question_channel": posted.channel,
            }
            # Not due until the secretary answers (the button makes it due now).
            row.due_at = services.now() + timedelta(days=365)
            row.claimed_by = None
            row.lease_until = None


def choose(services: Services, work_id: int, choice: str, user_id: str) -> str:
    """Record the secretary's answer to the second-document question; return the reply.

    Only someone who may import into the group may answer; the work then runs again.
    """
    from bot.context import Context
    from bot.domain.permissions import Action
    from storage.repositories import MemberRepo

    if choice not in CHOICES:
        raise UserError("imports.choice_gone")
    with services.uow() as session:
        row = session.get(DueWork, work_id)
        if row is None or row.kind != IMPORT_KIND or row.done_at is not None:
            raise UserError("imports.choice_gone")
        payload = dict(row.payload or {})
        if payload.get("stage") != "asked":
            raise UserError("imports.choice_gone")
        group = session.get(Group, row.group_id)
        if group is None:
            raise UserError("imports.choice_gone")
        member = MemberRepo(session).by_slack_user(group.id, user_id)
        lang = str(payload.get("lang") or group.language or "da")
        ctx = Context(group=group, member=member, lang=lang)
        ctx.require(Action.IMPORT)
        row.payload = {**payload, "choice": choice, "stage": "queued"}
        row.due_at = services.now()
        name = escape(str(payload.get("name") or "?"))
    kick(services)
    return t(f"imports.chosen.{choice}", lang, name=name)


def _stored_items(services: Services, work: _Work) -> list[int]:
    """Return the items of the meeting a stored import's file belongs to."""
    with services.uow() as session:
        document = session.scalar(
            select(SourceDocument)
            .where(SourceDocument.group_id == work.group_id)
            .where(SourceDocument.slack_file_id == str(work.payload.get("file_id")))
            .order_by(SourceDocument.id.desc())
        )
        if document is None:
            return []
        return list(
            session.scalars(
                select(AgendaItem.id)
                .join(Meeting, Meeting.id == AgendaItem.meeting_id)
                .where(Meeting.source_document_id == document.id)
                .where(AgendaItem.status.not_in(UNINDEXED))
            )
        )


def _refusal_error(refusal: Refusal, name: str) -> UserError:
    """Turn the reader's refusal into the person's reply (never a library's error name)."""
    if refusal.key == "encrypted_pdf":
        return UserError("imports.protected_pdf", name=escape(name))
    if refusal.key in {"too_heavy", "too_slow"}:
        return UserError("imports.too_heavy", name=escape(name))
    if refusal.key in {"failed", "damaged"}:
        return UserError("imports.unreadable", name=escape(name))
    return UserError(
        "archive.not_minutes",
        name=escape(name),
        reason={"da": escape(refusal.da), "en": escape(refusal.en)},
    )


def _finish(services: Services, work: _Work, reply: str) -> None:
    """Post the reply (keyed, so a resumed run posts it once) and mark the row done."""
    if reply:
        blocks = work.payload.get("reply_blocks") if work.payload.get("reply") == reply else None
        _post(services, work, reply, blocks)
    with services.uow() as session:
        DueWorkRepo(session).finish(work.id, services.worker_id, services.now())


def _park(services: Services, work: _Work, reply: str) -> None:
    """Give up on an import: record why, mark it done and tell the person."""
    with services.uow() as session:
        row = session.get(DueWork, work.id)
        if row is not None:
            row.payload = {**(row.payload or {}), "stage": "parked"}
            row.last_error = reply[:2000]
            row.done_at = services.now()
    try:
        _post(services, work, reply)
    except Exception:
        log.exception("could not tell about the parked import %s", work.key)
