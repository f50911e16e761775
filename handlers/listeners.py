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
