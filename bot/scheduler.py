"""Timed work: due rows in the database, claimed atomically by a tick.

Deadlines, reminders, announcements and digests are rows, not jobs in memory, so a
restart, a missed tick or a second process never loses or doubles anything: each row
is claimed with ``UPDATE … WHERE lease is free`` and only the winner runs it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from bot.outside import SendAfterCommit as SendAfterCommit
from bot.outside import send_deferred
from bot.ports import acting_for_team, idempotent_posts
from bot.router import AlreadyProcessed
from storage.models import DueWork, Group, Workspace
from storage.repositories import DueWorkRepo

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

    from bot.services import Services

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
RETRY_BASE = timedelta(minutes=1)
RETRY_MAX = timedelta(hours=6)


JobHandler = Callable[["Services", DueWork, datetime], SendAfterCommit | None]
Planner = Callable[["Services", datetime], None]
#: Reads what a job needs from Slack before its transaction begins (given the row's id).
Reader = Callable[["Services", int], object]

_READ: ContextVar[object | None] = ContextVar("referent_job_read", default=None)


def read_before() -> object | None:
    """Return what the running job's reader got from Slack before the transaction (or None)."""
    return _READ.get()


@contextmanager
def with_read(value: object | None) -> Iterator[None]:
    """Hand a reader's result to the job run inside the block."""
    token = _READ.set(value)
    try:
        yield
    finally:
        _READ.reset(token)


@dataclass
class JobRegistry:
    """Handlers of due work by kind, and planners that create recurring rows."""

    handlers: dict[str, JobHandler] = field(default_factory=dict)
    planners: list[Planner] = field(default_factory=list)
    #: Kinds run by their own worker outside any transaction (imports); the tick skips them.
    background_kinds: set[str] = field(default_factory=set)
    readers: dict[str, Reader] = field(default_factory=dict)

    def job(self, kind: str, handler: JobHandler) -> None:
        """Register the handler of one kind of due work."""
        if kind in self.handlers:
            raise ValueError(f"job kind {kind!r} registered twice")
        self.handlers[kind] = handler

    def background(self, kind: str) -> None:
        """Leave due work of a kind to its own worker (a planner kicks it at every tick)."""
        self.background_kinds.add(kind)

    def reader(self, kind: str, reader: Reader) -> None:
        """Register what one kind of due work reads from Slack before its transaction."""
        self.readers[kind] = reader

    def planner(self, planner: Planner) -> None:
        """Register a planner run at every tick before the due rows (e.g. weekly digests)."""
        self.planners.append(planner)


@dataclass
class TickReport:
    """What one tick did."""

    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: int = 0


def team_of_group(session: Session, group_id: int | None) -> str | None:
    """Return the Slack workspace of a group (None for a single-workspace install)."""
    if group_id is None:
        return None
    return session.scalars(
        select(Workspace.team_id)
        .join(Group, Group.workspace_id == Workspace.id)
        .where(Group.id == group_id)
    ).first()


def retry_delay(attempts: int) -> timedelta:
    """Back off exponentially after failures, up to six hours."""
    delay: timedelta = RETRY_BASE * (2 ** min(attempts, 12))
    return delay if delay < RETRY_MAX else RETRY_MAX


def ran_before(session: Session, work_id: int) -> bool:
    """Tell whether due work was run before: it failed, or its lease ran out unfinished.

    Such a run may have posted before it died, so its posts are looked up before posting.
    """
    found = session.execute(
        select(DueWork.claimed_at, DueWork.attempts).where(DueWork.id == work_id)
    ).first()
    return found is not None and (found.claimed_at is not None or found.attempts > 0)


def send_after_commit(
    services: Services,
    work_id: int,
    deferred: SendAfterCommit,
    *,
    team: str | None,
    key: str,
    rerun: bool,
) -> None:
    """Send a job's Slack work outside any transaction, then record it and finish the row."""
    send_deferred(
        services,
        deferred,
        key=f"job:{key}",
        team=team,
        rerun=rerun,
        then=lambda session: DueWorkRepo(session).finish(
            work_id, services.worker_id, services.now()
        ),
    )


def tick(services: Services, registry: JobRegistry, now: datetime) -> TickReport:
    """Run the planners, then every due row this process can claim."""
    report = TickReport()
    for planner in registry.planners:
        try:
            planner(services, now)
        except Exception:
            log.exception("planner %s failed", getattr(planner, "__name__", planner))
    with services.uow() as session:
        due = DueWorkRepo(session).due_ids(now, skip_kinds=registry.background_kinds)
    for work_id in due:
        _run_one(services, registry, work_id, now, report)
    return report


def run_now(
    services: Services,
    work_id: int,
    *,
    registry: JobRegistry | None = None,
    now: datetime | None = None,
) -> TickReport:
    """Claim one row of due work and run it now, exactly as the tick would.

    A feature that writes work due at once (a message to send after a commit) runs it
    through here rather than waiting for the next tick; a failure is recorded on the row
    and the tick retries it. The registry defaults to the one wired into the services.
    """
    report = TickReport()
    jobs = registry if registry is not None else services.jobs
    if jobs is None:
        log.warning("due work %s left to the tick: no job registry is wired", work_id)
        return report
    _run_one(services, jobs, work_id, now or services.now(), report)
    return report


def _run_one(
    services: Services, registry: JobRegistry, work_id: int, now: datetime, report: TickReport
) -> None:
    """Claim one row and run its handler in its workspace; finish, or fail it for a retry."""
    with services.uow() as session:
        rerun = ran_before(session, work_id)
        if not DueWorkRepo(session).claim(work_id, services.worker_id, now, LEASE):
            report.skipped += 1
            return
        claimed = session.get(DueWork, work_id)
        reader = registry.readers.get(claimed.kind) if claimed is not None else None
        reader_team = team_of_group(session, claimed.group_id) if claimed is not None else None
    try:
        read = None
        if reader is not None:  # Slack reads the job needs, with no transaction open
            with acting_for_team(reader_team):
                read = reader(services, work_id)
        with services.uow() as session, with_read(read):
            row = session.get(DueWork, work_id)
            if row is None:
                return
            kind, key = row.kind, row.key
            handler = registry.handlers.get(kind)
            if handler is None:
                raise LookupError(f"no handler for due work of kind {kind!r}")
            team = team_of_group(session, row.group_id)
            with acting_for_team(team), idempotent_posts(f"job:{key}", check_first=rerun):
                deferred = handler(services, row, now)
            if deferred is None:
                DueWorkRepo(session).finish(work_id, services.worker_id, now)
        if deferred is not None:
            send_after_commit(services, work_id, deferred, team=team, key=key, rerun=rerun)
        report.ran.append(kind)
    except AlreadyProcessed:
        with services.uow() as session:
            DueWorkRepo(session).finish(work_id, services.worker_id, now)
    except Exception as exc:
        log.exception("due work %s failed; the tick retries it", work_id)
        with services.uow() as session:
            row = session.get(DueWork, work_id)
            attempts = row.attempts if row is not None else 0
            DueWorkRepo(session).fail(
                work_id, f"{type(exc).__name__}: {exc}", now + retry_delay(attempts)
            )
        report.failed.append(str(work_id))


def start_scheduler(
    services: Services, registry: JobRegistry, *, interval_seconds: int = 60
) -> BackgroundScheduler:
    """Start APScheduler 3 running the tick every minute in the configured time zone."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BackgroundScheduler(timezone=services.settings.tz)

    def run_tick() -> None:
        try:
            tick(services, registry, services.now())
        except Exception:
            log.exception("tick failed")

    scheduler.add_job(
        run_tick,
        IntervalTrigger(seconds=interval_seconds, timezone=services.settings.tz),
        id="referent-tick",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=3600,
        next_run_time=services.now(),
    )
    scheduler.start()
    return scheduler


def describe(row: DueWork) -> dict[str, Any]:
    """Return a due row as plain data (for the CLI and logs)."""
    return {
        "id": row.id,
        "kind": row.kind,
        "key": row.key,
        "due_at": row.due_at.isoformat(),
        "done": row.done_at is not None,
        "attempts": row.attempts,
    }


def row_session(row: DueWork) -> Session:
    """Return the tick's session a due row was loaded in (work runs inside the tick's transaction)."""
    session = object_session(row)
    if session is None:
        raise RuntimeError("due work row is not attached to the tick's session")
    return session


def release_dead_claims(
    session: Session,
    kind: str,
    worker_id: str,
    *,
    also: Callable[[DueWork], bool] | None = None,
) -> int:
    """Free the rows of a background worker held by a process of this host that is gone.

    Why: a killed process's lease would otherwise keep its work waiting until the lease
    runs out; a process on this host whose id is gone cannot be working on it. Rows of
    other hosts wait for their lease (renewed while they work). ``also`` frees rows of
    this very process that its worker no longer holds (a worker stopped mid-way).
    """
    host, _, own_pid = worker_id.rpartition(":")
    released = 0
    rows = session.scalars(
        select(DueWork).where(
            DueWork.kind == kind,
            DueWork.done_at.is_(None),
            DueWork.lease_until.is_not(None),
            DueWork.claimed_by.like(f"{host}:%"),
        )
    ).all()
    for row in rows:
        pid = (row.claimed_by or "").rsplit(":", 1)[-1]
        if not pid.isdigit():
            continue
        mine = pid == own_pid
        if (mine and also is not None and also(row)) or (not mine and not process_alive(int(pid))):
            row.lease_until = None
            released += 1
    return released


def process_alive(pid: int) -> bool:
    """Tell whether a process of this host still runs (one owned by another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Worker:
    """One background thread per bot that drains a kind of due work outside the tick.

    Why: imports and profile fetches take long (a download, a paced Slack lookup per
    member) and must hold no transaction while they wait; a tick or a new request only
    *kicks* the worker, which runs again if kicked while busy.
    """

    def __init__(self, name: str, runner: Callable[[Services], Callable[[], object]]) -> None:
        self.name = name
        # Called at the start of each drain; returns the pass to repeat while kicked.
        self._runner = runner
        self._lock = threading.Lock()
        self._running: dict[int, threading.Thread] = {}
        self._again: set[int] = set()
        self._stopping: set[int] = set()

    def kick(self, services: Services) -> None:
        """Make sure a worker thread drains the due work of these services."""
        key = id(services)
        with self._lock:
            self._stopping.discard(key)
            if key in self._running:
                self._again.add(key)
                return
            thread = threading.Thread(
                target=self._drain, args=(services,), name=f"referent-{self.name}", daemon=True
            )
            self._running[key] = thread
        thread.start()

    def stop(self, services: Services, timeout: float = 10.0) -> None:
        """Ask the worker to stop between two steps (its claim stays, as if killed)."""
        key = id(services)
        with self._lock:
            self._stopping.add(key)
            thread = self._running.get(key)
        if thread is not None:
            thread.join(timeout)

    def stopping(self, services: Services) -> bool:
        """Tell whether the worker of these services was asked to stop."""
        return id(services) in self._stopping

    def wait_idle(self, services: Services, timeout: float) -> bool:
        """Wait for the worker of these services to finish."""
        with self._lock:
            thread = self._running.get(id(services))
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _drain(self, services: Services) -> None:
        key = id(services)
        run = self._runner(services)
        while True:
            try:
                run()
            except Exception:
                log.exception("the %s worker failed", self.name)
            with self._lock:
                if key in self._again and key not in self._stopping:
                    self._again.discard(key)
                    continue
                self._again.discard(key)
                self._running.pop(key, None)
                return
