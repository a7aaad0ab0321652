"""Cleaning the text of every record, once, as it is read.

``clean_text`` is the one place every reader's strings pass through (by way of
``make_paper``), so no later stage and no export meets a character it cannot
handle:

* control characters are dropped (XML 1.0 forbids all but tab, newline and
  carriage return, so one NUL or ESC in a title made graph.graphml and
  graph.gexf unreadable), and so are lone surrogates (JSON's ``"\\ud800"``
  cannot be written as UTF-8) and the noncharacters U+FFFE and U+FFFF; the
  whitespace controls (vertical tab, form feed, NEL) become spaces;
* LaTeX accent macros become the letters they stand for (``Fr\\'echet`` →
  Fréchet). Only the accents are decoded, by pylatexenc, and never inside
  ``$...$`` math: decoding whole abstracts as LaTeX would eat everything after
  a ``%`` ("95% accuracy") as a comment.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["clean_text", "clean_value", "decode_latex_accents"]

_SPACE_CONTROLS = str.maketrans({"\x0b": " ", "\x0c": " ", "\x85": " "})
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LOST_TIMES = re.compile(r"(?<=\d)times(?=\d)")  # "256times256": $256\times256$ that lost its backslash

# A letter an accent sits on: a plain one, or the dotless \i and \j of \'{\i}.
_LETTER = r"(?:\\[ij](?![A-Za-z])|[A-Za-z])"
_MACRO = (
    rf"\\['`^\"~=.]\s*(?:\{{\s*{_LETTER}\s*\}}|{_LETTER})"  # \'e \'{e} \"{\i}
    rf"|\\[uvHckdbr](?:\s*\{{\s*{_LETTER}\s*\}}|\s+{_LETTER}(?![A-Za-z]))"  # \v{s} \c c
    r"|\\(?:ss|ae|AE|oe|OE|aa|AA|o|O|l|L)(?![A-Za-z])(?:\{\}|\s(?=[A-Za-z]))?"  # \ss{} \o (eats a space, as LaTeX does)
)
_ACCENT = re.compile(rf"\{{(?:{_MACRO})\}}|{_MACRO}")
# Math is left as written: $...$, $$...$$, \(...\) and \[...\].
_MATH = re.compile(r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<!\\)\$.+?(?<!\\)\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)


def clean_text(value: Any) -> str:
    r"""``value`` as text without XML-illegal characters and with LaTeX accents decoded.

    >>> clean_text("Fr\\'echet distance of Schr\\\"odinger\x00 bridges\x1b")
    'Fréchet distance of Schrödinger bridges'
    >>> clean_text("a\x0bb"), clean_text(None), clean_text(42)
    ('a b', '', '42')
    >>> clean_text("ImageNet 256times256")  # "$256\\times256$" after an export dropped its backslash and dollars
    'ImageNet 256×256'
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _ILLEGAL.sub("", text.translate(_SPACE_CONTROLS))
    text = _LOST_TIMES.sub("×", text)
    return decode_latex_accents(text) if "\\" in text else text


def clean_value(value: Any) -> Any:
    r"""``clean_text`` applied to every string inside lists and dicts (``Paper.extra``).

    >>> clean_value({"note\x00": ["a\x07b", 3, None]})
    {'note': ['ab', 3, None]}
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(key): clean_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(item) for item in value]
    return value


def decode_latex_accents(text: str) -> str:
    r"""LaTeX accent macros outside math turned into Unicode letters; the rest as written.

    >>> print(decode_latex_accents(r"caf\'{e}, {\"u}ber, \c{c}a, Bj\o rn, \ss{}, $\hat{x}\'$ at 95% in C:\new"))
    café, über, ça, Bjørn, ß, $\hat{x}\'$ at 95% in C:\new
    """
    pieces: list[str] = []
    last = 0
    for math in _MATH.finditer(text):
        pieces += [_ACCENT.sub(_decoded, text[last : math.start()]), math.group()]
        last = math.end()
    pieces.append(_ACCENT.sub(_decoded, text[last:]))
    return "".join(pieces)


def _decoded(match: re.Match) -> str:
    return _decode_macro(match.group())


@lru_cache(maxsize=1024)
def _decode_macro(macro: str) -> str:
    """One accent macro as its letter (pylatexenc knows the table); the macro itself when it cannot tell."""
    letter = _latex_to_text().latex_to_text(macro).strip()
    return letter if letter and "\\" not in letter else macro


@lru_cache(maxsize=1)
def _latex_to_text():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim")
