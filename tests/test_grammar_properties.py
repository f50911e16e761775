"""Grammar properties: any text, routed and handled in-process, gets a normal or UserError reply."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.archive import import_document
from bot.domain.enums import MeetingStatus
from bot.i18n import t
from bot.ports import Message
from bot.router import Reply, Request, RequestSource
from handlers.dispatch import handle_request
from storage.models import Group, Meeting
from tests.conftest import CPH
from tests.harness import BotHarness, Person, running_bot
from tests.test_security import MINUTES

CHANNEL = "C0GROUP"
MEMBER = "U0PIA"
OUTSIDER = "U0OUT"  # in the group's channel, in no group
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=CPH)
FAILURES = {t(key, lang) for key in ("error.internal", "error.retry") for lang in ("da", "en")}
PINGS = ("<!channel>", "<!here>", "<!everyone>")

# The module's bot serves every example: keep each property's examples few, and the
# whole file well under a minute on two cores.
FEW = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ------------------------------------------------------------------------------ strategies

WORDS = [
    "punkt", "punkt:", "møde", "afbud", "kan ikke komme", "jeg kommer alligevel", "kommer ikke",
    "hvem har meldt afbud", "hvem kommer", "hvad besluttede vi om", "hvornår drøftede vi",
    "opgave", "opgave:", "#1", "#999", "færdig", "frist", "kommentar", "F1", "dagsorden",
    "accepter", "afvis", "udsæt", "op", "ned", "type", "udgiv", "eksport", "docx", "til",
    "næste møde", "referat", "udkast", "behandlet", "indsigelse:", "bemærkning:", "status",
    "indstillinger", "digest", "ugeoversigt", "fra", "mandag", "kl", "rolle", "formand", "gæst",
    "sekretær", "sprog", "en", "da", "medlemmer", "importer", "spørg", "pga.", "ferie",
    "senest", "(drøftelse)", "(orientering)", "beslutning", "indstilling:", "i stedet",
    "deltager", "mine opgaver", "opgaver", "forslag", "vis", "hjælp", "?", "flyt", "aflys",
    "kalender", "ics", "liste", "opsæt", "økonomimodellen", "standardkontrakter", "Budget 2027",
]  # fmt: skip
DATES = [
    "27/11", "15/3", "31/2", "1/12-2026", "2026-11-27", "i morgen", "i dag", "næste fredag",
    "fredag", "om to uger", "kl 13", "kl. 9.30-11", "13:00", "27. november", "december",
    "0/0", "99/99", "29/2-2027", "1/1-1900", "25/12-9999", "8:00", "25:61",
]  # fmt: skip
MENTIONS = [
    "<@U0PIA>", "<@U0SEK|povl>", "<@U0NOPE>", "<!channel>", "<!here>", "<!everyone>",
    "<#C0GROUP|udvalg>", "<https://example.dk/x.pdf|Bilag>", "@Pia", "@Pia Bille",
    "<!subteam^S123>", "<@UBOT>", "<mailto:a@b.dk|a@b.dk>", "<@>", "<!date^0^{date}|x>",
]  # fmt: skip
ODDS = [
    "🙂", ":white_check_mark:", "👍🏽", "🇩🇰", "❌", "\u200b", "\n", "*", "_", "~", "`", '"',
    "(", ")", "&", "<", ">", "\x00", "\t", "æøå", "ÆØÅ", "-", "–", ":", ",", ".", "…", "\\",
]  # fmt: skip

PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(DATES),
    st.sampled_from(MENTIONS),
    st.sampled_from(ODDS),
    st.text(max_size=6),
)
DANISH = st.lists(PIECES, min_size=1, max_size=12).map(" ".join)
ANY_TEXT = st.text(max_size=300)


# ------------------------------------------------------------------------------ the bot


class _Errors(logging.Handler):
    """Collect the error records of the request path (a failure logged behind a reply)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Env:
    """The running bot and what the properties need around it."""

    h: BotHarness
    errors: _Errors
    keys: Iterator[int]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """A group with a meeting ahead, an imported meeting behind, and an outsider."""
    if request.param == "sqlite":
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('grammar')) / 'referent.db'}"
    else:
        url = str(request.getfixturevalue("pg_grammar_url"))
    errors = _Errors()
    watched = [logging.getLogger(name) for name in ("handlers", "bot")]
    for logger in watched:
        logger.addHandler(errors)
    try:
        with running_bot(url, NOW) as h:
            h.add_group(chair="U0FMD")
            h.add_person(Person(OUTSIDER, "Olga Udenfor", "Konsulent", "KL"))
            h.fake.add_member(CHANNEL, OUTSIDER)
            group_id = h.group_id(CHANNEL)
            with h.services.uow() as session:
                start = datetime(2026, 11, 27, 13, 0, tzinfo=CPH)
                session.add(
                    Meeting(
                        group_id=group_id,
                        starts_at=start,
                        ends_at=start + timedelta(hours=2),
                        has_time=True,
                        location="Ringsted",
                        status=MeetingStatus.PLANNED,
                        created_at=NOW,
                        agenda_version=0,
                        sequence=0,
                    )
                )
            with h.services.uow() as session:
                group = session.get(Group, group_id)
                assert group is not None
                import_document(
                    session, group=group, data=MINUTES.encode(), filename="referat.txt", now=NOW
                )
            yield Env(h=h, errors=errors, keys=itertools.count(1))
    finally:
        for logger in watched:
            logger.removeHandler(errors)


@pytest.fixture(scope="module")
def pg_grammar_url(pg_server: str) -> str:
    """Return a fresh PostgreSQL database for this module's bot."""
    import os

    import sqlalchemy as sa

    name = f"t_{os.getpid()}_grammar"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


CONTEXTS = {
    "member-channel": (MEMBER, False),
    "member-dm": (MEMBER, True),
    "non_member-channel": (OUTSIDER, False),
    "non_member-dm": (OUTSIDER, True),
}


def texts(reply: Reply) -> list[str]:
    """Return a reply's text and every mrkdwn text of its blocks."""
    found = [reply.message.text]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(reply.message.blocks)
    return found


def run(env: Env, context: str, text: str, *, slash: bool) -> list[Reply]:
    """Route a text as someone somewhere and run its handler; return what was delivered."""
    user, in_dm = CONTEXTS[context]
    n = next(env.keys)
    channel = env.h.fake.im_channel(user) if in_dm else CHANNEL
    source: RequestSource = "slash" if slash else ("dm" if in_dm else "mention")
    request = Request(
        channel_id=channel,
        user_id=user,
        text=text,
        source=source,
        team_id="T0REFERENT",
        ts=None if slash else f"{1_790_000_000 + n}.000100",
        event_key=None if slash else f"prop:{channel}:{n}",
        channel_type="im" if in_dm else "channel",
    )
    delivered: list[Reply] = []
    before = len(env.errors.records)
    posted = len(env.h.fake.bot_messages()), len(env.h.fake.ephemerals())
    handle_request(env.h.services, env.h.bot.router, request, delivered.append)
    logged = [r.getMessage() for r in env.errors.records[before:]]
    assert not logged, f"{text!r} logged an error: {logged}"
    # What the handler posted itself (confirmations, DMs, ephemerals) counts as a reply too.
    for stored in [*env.h.fake.bot_messages()[posted[0] :], *env.h.fake.ephemerals()[posted[1] :]]:
        if stored.get("files") and not stored.get("text"):
            continue  # a shared file (the .ics after `møde ics`) is a reply without text
        message = Message(text=str(stored.get("text") or ""), blocks=stored.get("blocks"))
        delivered.append(Reply(message=message))
    return delivered


def check(env: Env, context: str, text: str, *, slash: bool) -> None:
    """The property: never a failure, never an empty reply, never a smuggled ping."""
    for reply in run(env, context, text, slash=slash):
        shown = texts(reply)
        assert isinstance(reply.message.text, str) and reply.message.text.strip(), text
        for piece in shown:
            assert piece not in FAILURES, (text, piece)
            for ping in PINGS:
                assert ping not in piece, (text, piece[:300])


# ------------------------------------------------------------------------------ properties


@FEW
@given(text=ANY_TEXT, slash=st.booleans())
def test_route_is_total(env: Env, text: str, slash: bool) -> None:
    routed = env.h.bot.router.route(text, slash=slash)
    if routed is not None:
        handler, args = routed
        assert callable(handler) and isinstance(args, str)
    assert routed is not None or not slash


@pytest.mark.parametrize("context", list(CONTEXTS))
@FEW
@given(text=ANY_TEXT, slash=st.booleans())
@example(text="punkt Budget \x00 2027", slash=True)
@example(text="afbud 27/11 pga. fe\x00rie", slash=False)
@example(text="opgave ring\x00 til KL senest 1/12", slash=False)
@example(text="punkt <!channel> møde & <!here>", slash=False)
@example(text="punkt " + "lang titel " * 1000, slash=True)
@example(text="\x00", slash=False)
def test_any_text_gets_a_normal_reply(env: Env, context: str, text: str, slash: bool) -> None:
    check(env, context, text, slash=slash)


@pytest.mark.parametrize("context", list(CONTEXTS))
@FEW
@given(data=st.data(), text=DANISH, slash=st.booleans())
def test_danish_looking_text_gets_a_normal_reply(
    env: Env, context: str, data: st.DataObject, text: str, slash: bool
) -> None:
    # Half the time a command that stores what follows it, where bad text hurts most.
    stores = st.sampled_from(["punkt", "afbud", "opgave", "kan ikke komme", "referat behandlet"])
    word = data.draw(st.one_of(stores, st.sampled_from(["", *sorted(env.h.bot.router.words())])))
    check(env, context, f"{word} {text}".strip(), slash=slash)
