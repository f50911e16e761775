"""Peak memory and wall time of reading hostile uploads (``python -m bench.bench_hostile``).

Each file is generated in a temporary directory and read by ``load_document`` in a
child process with a 2 GiB address-space limit and a 300 s CPU limit; the child's peak
resident memory (ru_maxrss) and wall time are reported with the outcome. ``--root``
runs another checkout of the code (e.g. main, for the "before" figures).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import hostile  # noqa: E402

CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({mem}, {mem}))
resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
sys.path.insert(0, {root!r})
from bot.ingest import load_document
data = open({path!r}, 'rb').read()
try:
    parsed = load_document(data, {name!r})
    print("parsed", len(parsed.items), "items")
except Exception as exc:
    print("refused", type(exc).__name__, str(exc)[:120])
"""


def measure(path: Path, root: Path, mem: int = 2 << 30, cpu: int = 300) -> dict[str, Any]:
    """Read one file in a limited child process; return outcome, peak RSS and wall time."""
    code = CHILD.format(mem=mem, cpu=cpu, root=str(root), path=str(path), name=path.name)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=cpu + 60
    )
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "file_kb": path.stat().st_size // 1024,
        "outcome": done.stdout.strip()
        or f"rc={done.returncode} {(done.stderr.strip().splitlines() or ['?'])[-1][:120]}",
        "wall_s": round(wall, 2),
        "children_peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def files(folder: Path) -> dict[str, Path]:
    """Generate the hostile files of issue 15."""
    return {
        "docx_inflating_190MiB": hostile.inflating_docx(folder / "bomb.docx", 190),
        "docx_lying_directory_600MiB": hostile.lying_zip_docx(folder / "liar.docx", 600),
        "docx_150MiB_tiny_paragraphs": hostile.tiny_paragraphs_docx(folder / "tiny.docx", 150),
        "docx_just_under_caps": hostile.docx_with_body(
            folder / "edge.docx",
            hostile.paragraph("Styregruppen drøftede sagen " + "x" * 14),
            15 << 20,
        ),
        "txt_19MB": hostile.big_text(folder / "big.txt", 19_000_000),
        "txt_733kB": hostile.big_text(folder / "allowed.txt", 733_000),
    }


def run(quick: bool = False, root: Path = ROOT, cpu: int = 300) -> dict[str, Any]:
    """Measure every hostile file, each in a fresh child (peak RSS is per child)."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in files(Path(tmp)).items():
            # ru_maxrss of RUSAGE_CHILDREN is the maximum over children, so fork a fresh
            # measuring process per file.
            code = (
                f"import sys, json; sys.path.insert(0, {str(ROOT)!r}); "
                "from bench.bench_hostile import measure; from pathlib import Path; "
                f"print(json.dumps(measure(Path({str(path)!r}), Path({str(root)!r}), cpu={cpu})))"
            )
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=False
            )
            lines = out.stdout.strip().splitlines()
            results[name] = json.loads(lines[-1]) if lines else {"error": out.stderr[-300:]}
            print(name, results[name], flush=True)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=str(ROOT))
    parser.add_argument("--cpu", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    print(json.dumps(run(root=Path(args.root), cpu=args.cpu), indent=2))
