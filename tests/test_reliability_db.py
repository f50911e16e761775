"""The database goes away for a moment: a friendly "try again", nothing half-written, recovery."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import sqlalchemy as sa

from tests.harness import BotHarness, running_bot
from tests.pg import PostgresServer


@pytest.fixture
def outage_harness(now: datetime) -> Iterator[tuple[BotHarness, PostgresServer]]:
    server = PostgresServer()
    try:
        admin = sa.create_engine(server.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql('CREATE DATABASE "outage"')
        admin.dispose()
        with running_bot(server.url.rsplit("/", 1)[0] + "/outage", now) as harness:
            yield harness, server
    finally:
        server.stop()


def test_database_outage_gets_retry_reply_and_recovers(
    outage_harness: tuple[BotHarness, PostgresServer],
) -> None:
    harness, server = outage_harness
    harness.add_group()
    server.halt()
    harness.driver.command("U0PIA", "medlemmer", channel="C0GROUP")
    reply = harness.wait_for(
        lambda: [r for r in harness.responses() if "prøv igen om lidt" in r.get("text", "")],
        timeout=15,
    )
    assert reply[0]["response_type"] == "ephemeral"
    mention = harness.driver.mention("U0PIA", "C0GROUP", "<@UBOT> medlemmer")
    harness.wait_for(
        lambda: [
            e for e in harness.fake.ephemerals("C0GROUP", "U0PIA") if "prøv igen" in e["text"]
        ],
        timeout=15,
    )
    server.resume()
    harness.driver.command("U0PIA", "medlemmer", channel="C0GROUP")
    members = harness.wait_for(
        lambda: [r for r in harness.responses() if "Medlemmer af" in r.get("text", "")], timeout=15
    )
    assert "Pia Bille" in members[0]["text"]
    # The event that met the outage was not recorded as processed: Slack's retry works now.
    retry = harness.driver.event(harness.driver.sent[-2].payload["event"], retry_num=1)
    assert retry.status == 200
    harness.wait_for(
        lambda: [
            e for e in harness.fake.ephemerals("C0GROUP", "U0PIA") if "Medlemmer af" in e["text"]
        ],
        timeout=15,
    )
    assert mention.ts
