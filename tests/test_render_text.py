"""Block Kit rendered as terminal text for the demo transcript and console."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.demo.render_text import blocks_to_text, mrkdwn_to_text, view_to_text
from bot.render import (
    actions_block,
    button,
    context_block,
    divider_block,
    header_block,
    section_block,
    slack_date,
)

NAMES = {"U0SARA": "Sara Mikkelsen", "U0JENS": "Jens Holm", "C0VEST": "styregruppe-vestkysten"}


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text), "value": value}


# --- mrkdwn ----------------------------------------------------------------------------


def test_mrkdwn_links_mentions_dates_and_entities() -> None:
    text = (
        "*Dagsorden* til mødet <!date^1710500400^{date_long_pretty} {time}|15.03.2024 12:00>: "
        "<@U0SARA> beder <@U0JENS> læse <https://example.org/bilag?a=1&amp;b=2|bilag &amp; "
        "referat> i <#C0VEST>. &lt;Punkt 4&gt; er _udsat_."
    )
    assert mrkdwn_to_text(text, NAMES) == (
        "*Dagsorden* til mødet 15.03.2024 12:00: @Sara Mikkelsen beder @Jens Holm læse "
        "bilag & referat (https://example.org/bilag?a=1&b=2) i #styregruppe-vestkysten. "
        "<Punkt 4> er _udsat_."
    )


def test_mrkdwn_without_names_and_other_tokens() -> None:
    assert mrkdwn_to_text("<@U999> og <@U998|lise>") == "@U999 og @lise"
    assert mrkdwn_to_text("<#C1|general> <#C2>") == "#general #C2"
    assert mrkdwn_to_text("<!here> <!channel> <!everyone>") == "@here @channel @everyone"
    assert mrkdwn_to_text("<!subteam^S1|@styregruppen>") == "@styregruppen"
    assert mrkdwn_to_text("<https://example.org>") == "https://example.org"
    assert mrkdwn_to_text("<https://example.org|https://example.org>") == "https://example.org"
    assert mrkdwn_to_text("<mailto:sara@example.org|sara@example.org>") == "sara@example.org"
    # A date without fallback text is shown in Danish time.
    assert mrkdwn_to_text("<!date^1710500400^{date}>") == "15.03.2024 12:00"
    assert mrkdwn_to_text("<!date^nonsense^{date}>") == ""
    # A "<" that opens no token is text (Slack would have escaped it; fallbacks may not).
    assert mrkdwn_to_text("2 < 3 og 4 > 1") == "2 < 3 og 4 > 1"
    # Entities are unescaped once, not twice.
    assert mrkdwn_to_text("&amp;lt;") == "&lt;"


def test_the_bots_own_date_helper_renders_as_its_fallback() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    at = datetime(2024, 3, 15, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    token = slack_date(at, "Europe/Copenhagen")
    rendered = mrkdwn_to_text(token)
    assert "<" not in rendered and "15" in rendered and "12:00" in rendered


# --- messages --------------------------------------------------------------------------


def test_a_realistic_message_with_every_block_type() -> None:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": plain("Styregruppemøde fredag 15. marts")},
        {
            "type": "section",
            "text": mrkdwn(
                "Dagsordenen er klar, <@U0JENS>. Afbud senest "
                "<!date^1710400000^{date_short}|14.03.2024>."
            ),
            "accessory": {
                "type": "overflow",
                "action_id": "more",
                "options": [option("Rediger", "edit"), option("Slet", "delete")],
            },
        },
        {
            "type": "section",
            "fields": [
                mrkdwn("*Dato:*\n15.03.2024"),
                mrkdwn("*Sted:*\nHavnby Rådhus"),
                mrkdwn("*Punkter:*\n7"),
                mrkdwn("*Afbud:*\n1"),
            ],
        },
        {
            "type": "context",
            "elements": [
                {"type": "image", "image_url": "https://example.org/logo.png", "alt_text": "logo"},
                mrkdwn("Sendt af <@U0SARA> · Rammeaftalesekretariatet"),
            ],
        },
        {"type": "divider"},
        {
            "type": "actions",
            "elements": [
                {"type": "button", "text": plain("Godkend"), "style": "primary", "value": "1"},
                {"type": "button", "text": plain("Meld afbud"), "style": "danger"},
                {
                    "type": "static_select",
                    "placeholder": plain("Vælg"),
                    "options": [option("Punkt 1", "1")],
                },
                {"type": "overflow", "options": [option("Mere", "m")]},
                {"type": "datepicker", "initial_date": "2024-03-15"},
                {"type": "users_select", "placeholder": plain("Vælg person")},
            ],
        },
        {
            "type": "image",
            "image_url": "https://example.org/plan.png",
            "alt_text": "Mødeplan 2024",
            "title": plain("Mødeplan"),
        },
        {
            "type": "rich_text",
            "elements": [
                {
                    "type": "rich_text_section",
                    "elements": [
                        {"type": "text", "text": "Husk "},
                        {"type": "user", "user_id": "U0JENS"},
                        {"type": "text", "text": " bilaget", "style": {"bold": True}},
                        {"type": "emoji", "name": "white_check_mark", "unicode": "2705"},
                    ],
                },
                {
                    "type": "rich_text_list",
                    "style": "ordered",
                    "elements": [
                        {
                            "type": "rich_text_section",
                            "elements": [{"type": "text", "text": "Standardkontrakter"}],
                        },
                        {
                            "type": "rich_text_section",
                            "elements": [
                                {"type": "link", "url": "https://example.org", "text": "link"}
                            ],
                        },
                    ],
                },
                {
                    "type": "rich_text_quote",
                    "elements": [{"type": "text", "text": "Referatet blev godkendt"}],
                },
                {
                    "type": "rich_text_preformatted",
                    "elements": [{"type": "text", "text": "kl. 9-12"}],
                },
            ],
        },
        {"type": "video", "title": plain("Optagelse af temamødet"), "video_url": "x"},
        {"type": "call", "call_id": "R123"},
    ]
    text = blocks_to_text(blocks, "Dagsordenen er klar", NAMES)
    assert text.split("\n") == [
        "Styregruppemøde fredag 15. marts",
        "═" * len("Styregruppemøde fredag 15. marts"),
        "Dagsordenen er klar, @Jens Holm. Afbud senest 14.03.2024.  [⋯ ▾]",
        "*Dato:*       *Sted:*",
        "15.03.2024    Havnby Rådhus",
        "*Punkter:*    *Afbud:*",
        "7             1",
        "  [logo]  ·  Sendt af @Sara Mikkelsen · Rammeaftalesekretariatet",
        "─" * 72,
        "[Godkend]  [Meld afbud]  [Vælg ▾]  [⋯ ▾]  [15.03.2024 ▾]  [Vælg person ▾]",
        "Mødeplan",
        "[billede: Mødeplan 2024]",
        "Husk @Jens Holm *bilaget*✅",
        "1. Standardkontrakter",
        "2. link (https://example.org)",
        "> Referatet blev godkendt",
        "    kl. 9-12",
        "Optagelse af temamødet",
    ]


def test_blocks_built_by_the_bots_own_helpers() -> None:
    blocks = [
        header_block("Nyt punkt foreslået"),
        section_block("*Revision af standardkontrakter* – foreslået af <@U0SARA>"),
        context_block("Til mødet 15.03.2024"),
        divider_block(),
        actions_block(
            [button("Godkend", "agenda_accept", "7"), button("Afvis", "agenda_reject", "7")]
        ),
    ]
    text = blocks_to_text(blocks, "Nyt punkt", NAMES)
    assert "*Revision af standardkontrakter* – foreslået af @Sara Mikkelsen" in text
    assert "  Til mødet 15.03.2024" in text
    assert text.endswith("[Godkend]  [Afvis]")


def test_fallback_when_there_are_no_blocks_or_nothing_to_show() -> None:
    assert blocks_to_text(None, "Hej <@U0SARA> &amp; co", NAMES) == "Hej @Sara Mikkelsen & co"
    assert blocks_to_text([], "Tekst") == "Tekst"
    assert blocks_to_text([{"type": "section"}, {"type": "call"}], "Tekst") == "Tekst"


def test_long_fields_stack_instead_of_columns() -> None:
    long = "x" * 60
    blocks = [{"type": "section", "fields": [mrkdwn(long), mrkdwn("kort"), mrkdwn("ene")]}]
    assert blocks_to_text(blocks, "") == f"{long}\nkort\nene"


def test_accessory_on_its_own_line_when_the_text_is_long_or_multiline() -> None:
    blocks = [
        {
            "type": "section",
            "text": mrkdwn("*Punkt 3*\nØkonomimodel"),
            "accessory": {"type": "button", "text": plain("Åbn")},
        },
        {
            "type": "section",
            "text": mrkdwn("Sted"),
            "accessory": {"type": "image", "image_url": "x", "alt_text": "kort over Havnby"},
        },
    ]
    assert (
        blocks_to_text(blocks, "")
        == "*Punkt 3*\nØkonomimodel\n[Åbn]\nSted  [billede: kort over Havnby]"
    )


def test_color_makes_headers_bold_and_context_dim() -> None:
    blocks = [header_block("Referat"), context_block("udsendt i dag")]
    text = blocks_to_text(blocks, "", color=True)
    assert "\x1b[1mReferat\x1b[0m" in text
    assert "\x1b[2m  udsendt i dag\x1b[0m" in text
    assert "\x1b[" not in blocks_to_text(blocks, "")


def test_width_sets_the_rule() -> None:
    assert blocks_to_text([divider_block()], "", width=40) == "─" * 40
    assert blocks_to_text([divider_block()], "", width=3) == "─" * 72


# --- views -----------------------------------------------------------------------------


def test_a_modal_with_inputs() -> None:
    view = {
        "type": "modal",
        "callback_id": "agenda_propose",
        "title": plain("Foreslå et punkt"),
        "submit": plain("Send"),
        "close": plain("Annuller"),
        "blocks": [
            {"type": "input", "label": plain("Titel"), "element": {"type": "plain_text_input"}},
            {
                "type": "input",
                "label": plain("Beskrivelse"),
                "element": {
                    "type": "plain_text_input",
                    "multiline": True,
                    "initial_value": "Status på\nkampagnen",
                },
                "optional": True,
                "hint": plain("Kort baggrund til sekretariatet"),
            },
            {
                "type": "input",
                "label": plain("Møde"),
                "element": {
                    "type": "static_select",
                    "placeholder": plain("Vælg møde"),
                    "initial_option": option("15.03.2024", "m1"),
                    "options": [option("15.03.2024", "m1")],
                },
            },
            {
                "type": "input",
                "label": plain("Type"),
                "element": {
                    "type": "radio_buttons",
                    "initial_option": option("Beslutning", "d"),
                    "options": [option("Beslutning", "d"), option("Orientering", "o")],
                },
            },
            {
                "type": "input",
                "label": plain("Påmindelser"),
                "element": {
                    "type": "checkboxes",
                    "initial_options": [option("Dagen før", "1")],
                    "options": [option("Dagen før", "1"), option("En uge før", "7")],
                },
            },
            {
                "type": "input",
                "label": plain("Ansvarlig"),
                "element": {"type": "users_select", "initial_user": "U0SARA"},
            },
            {
                "type": "input",
                "label": plain("Frist"),
                "element": {"type": "datepicker", "placeholder": plain("Vælg dato")},
            },
            {"type": "input", "label": plain("Tidspunkt"), "element": {"type": "timepicker"}},
        ],
    }
    assert view_to_text(view, NAMES).split("\n") == [
        "Foreslå et punkt",
        "════════════════",
        "Titel: ______",
        "Beskrivelse: Status på kampagnen",
        "  Kort baggrund til sekretariatet",
        "Møde: [15.03.2024 ▾]",
        "Type:",
        "  (•) Beslutning",
        "  ( ) Orientering",
        "Påmindelser:",
        "  [x] Dagen før",
        "  [ ] En uge før",
        "Ansvarlig: [@Sara Mikkelsen ▾]",
        "Frist: [Vælg dato ▾]",
        "Tidspunkt: [… ▾]",
        "[Annuller]  [Send]",
    ]


def test_a_home_tab_without_title() -> None:
    view = {"type": "home", "blocks": [header_block("Dine opgaver"), section_block("Ingen")]}
    assert view_to_text(view) == "Dine opgaver\n════════════\nIngen"
    assert view_to_text({}) == ""


# --- robustness --------------------------------------------------------------------------

_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "header",
            "section",
            "divider",
            "context",
            "actions",
            "input",
            "image",
            "rich_text",
            "rich_text_section",
            "rich_text_list",
            "rich_text_quote",
            "rich_text_preformatted",
            "button",
            "static_select",
            "overflow",
            "datepicker",
            "timepicker",
            "checkboxes",
            "radio_buttons",
            "plain_text_input",
            "plain_text",
            "mrkdwn",
            "text",
            "link",
            "user",
            "emoji",
            "date",
            "<@U1>",
            "<!date^1^{date}|x>",
            "<!date^99999999999999999999^{date}>",
            "&amp;",
            "2024-03-15",
        ]
    ),
)
_KEYS = st.sampled_from(
    [
        "type",
        "text",
        "fields",
        "accessory",
        "elements",
        "element",
        "label",
        "hint",
        "placeholder",
        "options",
        "initial_option",
        "initial_options",
        "initial_value",
        "initial_user",
        "initial_users",
        "initial_date",
        "initial_time",
        "alt_text",
        "title",
        "style",
        "indent",
        "offset",
        "url",
        "user_id",
        "unicode",
        "name",
        "timestamp",
        "fallback",
        "value",
        "submit",
        "close",
        "blocks",
    ]
)
_JSON = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(_KEYS, st.text(max_size=5)), children, max_size=6),
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(blocks=st.one_of(st.none(), st.lists(_JSON, max_size=6)), fallback=st.text(max_size=40))
def test_arbitrary_blocks_never_raise(blocks: Any, fallback: str) -> None:
    text = blocks_to_text(blocks, fallback, NAMES)
    assert isinstance(text, str)
    assert isinstance(blocks_to_text(blocks, fallback, None, width=30, color=True), str)


@settings(max_examples=200, deadline=None)
@given(view=_JSON)
def test_arbitrary_views_never_raise(view: Any) -> None:
    assert isinstance(view_to_text(view, NAMES), str)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("<>|^!@#&;ltgamp:/ .xU1")), max_size=60))
def test_arbitrary_mrkdwn_never_raises(text: str) -> None:
    assert isinstance(mrkdwn_to_text(text, NAMES), str)


def test_deeply_nested_lists_stop_instead_of_overflowing_the_stack() -> None:
    inner: dict[str, Any] = {
        "type": "rich_text_section",
        "elements": [{"type": "text", "text": "bund"}],
    }
    for _ in range(3000):
        inner = {"type": "rich_text_list", "elements": [inner]}
    text = blocks_to_text([{"type": "rich_text", "elements": [inner]}], "")
    assert text.startswith("•") and "bund" not in text
    unknown: Any = {"type": "text", "text": "dybt"}
    for _ in range(3000):
        unknown = {"elements": [unknown]}
    assert blocks_to_text([{"type": "mystery", "elements": [unknown]}], "tom") == "tom"
