"""Real bot processes killed with SIGKILL mid-work, and two of them side by side (issue 8).

Every bot here is a separate `python -m bot run --http` process (scheduler off) or a
`python -m bot tick --at` process, talking to the test's FakeSlack over loopback and to
one database; the test plays Slack with the SlackDriver, including Slack's retries.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.demo.fakeslack import RECORDER, FakeSlack, Response, SlackDriver
from bot.domain.attendance import plan_meeting_work
from bot.ingest import load_document
from storage.models import (
    AgendaItem,
    ApprovalVote,
    Attendance,
    AuditEntry,
    Decision,
    DigestRun,
    DueWork,
    Group,
    Meeting,
    Member,
    Minutes,
    SourceDocument,
)
from tests.conftest import SIGNING_SECRET
from tests.harness import TEAM_ID
from tests.procs import BotProcess, Processes, kill, processes

pytestmark = pytest.mark.slow

T = TypeVar("T")

CPH = ZoneInfo("Europe/Copenhagen")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CHANNEL = "C0GROUP"
SECRETARY, CHAIR, PIA, BO, MILLE = "U0SEK", "U0FMD", "U0PIA", "U0BO", "U0MIL"
PEOPLE = (
    (SECRETARY, "Povl Skov", "Chefkonsulent"),
    (CHAIR, "Morten Bøgelund Andersen", "Direktør, formand"),
    (PIA, "Pia Bille", "Socialchef"),
    (BO, "Bo Gammelgaard", "Centerchef"),
    (MILLE, "Mille Schjoldan", "Socialchef"),
)
MEMBERS = tuple(person[0] for person in PEOPLE)
WAIT = 60.0


# ---------------------------------------------------------------------------- plumbing


def wait_for(
    predicate: Callable[[], T | None],
    what: str,
    timeout: float = WAIT,
    show: Callable[[], object] | None = None,
) -> T:
    """Poll a predicate until it is truthy; fail naming what was awaited (and ``show()``)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            seen = f": {show()!r}" if show is not None else ""
            raise AssertionError(f"timed out after {timeout} s waiting for {what}{seen}")
        time.sleep(0.05)


class Db:
    """Read the bots' database from the test process."""

    def __init__(self, url: str) -> None:
        # A plain engine: the bot's own begins every SQLite transaction IMMEDIATE, and the
        # test's reads must not queue with the bots' writes.
        self.engine: Engine = create_engine(url)

    def count(self, model: Any, *where: Any) -> int:
        """Return how many rows of a model match."""
        with Session(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    def all(self, statement: Any) -> list[Any]:
        """Return the rows of a query as tuples."""
        with Session(self.engine) as session:
            return [tuple(row) for row in session.execute(statement)]

    def scalars(self, statement: Any) -> list[Any]:
        """Return the first column of a query (objects detached, attributes loaded)."""
        with Session(self.engine, expire_on_commit=False) as session:
            found = list(session.scalars(statement))
            session.expunge_all()
            return found


@dataclass
class World:
    """One fake Slack, one database, and the processes started on them."""

    fake: FakeSlack
    procs: Processes
    db: Db

    def driver(self, bot: BotProcess) -> SlackDriver:
        """Return a driver that plays Slack towards one bot process."""
        return SlackDriver(bot.url, SIGNING_SECRET, self.fake, team_id=TEAM_ID)

    def settle(self, quiet: float = 0.6, timeout: float = WAIT) -> None:
        """Wait until the fake Slack has had no call for a while (the bots are idle)."""
        deadline = time.monotonic() + timeout
        count, since = len(self.fake.calls()), time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise AssertionError("the bots did not go quiet")
            time.sleep(0.05)
            now_count = len(self.fake.calls())
            if now_count != count:
                count, since = now_count, time.monotonic()

    def posts(self, channel: str = CHANNEL, text: str = "") -> list[dict[str, Any]]:
        """Return the bot's messages in a channel (threads included) that contain a text."""
        return [m for m in self.fake.bot_messages(channel) if text in str(m.get("text"))]

    def dms(self, user: str, text: str = "") -> list[dict[str, Any]]:
        """Return the bot's direct messages to a person that contain a text."""
        return self.posts(self.fake.im_channel(user), text)


@contextmanager
def world(database_url: str, log_dir: Path) -> Iterator[World]:
    """Start a fake Slack with the committee's people and channel; stop everything after."""
    fake = FakeSlack(recorder=RECORDER)
    fake.start()
    db = Db(database_url)
    try:
        for user, name, title in PEOPLE:
            fake.add_user(user, name.split()[0].lower(), name, title=title)
        fake.add_channel(CHANNEL, "styregruppen", members=MEMBERS)
        with processes(fake.base_url, database_url, log_dir) as procs:
            yield World(fake=fake, procs=procs, db=db)
    finally:
        db.engine.dispose()
        fake.stop()


def set_up_group(w: World, driver: SlackDriver, **settings: Any) -> int:
    """Create the group through `/referent opsæt` and make Morten chair; apply settings."""
    assert driver.command(SECRETARY, "opsæt Styregruppen", channel=CHANNEL).status == 200
    wait_for(lambda: w.db.count(Member) == len(MEMBERS), "the group and its members")
    driver.command(SECRETARY, f"rolle <@{CHAIR}> formand", channel=CHANNEL)
    wait_for(
        lambda: w.db.count(Member, Member.slack_user_id == CHAIR, Member.role == "chair"),
        "the chair's role",
    )
    [group_id] = w.db.scalars(select(Group.id))
    if settings:
        with Session(w.db.engine) as session, session.begin():
            group = session.get(Group, group_id)
            assert group is not None
            for name, value in settings.items():
                setattr(group, name, value)
    w.settle()
    return int(group_id)


def local_today() -> date:
    """Return today's date in Copenhagen (the bot processes run on the real clock)."""
    return datetime.now(CPH).date()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Return a local time in Copenhagen on a day."""
    return datetime.combine(day, clock_time(hour, minute), CPH)


def redeliver(driver: SlackDriver, original: SlackDriver, sent: Response, number: int) -> Response:
    """Deliver, through ``driver``, an event first sent through ``original`` (same event id)."""
    payload = next(s.payload for s in original.sent if s.payload.get("event_id") == sent.event_id)
    return driver.event(payload["event"], event_id=sent.event_id, retry_num=number)


# ---------------------------------------------------------------------------- 1. import


def test_sigkill_in_the_middle_of_an_import(sqlite_url: str, tmp_path: Path) -> None:
    """Killed after the first of three files, the restarted bot resumes the rest once.

    The import was recorded before Slack got its 200, so the restart (not Slack's retry)
    finishes it; the person is told it was resumed, and a retry stays silent.
    """
    paths = sorted(CORPUS.glob("sjaelland-*.txt"))
    if len(paths) < 3:  # pragma: no cover - the corpus lives beside the repository
        pytest.skip("../shared/corpus is not beside the repository")
    paths = paths[:3]
    with world(sqlite_url, tmp_path / "logs") as w:
        first = w.procs.start_bot()
        driver = w.driver(first)
        set_up_group(w, driver)
        files = [
            w.fake.add_file(
                f"F0IMP{n}", path.name, path.read_bytes(), "text/plain", SECRETARY, CHANNEL
            )
            for n, path in enumerate(paths, 1)
        ]
        # The first download answers at once, the second hangs: the kill lands after the
        # first file is committed and while the second is on its way.
        w.fake.fail_next("file_download", delay=0.01)
        w.fake.fail_next("file_download", delay=60)
        sent = driver.mention(SECRETARY, CHANNEL, "<@UBOT> importer", files=list(files))
        assert sent.status == 200 and sent.ts is not None
        wait_for(
            lambda: len(w.fake.calls("file_download")) == 2 and w.db.count(Meeting) == 1,
            "the first file imported and the second one downloading",
        )
        first.kill()
        assert w.db.count(SourceDocument) == 1
        thread = [m["text"] for m in w.fake.bot_messages(CHANNEL, sent.ts)]
        assert any("baggrunden" in text for text in thread), thread

        second = w.procs.start_bot()
        wait_for(
            lambda: w.db.count(SourceDocument) == 3 and len(w.posts(text="Importeret")) == 3,
            "the restarted bot finishing the import",
            timeout=120,
            show=lambda: [m["text"] for m in w.fake.bot_messages(CHANNEL, sent.ts)],
        )
        # Slack's retry of the event (it never heard an answer) changes nothing.
        redeliver(w.driver(second), driver, sent, 1)
        w.settle()

        texts = [str(m["text"]) for m in w.fake.bot_messages(CHANNEL, sent.ts)]
        assert sum("baggrunden" in text for text in texts) == 1, texts
        assert sum("genoptager" in text.lower() for text in texts) == 1, texts
        for path in paths:
            assert sum(f"Importeret *{path.name}*" in text for text in texts) == 1, texts
        assert w.fake.ephemerals(CHANNEL, SECRETARY) == []
        # The archive holds each file once, each meeting whole.
        documents = w.db.scalars(select(SourceDocument).order_by(SourceDocument.filename))
        assert [d.filename for d in documents] == [p.name for p in paths]
        assert w.db.count(Meeting) == 3
        assert w.db.count(AuditEntry, AuditEntry.action == "archive.imported") == 3
        for document, path in zip(documents, paths, strict=True):
            parsed = load_document(path.read_bytes(), path.name)
            [meeting_id] = w.db.scalars(
                select(Meeting.id).where(Meeting.source_document_id == document.id)
            )
            items = w.db.count(AgendaItem, AgendaItem.meeting_id == meeting_id)
            decisions = w.db.all(
                select(func.count(Decision.id))
                .join(AgendaItem, Decision.item_id == AgendaItem.id)
                .where(AgendaItem.meeting_id == meeting_id)
            )[0][0]
            assert (items, decisions) == (
                len(parsed.items),
                sum(len(i.decisions) for i in parsed.items),
            ), path.name


# ---------------------------------------------------------------------------- 2. approval

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")  # fmt: skip


def minutes_text(day: date) -> str:
    """Return a short set of minutes of a meeting on a day, in the house style."""
    when = f"{WEEKDAYS[day.weekday()].capitalize()} den {day.day}. {MONTHS[day.month - 1]}"
    return f"""Styregruppen for Rammeaftale Sjælland

Referat Styregruppemøde

Dato: {when} {day.year}, kl. 12-15

Sted: Ringsted Kongrescenter, Nørretorv 55, Ringsted

Deltagere:

Navn\tTitel\tArbejdssted
Morten Bøgelund Andersen\tDirektør, formand\tGreve Kommune
Pia Bille\tSocialchef\tRegion Sjælland
Bo Gammelgaard\tCenterchef\tNæstved Kommune
Povl Skov\tChefkonsulent\tRammeaftalesekretariatet

Afbud:

Mille Schjoldan\tSocialchef\tKøge Kommune

Punkt 1. Godkendelse af dagsorden

Indstilling

Det indstilles, at styregruppen godkender dagsordenen.

Beslutning

Styregruppen godkendte dagsordenen.

Punkt 2. Økonomimodel Sjælland

Indstilling

Det indstilles, at styregruppen drøfter økonomimodellen.

Beslutning

- Styregruppen tiltrådte økonomimodellen med de foreslåede justeringer.

Punkt 3. Evt.

Intet.
"""


def post_minutes(w: World, driver: SlackDriver, day: date) -> tuple[Minutes, str]:
    """Post minutes of a meeting on a day for approval; return the round and its message ts."""
    file = w.fake.add_file(
        "F0REF1", "referat.txt", minutes_text(day).encode(), "text/plain", SECRETARY, CHANNEL
    )
    driver.mention(SECRETARY, CHANNEL, "<@UBOT> referat", files=[file])
    [minutes] = wait_for(
        lambda: w.db.scalars(select(Minutes).where(Minutes.message_ts.is_not(None))),
        "the approval request",
    )
    assert minutes.message_ts is not None
    return minutes, minutes.message_ts


def reaction_event(w: World, user: str, ts: str, name: str = "white_check_mark") -> dict[str, Any]:
    """Return a reaction_added event on a bot message, as Slack sends it."""
    return {
        "type": "reaction_added",
        "user": user,
        "reaction": name,
        "item": {"type": "message", "channel": CHANNEL, "ts": ts},
        "item_user": w.fake.bot_user_id,
        "event_ts": w.fake.next_ts(),
    }


def live_line(w: World, ts: str) -> str:
    """Return the live count line of an approval request as it stands in Slack."""
    message = w.fake.message(CHANNEL, ts)
    assert message is not None
    return str(message["blocks"][-1]["elements"][0]["text"])


def votes(w: World, minutes_id: int) -> dict[str, str]:
    """Return the stored votes of a round: Slack user → verdict."""
    rows = w.db.all(
        select(Member.slack_user_id, ApprovalVote.verdict)
        .join(Member, Member.id == ApprovalVote.member_id)
        .where(ApprovalVote.minutes_id == minutes_id)
    )
    return {str(user): str(verdict) for user, verdict in rows}


def vote_audit(w: World, minutes_id: int) -> list[tuple[str, str]]:
    """Return the round's audited votes as (member, how), oldest first."""
    entries = w.db.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.action == "approval.vote",
            AuditEntry.subject_type == "minutes",
            AuditEntry.subject_id == minutes_id,
        )
        .order_by(AuditEntry.id)
    )
    return [(str(e.actor), str((e.detail or {}).get("how"))) for e in entries]


def test_sigkill_in_the_middle_of_an_approval_round(pg_url: str, tmp_path: Path) -> None:
    """Votes survive a crash, retries count once, a lost reaction is reconciled, one outcome."""
    today = local_today()
    with world(pg_url, tmp_path / "logs") as w:
        first = w.procs.start_bot()
        driver = w.driver(first)
        set_up_group(w, driver)
        minutes, ts = post_minutes(w, driver, today - timedelta(days=1))
        assert minutes.deadline_at is not None
        pia = driver.reaction_added(PIA, CHANNEL, ts, "white_check_mark")
        wait_for(lambda: votes(w, minutes.id) == {PIA: "approve"}, "Pia's vote")
        w.settle()
        # Bo's vote is committed; the bot dies while it updates the live count.
        w.fake.fail_next("chat.update", delay=60)
        bo = driver.reaction_added(BO, CHANNEL, ts, "+1::skin-tone-2")
        wait_for(lambda: any(c.faulted for c in w.fake.calls("chat.update")), "the slow refresh")
        first.kill()
        assert votes(w, minutes.id) == {PIA: "approve", BO: "approve"}

        # While the bot is down: Morten's reaction cannot be delivered (Slack retries it
        # later), Mille's event is lost for good.
        chair_event = reaction_event(w, CHAIR, ts)
        w.fake.add_reaction(CHANNEL, ts, "white_check_mark", CHAIR)
        with pytest.raises(OSError):
            driver.event(chair_event, event_id="EvCHAIRDOWN")
        w.fake.add_reaction(CHANNEL, ts, "white_check_mark", MILLE)

        second = w.procs.start_bot()
        again = w.driver(second)
        again.event(chair_event, event_id="EvCHAIRDOWN", retry_num=1)
        # Slack also retries the events the dead bot had answered (duplicates).
        redeliver(again, driver, pia, 1)
        redeliver(again, driver, bo, 1)
        wait_for(lambda: len(votes(w, minutes.id)) == 3, "Morten's retried vote")
        # The refresh the dead bot never made is made by the next change.
        wait_for(lambda: "3 af 5 har godkendt" in live_line(w, ts), "the live count")
        w.settle()

        # The reminder: reconciled with Slack first, so only the secretary is reminded.
        result = w.procs.tick(due_at(w, "approval.remind") + timedelta(minutes=1))
        assert result.returncode == 0, result.output
        assert [len(w.dms(user, "Påmindelse")) for user in MEMBERS] == [1, 0, 0, 0, 0]

        # The deadline passes. The first tick settles the round and dies while Slack takes
        # the outcome in the thread; the ticks after its lease finish the work, once.
        before = len(w.fake.calls("chat.postMessage"))
        w.fake.fail_next("chat.postMessage", delay=60)
        killed = w.procs.start_tick(minutes.deadline_at + timedelta(minutes=5))
        wait_for(
            lambda: any(c.faulted for c in w.fake.calls("chat.postMessage")[before:]),
            "the outcome being posted",
        )
        kill(killed)
        assert len(w.posts(text="er godkendt")) == 1
        for offset in (20, 80):
            result = w.procs.tick(minutes.deadline_at + timedelta(minutes=offset))
            assert result.returncode == 0, result.output
        w.settle()

        [settled] = w.db.scalars(select(Minutes))
        assert settled.status == "approved"
        assert settled.settled_at == minutes.deadline_at + timedelta(minutes=5)
        assert votes(w, minutes.id) == dict.fromkeys((PIA, BO, CHAIR, MILLE), "approve")
        assert sorted(vote_audit(w, minutes.id)) == sorted(
            [(PIA, "reaction"), (BO, "reaction"), (CHAIR, "reaction"), (MILLE, "reconciled")]
        )
        assert w.db.count(AuditEntry, AuditEntry.action == "approval.approved") == 1
        outcome = w.posts(text="er godkendt: 4 godkendte, 1 stiltiende")
        assert [m.get("thread_ts") for m in outcome] in ([None, ts], [ts, None]), outcome
        assert live_line(w, ts).startswith("*Godkendt "), live_line(w, ts)
        assert "4 af 5 har godkendt" in live_line(w, ts)


# ---------------------------------------------------------------------------- 3. digest


@pytest.mark.parametrize("landed", [True, False], ids=["post-landed", "post-lost"])
def test_sigkill_in_the_middle_of_a_digest(landed: bool, sqlite_url: str, tmp_path: Path) -> None:
    """A tick killed while posting the digest: the next tick that day leaves exactly one."""
    day = local_today() + timedelta(days=3)
    with world(sqlite_url, tmp_path / "logs") as w:
        bot = w.procs.start_bot()
        group_id = set_up_group(
            w, w.driver(bot), digest_weekday=day.weekday(), digest_time=clock_time(8, 0)
        )
        before = len(w.fake.calls("chat.postMessage"))
        if landed:
            # Slack takes the post, but the answer is late: the bot dies waiting for it.
            w.fake.fail_next("chat.postMessage", delay=60)
        else:
            # The post never arrives: the connection hangs and the bot dies waiting.
            w.fake.fail_next("chat.postMessage", delay=60, drop_connection=True)
        killed = w.procs.start_tick(at(day, 8, 1))
        wait_for(lambda: len(w.fake.calls("chat.postMessage")) > before, "the digest post")
        kill(killed)
        title = "Ugens overblik – Styregruppen"
        assert len(w.posts(text=title)) == (1 if landed else 0)
        # The week's digest was claimed before the post (no Slack call inside a
        # transaction); the dead process's claim is taken over by a later tick.
        [claim] = w.db.scalars(select(DigestRun))
        assert claim.message_ts is None

        for hour in (10, 14):
            result = w.procs.tick(at(day, hour))
            assert result.returncode == 0, result.output
        digests = w.posts(text=title)
        assert len(digests) == 1, digests
        [run] = w.db.scalars(select(DigestRun))
        assert (run.group_id, run.channel, run.message_ts) == (group_id, CHANNEL, digests[0]["ts"])


# ---------------------------------------------------------------------------- 4. two bots


def mention_event(w: World, user: str, text: str) -> dict[str, Any]:
    """Store a message that mentions the bot in the fake; return its app_mention event."""
    stored = w.fake.add_message(CHANNEL, user, text)
    return {
        "type": "app_mention",
        "channel": CHANNEL,
        "user": user,
        "text": text,
        "ts": stored["ts"],
        "event_ts": stored["ts"],
        "team": TEAM_ID,
    }


def to_both(drivers: Sequence[SlackDriver], event: dict[str, Any], event_id: str) -> None:
    """Deliver one event to two bot processes at the same moment (the second as a retry)."""
    barrier = threading.Barrier(len(drivers))
    answers: list[int] = []

    def send(driver: SlackDriver, retry_num: int | None) -> None:
        barrier.wait(timeout=10)
        answers.append(driver.event(event, event_id=event_id, retry_num=retry_num).status)

    threads = [
        threading.Thread(target=send, args=(driver, None if n == 0 else n))
        for n, driver in enumerate(drivers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert answers == [200] * len(drivers), answers


def tick_together(w: World, when: datetime) -> None:
    """Run two `referent tick --at` processes started at the same moment; both must succeed."""
    started = [w.procs.start_tick(when), w.procs.start_tick(when)]
    for process in started:
        result = w.procs.finish(process)
        assert result.returncode == 0, result.output


def due_at(w: World, kind: str) -> datetime:
    """Return when the one row of due work of a kind falls due."""
    found = w.db.scalars(select(DueWork.due_at).where(DueWork.kind == kind))
    assert len(found) == 1, (kind, w.db.all(select(DueWork.kind, DueWork.key, DueWork.due_at)))
    assert isinstance(found[0], datetime)
    return found[0]


def doubled(items: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Return the entries that occur more than once."""
    seen: dict[tuple[Any, ...], int] = {}
    for item in items:
        seen[item] = seen.get(item, 0) + 1
    return [item for item, count in seen.items() if count > 1]


def test_two_bot_processes_on_one_postgresql(pg_url: str, tmp_path: Path) -> None:
    """Interleaved and doubled events across two bots, racing ticks: everything happens once."""
    today = local_today()
    digest_day = today + timedelta(days=2)
    meeting_day = today + timedelta(days=10)
    while meeting_day.weekday() > 3:  # a Monday–Thursday, so the working days before are plain
        meeting_day += timedelta(days=1)
    with world(pg_url, tmp_path / "logs") as w:
        one = w.procs.start_bot()
        two = w.procs.start_bot()
        a, b = w.driver(one), w.driver(two)
        set_up_group(w, a, digest_weekday=digest_day.weekday(), digest_time=clock_time(8, 0))
        date_text = f"{meeting_day.day}/{meeting_day.month}-{meeting_day.year}"
        b.command(SECRETARY, f"møde {date_text} kl 13-15 Ringsted", channel=CHANNEL)
        wait_for(lambda: w.db.count(Meeting, Meeting.status == "planned"), "the planned meeting")
        minutes, ts = post_minutes(w, a, today - timedelta(days=1))
        w.settle()

        # Interleaved: each event to one process, alternating; three to both at once.
        a.mention(PIA, CHANNEL, "<@UBOT> afbud pga. ferie")
        b.mention(MILLE, CHANNEL, "<@UBOT> punkt: Budget 2027")
        pia_vote = a.reaction_added(PIA, CHANNEL, ts, "white_check_mark")
        to_both((b, a), mention_event(w, BO, "<@UBOT> kan ikke komme pga. kursus"), "EvBOAFBUD")
        to_both((a, b), mention_event(w, CHAIR, "<@UBOT> punkt: Tilsyn på botilbud"), "EvFMDPKT")
        w.fake.add_reaction(CHANNEL, ts, "white_check_mark", BO)
        to_both((b, a), reaction_event(w, BO, ts), "EvBOVOTE")
        b.reaction_added(MILLE, CHANNEL, ts, "+1")
        redeliver(b, a, pia_vote, 1)
        wait_for(lambda: len(votes(w, minutes.id)) == 3, "the three votes")
        [planned] = w.db.scalars(select(Meeting.id).where(Meeting.status == "planned"))
        wait_for(
            lambda: w.db.count(Attendance, Attendance.meeting_id == planned) == 2,
            "two afbud",
            show=lambda: w.db.all(
                select(Attendance.meeting_id, Attendance.name, Attendance.status)
            ),
        )
        wait_for(
            lambda: w.db.count(AgendaItem, AgendaItem.status == "proposed") == 2,
            "two proposals",
            show=lambda: w.db.all(select(AgendaItem.title, AgendaItem.status)),
        )
        w.settle()

        # Ticks in pairs at every moment something falls due, and a minute later for the
        # messages the first pair fanned out.
        [starts] = w.db.scalars(select(Meeting.starts_at).where(Meeting.id == planned))
        plan = plan_meeting_work(starts, "Europe/Copenhagen", 7, datetime.now(CPH))
        assert plan.remind_at is not None and plan.list_at is not None
        assert minutes.deadline_at is not None
        moments = sorted(
            [
                at(digest_day, 8, 0),
                due_at(w, "approval.remind"),
                minutes.deadline_at,
                plan.remind_at,
                plan.list_at,
            ]
        )
        for moment in moments:
            tick_together(w, moment + timedelta(minutes=1))
            tick_together(w, moment + timedelta(minutes=2))
        w.settle()

        # Every due row up to the last tick ran, none failed.
        last = moments[-1] + timedelta(minutes=2)
        assert w.db.count(DueWork, DueWork.done_at.is_(None), DueWork.due_at <= last) == 0
        assert w.db.count(DueWork, DueWork.attempts > 0) == 0
        # The votes, afbud and proposals: each once.
        assert votes(w, minutes.id) == dict.fromkeys((PIA, BO, MILLE), "approve")
        assert sorted(vote_audit(w, minutes.id)) == [
            (BO, "reaction"),
            (MILLE, "reaction"),
            (PIA, "reaction"),
        ]
        afbud = w.db.all(
            select(Member.slack_user_id, Attendance.status)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.meeting_id == planned)
        )
        assert sorted(afbud) == [(BO, "afbud"), (PIA, "afbud")]
        assert w.db.count(AuditEntry, AuditEntry.action == "attendance.afbud") == 2
        titles = w.db.scalars(select(AgendaItem.title).where(AgendaItem.status == "proposed"))
        assert sorted(titles) == ["Budget 2027", "Tilsyn på botilbud"]
        # Each kind of timed message, once to each who should have it.
        expected = {
            "Du har ikke svaret endnu": (SECRETARY, CHAIR, MILLE),
            "Deltagerliste": (SECRETARY, CHAIR),
            "har meldt afbud": (CHAIR,),
            "Påmindelse": (SECRETARY, CHAIR),
        }
        for text, receivers in expected.items():
            got = [len(w.dms(user, text)) for user in MEMBERS]
            assert got == [int(user in receivers) for user in MEMBERS], (text, got)
        outcome = w.posts(text="er godkendt: 3 godkendte, 2 stiltiende")
        assert sorted(str(m.get("thread_ts")) for m in outcome) == sorted(["None", ts]), outcome
        # One digest a week (another tick may fall on the digest's day a week later).
        digests = [m["text"] for m in w.posts(text="Ugens overblik – Styregruppen")]
        weeks = sorted(str(week) for week in w.db.scalars(select(DigestRun.week)))
        assert len(digests) == len(weeks) == len(set(weeks)) >= 1, (digests, weeks)
        assert f"{digest_day.isocalendar().week})" in digests[0]
        # Nothing at all was said twice, in the channel, a thread, a DM or privately.
        said = [(m["channel"], m.get("thread_ts"), m["text"]) for m in w.fake.bot_messages()]
        assert doubled(said) == []
        private = [(e["channel"], e["user"], e["text"]) for e in w.fake.ephemerals()]
        assert doubled(private) == []
        assert len(w.fake.ephemerals(CHANNEL, PIA)) == 1
        assert len(w.fake.ephemerals(CHANNEL, BO)) == 1
