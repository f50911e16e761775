"""The ``referent`` command line: run the bot, migrate, manage groups, tick."""

from __future__ import annotations

import json
import logging
import signal
import sys
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
    from bot.app import build_bot
    from bot.scheduler import start_scheduler

    bot = build_bot(settings)
    warm_up()
    scheduler = None if no_scheduler else start_scheduler(bot.services, bot.jobs)

    def stop(*_: Any) -> None:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    if mode == "socket":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("starting in Socket Mode")
        SocketModeHandler(bot.app, settings.slack_app_token).start()  # type: ignore[no-untyped-call]
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
    from bot.groups import create_group, sync_members

    services = _open_services(settings)
    now = services.now()
    try:
        with services.uow() as session:
            group = create_group(session, settings, name=name, channel_id=channel, now=now)
            members = 0
            if sync and channel:
                members = sync_members(session, services.directory, group, now).total
            console.print(f"group {group.id} {group.name!r} created ({members} members)")
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
    console.print(
        f"tick at {now.isoformat()}: ran {len(report.ran)}, failed {len(report.failed)}, "
        f"skipped {report.skipped}"
    )
    if report.failed:
        raise typer.Exit(1)


def main() -> None:
    """Run the command line."""
    app()


if __name__ == "__main__":
    main()
