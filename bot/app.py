"""The wiring: the only module that knows the Slack edge, the use cases and storage."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.ports import Clock, SystemClock
from bot.router import Router
from bot.scheduler import JobRegistry, TickReport, tick
from bot.services import Services
from bot.settings import Settings
from storage.db import make_engine, make_uow
from storage.migrate import upgrade

log = logging.getLogger(__name__)

#: Feature modules, each with ``register(app, services, router)`` and optionally
#: ``register_jobs(registry)``. The surfaces come first, the catch-all last.
FEATURES: tuple[str, ...] = (
    "handlers.core",
    "handlers.tasks",
    "handlers.approval",
    "handlers.meetings",
    "handlers.attendance",
    "handlers.archive",
    "handlers.referat",
    "handlers.corrections",
    "handlers.understanding",
    "handlers.commands",
    "handlers.messages",
    "handlers.events",
    "handlers.home",
    "handlers.inbox",
)


@dataclass
class Bot:
    """A wired bot: the bolt app, its services, grammar and timed-work registry."""

    settings: Settings
    services: Services
    app: App
    router: Router
    jobs: JobRegistry

    def recover(self) -> None:
        """At start-up: replay the requests and resume the imports a dead process left."""
        from bot.imports import resume_at_start
        from handlers.inbox import recover

        try:
            recover(self.services)
        except Exception:
            log.exception("replaying the inbox at start-up failed")
        resume_at_start(self.services)
        from bot.profiles import resume_at_start as resume_profiles

        resume_profiles(self.services)

    def tick(self, now: datetime | None = None) -> TickReport:
        """Run one scheduler tick as of a time (default: the clock's now)."""
        return tick(self.services, self.jobs, now or self.services.now())


def feature_modules() -> list[Any]:
    """Import and return the feature modules in registration order."""
    return [importlib.import_module(name) for name in FEATURES]


def build_jobs() -> JobRegistry:
    """Collect the timed-work handlers of every feature."""
    jobs = JobRegistry()
    for module in feature_modules():
        register_jobs = getattr(module, "register_jobs", None)
        if register_jobs is not None:
            register_jobs(jobs)
    return jobs


def create_app(
    settings: Settings,
    services: Services,
    *,
    router: Router | None = None,
    client: WebClient | None = None,
) -> App:
    """Build the bolt app with every feature's listeners registered."""
    from handlers.events import register_catch_all
    from handlers.inbox import InboxExecutor, listener_failed

    router = router if router is not None else Router()
    web_client = client if client is not None else getattr(services.notifier, "client", None)
    oauth: dict[str, Any] = {}
    if settings.oauth_enabled and services.installations is not None:
        from handlers.oauth import oauth_settings

        oauth = {
            "installation_store": services.installations,
            "oauth_settings": oauth_settings(
                settings, services.engine, services.installations, services.uow
            ),
        }
    app = App(
        client=web_client,
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=bool(settings.slack_signing_secret),
        token_verification_enabled=False,
        process_before_response=False,
        listener_executor=InboxExecutor(services),
        logger=logging.getLogger("slack_bolt"),
        **oauth,
    )
    for module in feature_modules():
        module.register(app, services, router)
    register_catch_all(app)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        listener_failed(error)
        log.error("unhandled error in a listener: %s", error, exc_info=error)

    return app


def build_services(
    settings: Settings,
    *,
    clock: Clock | None = None,
    client: WebClient | None = None,
    migrate: bool = True,
) -> Services:
    """Build the services: engine (migrated), the Slack gateway and the clock."""
    from handlers.slack_gateway import SlackWebGateway, make_web_client

    engine = make_engine(settings.db_url)
    if migrate:
        upgrade(engine)
    uow = make_uow(engine)
    web_client = client if client is not None else make_web_client(settings)
    installations = None
    if settings.oauth_enabled:
        from handlers.oauth import installation_store, team_lookup, token_lookup

        # Token and workspace lookups happen inside a handler's write transaction; on
        # SQLite they use their own engine, whose reads never wait for that writer.
        lookups = make_engine(settings.db_url, immediate=False)
        installations = installation_store(settings, lookups)
        gateway = SlackWebGateway(
            web_client, tokens=token_lookup(installations), team_of=team_lookup(make_uow(lookups))
        )
    else:
        gateway = SlackWebGateway(web_client)
    return Services(
        settings=settings,
        engine=engine,
        uow=uow,
        clock=clock or SystemClock(),
        notifier=gateway,
        directory=gateway,
        installations=installations,
        jobs=build_jobs(),
    )


def build_bot(
    settings: Settings,
    *,
    clock: Clock | None = None,
    client: WebClient | None = None,
    migrate: bool = True,
) -> Bot:
    """Build the whole bot: services, grammar, timed work and the bolt app."""
    services = build_services(settings, clock=clock, client=client, migrate=migrate)
    router = Router()
    app = create_app(settings, services, router=router)
    jobs = services.jobs if services.jobs is not None else build_jobs()
    return Bot(settings=settings, services=services, app=app, router=router, jobs=jobs)


def start_socket_mode(bot: Bot) -> None:
    """Serve Slack over Socket Mode with the app-level token; blocks until stopped.

    Why here: Bolt is imported only by the Slack edge and this module, so the CLI asks
    for the connection instead of opening it itself.
    """
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(bot.app, bot.settings.slack_app_token)
    handler.start()  # type: ignore[no-untyped-call]


def quiet_bolt() -> None:
    """Let only Bolt's errors through to the log (the demo's transcript stays readable)."""
    logging.getLogger("slack_bolt").setLevel(logging.ERROR)
