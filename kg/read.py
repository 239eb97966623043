"""Files -> Documents: find the descriptions, decode them, refuse what is unusable."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    MissingInputError,
    TooLargeInputError,
)
from kg.model import Document

SUFFIXES = (".txt", ".md")
# A folder's own documentation is not a figure description.
DOCUMENTATION_STEMS = {"readme", "changelog", "license", "licence", "contributing", "notes", "sources"}
# A figure description is a few kilobytes; anything this large is not one.
MAX_BYTES = 2_000_000


def find_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their description files, sorted, without duplicates."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if _is_description(p)))
        elif path.is_file():
            found.append(path)
        else:
            raise MissingInputError(str(raw), "no such file or folder")
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.resolve(), None)
    return sorted(unique, key=lambda p: (p.name, str(p)))


def _is_description(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUFFIXES and path.stem.lower() not in DOCUMENTATION_STEMS


def decode(data: bytes, path: str) -> str:
    """Bytes of one description -> text, or an InputError saying why not."""
    if len(data) > MAX_BYTES:
        raise TooLargeInputError(path, f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
    if b"\x00" in data:
        raise BinaryInputError(path, "file holds binary data (NUL bytes), not a text description")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        msg = f"file is not UTF-8 (invalid byte at offset {err.start})"
        raise EncodingInputError(path, msg) from None
    # Some generators write a literal backslash-n as their first line.
    lines = text.splitlines()
    if lines and lines[0].strip() in {"\\n", "\\n\\n"}:
        lines[0] = ""
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyInputError(path, "file is empty")
    return text


def read_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingInputError(str(path), "no such file") from None
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror}") from None
    return Document(source_file=path.name, path=str(path), text=decode(data, str(path)))
