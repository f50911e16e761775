"""Text files in the encodings secretaries' programs write, judged per file, not by a sample."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.ingest import NotMinutesError, extract_text, load_document

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
MINUTES = (
    "Referat af styregruppemøde 12. marts 2024\n\n"
    "1. Godkendelse af dagsorden\nBeslutning: Godkendt.\n\n"
    "2. Fælles retningslinjer for økonomi\nBeslutning: Styregruppen vedtog retningslinjerne.\n"
)


def test_a_stray_windows_byte_in_utf8_does_not_garble_the_rest() -> None:
    data = MINUTES.encode().replace("Fælles".encode(), b"F\xe6lles")
    doc = load_document(data, "referat.txt", now=NOW)
    assert "Styregruppemøde" in doc.text or "styregruppemøde" in doc.text
    assert doc.items[1].title == "Fælles retningslinjer for økonomi"
    assert "Ã" not in doc.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8"])
def test_encodings_are_detected_per_file(codec: str) -> None:
    doc = load_document(MINUTES.encode(codec), "referat.txt", now=NOW)
    assert doc.meeting_date == date(2024, 3, 12)
    assert doc.items[1].title == "Fælles retningslinjer for økonomi"
    assert "unreadable_characters" not in doc.flags


def test_a_binary_tail_after_8_kb_of_text_is_refused() -> None:
    data = (MINUTES * 60).encode() + bytes(range(1, 32)) * 40
    assert len(data) > 8192
    with pytest.raises(NotMinutesError) as caught:
        extract_text(data, "referat.txt")
    assert caught.value.code == "unsupported_format"


def test_replacement_characters_are_counted_and_flagged() -> None:
    data = MINUTES.encode() + "Referent: Ole \ufffd\ufffd Hansen\n".encode()
    doc = load_document(data, "referat.txt", now=NOW)
    assert "unreadable_characters" in doc.flags
    assert any("2 characters could not be read" in w for w in doc.warnings)
