"""Scan the logs of the whole test run (this file runs last): no token or secret leaked."""

from __future__ import annotations

import logging
import re

from tests.conftest import BOT_TOKEN, LOG_COLLECTOR, SIGNING_SECRET


def test_no_tokens_or_secrets_in_the_logs_of_the_run() -> None:
    # A careless log line with a token must come out redacted, like every other line.
    logging.getLogger("referent.probe").warning("calling with token %s", BOT_TOKEN)
    assert any("calling with token [redacted]" in line for line in LOG_COLLECTOR.lines)
    lines = LOG_COLLECTOR.lines
    assert lines, "the run produced logs to scan"
    joined = "\n".join(lines)
    assert BOT_TOKEN not in joined
    assert SIGNING_SECRET not in joined
    assert not re.search(r"xox[abpr]-[A-Za-z0-9-]{4,}", joined)
    assert not re.search(r"xapp-[A-Za-z0-9-]{4,}", joined)
