"""Several workspaces: install through OAuth, a token per workspace, clean-up on uninstall."""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from datetime import datetime

import pytest
from slack_sdk import WebClient

from bot.app import build_bot
from bot.demo.fakeslack import RECORDER, FakeSlack, SlackDriver
from bot.ports import FixedClock
from bot.settings import load_settings
from handlers.http import SlackHTTPServer
from storage.models import Group, Workspace
from tests.conftest import SIGNING_SECRET


class Installed:
    """A bot in OAuth mode with its fake Slack and server."""

    def __init__(self, fake: FakeSlack, server: SlackHTTPServer, bot: object) -> None:
        self.fake = fake
        self.server = server
        self.bot = bot

    def get(self, path: str, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
        """Send a GET to the bot's HTTP server."""
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        headers = {"Cookie": cookie} if cookie else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        result = (response.status, {k.lower(): v for k, v in response.getheaders()}, body)
        connection.close()
        return result

    def install(self, team_id: str, team_name: str, user: str) -> str:
        """Run the whole OAuth installation for a workspace; return its bot token."""
        status, headers, body = self.get("/slack/install")
        assert status == 200, body
        state = re.search(r"state=([A-Za-z0-9_-]+)", body)
        assert state is not None, body
        cookie = headers.get("set-cookie", "").split(";", 1)[0]
        code = f"code-{team_id}"
        token = self.fake.register_oauth_code(code, team_id, team_name, user)
        status, _, body = self.get(
            f"/slack/oauth_redirect?code={code}&state={state.group(1)}", cookie=cookie
        )
        assert status == 200, body
        return token


@pytest.fixture
def installed(sqlite_url: str, now: datetime) -> Iterator[Installed]:
    fake = FakeSlack(tokens=set(), recorder=RECORDER)
    fake.start()
    server: SlackHTTPServer | None = None
    try:
        settings = load_settings(
            {
                "SLACK_CLIENT_ID": "111.222",
                "SLACK_CLIENT_SECRET": "client-secret-value",
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": fake.base_url,
                "DATABASE_URL": sqlite_url,
            }
        )
        settings.require_slack("http")
        bot = build_bot(settings, clock=FixedClock(now), client=WebClient(base_url=fake.base_url))
        server = SlackHTTPServer(bot.app, host="127.0.0.1", port=0)
        server.start()
        yield Installed(fake, server, bot)
    finally:
        if server is not None:
            server.stop()
        fake.stop()


def _driver(installed: Installed, team_id: str) -> SlackDriver:
    return SlackDriver(installed.server.url, SIGNING_SECRET, installed.fake, team_id=team_id)


def test_two_workspaces_each_use_their_own_token(installed: Installed) -> None:
    fake = installed.fake
    for user, name in (
        ("U1SEK", "Sara Sekretær"),
        ("U1PIA", "Pia"),
        ("U2SEK", "Søren"),
        ("U2BO", "Bo"),
    ):
        fake.add_user(user, name.split()[0].lower(), name)
    fake.add_channel("C1ONE", "udvalg-en", members=["U1SEK", "U1PIA"])
    fake.add_channel("C2TWO", "udvalg-to", members=["U2SEK", "U2BO"])
    token_one = installed.install("T1ONE", "Kommune Et", "U1SEK")
    token_two = installed.install("T2TWO", "Kommune To", "U2SEK")

    services = installed.bot.services  # type: ignore[attr-defined]
    with services.uow() as session:
        teams = {w.team_id: w.name for w in session.query(Workspace)}
    assert teams == {"T1ONE": "Kommune Et", "T2TWO": "Kommune To"}

    one, two = _driver(installed, "T1ONE"), _driver(installed, "T2TWO")
    one.command("U1SEK", "opsæt Udvalg Et", channel="C1ONE")
    two.command("U2SEK", "opsæt Udvalg To", channel="C2TWO")
    fake.wait_for(lambda: len(fake.responses()) >= 2)
    with services.uow() as session:
        groups = {g.channel_id: g for g in session.query(Group)}
        assert set(groups) == {"C1ONE", "C2TWO"}
        workspaces = {w.id: w.team_id for w in session.query(Workspace)}
        assert workspaces[groups["C2TWO"].workspace_id] == "T2TWO"

    reply = two.mention("U2BO", "C2TWO", "<@UBOT> hjælp")
    fake.wait_for(lambda: fake.bot_messages("C2TWO", thread_ts=reply.ts))
    posts = [c for c in fake.calls("chat.postMessage") if c.params.get("channel") == "C2TWO"]
    assert posts and {c.token_tail for c in posts} == {token_two[-8:]}
    members = [c for c in fake.calls("conversations.members") if c.params.get("channel") == "C1ONE"]
    assert members and {c.token_tail for c in members} == {token_one[-8:]}


def test_uninstall_forgets_the_tokens(installed: Installed) -> None:
    fake = installed.fake
    fake.add_user("U2SEK", "soeren", "Søren")
    fake.add_channel("C2TWO", "udvalg-to", members=["U2SEK"])
    installed.install("T2TWO", "Kommune To", "U2SEK")
    two = _driver(installed, "T2TWO")
    two.command("U2SEK", "opsæt Udvalg To", channel="C2TWO")
    fake.wait_for(lambda: fake.responses())
    response = two.event({"type": "app_uninstalled"})
    assert response.status == 200
    services = installed.bot.services  # type: ignore[attr-defined]

    def forgotten() -> bool:
        return services.installations.find_bot(enterprise_id=None, team_id="T2TWO") is None

    fake.wait_for(forgotten)
    with services.uow() as session:
        workspace = session.query(Workspace).filter_by(team_id="T2TWO").one()
        assert workspace.active is False and workspace.uninstalled_at is not None
    before = len(fake.calls("chat.postMessage"))
    two.mention("U2SEK", "C2TWO", "<@UBOT> hjælp")
    fake.settle()
    assert len(fake.calls("chat.postMessage")) == before, "an uninstalled workspace is not served"


def test_oauth_mode_needs_http_and_the_signing_secret() -> None:
    from bot.settings import SettingsError

    settings = load_settings({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s"})
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        settings.require_slack("http")
    with pytest.raises(SettingsError, match="HTTP mode"):
        settings.require_slack("socket")
