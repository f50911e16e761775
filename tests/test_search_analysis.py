"""Test tokenising, stemming and compound splitting for the archive search."""

from __future__ import annotations

from datetime import date

import pytest

from bot.search.analysis import Analyzer, Vocabulary, build_document, tokenize


def vocab(*words: str) -> Vocabulary:
    """Build a vocabulary from the stems of the given words, one document each."""
    analyzer = Analyzer()
    vocabulary = Vocabulary()
    for word in words:
        vocabulary.add_document([analyzer.stem(word)])
    return vocabulary


def test_tokenize_lowercases_keeps_danish_letters_and_splits_on_punctuation() -> None:
    assert tokenize("Økonomimodel Sjælland: Årsrapport, K17 og KKR") == [
        "økonomimodel",
        "sjælland",
        "årsrapport",
        "k17",
        "og",
        "kkr",
    ]


def test_tokenize_splits_year_ranges_and_drops_links_and_single_letters() -> None:
    text = "Rammeaftale 2021-2022 A) se https://rs17.dk/media/14920/referat_x.pdf og www.kl.dk/x"
    assert tokenize(text) == ["rammeaftale", "2021", "2022", "se", "og"]


def test_tokenize_joins_words_hyphenated_at_line_ends_but_not_before_conjunctions() -> None:
    assert tokenize("samarbejdet med sundhedsaf-\n \ntalen") == [
        "samarbejdet",
        "med",
        "sundhedsaftalen",
    ]
    assert tokenize("børne-\nog ungeområdet") == ["børne", "og", "ungeområdet"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("standardkontrakter", "standardkontrak"),
        ("standardkontrakt", "standardkontrak"),
        ("kontrakten", "kontrak"),
        ("økonomimodellen", "økonomimodel"),
        ("plejefamilier", "plejefamili"),
        ("hjerneskader", "hjerneskad"),
        ("rammeaftalen", "rammeaftal"),
        ("k17", "k17"),
        ("2021", "2021"),
    ],
)
def test_snowball_danish_stems(word: str, stem: str) -> None:
    # Snowball's Danish stemmer also drops the last consonant of "kt" endings,
    # hence standardkontrakter -> standardkontrak (not ...kontrakt).
    assert Analyzer().stem(word) == stem


def test_stopwords_and_question_words_are_not_terms() -> None:
    analyzer = Analyzer()
    text = "Hvad har vi besluttet om det, og what did we do about it"
    assert analyzer.index_terms(text) == ["beslut"]
    assert analyzer.tokens("hvad hvornår hvem what when who om og the of") == []


def test_compound_splits_into_known_parts() -> None:
    analyzer = Analyzer(vocab("standard", "kontrakt", "hjerneskade", "område", "indsats"))
    assert analyzer.split("standardkontrakter") == ("standard", "kontrak")
    assert analyzer.split("hjerneskadeområdet") == ("hjerneskad", "områd")
    assert analyzer.split("hjerneskadeindsats") == ("hjerneskad", "indsat")


def test_linking_s_and_e_between_parts() -> None:
    analyzer = Analyzer(vocab("sundhed", "aftale", "økonomi", "model", "arbejde", "gruppe"))
    assert analyzer.split("sundhedsaftalen") == ("sund", "aftal")
    assert analyzer.split("økonomismodel") == ("økonomi", "model")
    assert analyzer.split("økonomimodellen") == ("økonomi", "model")
    assert analyzer.split("arbejdsgruppen") == ("arbejd", "grup")


def test_no_split_without_known_parts_or_with_short_parts() -> None:
    analyzer = Analyzer(vocab("kontrakt", "dag", "tema"))
    assert analyzer.split("organisering") == ()
    # "dag" is shorter than four letters, so "temadag" does not split.
    assert analyzer.split("temadag") == ()
    assert Analyzer(vocab("standard", "kontrakt"), compounds=False).split("standardkontrakt") == ()


def test_head_fallback_keeps_the_known_last_part() -> None:
    vocabulary = vocab("kontrakt")
    assert Analyzer(vocabulary).split("standardkontrakter") == ("kontrak",)
    assert Analyzer(vocabulary, head_fallback=False).split("standardkontrakter") == ()


def test_index_terms_add_parts_after_the_whole_stem() -> None:
    analyzer = Analyzer(vocab("standard", "kontrakt"))
    assert analyzer.index_terms("Revision af standardkontrakter") == [
        "revision",
        "standardkontrak",
        "standard",
        "kontrak",
    ]


def test_query_for_a_part_meets_the_compound_in_the_index() -> None:
    analyzer = Analyzer(vocab("standard", "kontrakten"))
    indexed = set(analyzer.index_terms("Revision af standardkontrakter V"))
    assert set(analyzer.query_terms("kontrakter")) <= indexed


def test_unknown_compound_in_a_query_is_searched_through_its_parts() -> None:
    analyzer = Analyzer(vocab("hjerneskader", "området", "indsats"))
    indexed = set(analyzer.index_terms("den kommunale hjerneskadeindsats"))
    query = analyzer.query_terms("hjerneskadeområdet")
    assert query == ["hjerneskad", "områd"]
    assert "hjerneskad" in indexed


def test_known_query_word_is_searched_as_its_stem_only() -> None:
    analyzer = Analyzer(vocab("økonomimodel", "økonomi", "model"))
    assert analyzer.query_terms("økonomimodellen") == ["økonomimodel"]


def test_document_own_words_count_as_known_while_splitting() -> None:
    analyzer = Analyzer()
    doc = build_document(
        analyzer,
        item_id=1,
        group_id=1,
        meeting_date=date(2019, 1, 4),
        title="Revision af standardkontrakter",
        decisions=["Borgernes egenbetaling skal med ind i kontrakten"],
        body="Standard for kontrakter",
    )
    assert "kontrak" in doc.title_terms
    assert "standard" in doc.title_terms
    assert doc.words["standardkontrak"] == "standardkontrakter"
    assert len(analyzer.vocabulary) == 0  # building a document does not change the vocabulary


def test_vocabulary_counts_documents_and_tracks_changes() -> None:
    vocabulary = Vocabulary()
    vocabulary.add_document(["a1", "b1", "b1"])
    vocabulary.add_document(["b1"])
    assert vocabulary.df("b1") == 2 and vocabulary.df("a1") == 1
    version = vocabulary.version
    vocabulary.add_document(["b1"])
    assert vocabulary.version == version  # no new term
    vocabulary.remove_document(["a1"])
    assert "a1" not in vocabulary and vocabulary.version != version
    assert vocabulary.most_common(1) == [("b1", 3)]


def test_split_cache_follows_vocabulary_changes() -> None:
    vocabulary = vocab("standard")
    analyzer = Analyzer(vocabulary, head_fallback=False)
    assert analyzer.split("standardkontrakter") == ()
    vocabulary.add_document(["kontrak"])
    assert analyzer.split("standardkontrakter") == ("standard", "kontrak")
    vocabulary.remove_document(["kontrak"])
    assert analyzer.split("standardkontrakter") == ()


def test_short_first_part_before_a_linking_s_is_not_a_term() -> None:
    analyzer = Analyzer(vocab("år", "rapport", "socialtilsyn"), head_fallback=False)
    assert analyzer.split("årsrapporten") == ("rapport",)
    assert analyzer.split("socialtilsynsrapporten") == ("socialtilsyn", "rapport")


def test_fewest_parts_win_over_frequent_short_ones() -> None:
    vocabulary = vocab("tema", "temadag", "ansøgning")
    for _ in range(5):
        vocabulary.add_document(["tema"])
    analyzer = Analyzer(vocabulary)
    assert analyzer.split("temadagsansøgningen") == ("temadag", "ansøgning")


def test_unknown_query_word_restemmed() -> None:
    # Snowball: hjerneskadeindsats -> hjerneskadeindsat, hjerneskadeindsatsen -> ...indsats.
    analyzer = Analyzer(vocab("hjerneskadeindsats"))
    assert analyzer.query_terms("hjerneskadeindsatsen") == ["hjerneskadeindsat"]


def test_unknown_query_word_backs_off_to_a_known_prefix() -> None:
    analyzer = Analyzer(vocab("takstfinansieres", "grønland"))
    assert analyzer.query_terms("takstfinansiering")[0] == "takstfinansi"
    assert analyzer.query_terms("grønlandssagen") == ["grønland"]


def test_unknown_query_word_finds_archive_compounds_it_begins_or_ends() -> None:
    analyzer = Analyzer(vocab("kickoffmødet", "standardkontraktskabelon", "plan"))
    assert analyzer.query_terms("kickoff") == ["kickoffmød"]
    assert analyzer.query_terms("kontraktskabeloner") == ["standardkontraktskabelon"]
    assert analyzer.vocabulary.compounds_of("plan", 3) == []  # too short to expand
    assert Analyzer(analyzer.vocabulary, compounds=False).query_terms("kickoff") == ["kickof"]
