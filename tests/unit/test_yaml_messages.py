"""YAML syntax errors in a bank come with the line where the trouble is and a sentence a clinic's staff can act on
(issue 14: `check` messages a clinic can act on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketaquiz.cli import main
from ketaquiz.core.safe_yaml import YamlRefused, read_yaml

HEAD = "format: 1\nid: clinic\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # A colon inside an unquoted text ("mapping values are not allowed here").
        (HEAD + "title: Side effects: what to know\n", 3, "put the whole text in double quotes"),
        # A name without its colon ("could not find expected ':'"): the line that lacks it, not the next one.
        (HEAD + "title Side effects\nsummary: y\n", 3, "this line needs a colon after its name"),
        # A tab used to indent.
        (HEAD + "questions:\n  - id: a\n\t  prompt: b\n", 5, "indented with a tab"),
        # An unclosed quote: the line where it opens, not the end of the file.
        (HEAD + 'title: "Side effects\nsummary: y\nlanguage: en\n', 3, "never closed"),
        (HEAD + "title: 'Side effects\nsummary: y\n", 3, "never closed"),
        # Bad indentation.
        (HEAD + "title: x\n  summary: y\n", 4, "not indented like the lines around it"),
        (HEAD + "questions:\n  - id: a\n    prompt: b\n   explanation: c\n", 6, "not indented like"),
        # Text after a closing quote.
        (HEAD + 'title: "Side" effects\n', 3, "text follows a closing quotation mark"),
        # A list in brackets left open: the line where it opens.
        (HEAD + "tags: [a, b\nsummary: x\n", 3, "square brackets [ ] is not closed"),
    ],
)
def test_a_yaml_syntax_error_names_its_line_and_says_what_to_do(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlRefused) as caught:
        read_yaml(text)
    assert caught.value.line == line
    assert words in caught.value.message
    assert caught.value.message.startswith("not valid YAML: ")


def test_check_prints_the_line_and_the_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "clinic.yaml"
    bank.write_text(HEAD + "title: Side effects: what to know\n")
    assert main(["check", str(bank)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert f"{bank}:3: error:" in text
    assert "put the whole text in double quotes" in text
    assert "Traceback" not in text
