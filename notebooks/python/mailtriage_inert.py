"""Outside text made safe to show: the Python twin of org.mailtriage.report.InertText, and HTML tables built with it.

Text in `events` and `dns_answers` is kept as it came from outside (bounce replies, HELO names, DNS TXT): evidence.
Whatever shows it — a notebook table, a CSV for a spreadsheet, a web page — passes it through `inert()` first: no
cell starts with a character a spreadsheet reads as a formula, no angle brackets survive to form markup, control
characters and bidi overrides are gone, and the length is bounded. jobs/src/test/resources/org/mailtriage/report/
inert-cases.json holds cases both implementations must answer alike (InertTextTest, python/tests/test_inert.py).
"""
import datetime
import html
import unicodedata

DEFAULT_MAX_LENGTH = 500
# Characters that start a formula in Excel, LibreOffice or Google Sheets (OWASP CSV injection), plus full-width forms.
_FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20"
_ELLIPSIS = "\u2026"
_BIDI_CONTROLS = frozenset("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069")


def inert(text, max_length=DEFAULT_MAX_LENGTH):
    """One line of inert text (control characters and line breaks become single spaces); None stays None."""
    if text is None:
        return None
    return _neutralise(_bound(_strip(_clean(str(text), keep_line_breaks=False)), max_length))


def inert_multiline(text, max_length=DEFAULT_MAX_LENGTH):
    """Inert text that keeps its line breaks (the ready-to-send summaries); None stays None."""
    if text is None:
        return None
    return _neutralise(_bound(_strip(_clean(str(text), keep_line_breaks=True)), max_length))


def is_inert(text):
    return text is None or ("<" not in text and ">" not in text and (text == "" or text[0] not in _FORMULA_STARTS)
                            and not any((_is_iso_control(c) and c != "\n") or c in _BIDI_CONTROLS for c in text))


def _is_iso_control(c):
    return ord(c) <= 0x1F or 0x7F <= ord(c) <= 0x9F


def _is_java_whitespace(c):
    # java.lang.Character.isWhitespace: space separators but the no-break ones, and the ASCII separators.
    if c in "\t\n\u000b\f\r\u001c\u001d\u001e\u001f":
        return True
    return unicodedata.category(c) in ("Zs", "Zl", "Zp") and c not in "\u00a0\u2007\u202f"


def _strip(text):
    start, end = 0, len(text)
    while start < end and (_is_java_whitespace(text[start])):
        start += 1
    while end > start and (_is_java_whitespace(text[end - 1])):
        end -= 1
    return text[start:end]


def _clean(text, keep_line_breaks):
    out = []
    last_was_space = False
    for index, c in enumerate(text):
        following = text[index + 1] if index + 1 < len(text) else ""
        if keep_line_breaks and (c == "\n" or (c == "\r" and following != "\n")):
            # Trailing blanks before a line break are noise; \r\n and a lone \r both become \n.
            while out and out[-1] == " ":
                out.pop()
            out.append("\n")
            last_was_space = False
            continue
        if c in _BIDI_CONTROLS:
            continue  # an override can make "exe.txt" read as "txt.exe" or reorder a whole line
        if _is_iso_control(c) or _is_java_whitespace(c) or c in "\u2028\u2029":
            if not last_was_space:
                out.append(" ")
                last_was_space = True
            continue
        last_was_space = False
        # Lookalike single guillemets keep "<user@example.com>" readable without forming a tag.
        out.append("\u2039" if c == "<" else "\u203A" if c == ">" else c)
    return "".join(out)


def _bound(text, max_length):
    if max_length < 2:
        raise ValueError(f"max_length must be at least 2: {max_length}")
    if len(text) <= max_length:
        return text
    cut = text[:max_length - 1]
    end = len(cut)
    while end > 0 and (_is_java_whitespace(cut[end - 1])):
        end -= 1
    return cut[:end] + _ELLIPSIS


def _neutralise(text):
    return "'" + text if text and text[0] in _FORMULA_STARTS else text


def cell(value, max_length=200):
    """A value as inert display text: lists joined with ", ", dicts as key=value, timestamps in UTC minutes."""
    if value is None:
        return ""
    if isinstance(value, (float, datetime.datetime)) and value != value:
        return ""  # NaN, and pandas' NaT (a datetime unequal to itself)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dict):
        return inert("; ".join(f"{key}={cell(item, max_length)}" for key, item in value.items()), max_length)
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return inert(", ".join(cell(item, max_length) for item in value), max_length)
    return inert(str(value), max_length)


def html_table(frame, max_rows=200, max_length=200):
    """An HTML table of a pandas DataFrame, every cell through inert() and then HTML-escaped."""
    shown = frame.head(max_rows)
    header = "".join(f"<th>{html.escape(cell(name, max_length))}</th>" for name in shown.columns)
    body = []
    for row in shown.itertuples(index=False):
        body.append("<tr>" + "".join(f"<td>{html.escape(cell(value, max_length))}</td>" for value in row) + "</tr>")
    more = "" if len(frame) <= max_rows else f"<p>{len(frame) - max_rows} more rows not shown</p>"
    return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"
