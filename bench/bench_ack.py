"""Acknowledgement latency of the bot (with its inbox) beside a bare bolt app, in one run.

``python -m bench.bench_ack``: a bare bolt app (signature check, one event and one
command listener, nothing written) and the real bot (``referent run --http`` on a
fresh SQLite file, every request written to the inbox before its 200) are started
side by side against one fake Slack; the same mix of mentions, plain messages,
reactions and slash commands is sent to both, interleaved, at a steady rate. The goal
of issue 15: the bot's ack p99 at most twice the bare app's.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.botproc import SIGNING_SECRET, bot_process, free_port

BARE_APP = """
import sys
from slack_bolt import App
from handlers.http import SlackHTTPServer
from slack_sdk import WebClient
app = App(signing_secret={secret!r}, token_verification_enabled=False,
          client=WebClient(token="xoxb-test-token", base_url={api!r}),
          process_before_response=False)
@app.event("app_mention")
def mention(ack, event):
    ack()
@app.event("message")
def message(ack):
    ack()
@app.event("reaction_added")
def reaction(ack):
    ack()
@app.command("/referent")
def command(ack):
    ack()
server = SlackHTTPServer(app, host="127.0.0.1", port={port})
server.serve_forever()
"""


def percentile(values: list[float], q: float) -> float:
    """Return the q-quantile (0–1) of a list of numbers by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _summary(latencies: list[float]) -> dict[str, float]:
    return {
        "ack_p50_ms": round(statistics.median(latencies), 2),
        "ack_p99_ms": round(percentile(latencies, 0.99), 2),
        "ack_max_ms": round(max(latencies), 2),
    }


def run(rate: float = 10.0, seconds: float = 20.0, quick: bool = False) -> dict[str, Any]:
    """Send the same request mix to a bare bolt app and to the bot; compare the acks."""
    from tests.fakeslack import FakeSlack, SlackDriver

    if quick:
        seconds = 4.0
    root = Path(__file__).resolve().parents[1]
    port = free_port()
    results: dict[str, list[float]] = {"bare": [], "bot": []}
    errors = {"bare": 0, "bot": 0}
    lock = threading.Lock()
    bare: subprocess.Popen[bytes] | None = None
    try:
        with FakeSlack(tokens={"xoxb-test-token"}) as fake, tempfile.TemporaryDirectory() as tmp:
            bare = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    BARE_APP.format(secret=SIGNING_SECRET, port=port, api=fake.base_url),
                ],
                cwd=root,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            fake.add_user("U1", "anne", "Anne Hansen")
            fake.add_channel("C1", "styregruppe", members=["U1"])
            with bot_process(fake.base_url, f"sqlite:///{Path(tmp) / 'ack.db'}") as bot:
                bare_url = f"http://127.0.0.1:{port}/slack/events"
                for _ in range(200):
                    try:
                        urllib.request.urlopen(bare_url, timeout=0.5)
                    except urllib.error.HTTPError:
                        break
                    except OSError:
                        time.sleep(0.05)
                drivers = {
                    "bare": SlackDriver(bare_url, SIGNING_SECRET, fake),
                    "bot": SlackDriver(bot.url, SIGNING_SECRET, fake),
                }
                target_ts = str(fake.add_message("C1", "U1", "en besked at reagere på")["ts"])

                def send(name: str, i: int) -> None:
                    driver = drivers[name]
                    started = time.perf_counter()
                    kind = i % 4
                    if kind == 0:
                        response = driver.mention("U1", "C1", "<@UBOT> hjælp")
                    elif kind == 1:
                        response = driver.message("U1", "C1", f"almindelig besked {i}")
                    elif kind == 2:
                        response = driver.reaction_added("U1", "C1", target_ts, "thumbsup")
                    else:
                        response = driver.command("U1", "hjælp", channel="C1")
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        results[name].append(elapsed)
                        if response.status != 200:
                            errors[name] += 1

                threads: list[threading.Thread] = []
                total = int(rate * seconds)
                begin = time.perf_counter()
                for i in range(total):
                    delay = begin + i / rate - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
                    # Interleaved: the two targets alternate who goes first.
                    order = ("bare", "bot") if i % 2 == 0 else ("bot", "bare")
                    for name in order:
                        thread = threading.Thread(target=send, args=(name, i))
                        thread.start()
                        threads.append(thread)
                for thread in threads:
                    thread.join()
    finally:
        if bare is not None:
            bare.terminate()
            bare.wait(timeout=10)
    bare_figures = _summary(results["bare"])
    bot_figures = _summary(results["bot"])
    return {
        "requests_each": total,
        "rate_per_s": rate,
        "bare_bolt": {**bare_figures, "errors": errors["bare"]},
        "bot_with_inbox": {**bot_figures, "errors": errors["bot"]},
        "p99_ratio": round(bot_figures["ack_p99_ms"] / max(bare_figures["ack_p99_ms"], 0.01), 2),
        "goal": {"p99_ratio_at_most": 2.0},
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
