"""Define the errors that reject an uploaded document, each with a code and a reason."""

from __future__ import annotations

# Reason texts by key, in Danish and English. A key names one reason; several keys can
# share a code ("unsupported_format" for .doc, RTF, images, .odt …).
_TEXTS: dict[str, tuple[str, str]] = {
    "empty": ("Filen er tom.", "The file is empty."),
    "empty_text": ("Dokumentet indeholder ingen tekst.", "The document has no text."),
    "too_large": (
        "Filen fylder {size:.1f} MB; grænsen er {limit:.0f} MB.",
        "The file is {size:.1f} MB; the limit is {limit:.0f} MB.",
    ),
    "docx_too_large": (
        "Word-dokumentet pakker ud til alt for meget data.",
        "The Word document unpacks to too much data.",
    ),
    "too_long": (
        "Dokumentet har {count:,} tegn; en dagsorden eller et referat fra ét møde har langt "
        "færre (grænsen er {limit:,}).",
        "The document has {count:,} characters; one meeting's agenda or minutes has far "
        "fewer (the limit is {limit:,}).",
    ),
    "old_doc": (
        "Filen er et gammelt Word 97-2003-dokument (.doc); gem det som .docx eller PDF, og "
        "upload det igen.",
        "This is an old Word 97-2003 (.doc) file; save it as .docx or PDF and upload it again.",
    ),
    "rtf": (
        "RTF-filer kan ikke læses; gem filen som .docx eller PDF.",
        "RTF files are not supported; save the file as .docx or PDF.",
    ),
    "image": (
        "Filen er et billede, ikke et dokument med tekst; upload PDF- eller Word-filen i stedet.",
        "This is an image, not a document with text; upload the PDF or Word file instead.",
    ),
    "binary": (
        "Filen indeholder binære data, ikke tekst, PDF eller Word.",
        "The file is binary data, not a text, PDF or Word document.",
    ),
    "odt": (
        "OpenDocument-filer (.odt) kan ikke læses; gem filen som .docx eller PDF.",
        "OpenDocument (.odt) files are not supported; save the file as .docx or PDF.",
    ),
    "zip": (
        "Zip-filen er ikke et Word-dokument (.docx).",
        "The zip archive is not a Word (.docx) document.",
    ),
    "damaged_zip": ("Filen er et beskadiget zip-arkiv.", "The file is a damaged zip archive."),
    "unreadable_docx": (
        "Word-dokumentet kunne ikke læses ({error}).",
        "The Word document could not be read ({error}).",
    ),
    "encrypted_pdf": (
        "PDF'en er beskyttet med adgangskode; upload en kopi uden beskyttelse.",
        "The PDF is password-protected; upload an unprotected copy.",
    ),
    "unreadable_pdf": (
        "PDF'en kunne ikke læses ({error}).",
        "The PDF could not be read ({error}).",
    ),
    "pdf_no_pages": ("PDF'en har ingen sider.", "The PDF has no pages."),
    "no_text_layer": (
        "PDF'en har intet tekstlag (den er nok scannet); upload Word-filen eller en PDF gemt "
        "fra den, eller kør scanningen gennem OCR først.",
        "The PDF has no text layer (it is probably a scan); upload the Word file or a PDF "
        "exported from it, or run the scan through OCR first.",
    ),
    "not_meeting_document": (
        "Det ligner ikke en dagsorden eller et referat: teksten mangler de ord, sådanne "
        "dokumenter bruger (dagsorden, referat, møde, beslutning, punkt, bilag …).",
        "This does not look like an agenda or minutes: it has none of the words such "
        "documents use (dagsorden, referat, møde, beslutning, punkt, bilag …).",
    ),
    "no_items": (
        "Der blev ikke fundet nogen dagsordenspunkter; dagsordener og referater nummererer "
        "deres punkter (»1. Godkendelse af dagsorden«, »Punkt 2«, »3)«).",
        "No agenda items were found; agendas and minutes number their items "
        "(“1. Godkendelse af dagsorden”, “Punkt 2”, “3)”).",
    ),
    "no_meeting_date": (
        "Mødedatoen blev ikke fundet øverst i dokumentet (fx »Dato: 15. marts 2024« eller "
        "»Styregruppemøde 4/1-2019«).",
        "The meeting date was not found at the top of the document (for example "
        "“Dato: 15. marts 2024” or “Styregruppemøde 4/1-2019”).",
    ),
}


class NotMinutesError(Exception):
    """The input is not an agenda or minutes the importer can read.

    ``code`` is machine-readable; ``detail`` explains the problem in Danish (the bot's
    default language, also ``str(error)``) and ``detail_en`` in English;
    :meth:`message` picks one by language code.
    """

    def __init__(self, code: str, key: str | None = None, **params: object) -> None:
        self.code = code
        self.key = key or code
        self.params = params
        danish, english = _TEXTS[self.key]
        self.detail = danish.format(**params)
        self.detail_en = english.format(**params)
        super().__init__(self.detail)

    @property
    def reason(self) -> str:
        """Return the user-facing explanation (Danish)."""
        return self.detail

    def message(self, lang: str | None = "da") -> str:
        """Return the explanation in the given language ("da" or "en")."""
        return self.detail_en if lang == "en" else self.detail

    def __repr__(self) -> str:
        """Return the error with its code, for logs."""
        return f"{type(self).__name__}({self.code!r}, {self.detail_en!r})"


class UnsupportedDocument(NotMinutesError):
    """The file itself cannot be read (format, size, a scan without a text layer)."""
