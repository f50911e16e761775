"""Installing into several workspaces: OAuth, stored installations, a token per workspace."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy.engine import Engine

from bot.installations import UnitOfWork, record_installation, team_lookup
from bot.settings import Settings

log = logging.getLogger(__name__)

#: The bot scopes of manifest.yml, requested at installation.
BOT_SCOPES = (
    "app_mentions:read",
    "channels:history",
    "channels:read",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:read",
    "im:write",
    "reactions:read",
    "reactions:write",
    "users:read",
)


def installation_store(settings: Settings, engine: Engine) -> SQLAlchemyInstallationStore:
    """Return slack-sdk's installation store on our database (its tables created once)."""
    store = SQLAlchemyInstallationStore(client_id=str(settings.slack_client_id), engine=engine)
    store.create_tables()  # type: ignore[no-untyped-call]
    return store


def state_store(engine: Engine) -> SQLAlchemyOAuthStateStore:
    """Return slack-sdk's OAuth state store on our database (its table created once)."""
    store = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    store.create_tables()  # type: ignore[no-untyped-call]
    return store


def oauth_settings(
    settings: Settings, engine: Engine, store: SQLAlchemyInstallationStore, uow: UnitOfWork
) -> OAuthSettings:
    """Return bolt's OAuth settings: install at /slack/install, Slack returns to the redirect."""

    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        record_installation(
            uow, str(installation.team_id), installation.team_name, installation.bot_user_id
        )
        log.info("installed into workspace %s", installation.team_id)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("installation failed: %s", args.reason)
        return args.default.failure(args)

    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=store,
        state_store=state_store(engine),
        install_path="/slack/install",
        redirect_uri_path="/slack/oauth_redirect",
        callback_options=CallbackOptions(success=success, failure=failure),
    )


def token_lookup(store: SQLAlchemyInstallationStore) -> Any:
    """Return a function giving the bot token of a workspace, or None when not installed."""

    def token_for(team_id: str) -> str | None:
        bot = store.find_bot(enterprise_id=None, team_id=team_id)
        return bot.bot_token if bot is not None else None

    return token_for


def forget_installation(store: SQLAlchemyInstallationStore | None, team_id: str) -> None:
    """Delete a workspace's stored installation and tokens (uninstalled or revoked)."""
    if store is None:
        return
    store.delete_installation(enterprise_id=None, team_id=team_id)
    store.delete_bot(enterprise_id=None, team_id=team_id)


__all__ = [
    "BOT_SCOPES",
    "forget_installation",
    "installation_store",
    "oauth_settings",
    "state_store",
    "team_lookup",
    "token_lookup",
]
