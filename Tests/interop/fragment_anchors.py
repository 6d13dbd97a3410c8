"""An independent computation of the anchors `fragments: check` knows (PRODUCT.md §1d), for
the interop tests: markdown-it-py finds the headings (CommonMark with GFM tables and
strikethrough), github-slugger's algorithm is reimplemented here from its published rule
(lower-case; drop Unicode punctuation but `-` and `_`, symbols, other numbers, controls,
format characters and separators but the space, unless alphabetic; spaces to `-`; repeats
numbered `-1`, `-2`), and HTML ids are found with a regular expression over the HTML tokens.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark").enable("table").enable("strikethrough")

_DROPPED = {"No", "Pe", "Pf", "Pi", "Ps", "Po", "Pd", "Sm", "Sc", "Sk", "So", "Cc", "Co", "Cf", "Cn", "Zs", "Zl", "Zp"}


def _alphabetic(ch: str) -> bool:
    # Python has no Alphabetic property; the symbols that carry it are the circled and squared
    # letters, which Unicode names as letters.
    return ch.isalpha() or "LETTER" in unicodedata.name(ch, "")


def github_slug(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch == "-" or unicodedata.category(ch) not in _DROPPED or _alphabetic(ch):
            out.append(ch)
    return "".join(out)


class Slugger:
    def __init__(self):
        self.seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slug = github_slug(text)
        while slug in self.seen:
            self.seen[base] += 1
            slug = f"{base}-{self.seen[base]}"
        self.seen[slug] = 0
        return slug


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text.casefold())


_EXPLICIT = re.compile(r"[ \t]*\{(?:#([^\s}]+)|/\*\s*([^\s*]+)\s*\*/)\}[ \t]*$")
_ID = re.compile(r"""<([a-zA-Z][^\s/>]*)([^>]*)>""")
_ATTR = re.compile(r"""([^\s=>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_BLOCK_ID = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$", re.M)
_FRONT = re.compile(r"\A---\r?\n.*?\n(?:---|\.\.\.)[ \t]*\r?\n", re.S)


def _html_ids(html: str) -> list[str]:
    ids = []
    for tag in _ID.finditer(html):
        name = tag.group(1).lower()
        for attr in _ATTR.finditer(tag.group(2)):
            key = attr.group(1).lower()
            value = next(v for v in attr.groups()[1:] if v is not None)
            if value and (key == "id" or (key == "name" and name == "a")):
                ids.append(value)
    return ids


def _inline_text(children) -> str:
    return "".join(c.content for c in children if c.type in ("text", "code_inline"))


def markdown_anchors(text: str, *, vault: bool = False, patterns: tuple[str, ...] = ()) -> set[str]:
    """The folded anchors of a Markdown article's text (front matter included)."""
    body = _FRONT.sub("", text, count=1)
    tokens = _md.parse(body)
    names: list[str] = []
    slugger = Slugger()
    for k, token in enumerate(tokens):
        if token.type == "heading_open":
            raw = tokens[k + 1].content
            explicit = _EXPLICIT.search(raw)
            source = raw[: explicit.start()] if explicit else raw
            inline = _md.parseInline(source)
            heading = _inline_text(inline[0].children).strip(" \t") if inline else ""
            names.append((explicit.group(1) or explicit.group(2)) if explicit else slugger.slug(heading))
            names.append(" ".join(heading.split()))
            if vault:
                names.append(" ".join(raw.split()))
                # Obsidian's heading links leave out what a link cannot hold.
                linkable = re.sub(r"%%|\[\[|\]\]|[#|^:]", " ", raw)
                names.append(" ".join(linkable.split()))
        if token.type == "html_block":
            names += _html_ids(token.content)
        if token.type == "inline":
            names += _html_ids("".join(c.content for c in token.children or [] if c.type == "html_inline"))
            if vault:
                names += ["^" + m for m in _BLOCK_ID.findall(token.content)]
    for pattern in patterns:
        names += [m.group(1) for m in re.finditer(pattern, body)]
    return {fold(n) for n in names if n}


def fragment_key(target: str, *, vault: bool = False) -> str | None:
    """The folded fragment of a link target, or None when it has none."""
    if "#" not in target:
        return None
    fragment = target.split("#", 1)[1]
    if vault and "#" in fragment:
        fragment = fragment.rsplit("#", 1)[1]
    try:
        decoded = unquote(fragment, errors="strict")
    except UnicodeDecodeError:
        decoded = fragment
    if decoded.endswith("/"):
        decoded = decoded[:-1]
    return fold(decoded) if decoded else None
