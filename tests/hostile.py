"""Generate hostile uploads (zip bombs, lying zips, huge XML, big text) without holding them."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body>"
)
_TAIL = b"</w:body></w:document>"


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def docx_with_body(path: Path, body: bytes, repeat: int, *, doctype: bytes = b"") -> Path:
    """Write a DOCX whose document.xml repeats a body fragment, streamed to disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(doctype + _HEAD)
            stream.write(paragraph("Referat af styregruppemøde 4. januar 2019"))
            block = body * max(1, (1 << 20) // max(len(body), 1))
            written = 0
            while written < repeat:
                stream.write(block)
                written += len(block)
            stream.write(_TAIL)
    return path


def inflating_docx(path: Path, mib: int = 190) -> Path:
    """A DOCX whose document.xml really inflates to ``mib`` MiB (declared honestly)."""
    return docx_with_body(path, paragraph("a" * 200), mib << 20)


def tiny_paragraphs_docx(path: Path, mib: int = 150) -> Path:
    """A DOCX of ``mib`` MiB of empty-ish paragraphs (millions of elements)."""
    return docx_with_body(path, b"<w:p/>", mib << 20)


def lying_zip_docx(path: Path, real_mib: int = 600, declared: int = 4096) -> Path:
    """A DOCX whose central directory declares a tiny document.xml that inflates hugely."""
    docx_with_body(path, b" " * 4096, real_mib << 20)
    data = bytearray(path.read_bytes())
    # Patch the uncompressed size of document.xml in the central directory (and the zip64
    # extra field if present) so the directory lies.
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02" + b"\x00" * 0, 0)
    while at != -1:
        name_len, extra_len = struct.unpack_from("<HH", data, at + 28)
        if data[at + 46 : at + 46 + name_len] == name:
            struct.pack_into("<I", data, at + 24, declared)
            extra_at = at + 46 + name_len
            end = extra_at + extra_len
            while extra_at + 4 <= end:
                tag, size = struct.unpack_from("<HH", data, extra_at)
                if tag == 1 and size >= 8:
                    struct.pack_into("<Q", data, extra_at + 4, declared)
                    struct.pack_into("<I", data, at + 24, 0xFFFFFFFF)
                extra_at += 4 + size
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def big_text(path: Path, size: int = 19_000_000) -> Path:
    """A plain-text 'minutes' file of ``size`` bytes with many numbered items."""
    lines = [
        "Referat af styregruppemøde",
        "Dato: 4. januar 2019",
        "",
    ]
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
        written = 0
        number = 1
        while written < size:
            chunk = (
                f"{number}. Punkt om takstanalysen {number}\n"
                "Styregruppen drøftede sagen og vedtog indstillingen med bemærkninger.\n\n"
            )
            out.write(chunk)
            written += len(chunk.encode())
            number += 1
    return path


def deflate_bomb_bytes(mib: int) -> bytes:
    """Return raw deflate data inflating to ``mib`` MiB of zeros (for PDF streams)."""
    compressor = zlib.compressobj(9)
    block = b"\x00" * (1 << 20)
    return b"".join(compressor.compress(block) for _ in range(mib)) + compressor.flush()
