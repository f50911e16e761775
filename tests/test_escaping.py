"""Hostile formatting in what people type is shown as typed, never as the bot's own markup."""

from __future__ import annotations

from tests.harness import BotHarness
from tests.test_security import (
    BO,
    CHANNEL,
    FMD,
    FRIDAY,
    MIL,
    SEK,
    add_meeting,
    command,
    everything_said,
    mention,
    no_pings,
)

EVIL = "https://evil.example/login"
# A live Slack link whose label hides its target; Slack sends it like this.
LINK = f"<{EVIL}|Godkend her>"


def test_links_and_mrkdwn_typed_by_people_are_shown_not_rendered(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=FMD)
    add_meeting(h, CHANNEL, FRIDAY, "Mødelokale 2")
    command(h, BO, f"punkt {LINK} *VIGTIGT* budget")
    mention(h, BO, "punkt: _hemmeligt_ notat om ~slettet~ tal og `kode` til Teams")
    command(h, SEK, f"opgave <@{MIL}> læser {LINK} og *VIGTIGT* notat senest 1/12")
    command(h, MIL, f"afbud 27/11 pga. *VIGTIGT* møde, se {LINK}")
    command(h, SEK, "dagsorden")
    command(h, SEK, "opgaver")
    command(h, MIL, "mine opgaver")
    command(h, SEK, "hvem har meldt afbud?")
    h.settle()

    said = everything_said(h)
    joined = "\n".join(said)
    # The target of the link is shown with its label, never hidden behind it.
    assert f"Godkend her ({EVIL})" in joined
    assert "VIGTIGT" in joined and "hemmeligt" in joined and "slettet" in joined
    for text in said:
        assert "|Godkend her>" not in text, text[:300]
        assert f"<{EVIL}" not in text, text[:300]
        for typed in ("*VIGTIGT*", "_hemmeligt_", "~slettet~", "`kode`"):
            assert typed not in text, (typed, text[:300])
    no_pings(said)


def test_plain_text_with_stars_and_underscores_keeps_its_characters(harness: BotHarness) -> None:
    h = harness
    h.add_group(chair=FMD)
    add_meeting(h, CHANNEL, FRIDAY, "Mødelokale 2")
    command(h, BO, "punkt Budget 5 * 3 mio og filen budget_2027_v2.xlsx")
    command(h, SEK, "dagsorden")
    joined = "\n".join(everything_said(h))
    assert "5 * 3 mio" in joined
    assert "budget_2027_v2.xlsx" in joined
