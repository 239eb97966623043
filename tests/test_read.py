import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    MissingInputError,
    TooLargeInputError,
)
from kg.read import MAX_BYTES, decode, find_inputs, read_document


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\t\n", EmptyInputError),
        (b"\\n\n", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryInputError),
        (b"caf\xe9 au lait", EncodingInputError),
        (b"a" * (MAX_BYTES + 1), TooLargeInputError),
    ],
)
def test_read_decode_refuses_unusable_bytes(data, error):
    with pytest.raises(error) as info:
        decode(data, "fig.txt")
    assert str(info.value).startswith("fig.txt: ")


def test_read_decode_blanks_literal_backslash_n_first_line_keeping_line_numbers():
    text = decode(b"\\n\n## Title\n- At 5: 1", "f.md")
    assert text.split("\n") == ["", "## Title", "- At 5: 1"]


def test_read_missing_file_names_it(tmp_path):
    with pytest.raises(MissingInputError, match="nope.txt"):
        find_inputs([tmp_path / "nope.txt"])


def test_read_folder_expands_to_sorted_descriptions(tmp_path):
    (tmp_path / "b.md").write_text("b 1", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a 1", encoding="utf-8")
    (tmp_path / "c.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.txt", "b.md"]


def test_read_document_keeps_file_name_without_folder(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("## T\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.source_file, doc.text) == ("x.md", "## T")


@given(st.binary(max_size=300))
def test_read_decode_any_bytes_gives_text_or_input_error(data):
    try:
        text = decode(data, "f.txt")
    except InputError as err:
        assert err.path == "f.txt"
    else:
        assert text.strip()
        assert "\x00" not in text


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=200,
    )
)
def test_read_decode_utf8_text_round_trips(text):
    lines = text.removeprefix("\ufeff").splitlines()
    if lines and lines[0].strip() in {"\\n", "\\n\\n"}:
        lines[0] = ""
    expected = "\n".join(lines)
    if not expected.strip():
        with pytest.raises(EmptyInputError):
            decode(text.encode("utf-8"), "f.txt")
        return
    assert decode(text.encode("utf-8"), "f.txt") == expected


def test_read_folder_skips_its_own_documentation(tmp_path):
    (tmp_path / "README.md").write_text("# About these files", encoding="utf-8")
    (tmp_path / "fig.md").write_text("a 1", encoding="utf-8")
    assert [p.name for p in find_inputs([tmp_path])] == ["fig.md"]
    assert [p.name for p in find_inputs([tmp_path / "README.md"])] == ["README.md"]
