"""Matter linking on a held-out series: another group, another secretary's way of writing."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli import app as cli
from tests.matters_truth import HOLDOUT, HOLDOUT_MATTERS, found_pairs, precision_recall

HOLDOUT_FILES = sorted(HOLDOUT.iterdir())


def _run(url: str, *args: str) -> str:
    env = {"DATABASE_URL": url, "COLUMNS": "200", "REFERENT_SEMANTIC": "off"}
    result = CliRunner().invoke(cli, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def test_holdout_series_links_its_matters(db_url: str) -> None:
    _run(db_url, "import", *map(str, HOLDOUT_FILES), "--group", "Fjordbyerne")
    matters = json.loads(_run(db_url, "matters", "--all", "--json"))
    precision, recall = precision_recall(found_pairs(matters), HOLDOUT_MATTERS)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_holdout_answers_lead_with_the_decision_in_force(sqlite_url: str) -> None:
    _run(sqlite_url, "import", *map(str, HOLDOUT_FILES), "--group", "Fjordbyerne")
    cases = [
        # (question, date of the decision in force, item, status of the newest treatment)
        ("hvad besluttede vi om takstmodellen for aflastning?", "2023-09-22", "2", "information"),
        ("udslusningsboliger til unge", "2023-09-22", "3", "pending"),
        ("hvad er besluttet om plejefamilie kampagnen", "2023-11-10", "2", "in_force"),
    ]
    for question, day, number, newest in cases:
        payload = json.loads(_run(sqlite_url, "ask", question, "--json"))
        first = payload["results"][0]
        assert (first["meeting"]["date"], first["item"]["number"]) == (day, number), question
        timeline = first["matter"]["timeline"]
        assert timeline[0]["status"] == newest, (question, timeline[0])
        in_force = [e for e in timeline if e["status"] == "in_force"]
        assert [(e["date"], e["item"]["number"]) for e in in_force] == [(day, number)]
    replaced = json.loads(_run(sqlite_url, "ask", "udslusningsboliger i Vesterby", "--json"))
    timeline = replaced["results"][0]["matter"]["timeline"]
    april = next(e for e in timeline if e["date"] == "2023-04-14")
    assert april["status"] == "replaced" and april["replaced_on"] == "2023-09-22"
