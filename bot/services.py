"""The services every use case and handler receives: settings, storage, ports."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine

from bot.ports import Clock, Directory, Notifier
from bot.settings import Settings
from storage.db import UnitOfWork

if TYPE_CHECKING:
    from bot.scheduler import JobRegistry


@dataclass
class Services:
    """Everything a use case needs from outside the domain, passed explicitly."""

    settings: Settings
    engine: Engine
    uow: UnitOfWork
    clock: Clock
    notifier: Notifier
    directory: Directory
    worker_id: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    #: slack-sdk's installation store when the bot serves several workspaces (OAuth).
    installations: Any = None
    #: Every feature's timed work, for running a row at once (`bot.scheduler.run_now`).
    jobs: JobRegistry | None = None

    def now(self) -> datetime:
        """Return the current time from the clock."""
        return self.clock.now()
