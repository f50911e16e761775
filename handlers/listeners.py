"""Run event listeners registered by features, isolating their failures."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.router import AlreadyProcessed
from bot.services import Services

log = logging.getLogger(__name__)

E = TypeVar("E")


def run_listeners(
    services: Services, listeners: Sequence[Callable[[Services, E], bool]], event: E
) -> bool:
    """Offer an event to each listener until one takes it; log (never hide) failures."""
    for listener in listeners:
        try:
            if listener(services, event):
                return True
        except AlreadyProcessed:
            return True
        except Exception:
            log.exception("listener %s failed", getattr(listener, "__name__", listener))
            return False
    return False


def language_of(services: Services, user_id: str) -> str:
    """Return the language to answer a person in (their choice, their group's, the default)."""
    from bot.context import user_language

    with services.uow() as session:
        return user_language(session, services.settings, user_id)


def tell(services: Services, user_id: str, channel: str | None, text: str) -> None:
    """Answer a button, a modal or a reaction where the person is (DM, ephemeral, or DM)."""
    from bot.ports import Message

    message = Message(text)
    if channel and channel.startswith("D"):
        services.notifier.post(channel, message)
    elif channel:
        services.notifier.ephemeral(channel, user_id, message)
    else:
        services.notifier.dm(user_id, message)


def guarded(
    services: Services, user_id: str, channel: str | None, work: Callable[[], None], what: str
) -> None:
    """Run a button's work; a UserError becomes a private answer, anything else is logged."""
    from bot.errors import UserError
    from bot.i18n import t

    try:
        work()
    except AlreadyProcessed:
        log.info("%s action by %s already processed", what, user_id)
    except UserError as exc:
        tell(services, user_id, channel, exc.render(language_of(services, user_id)))
    except Exception:
        log.exception("%s action by %s failed", what, user_id)
        tell(services, user_id, channel, t("error.internal", language_of(services, user_id)))
