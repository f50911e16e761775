"""One settings object, read from the environment once and passed explicitly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SLACK_API_DEFAULT = "https://slack.com/api/"

#: Where each variable comes from, for the one-line start-up error.
WHERE_TO_GET = {
    "SLACK_BOT_TOKEN": "Slack app settings → OAuth & Permissions → Bot User OAuth Token (xoxb-…)",
    "SLACK_APP_TOKEN": "Slack app settings → Basic Information → App-Level Tokens, "
    "scope connections:write (xapp-…)",
    "SLACK_SIGNING_SECRET": "Slack app settings → Basic Information → App Credentials → "
    "Signing Secret",
    "SLACK_CLIENT_ID": "Slack app settings → Basic Information → App Credentials → Client ID "
    "(only for installing into several workspaces)",
    "SLACK_CLIENT_SECRET": "Slack app settings → Basic Information → App Credentials → "
    "Client Secret (only for installing into several workspaces)",
    "SLACK_API_URL": "leave unset for Slack itself; set it to a Web API base URL such as "
    "http://127.0.0.1:8080/api/ for a proxy or the test server",
    "DATABASE_URL": "an SQLAlchemy URL, e.g. sqlite:////var/lib/referent/referent.db or "
    "postgresql://user:pass@localhost/referent",
    "REFERENT_TIMEZONE": "an IANA time zone name such as Europe/Copenhagen",
    "REFERENT_LANGUAGE": "da or en",
    "REFERENT_DATA_DIR": "a writable directory for the default SQLite file",
    "REFERENT_IMPORT_LEASE_SECONDS": "seconds an import is held by its process before another "
    "may resume it after a crash (default 120)",
    "REFERENT_SLACK_RATE_SPEED": "leave unset (1) for Slack itself; how many times faster "
    "than real time a test server runs Slack's rate-limit minute",
}


class SettingsError(Exception):
    """A missing or malformed setting; the message is one line for the operator."""


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "referent"


class Settings(BaseSettings):
    """Configuration of one referent process."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: str | None = Field(default=None, alias="SLACK_CLIENT_SECRET")
    slack_api_url: str = Field(default=SLACK_API_DEFAULT, alias="SLACK_API_URL")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    referent_timezone: str = Field(default="Europe/Copenhagen", alias="REFERENT_TIMEZONE")
    referent_language: Literal["da", "en"] = Field(default="da", alias="REFERENT_LANGUAGE")
    referent_data_dir: Path = Field(default_factory=_default_data_dir, alias="REFERENT_DATA_DIR")
    referent_import_lease_seconds: int = Field(
        default=120, ge=1, alias="REFERENT_IMPORT_LEASE_SECONDS"
    )
    #: How many times faster than real time Slack's rate-limit minute runs (1 in production;
    #: the tests' fake Slack runs its minute in one second, so they set 60).
    referent_slack_rate_speed: float = Field(default=1.0, gt=0, alias="REFERENT_SLACK_RATE_SPEED")

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xoxb-"):
            raise ValueError("must start with xoxb-")
        return value or None

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xapp-"):
            raise ValueError("must start with xapp-")
        return value or None

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("referent_timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("unknown time zone") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _db(cls, value: str | None) -> str | None:
        if value and not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("must be an sqlite:// or postgresql:// URL")
        return value or None

    @property
    def db_url(self) -> str:
        """Return the database URL, defaulting to an SQLite file in the data directory."""
        if self.database_url:
            if self.database_url.startswith("postgres://"):
                return "postgresql://" + self.database_url[len("postgres://") :]
            return self.database_url
        return f"sqlite:///{self.referent_data_dir / 'referent.db'}"

    @property
    def tz(self) -> ZoneInfo:
        """Return the default time zone."""
        return ZoneInfo(self.referent_timezone)

    @property
    def oauth_enabled(self) -> bool:
        """Tell whether the bot installs into several workspaces through OAuth."""
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def slack_configured(self) -> bool:
        """Tell whether a bot token is set."""
        return self.slack_bot_token is not None

    def require_slack(self, mode: Literal["socket", "http"]) -> None:
        """Stop with one clear line when the tokens a run mode needs are missing."""
        if self.oauth_enabled:
            # Tokens come from each workspace's installation; Slack reaches us over HTTP.
            needed = ["SLACK_SIGNING_SECRET"]
            if mode == "socket":
                raise SettingsError(
                    "SLACK_CLIENT_ID is set: installing into several workspaces needs HTTP "
                    "mode; run `referent run --http` with a public URL."
                )
        else:
            needed = ["SLACK_BOT_TOKEN"]
            needed.append("SLACK_APP_TOKEN" if mode == "socket" else "SLACK_SIGNING_SECRET")
        values = {
            "SLACK_BOT_TOKEN": self.slack_bot_token,
            "SLACK_APP_TOKEN": self.slack_app_token,
            "SLACK_SIGNING_SECRET": self.slack_signing_secret,
        }
        for name in needed:
            if not values[name]:
                raise SettingsError(f"{name} is not set: get it from {WHERE_TO_GET[name]}.")


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from the environment; raise SettingsError with one line on failure."""
    env = dict(os.environ if environ is None else environ)
    known = {k: v for k, v in env.items() if k.upper() in WHERE_TO_GET and v != ""}
    try:
        return Settings(**known)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "?"
        name = field.upper()
        raise SettingsError(
            f"{name} is malformed ({error['msg']}): use {WHERE_TO_GET.get(name, 'a valid value')}."
        ) from None
