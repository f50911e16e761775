"""Settings, the message catalogue, permissions, rendering and log redaction."""

from __future__ import annotations

import logging

import pytest

from bot.domain.enums import Role
from bot.domain.permissions import Action, can
from bot.i18n import LANGUAGES, catalogue, placeholders, t
from bot.logs import RedactingFilter, setup_logging
from bot.render import escape, limit_blocks, section_block, shorten, slack_date
from bot.settings import SettingsError, load_settings


def test_defaults_without_environment(tmp_path: object) -> None:
    settings = load_settings({"REFERENT_DATA_DIR": "/tmp/referent-test"})
    assert settings.db_url == "sqlite:////tmp/referent-test/referent.db"
    assert settings.referent_language == "da"
    assert str(settings.tz) == "Europe/Copenhagen"
    assert settings.slack_api_url == "https://slack.com/api/"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"SLACK_BOT_TOKEN": "abc"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_APP_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
        ({"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"REFERENT_TIMEZONE": "Mars/Olympus"}, "REFERENT_TIMEZONE"),
        ({"REFERENT_LANGUAGE": "sv"}, "REFERENT_LANGUAGE"),
    ],
)
def test_malformed_setting_names_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(env)
    message = str(info.value)
    assert message.startswith(variable)
    assert "\n" not in message


def test_missing_tokens_for_run_modes() -> None:
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-1"})
    with pytest.raises(SettingsError, match="SLACK_APP_TOKEN"):
        settings.require_slack("socket")
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        settings.require_slack("http")
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN"):
        load_settings({}).require_slack("http")


def test_postgres_scheme_is_normalised() -> None:
    settings = load_settings({"DATABASE_URL": "postgres://u:p@127.0.0.1/db"})
    assert settings.db_url == "postgresql://u:p@127.0.0.1/db"


def test_catalogue_is_complete_and_consistent() -> None:
    messages = catalogue()
    assert len(messages) > 40
    for key, texts in messages.items():
        assert set(texts) >= set(LANGUAGES), key
        names = {lang: placeholders(texts[lang]) for lang in LANGUAGES}
        assert names["da"] == names["en"], f"{key}: placeholders differ {names}"
        for lang in LANGUAGES:
            text = texts[lang]
            forms = list(text.values()) if isinstance(text, dict) else [text]
            assert all(form.strip() for form in forms), key
            if isinstance(text, dict):
                assert "count" in placeholders(text["other"]), f"{key}: plural without {{count}}"


def test_plural_forms_follow_the_count() -> None:
    assert t("meetings.done.calendar", "da", count=1) == "Ét møde er oprettet."
    assert t("meetings.done.calendar", "da", count=4) == "4 møder er oprettet."
    assert t("meetings.done.calendar", "en", count=0) == "0 meetings created."
    assert t("meetings.done.calendar", "en", count=1) == "One meeting created."
    with pytest.raises(KeyError, match="plural"):
        t("meetings.done.calendar", "da")


def test_no_counting_text_spells_out_both_forms() -> None:
    """A sentence with a count is a plural, never "punkt(er)" or "item(s)"."""
    for key, texts in catalogue().items():
        for lang in LANGUAGES:
            text = texts[lang]
            if isinstance(text, str) and "{count}" in text:
                assert not any(m in text for m in ("(er)", "(r)", "(ne)", "(s) ")), key


def test_translation_falls_back_to_danish() -> None:
    assert t("role.chair", None) == "formand"
    assert t("role.chair", "en-US") == "chair"
    assert t("role.chair", "sv") == "formand"
    with pytest.raises(KeyError):
        t("no.such.key", "da")


def test_permission_matrix() -> None:
    assert can(Role.SECRETARY, Action.POST_MINUTES)
    assert not can(Role.MEMBER, Action.POST_MINUTES)
    assert can(Role.MEMBER, Action.VOTE)
    assert not can(Role.GUEST, Action.VOTE)
    assert not can(None, Action.PROPOSE)
    assert can(Role.GUEST, Action.ASK)
    for action in Action:
        assert can(Role.SECRETARY, action) or action is Action.VOTE


def test_escape_and_shorten() -> None:
    assert escape("<!channel> & <@U123>") == "&lt;!channel&gt; &amp; &lt;@U123&gt;"
    assert shorten("abc def ghi", 8) == "abc def…"
    assert len(section_block("x" * 5000)["text"]["text"]) == 3000
    blocks = limit_blocks([section_block(str(i)) for i in range(60)])
    assert len(blocks) == 50


def test_slack_date_has_fallback() -> None:
    from datetime import UTC, datetime

    text = slack_date(datetime(2024, 3, 15, 11, 0, tzinfo=UTC), "Europe/Copenhagen")
    assert text.startswith("<!date^1710500400^")
    assert text.endswith("|15.03.2024 12:00>")


def test_logs_never_contain_tokens(caplog: pytest.LogCaptureFixture) -> None:
    setup_logging(secrets=["signing-secret-value"])
    redactor = RedactingFilter(["signing-secret-value"])
    assert "xoxb" not in redactor.redact("token xoxb-123-456-abc")
    assert "signing-secret-value" not in redactor.redact("secret signing-secret-value")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "t=%s", ("xapp-1-A-b",), None)
    redactor.filter(record)
    assert "xapp" not in record.getMessage()
