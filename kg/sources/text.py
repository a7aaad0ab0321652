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
  Fréchet), and text-style macros the text they style (``\\textbf{M}edical``
  → Medical: arXiv abstracts bold a name's letters). Only these are decoded,
  the accents by pylatexenc, and never inside ``$...$`` math: decoding whole
  abstracts as LaTeX would eat everything after a ``%`` ("95% accuracy") as a
  comment. Math that is only a number and its signs is the text it prints
  (``$2.06\\times$`` → 2.06×, ``$\\pm$`` → ±);
* inline XML markup (JATS from publishers' feeds, MathML, HTML) becomes the
  text it marks up: ``<italic>GrabCut</italic>`` → GrabCut, a formula keeps
  its ``<tex-math>`` and loses the picture of itself (``<inline-graphic>``),
  and the entities (``&lt;``) are decoded. Only tags of those vocabularies
  go: ``<projektor>`` (a name) and ``<text, audio>`` stay as written.
* LaTeX's ties (``~``) become spaces and its dashes the dashes they print (``3--6%`` → 3–6%, ``---`` → —):
  spaCy reads "3--6%" as 3, a hyphen and −6%, so the range of "achieving 3--6% absolute gains" was no value at
  all, and "network~(NPNet)" as one word; a short form glued to its name ("Memory(DSM)") is set apart from it.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

__all__ = ["clean_text", "clean_value", "decode_latex_text", "strip_markup"]

_SPACE_CONTROLS = str.maketrans({"\x0b": " ", "\x0c": " ", "\x85": " "})
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LOST_TIMES = re.compile(r"(?<=\d)times(?=\d)")  # "256times256": $256\times256$ that lost its backslash
# "AOR 1⁄4 3.0": an "=" that a publisher's PDF font turned into the glyph ¼ on extraction, written as 1, fraction slash, 4.
# Standing alone between a name and a value it is never a quarter (CSAbstruct has it twice, both "=").
_LOST_EQUALS = re.compile(r"(?<=\s)(?:1\u20444|\u00bc)(?=\s)")
# A short form glued to its long form ("Distributed Shared Memory(DSM)", "visual question answer(VQA)"): spaCy reads
# "Memory(DSM" as one word, so neither the name nor its short form is found. Capitals and digits only, after a word of
# three letters or more: not a function's argument ("f(T)", "left(Kright)").
_GLUED_SHORT_FORM = re.compile(r"(?<=[a-z]{3})\((?=[A-Z][A-Z0-9-]*[A-Z0-9]s?\))")
# An HTML character reference an export left in the text ("&lt;", "&amp;", "&#39;"), with its semicolon
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#[0-9]{1,6}|#[xX][0-9A-Fa-f]{1,6});")

# A letter an accent sits on: a plain one, or the dotless \i and \j of \'{\i}.
_LETTER = r"(?:\\[ij](?![A-Za-z])|[A-Za-z])"
_MACRO = (
    rf"\\['`^\"~=.]\s*(?:\{{\s*{_LETTER}\s*\}}|{_LETTER})"  # \'e \'{e} \"{\i}
    rf"|\\[uvHckdbr](?:\s*\{{\s*{_LETTER}\s*\}}|\s+{_LETTER}(?![A-Za-z]))"  # \v{s} \c c
    r"|\\(?:ss|ae|AE|oe|OE|aa|AA|o|O|l|L)(?![A-Za-z])(?:\{\}|\s(?=[A-Za-z]))?"  # \ss{} \o (eats a space, as LaTeX does)
)
_ACCENT = re.compile(rf"\{{(?:{_MACRO})\}}|{_MACRO}")
# Text-style macros around plain text: \textbf{M}edical, \emph{not}, \textsc{TaSR-RAG} (nested ones unwrap in turn).
_TEXT_STYLE = re.compile(
    r"\\(?:textbf|textit|textsc|texttt|textrm|textsf|textsl|textup|textmd|textnormal|emph|underline)\s*\{(?P<text>(?:[^{}$\\]|\\[%&_#])*)\}"
)
# Inline markup of an abstract, by vocabulary: JATS (the XML publishers and PubMed Central deliver, jats.nlm.nih.gov),
# its MathML (any "mml:" tag), Crossref's "jats:"-prefixed JATS and HTML's inline elements. A block element becomes a
# space, an inline one nothing.
_INLINE_TAGS = frozenset(
    {
        *("italic", "bold", "sub", "sup", "sc", "monospace", "underline", "overline", "roman", "sans-serif", "strike"),
        *("inline-formula", "disp-formula", "tex-math", "alternatives", "xref", "ext-link", "uri", "email"),
        *("named-content", "styled-content", "abbrev", "inline-graphic", "graphic", "math"),
        *("i", "b", "em", "strong", "u", "span", "a", "code", "tt", "small", "big", "font", "img", "wbr"),
    }
)
_BLOCK_TAGS = frozenset({"p", "br", "break", "div", "title", "sec", "list", "list-item", "label", "abstract"})
_TAG = re.compile(r"</?(?P<name>[A-Za-z][\w.-]*(?::[\w.-]+)?)(?:\s+[^<>]*?)?\s*/?>")
# What a formula's <alternatives> offer instead of one another: the TeX is kept, MathML and pictures go.
_ALTERNATIVES = re.compile(r"<alternatives>(?P<inside>.*?)</alternatives>", re.DOTALL)
_TEX = re.compile(r"<tex-math\b[^>]*>(?P<tex>.*?)</tex-math>", re.DOTALL)
# JATS wraps a formula's TeX in a whole document: \documentclass{minimal} … \begin{document}$x$\end{document}.
_TEX_DOCUMENT = re.compile(r"\\documentclass.*?\\begin\{document\}(?P<body>.*?)\\end\{document\}", re.DOTALL)
# LaTeX's en dash "--" and em dash "---" outside math ("3--6%", "Rao--Blackwellized", "pool--this", "ones~--~by"),
# with the ties (~) beside them; not an arrow ("-->"), a longer rule ("----") or a command-line flag ("--no-cache").
_DASH = re.compile(r"~?(?<![-<!])(?P<dash>---?)(?![->])~?")
# LaTeX's tie, a space that does not break: "large language models~(LLMs)", "(i)~Data selection", "e.g.~10%". spaCy
# reads "network~(NPNet" as one word, and neither the name nor its short form was found. Not "~10%" (about ten
# percent) or "1M~60M" (a range).
_TIE = re.compile(r"(?<=[A-Za-z.,;:)\]])~(?=[A-Za-z(\[\\])|(?<=[.)])~(?=\d)")
# Math that is only a number and its signs ("$2.06\times$", "$4.5\%$", "$\pm$", "$>$90%") is read as the text it prints, so
# a value reads "2.06×", not "2.06\times"; a number without a macro stays (two prices, "$5-$10", are no math). Any other
# math is left as written: $...$, $$...$$, \(...\) and \[...\].
_MATH_SIGNS = {
    "\\times": "×",
    "\\%": "%",
    "\\pm": "±",
    "\\sim": "~",
    "\\approx": "≈",
    "\\leq": "≤",
    "\\le": "≤",
    "\\geq": "≥",
    "\\ge": "≥",
    "\\rightarrow": "→",
    "\\to": "→",
    "\\cdot": "·",
    "\\,": " ",
    "\\ ": " ",
}
# The macros above, the longest first ("\\leq" before "\\le"), none followed by a letter ("\\to" is not "\\top")
_SIGN = "|".join(rf"{re.escape(macro)}(?![A-Za-z])" for macro in sorted(_MATH_SIGNS, key=len, reverse=True))
_PLAIN_MATH = re.compile(rf"\$(?P<inside>(?:\d+(?:\.\d+)?|[\s<>=+~.,-]|{_SIGN})+)\$")
_SIGN_MACRO = re.compile(_SIGN)
_MATH = re.compile(r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<!\\)\$.+?(?<!\\)\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)


def clean_text(value: Any) -> str:
    r"""``value`` as text without XML-illegal characters, with HTML character references and LaTeX accents decoded.

    >>> clean_text("Fr\\'echet distance of Schr\\\"odinger\x00 bridges\x1b")
    'Fréchet distance of Schrödinger bridges'
    >>> clean_text("a\x0bb"), clean_text(None), clean_text(42)
    ('a b', '', '42')
    >>> clean_text("ImageNet 256times256")  # "$256\\times256$" after an export dropped its backslash and dollars
    'ImageNet 256×256'
    >>> clean_text("(AOR 1\u20444 3.0, 95% CI 1\u20444 1.9e4.8)")  # a PDF's "=" read back as the glyph ¼
    '(AOR = 3.0, 95% CI = 1.9e4.8)'
    >>> clean_text("LLMs (&lt;4B parameters) make Q\\&amp;A pairs for R&D")  # HTML escapes an export left in
    'LLMs (<4B parameters) make Q&A pairs for R&D'
    >>> clean_text("Distributed Shared Memory(DSM), visual question answer(VQA), f(T), O(Kright)")
    'Distributed Shared Memory (DSM), visual question answer (VQA), f(T), O(Kright)'
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _ILLEGAL.sub("", text.translate(_SPACE_CONTROLS))
    text = _LOST_EQUALS.sub("=", _LOST_TIMES.sub("×", text))
    text = _GLUED_SHORT_FORM.sub(" (", text)
    if "<" in text:
        text = strip_markup(text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)  # "&lt;4B parameters", "Q\&amp;A"
    return decode_latex_text(text) if any(mark in text for mark in ("\\", "--", "$", "~")) else text


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


def strip_markup(text: str) -> str:
    r"""``text`` with inline JATS, MathML and HTML markup reduced to the text it marks up; other ``<…>`` kept.

    >>> strip_markup('an average <inline-formula> <tex-math notation="LaTeX">$2.1\\times$</tex-math><alternatives>'
    ...              '<inline-graphic xlink:href="rhu-ieq1.gif"/> </alternatives></inline-formula> speedup')
    'an average  $2.1\\times$  speedup'
    >>> strip_markup('the <italic>GrabCut</italic> <xref ref-type="bibr" rid="ref1">[1]</xref> method, x &lt; 5')
    'the GrabCut [1] method, x < 5'
    >>> strip_markup("<projektor> predicts performance from <text, audio> pairs &amp; more")
    '<projektor> predicts performance from <text, audio> pairs &amp; more'
    """
    stripped = _ALTERNATIVES.sub(lambda m: _alternative(m["inside"]), text)
    stripped = _TAG.sub(_tag, _TEX.sub(lambda m: _tex(m["tex"]), stripped))
    return html.unescape(stripped) if stripped != text else text  # marked-up text writes "<" as "&lt;"


def _tag(match: re.Match) -> str:
    name = match["name"].lower().removeprefix("jats:")
    if name in _INLINE_TAGS or name.startswith("mml:"):
        return ""
    return " " if name in _BLOCK_TAGS else match.group()


def _alternative(inside: str) -> str:
    """The one representation kept of a formula's alternatives: its TeX, else the rest (MathML's text; a picture,
    an empty tag, leaves nothing)."""
    tex = _TEX.search(inside)
    return _tex(tex["tex"]) if tex else inside


def _tex(tex: str) -> str:
    """A <tex-math>'s formula, without the LaTeX document JATS may wrap it in."""
    document = _TEX_DOCUMENT.search(tex)
    return (document["body"] if document else tex).strip()


def decode_latex_text(text: str) -> str:
    r"""LaTeX accent macros outside math turned into Unicode letters, text-style macros into their text, escaped
    characters ("\%", "\&") into themselves; the rest as written.

    >>> print(decode_latex_text(r"caf\'{e}, {\"u}ber, \c{c}a, Bj\o rn, \ss{}, $\hat{x}\'$ at 95% in C:\new"))
    café, über, ça, Bjørn, ß, $\hat{x}\'$ at 95% in C:\new
    >>> print(decode_latex_text(r"a \textbf{M}edical \textbf{G}eneralist benchmark, \emph{\textsc{TaSR-RAG}}, $\textbf{x}$"))
    a Medical Generalist benchmark, TaSR-RAG, $\textbf{x}$
    >>> print(decode_latex_text(r"\textbf{+10.6\% absolute improvement} by up to 14\%, R\&D, $4.5\%$"))
    +10.6% absolute improvement by up to 14%, R&D, 4.5%
    >>> print(decode_latex_text(r"by $2.06\times$, 2.4$\times$ faster, 85.3 $\pm$ 0.4, $\sim$10%, $>$90%, $O(\log N)$, $m$"))
    by 2.06×, 2.4× faster, 85.3 ± 0.4, ~10%, >90%, $O(\log N)$, $m$
    >>> print(decode_latex_text(r"from $5-$10 a month, $0$ loss"))
    from $5-$10 a month, $0$ loss
    >>> print(decode_latex_text(r"3--6% and 9%--30% gains, Rao--Blackwell, Memory(DSM)--providing, ones~--~by, $a--b$"))
    3–6% and 9%–30% gains, Rao–Blackwell, Memory(DSM) – providing, ones – by, $a--b$
    >>> print(decode_latex_text("pool---this, kg build --no-cache, A --> B, ----"))
    pool—this, kg build --no-cache, A --> B, ----
    >>> print(decode_latex_text(r"a network~(NPNet), (i)~Data, e.g.~10%, we propose~\modelname, ~10%, 1M~60M, $a~b$"))
    a network (NPNet), (i) Data, e.g. 10%, we propose \modelname, ~10%, 1M~60M, $a~b$
    """
    pieces: list[str] = []
    last = 0
    for math in _MATH.finditer(text):
        plain = _PLAIN_MATH.fullmatch(math.group())
        if plain and "\\" not in plain["inside"] and any(c.isdigit() for c in plain["inside"]):
            plain = None
        written = _SIGN_MACRO.sub(lambda m: _MATH_SIGNS[m.group()], plain["inside"]) if plain else math.group()
        pieces += [_decoded_text(text[last : math.start()]), written]
        last = math.end()
    pieces.append(_decoded_text(text[last:]))
    return "".join(pieces)


_ESCAPED = re.compile(r"\\(?P<char>[%&#_])")


def _decoded_text(text: str) -> str:
    """Text outside math with its accents decoded and its text-style macros unwrapped, innermost first."""
    text = _ACCENT.sub(_decoded, text)
    text = _ESCAPED.sub(r"\g<char>", text)  # "14\%" is 14%: the backslash only escapes the character for LaTeX
    if "--" in text:
        text = _DASH.sub(_dash, text)
    if "~" in text:
        text = _TIE.sub(" ", text)
    while (unwrapped := _TEXT_STYLE.sub(lambda m: m["text"], text)) != text:
        text = unwrapped
    return text


def _dash(match: re.Match) -> str:
    """The dash a LaTeX dash prints, spaced where a tie or a bracket holds it ("ones~--~by", "Memory(DSM)--providing":
    spaCy splits a dash from the words only between letters and digits)."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    if (start == 0 or before.isspace()) and after.islower() and "~" not in match.group():  # a flag: "--no-cache"
        return match.group()
    dash = "—" if match["dash"] == "---" else "–"
    glued = [c for c in (before, after) if c and not (c.isalnum() or c.isspace() or c == "%")]
    return f" {dash} " if "~" in match.group() or glued else dash


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
