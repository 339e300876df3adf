"""The Python twin of InertText answers the hostile-text cases the Java one answers (inert-cases.json), and the
notebooks' HTML tables built with it carry no markup or formula from outside text."""
import json
import sys

import pytest

import support

pd = support.require("pandas")
sys.path.insert(0, str(support.ROOT / "notebooks" / "python"))
import mailtriage_inert  # noqa: E402 (lives beside the notebooks that import it)

CASES = json.loads((support.ROOT / "jobs/src/test/resources/org/mailtriage/report/inert-cases.json").read_text())


def text_of(case):
    return "x" * case["x_repeated"] if case["text"] is None else case["text"]


def test_there_are_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_answers_as_the_java_inert_text_does(case):
    assert mailtriage_inert.inert(text_of(case), case["max_length"]) == case["line"]
    assert mailtriage_inert.inert_multiline(text_of(case), case["max_length"]) == case["multiline"]
    assert mailtriage_inert.is_inert(mailtriage_inert.inert(text_of(case), case["max_length"]))


def test_none_stays_none():
    assert mailtriage_inert.inert(None) is None
    assert mailtriage_inert.cell(None) == ""


def test_html_table_of_hostile_cells_has_no_outside_markup_or_formula():
    hostile = [text_of(case) for case in CASES]
    frame = pd.DataFrame({"reply_text": hostile, "helo_names": [[text, "ok"] for text in hostile]})
    table = mailtriage_inert.html_table(frame)
    cells = table.split("<td>")[1:]
    assert len(cells) == 2 * len(hostile)
    for cell in cells:
        content = cell.split("</td>")[0]
        assert "<" not in content and ">" not in content
        assert not content.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2066\u200f" for c in content)
        assert len(content) <= 200 * 6  # bounded, even after HTML escaping
