"""The English–Danish glossary: size, false friends, phrase matching, use in questions."""

from __future__ import annotations

from datetime import date

from bot.search.analysis import Analyzer, Vocabulary
from bot.search.glossary import Glossary, glossary, looks_english, singular
from bot.search.query import parse_question


def test_the_glossary_is_large_and_free_of_false_friends() -> None:
    shipped = glossary()
    assert len(shipped) >= 300
    for false_friend in ("eventually", "actual", "chef", "commune", "sensible", "fabric", "gift"):
        assert shipped.translate([false_friend]) == [], false_friend
    assert shipped.translate(["municipality"])[0] == "kommune"
    assert "kommune" not in shipped.translate(["commune"])


def test_longest_phrases_win_and_plurals_are_found() -> None:
    words = ["violence", "at", "residential", "facilities", "for", "young", "offenders"]
    found = glossary().translate(words)
    assert found[:3] == ["vold", "botilbud", "unge"]
    assert {"dømte", "domfældte"} <= set(found[3:])
    assert singular("families") == "family" and singular("process") == "process"
    tiny = Glossary.parse("# comment\nfoster family = plejefamilie\nfoster = pleje\n")
    assert tiny.translate(["foster", "families"]) == ["plejefamilie"]


def test_english_questions_get_danish_terms_and_danish_ones_stay_as_they_are() -> None:
    analyzer = Analyzer(Vocabulary({"plejefamili": 3, "vold": 2, "botilbud": 5, "famili": 4}))
    english = parse_question(
        "what did we decide about violence at residential facilities?",
        now=date(2024, 6, 1),
        analyzer=analyzer,
    )
    assert {"vold", "botilbud"} <= set(english.terms)
    assert "violenc" not in english.unknown_words and "violence" not in english.unknown_words
    danish = parse_question(
        "hvad besluttede vi om plejefamilier", now=date(2024, 6, 1), analyzer=analyzer
    )
    assert danish.terms == ("plejefamili",)
    bare = parse_question("foster families", now=date(2024, 6, 1), analyzer=analyzer)
    assert "plejefamili" in bare.terms
    assert looks_english(["what", "did", "we"]) and not looks_english(["hvad", "om", "vi"])
