"""Run the benchmarks and write their figures as JSON (``python -m bench [name ...]``)."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCHES = (
    "events",
    "startup",
    "dates",
    "ingest",
    "search",
    "answers",
    "agenda",
    "digest",
    "soak",
    "referat",
    "understanding",
    "ack",
    "hostile",
    "import_latency",
)


def main(argv: list[str] | None = None) -> int:
    """Run the named benchmarks (default: all) and print and save their results."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (of {', '.join(BENCHES)})")
    parser.add_argument("--out", default="bench/results/latest.json")
    parser.add_argument("--quick", action="store_true", help="shorter runs, for a smoke test")
    args = parser.parse_args(argv)
    names = args.names or list(BENCHES)
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    for name in names:
        try:
            module = importlib.import_module(f"bench.bench_{name}")
        except ModuleNotFoundError:
            results[name] = {"skipped": "not present"}
            continue
        started = time.perf_counter()
        kwargs = (
            {"quick": True} if args.quick and "quick" in module.run.__code__.co_varnames else {}
        )
        results[name] = module.run(**kwargs)
        results[name]["bench_seconds"] = round(time.perf_counter() - started, 1)
        print(f"{name}: {json.dumps(results[name], ensure_ascii=False)}", flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
