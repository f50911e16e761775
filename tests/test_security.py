"""Bad input is refused and nothing leaks: permissions, escaping, search syntax, files, groups."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.enums import AttendanceStatus, MeetingStatus
from bot.i18n import t
from storage.models import (
    ActionItem,
    AgendaItem,
    ApprovalVote,
    Attendance,
    Group,
    Meeting,
    Member,
    Minutes,
    Objection,
    SourceDocument,
)
from storage.repositories import MemberRepo
from tests.conftest import CORPUS, CPH
from tests.harness import BotHarness, Person, running_bot
from tests.test_approval import MINUTES as APPROVAL_MINUTES

CHANNEL = "C0GROUP"
OTHER_CHANNEL = "C0OTHER"
SEK, FMD, PIA, BO, MIL = "U0SEK", "U0FMD", "U0PIA", "U0BO", "U0MIL"
OUTSIDER = "U0OUT"  # in the group's channel, not in its member table
ELSEWHERE = "U0ELSE"  # secretary of another group, also present in the group's channel
FRIDAY = datetime(2026, 11, 27, 13, 0, tzinfo=CPH)  # the next meeting, nine days ahead
MONDAY_8 = datetime(2026, 11, 23, 8, 0, tzinfo=CPH)  # the default digest slot after "now"
INTERNAL = {t("error.internal", lang) for lang in ("da", "en")}
PINGS = ("<!channel>", "<!here>", "<!everyone>")

# The minutes of the approval tests (a meeting on 13 November 2026).
MINUTES = APPROVAL_MINUTES


# ------------------------------------------------------------------------------- helpers


def texts_of(payload: Any) -> list[str]:
    """Return every text Slack renders as mrkdwn in a message, view or blocks (recursively)."""
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except ValueError:
            return []
    found: list[str] = []
    if isinstance(payload, dict):
        if payload.get("type") == "mrkdwn" and isinstance(payload.get("text"), str):
            found.append(payload["text"])
        for value in payload.values():
            if isinstance(value, dict | list):
                found += texts_of(value)
    elif isinstance(payload, list):
        for value in payload:
            found += texts_of(value)
    return found


def message_texts(message: dict[str, Any]) -> list[str]:
    """Return a message's text and every mrkdwn text of its blocks."""
    return [str(message.get("text") or ""), *texts_of(message.get("blocks"))]


def everything_said(h: BotHarness) -> list[str]:
    """Return every text the bot put in front of anyone: posts, DMs, ephemerals, views."""
    said: list[str] = []
    for message in h.fake.bot_messages():
        said += message_texts(message)
    for ephemeral in h.fake.ephemerals():
        said += message_texts(ephemeral)
    for response in h.fake.responses():
        said += message_texts(response["body"])
    for view in h.fake.views():
        said += texts_of(view.get("view"))
    return said


def said_to(h: BotHarness, user: str, since: int) -> list[str]:
    """Return the texts of the ephemerals a person got after a count of them."""
    return ["\n".join(message_texts(e)) for e in h.fake.ephemerals(user=user)[since:]]


def wait_reply(h: BotHarness, user: str, since: int) -> str:
    """Wait for a new ephemeral answer to a person and return its text."""
    h.wait_for(lambda: said_to(h, user, since), timeout=10)
    h.settle()
    return "\n".join(said_to(h, user, since))


def command(h: BotHarness, user: str, text: str, channel: str = CHANNEL) -> None:
    """Run `/referent <text>` and wait until the bot has answered and gone quiet."""
    before = len(h.fake.calls())
    status, _, _ = h.driver.command(user, text, channel=channel)
    assert status == 200
    h.wait_for(lambda: len(h.fake.calls()) > before, timeout=10)
    h.settle()


def mention(h: BotHarness, user: str, text: str, channel: str = CHANNEL, **kwargs: Any) -> Any:
    """Post a message mentioning the bot and wait until the bot has gone quiet."""
    before = len(h.fake.calls())
    response = h.driver.mention(user, channel, f"<@{h.fake.bot_user_id}> {text}", **kwargs)
    h.wait_for(lambda: len(h.fake.calls()) > before, timeout=10)
    h.settle()
    return response


def member_of(h: BotHarness, channel: str, user: str) -> Member | None:
    """Return a person's member row in the group of a channel."""
    group_id = h.group_id(channel)
    assert group_id is not None
    with h.services.uow() as session:
        member = MemberRepo(session).by_slack_user(group_id, user)
        if member is not None:
            session.expunge(member)
        return member


def add_meeting(h: BotHarness, channel: str, start: datetime, location: str) -> int:
    """Create a planned meeting straight in the database (set-up, not under test)."""
    group_id = h.group_id(channel)
    assert group_id is not None
    with h.services.uow() as session:
        meeting = Meeting(
            group_id=group_id,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            has_time=True,
            location=location,
            status=MeetingStatus.PLANNED,
            created_at=h.clock.now(),
            agenda_version=0,
            sequence=0,
        )
        session.add(meeting)
        session.flush()
        return int(meeting.id)


def import_text(h: BotHarness, channel: str, text: str, filename: str) -> None:
    """Import a document into a group's archive straight through the use case (set-up)."""
    from bot.archive import import_document
    from storage.repositories import GroupRepo

    with h.services.uow() as session:
        group = GroupRepo(session).by_channel(channel)
        assert group is not None
        import_document(
            session, group=group, data=text.encode(), filename=filename, now=h.clock.now()
        )


def upload(h: BotHarness, user: str, name: str, content: bytes, file_id: str) -> dict[str, Any]:
    """Put a file shared in the group's channel into the fake Slack."""
    return h.fake.add_file(file_id, name, content, "text/plain", user=user, channel=CHANNEL)


def rows(h: BotHarness, model: Any, *where: Any) -> list[Any]:
    """Return the rows of a model (detached), optionally filtered."""
    with h.services.uow() as session:
        found = list(session.scalars(select(model).where(*where)))
        session.expunge_all()
        return found


def no_pings(texts: list[str]) -> None:
    """Assert that no text holds a raw broadcast mention a user could have smuggled in."""
    for text in texts:
        for ping in PINGS:
            assert ping not in text, f"raw {ping} in {text[:300]!r}"


# ------------------------------------------------------------------ 1. permissions matrix

ROLES = {
    "member": PIA,
    "chair": FMD,
    "secretary": SEK,
    "guest": MIL,
    "non_member": OUTSIDER,
    "other_group": ELSEWHERE,
}


def committee(h: BotHarness) -> None:
    """Group A with a chair, a guest, an outsider in the channel and a second group's secretary."""
    h.add_group(chair=FMD)
    command(h, SEK, f"rolle <@{MIL}> gæst")
    member = member_of(h, CHANNEL, MIL)
    assert member is not None and member.role == "guest"
    h.add_person(Person(OUTSIDER, "Olga Udenfor", "Konsulent", "KL"))
    h.fake.add_member(CHANNEL, OUTSIDER)
    h.add_group(
        name="Andet udvalg",
        channel=OTHER_CHANNEL,
        people=[Person(ELSEWHERE, "Erik Andetsteds", "Direktør", "Faxe Kommune")],
    )
    h.fake.add_member(CHANNEL, ELSEWHERE)
    add_meeting(h, CHANNEL, FRIDAY, "Ringsted Kongrescenter")


def post_minutes(h: BotHarness) -> Minutes:
    """Post the minutes for approval as the secretary; return the open version."""
    file = upload(h, SEK, "referat-2026-11-13.txt", MINUTES.encode(), "F0SETUP")
    mention(h, SEK, "referat", files=[file])
    found: list[Minutes] = h.wait_for(
        lambda: [m for m in rows(h, Minutes) if m.message_ts is not None], timeout=10
    )
    return found[0]


@dataclass(frozen=True)
class Case:
    """One action of the matrix: how to try it, who may, and how its effect shows."""

    allowed: frozenset[str]
    words: tuple[str, ...]
    act: Callable[[BotHarness, str, Any], None]
    effect: Callable[[BotHarness, str, Any], bool]
    prepare: Callable[[BotHarness], Any] = lambda h: None


OFFICERS = frozenset({"chair", "secretary"})
MEMBERS = frozenset({"chair", "secretary", "member"})


def _proposals(h: BotHarness, title: str) -> list[AgendaItem]:
    return rows(h, AgendaItem, AgendaItem.title == title)


def _prepare_proposal(h: BotHarness) -> None:
    command(h, PIA, "punkt Årsrapport fra Socialtilsyn Øst")
    assert [i.status for i in _proposals(h, "Årsrapport fra Socialtilsyn Øst")] == ["proposed"]


def _afbud_of_bo(h: BotHarness, user: str, state: Any) -> bool:
    bo = member_of(h, CHANNEL, BO)
    assert bo is not None
    return any(
        a.status == AttendanceStatus.AFBUD and a.recorded_by == user
        for a in rows(h, Attendance, Attendance.member_id == bo.id)
    )


def _minutes_file(h: BotHarness, user: str, state: Any) -> None:
    file = upload(h, user, "referat-2026-11-13.txt", MINUTES.encode(), f"F0{user}")
    mention(h, user, "referat", files=[file])


def _vote(h: BotHarness, user: str, minutes: Minutes) -> None:
    assert minutes.message_ts is not None
    h.driver.reaction_added(user, CHANNEL, minutes.message_ts, "white_check_mark")


def _voted(h: BotHarness, user: str, minutes: Minutes) -> bool:
    with h.services.uow() as session:
        voters = session.scalars(
            select(Member.slack_user_id)
            .join(ApprovalVote, ApprovalVote.member_id == Member.id)
            .where(ApprovalVote.minutes_id == minutes.id, ApprovalVote.verdict == "approve")
        ).all()
    return user in voters


def _prepare_objection(h: BotHarness) -> Minutes:
    minutes = post_minutes(h)
    h.driver.message(
        BO, CHANNEL, "Indsigelse: punkt 2 mangler en dato", thread_ts=minutes.message_ts
    )
    h.wait_for(lambda: rows(h, Objection), timeout=10)
    h.settle()
    return minutes


def _handled(h: BotHarness, user: str, state: Any) -> bool:
    return any(o.status == "handled" and o.resolved_by == user for o in rows(h, Objection))


def _import(h: BotHarness, user: str, state: Any) -> None:
    file = upload(h, user, "referat-2026-11-13.txt", MINUTES.encode(), f"F0{user}")
    mention(h, user, "importer", files=[file])


def _digest_on_friday(h: BotHarness, user: str, state: Any) -> bool:
    return any(g.digest_weekday == 4 for g in rows(h, Group, Group.channel_id == CHANNEL))


def _bo_is_chair(h: BotHarness, user: str, state: Any) -> bool:
    bo = member_of(h, CHANNEL, BO)
    return bo is not None and bo.role == "chair"


CASES: dict[str, Case] = {
    "propose": Case(
        allowed=MEMBERS,
        words=("foreslå punkter", "formand", "sekretær", "medlem"),
        act=lambda h, user, state: command(h, user, f"punkt Temadag foreslået af {user}"),
        effect=lambda h, user, state: bool(_proposals(h, f"Temadag foreslået af {user}")),
    ),
    "curate": Case(
        allowed=OFFICERS,
        words=("behandle forslag til dagsordenen", "formand", "sekretær"),
        prepare=_prepare_proposal,
        act=lambda h, user, state: command(h, user, "dagsorden accepter F1"),
        effect=lambda h, user, state: (
            [i.status for i in _proposals(h, "Årsrapport fra Socialtilsyn Øst")] == ["accepted"]
        ),
    ),
    "afbud_for_others": Case(
        allowed=OFFICERS,
        words=("melde afbud", "formand", "sekretær"),
        act=lambda h, user, state: command(h, user, f"afbud <@{BO}> 27/11 ferie"),
        effect=_afbud_of_bo,
    ),
    "post_minutes": Case(
        allowed=OFFICERS,
        words=("sende referatet til godkendelse", "formand", "sekretær"),
        act=_minutes_file,
        effect=lambda h, user, state: bool(rows(h, Minutes, Minutes.posted_by == user)),
    ),
    "vote": Case(
        allowed=MEMBERS,
        words=("medlemmer", "godkender referatet"),
        prepare=post_minutes,
        act=_vote,
        effect=_voted,
    ),
    "resolve_objection": Case(
        allowed=OFFICERS,
        words=("behandle indsigelser", "formand", "sekretær"),
        prepare=_prepare_objection,
        act=lambda h, user, state: command(h, user, "referat behandlet Rettet i arkivet."),
        effect=_handled,
    ),
    "import": Case(
        allowed=OFFICERS,
        words=("importere referater", "formand", "sekretær"),
        act=_import,
        effect=lambda h, user, state: bool(
            rows(h, SourceDocument, SourceDocument.imported_by == user)
        ),
    ),
    "change_settings": Case(
        allowed=OFFICERS,
        words=("ændre gruppens indstillinger", "formand", "sekretær"),
        act=lambda h, user, state: command(h, user, "indstillinger digest fredag 9:00"),
        effect=_digest_on_friday,
    ),
    "set_roles": Case(
        allowed=OFFICERS,
        words=("sætte roller", "formand", "sekretær"),
        act=lambda h, user, state: command(h, user, f"rolle <@{BO}> formand"),
        effect=_bo_is_chair,
    ),
}


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", list(CASES))
def test_permissions_matrix(harness: BotHarness, action: str, role: str) -> None:
    h = harness
    case = CASES[action]
    user = ROLES[role]
    committee(h)
    state = case.prepare(h)
    assert not case.effect(h, user, state)
    downloads = len(h.fake.calls("file_download"))
    since = len(h.fake.ephemerals(user=user))
    case.act(h, user, state)
    if role in case.allowed:
        h.wait_for(lambda: case.effect(h, user, state), timeout=10)
        assert not any(text in INTERNAL for text in said_to(h, user, since))
        return
    refusal = wait_reply(h, user, since)
    assert refusal not in INTERNAL
    assert refusal.startswith(("Beklager", "Kun ", "Tak, men")), refusal
    assert "*Styregruppen*" in refusal, "the refusal names the group whose rules apply"
    for word in case.words:
        assert word in refusal, (word, refusal)
    h.settle()
    assert not case.effect(h, user, state), "a refused action had an effect"
    assert len(h.fake.calls("file_download")) == downloads, "a refused file was downloaded"


# ------------------------------------------------------------------ 2. echoed text escaped


def test_user_text_echoed_by_the_bot_is_escaped(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=FMD)
    add_meeting(h, CHANNEL, FRIDAY, "Ringsted & <Kongrescenter>")
    command(h, BO, "punkt <!channel> møde")
    mention(h, BO, "punkt: <@U0PIA> og <!everyone> skal drøfte R&D")
    command(h, SEK, "opgave <!here> sender budgettet senest 1/12")
    command(h, MIL, "afbud 27/11 pga. R&D <seminar> & <!channel>")
    # Everything that shows the same text again: the draft, curation, lists, questions.
    command(h, SEK, "dagsorden")
    command(h, SEK, "dagsorden accepter F1")
    command(h, SEK, "dagsorden")
    command(h, SEK, "opgaver")
    command(h, MIL, "mine opgaver")
    command(h, SEK, "digest")
    command(h, SEK, "hvem har meldt afbud?")
    mention(h, PIA, "hvem har meldt afbud?")
    h.tick(MONDAY_8)
    h.settle()

    said = everything_said(h)
    joined = "\n".join(said)
    assert "&lt;!channel&gt; møde" in joined
    assert "&lt;@U0PIA&gt;" in joined
    assert "&lt;!here&gt; sender budgettet" in joined
    assert "R&amp;D &lt;seminar&gt; &amp; &lt;!channel&gt;" in joined
    no_pings(said)
    for text in said:
        assert "<@U0PIA>" not in text, text[:300]
        assert "<seminar>" not in text and "<Kongrescenter>" not in text, text[:300]
        assert not any(internal in text for internal in INTERNAL), text[:300]


def test_a_group_name_cannot_carry_a_ping(harness: BotHarness) -> None:
    h = harness
    people = [Person(SEK, "Povl Skov"), Person(PIA, "Pia Bille")]
    for person in people:
        h.add_person(person)
    h.fake.add_channel(CHANNEL, "udvalget", members=[p.id for p in people])
    since = len(h.fake.ephemerals(user=SEK))
    command(h, SEK, "opsæt Udvalget <!channel> og <@U0PIA>")
    reply = wait_reply(h, SEK, since)
    assert "navn" in reply and reply not in INTERNAL, reply
    assert h.group_id(CHANNEL) is None
    no_pings(everything_said(h))
    # The same name without the control sequence is fine.
    command(h, SEK, "opsæt Udvalget for Børn & Unge")
    assert h.group_id(CHANNEL) is not None


def test_a_nul_character_is_no_failure_on_postgresql(pg_harness: BotHarness) -> None:
    h = pg_harness
    h.add_group(chair=FMD)
    add_meeting(h, CHANNEL, FRIDAY, "Ringsted")
    since = len(h.fake.ephemerals(user=PIA))
    command(h, PIA, "punkt Budget\x00 2027")
    command(h, PIA, "afbud 27/11 pga. fe\x00rie")
    mention(h, PIA, "opgave ring\x00 til KL senest 1/12")
    minutes = post_minutes(h)
    h.driver.message(BO, CHANNEL, "Indsigelse: punkt\x00 2", thread_ts=minutes.message_ts)
    [objection] = h.wait_for(lambda: rows(h, Objection), timeout=10)
    assert objection.text is not None and "\x00" not in objection.text
    assert [i.title for i in _proposals(h, "Budget 2027")] == ["Budget 2027"]
    assert [a.reason for a in rows(h, Attendance) if a.reason] == ["ferie"]
    assert [a.text for a in rows(h, ActionItem)] == ["Ring til KL"]
    assert not any(internal in text for text in said_to(h, PIA, since) for internal in INTERNAL)


# ------------------------------------------------------------------ 3. search syntax

FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.exists() else []
needs_corpus = pytest.mark.skipif(not FILES, reason="../shared/corpus is not beside the repo")

QUESTIONS = [
    'hvad besluttede vi om "standard* OR (NEAR',
    '"standardkontrakter"',
    "standard*",
    "standardkontrakter NEAR Kofoedsminde",
    "NEAR(standardkontrakter Kofoedsminde, 3)",
    "standardkontrakter OR Kofoedsminde",
    "standardkontrakter AND Kofoedsminde",
    "NOT standardkontrakter",
    "title:standardkontrakter",
    "decision_terms:standardkontrakter body_terms:x",
    "(standardkontrakter",
    "standardkontrakter))",
    "^standardkontrakter",
    "-standardkontrakter",
    "standardkontrakter - Kofoedsminde",
    '"',
    "!!! ... ;;; ,,, ¿¿",
    "* * *",
    "{standardkontrakter} [x] <y>",
    "standardkontrakter'; DROP TABLE agenda_items; --",
    "100% _under_ \\back\\slash",
    "standard\x00kontrakter",
    "\x00",
    "🙂 standardkontrakter 🎉",
    "👍🏽👍🏽👍🏽",
    "hvornår drøftede vi \"Kofoedsminde\" OR 'temadag'",
    " ".join(["økonomimodellen"] * 600)[:10_000],
    ("standardkontrakter " * 600)[:10_000],
    "x" * 10_000,
]
#: A found item, a dated list, nothing found, or (for punctuation alone, where "?" is the
#: help word) the help text.
#: Search syntax that reads as no question gets the "did you mean" choice (issue 14).
NORMAL = (
    "Det besluttede I om",
    "Her har I behandlet",
    "Jeg fandt intet",
    "Sådan bruger du",
    "Jeg forstod ikke helt – mente du:",
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotHarness]:
    """One bot per database with the corpus imported into the group's archive."""
    if not FILES:
        pytest.skip("../shared/corpus is not beside the repo")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('archive') / 'referent.db'}"
    else:
        url = str(request.getfixturevalue("pg_module_url"))
    with running_bot(url, datetime(2026, 11, 18, 10, 0, tzinfo=CPH)) as h:
        h.add_group()
        for path in FILES:
            import_text(h, CHANNEL, path.read_text("utf-8"), path.name)
        yield h


@pytest.fixture(scope="module")
def pg_module_url(pg_server: str) -> str:
    """Return a fresh PostgreSQL database for a module's bot."""
    import os

    import sqlalchemy as sa

    name = f"t_{os.getpid()}_security"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


def ask(h: BotHarness, user: str, channel: str, question: str) -> str:
    """Ask by mention and return the answer (in thread, or ephemeral when refused)."""
    since = len(h.fake.ephemerals(user=user))
    response = h.driver.mention(user, channel, f"<@{h.fake.bot_user_id}> {question}")
    assert response.status == 200

    def answered() -> list[str]:
        thread = [
            m for m in h.bot_messages(channel, thread_ts=response.ts) if m["ts"] != response.ts
        ]
        return ["\n".join(message_texts(m)) for m in thread] + said_to(h, user, since)

    return "\n".join(h.wait_for(answered, timeout=15))


@needs_corpus
@pytest.mark.parametrize("question", QUESTIONS, ids=[repr(q[:30]) for q in QUESTIONS])
def test_search_syntax_gets_a_normal_answer(archive: BotHarness, question: str) -> None:
    answer = ask(archive, PIA, CHANNEL, question)
    assert answer not in INTERNAL and not any(t in answer for t in INTERNAL)
    assert answer.startswith(NORMAL), answer[:300]
    no_pings([answer])


@needs_corpus
def test_quoted_question_finds_the_same_item_as_unquoted(archive: BotHarness) -> None:
    plain = ask(archive, PIA, CHANNEL, "hvad besluttede vi om standardkontrakter?")
    quoted = ask(archive, PIA, CHANNEL, 'hvad besluttede vi om "standardkontrakter"?')
    first = re.compile(r"møde (\S+) · punkt (\S+): ([^\n]+)")
    found = first.search(plain)
    assert found is not None, plain[:300]
    assert "Revision af standardkontrakter" in found.group(3)
    again = first.search(quoted)
    assert again is not None and again.groups() == found.groups()


# ------------------------------------------------------------------ 4. files


def test_oversized_file_is_refused_before_download(harness: BotHarness) -> None:
    h = harness
    h.add_group()
    big = upload(h, SEK, "stort-referat.pdf", b"0" * 20_000_001, "F0BIG")
    since = len(h.fake.ephemerals(user=SEK))
    mention(h, SEK, "importer", files=[big])
    assert "for stor" in wait_reply(h, SEK, since)
    since = len(h.fake.ephemerals(user=SEK))
    mention(h, SEK, "referat", files=[big])
    assert "for stor" in wait_reply(h, SEK, since)
    # An event that understates the size: Slack's own file record is checked before download.
    # (The import runs in the background, so the refusal comes in the request's thread.)
    sent = mention(h, SEK, "importer", files=[{**big, "size": 1000}])
    h.wait_for(
        lambda: any("for stor" in str(m["text"]) for m in h.bot_messages(CHANNEL, sent.ts)),
        timeout=20,
    )
    assert h.fake.calls("file_download") == []
    assert rows(h, SourceDocument) == [] and rows(h, Minutes) == []


@pytest.mark.parametrize(
    "name", ["setup.exe", "billede.png", "referat.txt.exe", "<!channel> & <@U0PIA>.exe"]
)
def test_unsupported_file_types_are_refused(harness: BotHarness, name: str) -> None:
    h = harness
    h.add_group()
    file = upload(h, SEK, name, b"MZ\x90\x00binary", "F0BAD")
    for verb in ("importer", "referat"):
        since = len(h.fake.ephemerals(user=SEK))
        mention(h, SEK, verb, files=[file])
        reply = wait_reply(h, SEK, since)
        assert "PDF, DOCX, TXT og Markdown" in reply, reply
        no_pings([reply])
        assert "<@U0PIA>" not in reply
    assert h.fake.calls("file_download") == []
    assert rows(h, SourceDocument) == [] and rows(h, Minutes) == []


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.txt", "C:\\x\\y.txt", "/tmp/../../root/.bashrc.md", "<!channel>/a&b.txt"],
)
def test_file_names_with_path_parts_are_only_labels(
    harness: BotHarness, tmp_path: Path, name: str
) -> None:
    h = harness
    h.add_group()
    file = upload(h, SEK, name, MINUTES.encode(), "F0PATH")
    since = len(h.fake.ephemerals(user=SEK))
    response = mention(h, SEK, "importer", files=[file])
    replies = h.wait_for(
        lambda: [
            m
            for m in h.bot_messages(CHANNEL, thread_ts=response.ts)
            if m["ts"] != response.ts and "Importeret" in str(m["text"])
        ],
        timeout=20,
    )
    shown = "\n".join(message_texts(replies[0]))
    assert "Importeret" in shown, shown
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in shown
    no_pings(everything_said(h))
    assert said_to(h, SEK, since) == []
    [document] = rows(h, SourceDocument)
    assert document.filename == name
    for base in (Path.cwd(), tmp_path, Path("/tmp"), Path("/")):
        assert not (base / name).exists(), base / name
    assert not Path("/etc/passwd.txt").exists()


# ------------------------------------------------------------------ 5. confidentiality

SECRET = """Udvalget for Nordkysten

Referat Udvalgsmøde

Dato: Fredag den 6. november 2026, kl. 9-11

Sted: Nordhavn Pakhus, Kajen 3

Deltagere:

Navn\tTitel\tArbejdssted
Erik Andetsteds\tDirektør\tFaxe Kommune

Punkt 1. Fortroligt byggeprojekt Nordhavn

Beslutning

- Udvalget godkendte købet af grunden ved Nordhavn for 40 mio. kr.

Punkt 2. Nordhavn tilbudsstruktur

Beslutning

- Nordhavn-tilbuddet Solsikken lukkes pr. 1. marts.

Punkt 3. Nordhavn personalesag

Beslutning

- Sagen om direktøren i Nordhavn afsluttes med en fratrædelsesaftale.
"""
SECRETS = ("Nordhavn", "Solsikken", "fratrædelsesaftale", "Pakhus", "Hemmelig plan", "6/11-2026")


def two_groups(h: BotHarness) -> None:
    """Group A (the default committee) and group B with its own archive, meeting and task."""
    h.add_group(chair=FMD)
    h.add_group(
        name="Udvalget for Nordkysten",
        channel=OTHER_CHANNEL,
        people=[
            Person(ELSEWHERE, "Erik Andetsteds", "Direktør", "Faxe Kommune"),
            h.people[SEK],
        ],
    )
    import_text(h, CHANNEL, MINUTES, "referat-2026-11-13.txt")
    import_text(h, OTHER_CHANNEL, SECRET, "nordkysten-2026-11-06.txt")
    add_meeting(h, CHANNEL, FRIDAY, "Ringsted Kongrescenter")
    add_meeting(h, OTHER_CHANNEL, datetime(2026, 11, 25, 9, 0, tzinfo=CPH), "Nordhavn Pakhus")
    command(h, ELSEWHERE, "opgave Hemmelig plan for Solsikken senest 1/12", channel=OTHER_CHANNEL)
    command(h, SEK, "opgave Notat om takster senest 1/12")
    assert len(rows(h, ActionItem)) == 2


def a_words(h: BotHarness) -> str:
    """Return everything group A's archive holds as text (its source documents)."""
    group_id = h.group_id(CHANNEL)
    return " ".join(
        d.text or "" for d in rows(h, SourceDocument, SourceDocument.group_id == group_id)
    ).casefold()


def without_topic(answer: str) -> str:
    """Return an answer without the asker's own words it echoes back (»…«)."""
    return re.sub(r"»[^«]*«", "»«", answer)


def suggestions_in(answer: str) -> list[str]:
    """Return the words an empty answer suggests."""
    found = re.search(r"Ord, der forekommer i arkivet: ([^\n]*)\.", answer)
    return [w.strip() for w in found.group(1).split(",")] if found else []


def test_a_groups_channel_never_shows_another_groups_archive(harness: BotHarness) -> None:
    h = harness
    two_groups(h)
    hints: list[str] = []
    for question in (
        "hvad besluttede vi om Nordhavn?",
        "hvad besluttede vi om Solsikken?",
        "hvornår drøftede vi byggeprojektet?",
        "beslutninger i 2026",
        "hvad besluttede vi om fratrædelsesaftale",
    ):
        answer = ask(h, PIA, CHANNEL, question)
        for secret in SECRETS:
            assert secret.casefold() not in without_topic(answer).casefold(), (question, answer)
        hints += suggestions_in(answer)
    assert hints, "an empty answer suggests words"
    for word in hints:
        assert word.casefold() in a_words(h), word
    # B's own channel does find it, so the question was a fair one.
    assert "Solsikken" in ask(h, ELSEWHERE, OTHER_CHANNEL, "hvad besluttede vi om Solsikken?")


def test_a_dm_answers_only_from_the_askers_groups(harness: BotHarness) -> None:
    h = harness
    two_groups(h)
    dm = h.fake.im_channel(PIA)
    since = len(h.bot_messages(dm))
    h.driver.message(PIA, dm, "hvad besluttede vi om Solsikken?")
    answer = "\n".join(message_texts(h.wait_for(lambda: h.bot_messages(dm)[since:])[0]))
    assert "Jeg fandt intet" in answer
    for secret in SECRETS:
        assert secret.casefold() not in without_topic(answer).casefold(), answer
    assert suggestions_in(answer), "an empty answer suggests words"
    for word in suggestions_in(answer):
        assert word.casefold() in a_words(h), (word, answer[:400])

    dm_else = h.fake.im_channel(ELSEWHERE)
    h.driver.message(ELSEWHERE, dm_else, "hvad besluttede vi om økonomimodellen?")
    answer = "\n".join(message_texts(h.wait_for(lambda: h.bot_messages(dm_else))[0]))
    assert "Økonomimodel Sjælland" not in answer and "Jeg fandt intet" in answer

    # Someone in both groups is answered from both.
    dm_sek = h.fake.im_channel(SEK)
    h.driver.message(SEK, dm_sek, "hvad besluttede vi om Solsikken?")
    answer = "\n".join(message_texts(h.wait_for(lambda: h.bot_messages(dm_sek))[0]))
    assert "Solsikken" in answer and "Udvalget for Nordkysten" in answer


def test_the_weekly_digest_of_one_group_shows_nothing_of_another(harness: BotHarness) -> None:
    h = harness
    two_groups(h)
    report = h.tick(MONDAY_8)
    assert report.ran
    h.settle()
    a_digest = [
        "\n".join(message_texts(m))
        for m in h.bot_messages(CHANNEL)
        if str(m.get("text", "")).startswith("Ugens overblik")
    ]
    assert a_digest, "group A got its digest"
    assert "Notat om takster" in a_digest[-1] and "Ringsted" in a_digest[-1]
    for secret in SECRETS:
        assert secret not in a_digest[-1], secret
    b_digest = [
        "\n".join(message_texts(m))
        for m in h.bot_messages(OTHER_CHANNEL)
        if str(m.get("text", "")).startswith("Ugens overblik")
    ]
    assert b_digest and "Solsikken" in b_digest[-1]
    for mine in ("Notat om takster", "Ringsted", "Økonomimodel"):
        assert mine not in b_digest[-1]
    # Personal digests of people only in group A carry nothing of group B either.
    for user in (PIA, BO, FMD, MIL):
        for message in h.bot_messages(h.fake.im_channel(user)):
            for secret in SECRETS:
                assert secret not in "\n".join(message_texts(message)), (user, secret)
