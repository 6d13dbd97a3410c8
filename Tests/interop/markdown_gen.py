"""Random Markdown documents that stress CommonMark's block structure, for the
differential test of termgraph's link scanner (test_commonmark_diff.py).

`document(seed)` is a pure function of its seed. A document nests list items
(every marker, indents off by one, empty items, lazy continuation), block
quotes (with and without the space or a tab after `>`, lazy lines), fenced and
indented code (closed or not, holding `>`, `-`, `</div>` and link lines), HTML
blocks of all seven kinds, link reference definitions (inside containers too),
GFM tables and setext headings, and puts every inline link form in all of
them: inline links, reference links (full, collapsed, shortcut), autolinks,
raw `<a href>`, code spans, escapes, images and wikilinks.

Targets are numbered (`/t12`), so a disagreement names the very link. Link
texts never equal their targets and wikilink names are never defined as
reference labels, so the referees' HTML tells links from autolinks and a
wikilink is never also a CommonMark reference link.
"""

from __future__ import annotations

import random
import re

LABELS = ["r1", "r2", "Ref Three", "r4"]


class Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.n = 0
        self.definition_above = False  # a definition since the last blank line

    def target(self) -> str:
        self.n += 1
        return f"/t{self.n}"

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    # ------------------------------------------------------------------ inline

    def inline_item(self) -> str:
        r = self.rng
        kind = r.randrange(24)
        t = self.target
        if kind == 0:
            return f"[text]({t()})"
        if kind == 1:
            return f"[a b](<{t()} x>)"
        if kind == 2:
            return f'[ti]({t()} "title")'
        if kind == 3:
            return f"[fu][{self.pick(LABELS)}]"
        if kind == 4:
            return f"[{self.pick(LABELS)}][]"
        if kind == 5:
            return f"[{self.pick(LABELS)}]"
        if kind == 6:
            return f"<https://auto.example{t()}>"
        if kind == 7:
            return f'<a href="{t()}">an</a>'
        if kind == 8:
            return f"`[co]({t()})`"
        if kind == 9:
            return f"\\[es]({t()})"
        if kind == 10:
            return f"[[wiki{self.n}]]"
        if kind == 11:
            return f"![im]({t()})"
        if kind == 12:
            return f"*em [x]({t()})*"
        if kind == 13:
            return self.pick(["`", "``", "[", "]", "<", "|", "\\|", "&amp;", "*", ")", "(", "!"])
        if kind == 14:
            return f"[p|q]({t()})"
        if kind == 15:
            return f"[x]({t()}|y)"
        if kind == 16:
            return f"<a href='{t()}'>"
        if kind == 17:
            return f"[n [in]({t()}) m]({t()})"
        if kind == 18:
            return "</a>"
        if kind == 19:
            return f"[li](\n{t()})" if self.chance(0.3) else f"[li]({t()})"
        return self.pick(["word", "text", "lorem", "ipsum", "x", "- dash", "1. one", "> gt", "#", "==="])

    def inline(self, words: int | None = None) -> str:
        count = words if words is not None else self.rng.randrange(1, 5)
        return " ".join(self.inline_item() for _ in range(count))

    # ------------------------------------------------------------------ leaf blocks

    def paragraph(self) -> list[str]:
        lines = [self.inline()]
        for _ in range(self.rng.randrange(0, 3)):
            lines.append(self.pick(["", " ", "  ", "   "]) + self.inline())
        return lines

    def fence(self) -> list[str]:
        r = self.rng
        marker = self.pick(["```", "~~~", "````", "```"])
        indent = self.pick(["", "", " ", "  ", "   ", "    "])
        info = self.pick(["", "", "md", " py", "a`b", "~x"])
        lines = [indent + marker + info]
        for _ in range(r.randrange(0, 4)):
            lines.append(self.pick(["", "> ", "- ", "    ", "</div>", "<div>", "1. ", "  ", "```", "~~"]) + self.inline(2))
        if not self.chance(0.2):
            close = marker if self.chance(0.8) else self.pick(["``", "`````", "~~~~", "```"])
            lines.append(self.pick(["", "", " ", "   ", "    "]) + close + self.pick(["", "", " ", " x"]))
        return lines

    def indented_code(self) -> list[str]:
        lines = []
        for _ in range(self.rng.randrange(1, 4)):
            lines.append(self.pick(["    ", "\t", "     ", "    > ", "    - "]) + self.inline(2))
            if self.chance(0.2):
                lines.append("")
        return lines

    def html_block(self) -> list[str]:
        kind = self.rng.randrange(9)
        t = self.target
        body = [self.inline(2) for _ in range(self.rng.randrange(0, 3))]
        if self.chance(0.3):
            body.insert(0, "")
        close = not self.chance(0.25)
        if kind == 0:
            tag = self.pick(["script", "pre", "style", "textarea", "PRE"])
            return [f"<{tag}>" + self.pick(["", f' <a href="{t()}">']), *body] + ([f"</{tag}>"] if close else [])
        if kind == 1:
            return ["<!-- " + self.inline(1), *body] + (["-->"] if close else [])
        if kind == 2:
            return ["<?php " + self.inline(1), *body] + (["?>"] if close else [])
        if kind == 3:
            return ["<!DOCTYPE html " + self.inline(1), *body] + ([">"] if close else [])
        if kind == 4:
            return ["<![CDATA[ " + self.inline(1), *body] + (["]]>"] if close else [])
        if kind in (5, 6):
            tag = self.pick(["div", "table", "p", "DIV", "section", "/div", "details", "ul"])
            first = self.pick([f"<{tag}>", f"<{tag}", f"<{tag} class='x'>", f'<{tag}><a href="{t()}">x</a>'])
            return [first, *body] + ([f"</{tag.lstrip('/')}>", ""] if close else [])
        tag = self.pick(["a", "span", "x-y", "a", "/a", "/span"])
        attrs = self.pick([f' href="{t()}"', "", f" href={t()}", ' title="a b"'])
        first = f"<{tag}{attrs}>" if not tag.startswith("/") else f"<{tag}>"
        return [first + self.pick(["", "", " ", " x"]), *body]

    def definition(self) -> list[str]:
        label = self.pick(LABELS)
        t = f"/d-{label.replace(' ', '-')}-{self.rng.randrange(3)}"
        form = self.rng.randrange(6)
        if form == 0:
            return [f"[{label}]: {t}"]
        if form == 1:
            return [f'[{label}]: {t} "title"']
        if form == 2:
            return [f"[{label}]:", f"{t}"]
        if form == 3:
            return [f"[{label}]: <{t} x>", "'title'"]
        if form == 4:
            return [f'[{label}]: {t} "ti', 'tle"']
        return [f"[{label.upper()}]: {t} junk"]

    def table(self) -> list[str]:
        cols = self.rng.randrange(1, 4)
        header = "| " + " | ".join(self.inline(1) for _ in range(cols)) + " |"
        if self.chance(0.3):
            header = " | ".join(self.inline(1) for _ in range(cols))
        sep_cols = cols if self.chance(0.85) else cols + 1
        sep = "|" + "|".join(self.pick(["---", ":--", "--:", ":-:"]) for _ in range(sep_cols)) + "|"
        lines = [header, sep]
        for _ in range(self.rng.randrange(0, 3)):
            lines.append("| " + " | ".join(self.inline(1) for _ in range(cols)) + " |")
        if self.chance(0.3):
            lines.append(self.inline(2))
        return lines

    def heading(self) -> list[str]:
        if self.chance(0.5):
            return [self.pick(["#", "##", "######", "#######"]) + self.pick([" ", "", "\t"]) + self.inline(2)]
        return [self.inline(2), self.pick(["===", "---", "-", "= =", "  ---  ", "    ---"])]

    # ------------------------------------------------------------------ containers

    def blocks(self, depth: int) -> list[str]:
        out: list[str] = []
        for _ in range(self.rng.randrange(1, 4)):
            kind = self.kind(depth)
            if kind == "table" and self.definition_above:
                out.append("")  # cmark-gfm reads no definition in the lines before a table header
            out.extend(self.block(kind, depth))
            self.definition_above = self.definition_above or kind == "def"
            if self.chance(0.6):
                out.append(self.pick(["", "", " ", "\t"]))
                self.definition_above = False
        return out

    def kind(self, depth: int) -> str:
        kinds = ["para", "para", "fence", "indented", "html", "def", "def", "table", "heading", "hr"]
        if depth < 4:
            kinds += ["quote", "list", "list", "quote"]
        return self.pick(kinds)

    def block(self, kind: str, depth: int) -> list[str]:
        if kind == "para":
            return self.paragraph()
        if kind == "fence":
            return self.fence()
        if kind == "indented":
            return self.indented_code()
        if kind == "html":
            return self.html_block()
        if kind == "def":
            return self.definition()
        if kind == "table":
            return self.table()
        if kind == "heading":
            return self.heading()
        if kind == "hr":
            return [self.pick(["***", "---", "___", " - - -", "* * *"])]
        if kind == "quote":
            return self.quote(depth + 1)
        return self.list(depth + 1)

    def quote(self, depth: int) -> list[str]:
        inner = self.blocks(depth)
        out = []
        for k, line in enumerate(inner):
            if k > 0 and line and self.chance(0.08):
                out.append(line)  # lazy, or ends the quote
                continue
            prefix = self.pick(["> ", "> ", ">", " > ", ">\t", "   > "])
            out.append((prefix.rstrip(" \t") if not line else prefix) + line)
        return out

    def list(self, depth: int) -> list[str]:
        ordered = self.chance(0.4)
        delim = self.pick([".", ")"])
        bullet = self.pick(["-", "*", "+"])
        start = self.pick([1, 1, 2, 0, 10, 123456789])
        out = []
        for item in range(self.rng.randrange(1, 4)):
            marker = f"{start + item}{delim}" if ordered else bullet
            if self.chance(0.1):
                marker = self.pick(["-", "2.", "*", "1)"])  # another list
            gap = self.pick([" ", " ", " ", "  ", "   ", "     ", "\t"])
            lead = self.pick(["", "", "", " ", "  ", "   "])
            width = len(lead) + len(marker) + (len(gap) if gap != "\t" else 1)
            if gap == "     ":
                width = len(lead) + len(marker) + 1
            inner = [] if self.chance(0.1) else self.blocks(depth)
            if inner and re.match(r"\[[^\]]*\]:", inner[0]) and any(not line.strip() for line in inner[1:3]):
                # cmark drops an item's leading definitions and then ends the item at the blank
                # line: a departure from the spec that would leave it no referee here.
                inner.insert(0, "word")
            if not inner:
                out.append(lead + marker)
                continue
            first = inner[0]
            out.append(lead + marker + (gap + first if first else ""))
            for line in inner[1:]:
                if not line.strip():
                    out.append("")
                    continue
                shift = self.pick([0, 0, 0, 0, 0, 0, -1, 1, -width])
                out.append(" " * max(0, width + shift) + line)
            if self.chance(0.3):
                out.append("")
        return out


def document(seed: int) -> str:
    gen = Gen(seed)
    lines = gen.blocks(0)
    while len(lines) < 6:
        lines.extend(gen.blocks(0))
    if lines[0] == "---":
        lines.insert(0, "")  # not front matter, which termgraph reads and CommonMark does not
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    print(document(int(sys.argv[1]) if len(sys.argv) > 1 else 1), end="")
