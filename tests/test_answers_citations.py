"""Every timeline line cites its source: the approval thread's permalink or the imported file."""

from __future__ import annotations

import json
import re
from typing import Any

from typer.testing import CliRunner

from bot.cli import app as cli
from tests.harness import BotHarness
from tests.matters_truth import SERIES

SERIES_FILES = sorted(SERIES.iterdir())
LINK = re.compile(r"<(https://[^|>]+)\|([^>]+)>")


def _import(harness: BotHarness, n: int, name: str, content: bytes) -> None:
    file = harness.fake.add_file(
        f"FK{n}", name, content, "text/plain", user="U0SEK", channel="C0GROUP"
    )
    sent = harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> importer", files=[file])
    harness.wait_for(
        lambda: [
            m
            for m in harness.bot_messages("C0GROUP", thread_ts=sent.ts)
            if "Importeret" in m["text"]
        ],
        timeout=60,
    )


def _answer(harness: BotHarness, text: str) -> dict[str, Any]:
    question = harness.driver.mention("U0PIA", "C0GROUP", f"<@UBOT> {text}")
    return harness.wait_for(lambda: harness.bot_messages("C0GROUP", thread_ts=question.ts))[0]


def _line(text: str, start: str) -> str:
    return next(x for x in text.splitlines() if x.startswith(start))


def test_timeline_lines_cite_the_approval_thread_and_the_imported_files(
    harness: BotHarness, sqlite_url: str
) -> None:
    harness.add_group()
    *earlier, latest = SERIES_FILES
    for n, path in enumerate(earlier):
        _import(harness, n, path.name, path.read_bytes())
    file = harness.fake.add_file(
        "FKREF", latest.name, latest.read_bytes(), "text/plain", user="U0SEK", channel="C0GROUP"
    )
    harness.driver.mention("U0SEK", "C0GROUP", "<@UBOT> referat", files=[file])
    round_message = harness.wait_for(
        lambda: [m for m in harness.bot_messages("C0GROUP") if "godkendelse" in m["text"]]
    )[0]
    thread = f"/archives/C0GROUP/p{round_message['ts'].replace('.', '')}"

    before = harness.fake.call_count("chat.getPermalink")
    answer = _answer(harness, "hvornår drøftede vi kørselsordningen?")
    text = answer["text"]
    # The treatment in the minutes now out for approval cites the approval thread …
    newest = _line(text, "• 10/1-2025")
    links = LINK.findall(newest)
    assert links and links[0][0].endswith(thread), newest
    assert links[0][1] == "godkendelsestråd"
    assert "punkt 2" in newest
    # … and an imported meeting's line cites its file in Slack, by name.
    older = _line(text, "• 30/8-2024")
    (url, label), *_ = LINK.findall(older)
    assert "/files/" in url and label.endswith(".txt") and label in {p.name for p in earlier}
    asked = harness.fake.call_count("chat.getPermalink") - before
    assert asked == 1, "one thread, asked for once"

    # The link is kept: the next answers ask Slack for nothing.
    again = _answer(harness, "hvad besluttede vi om kørselsordningen")
    assert thread in again["text"] or thread in json.dumps(again["blocks"])
    _answer(harness, "hvornår drøftede vi kørselsordningen?")
    assert harness.fake.call_count("chat.getPermalink") - before == 1

    # `ask --json` cites the same sources, from the database alone.
    env = {"DATABASE_URL": sqlite_url, "COLUMNS": "200", "REFERENT_SEMANTIC": "off"}
    result = CliRunner().invoke(
        cli, ["ask", "hvornår drøftede vi kørselsordningen?", "--json"], env=env
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    payload = json.loads(result.stdout)
    timeline = next(r["matter"] for r in payload["results"] if r["matter"])["timeline"]
    by_date = {entry["date"]: entry for entry in timeline}
    assert by_date["2025-01-10"]["permalink"].endswith(thread)
    assert by_date["2025-01-10"]["minutes_status"] == "awaiting_approval"
    assert "/files/" in by_date["2024-08-30"]["permalink"]
    assert all(entry["permalink"] for entry in timeline), timeline
