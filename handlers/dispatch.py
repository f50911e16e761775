"""Run one request through the router: translate errors, dedupe, deliver the reply."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError, OperationalError

from bot.context import authorize, resolve
from bot.errors import TransientError, UserError
from bot.i18n import t
from bot.paths import COMMAND_RULES, command_rule, verb_of
from bot.ports import Message, acting_for_team
from bot.render import unescape
from bot.router import AlreadyProcessed, Handler, Reply, Request, Router
from bot.services import Services
from bot.usecases.events import was_committed
from handlers.inbox import remember_reply

log = logging.getLogger(__name__)

Deliver = Callable[[Reply], None]


def request_language(services: Services, request: Request) -> str:
    """Return the language to answer a request in, defaulting when the database is down."""
    try:
        with services.uow() as session:
            return resolve(session, services.settings, request).lang
    except (OperationalError, DBAPIError):
        return services.settings.referent_language


TRANSIENT_MARKERS = (
    "could not connect",
    "connection refused",
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "the database system is",
    "database is locked",
    "connection timed out",
    "no connection to the server",
)


def is_transient(exc: BaseException) -> bool:
    """Tell whether a failure is the database being briefly unavailable (not a bug)."""
    if isinstance(exc, TransientError):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        return isinstance(exc, OperationalError) and any(m in message for m in TRANSIENT_MARKERS)
    return False


def _committed(services: Services, request: Request) -> bool:
    """Tell whether the request's effect was committed (its event claim is stored)."""
    if not (request.event_key and request.claimed):
        return False
    try:
        return was_committed(services, request.event_key)
    except Exception:
        return True  # claimed in a transaction that may have committed: do not say "retry"


def handle_request(services: Services, router: Router, request: Request, deliver: Deliver) -> None:
    """Route a request, run its handler and deliver the reply exactly once."""
    # Why: a NUL character means nothing in a message, and PostgreSQL cannot store one.
    request.text = unescape(request.text.replace("\x00", ""))
    routed = router.route_request(request)
    if routed is None:
        return
    handler, args = routed
    with acting_for_team(request.team_id):
        _run(services, _authorized(router, handler), request, args, deliver)


def _authorized(router: Router, handler: Handler) -> Handler:
    """Put a command's permission rule (`bot.paths`) in front of its handler.

    The rule is applied through `bot.context.authorize` before the handler reads
    anything, whenever the request belongs to a group (its channel, or a DM of a person
    with one group); the handler's own finer checks (curating, planning) still follow.
    """
    name = next((n for n in router.names() if router.handler(n) is handler), None)
    if name is None or COMMAND_RULES.get(name) is None:
        return handler
    command = name

    def checked(services: Services, request: Request, args: str) -> Reply | None:
        with services.uow() as session:
            ctx = resolve(session, services.settings, request)
            rule = command_rule(command, verb_of(args), bool(request.files), bool(args.strip()))
            if ctx.group is not None and rule is not None:
                authorize(ctx.member, ctx.group, rule, ctx.lang)
        return handler(services, request, args)

    return checked


def _run(
    services: Services, handler: Handler, request: Request, args: str, deliver: Deliver
) -> None:
    try:
        reply = handler(services, request, args)
    except AlreadyProcessed:
        log.info("event %s already processed", request.event_key)
        return
    except UserError as exc:
        reply = Reply(Message(exc.render(request_language(services, request))), ephemeral=True)
    except Exception as exc:
        if is_transient(exc):
            log.warning("database unavailable while handling a request: %s", type(exc).__name__)
            reply = Reply(
                Message(t("error.retry", services.settings.referent_language)), ephemeral=True
            )
            deliver(reply)
            return
        log.exception("request failed: %s", request.text[:80])
        # After a committed effect the answer is never "try again": that would do it twice.
        key = "inbox.stored_unconfirmed" if _committed(services, request) else "error.internal"
        reply = Reply(Message(t(key, request_language(services, request))), ephemeral=True)
    if reply is None:
        return
    if request.event_key and not request.claimed:
        # A read-only answer: record the event now so a retried delivery stays silent.
        try:
            with services.uow() as session:
                request.claim(session, services.now())
        except AlreadyProcessed:
            return
    remember_reply(services, request, reply)
    deliver(reply)
