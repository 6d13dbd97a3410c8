#!/usr/bin/env python3
"""A MediaWiki XML dump of N pages for `make bench`, written as a stream through `bzip2`
(never held in memory), with the counts termgraph must find.

Every tenth page is a redirect to an article; the others are articles with a few paragraphs,
8 internal links each (piped, with a section, with a link trail, some to missing pages), a
template, a category, an interwiki link and a file, and text inside `<nowiki>` and comments
that holds links which do not count. The same N always gives the same bytes.

    python3 bench/generate_dump.py 1000000 .bench-cache/dump-1000000.xml.bz2
    # prints {"pages": …, "articles": …, "redirects": …, "links": …, "bytes": …} as JSON
"""
from __future__ import annotations

import json
import random
import subprocess
import sys

WORDS = ("settlement clearing trade ledger account risk margin broker custody payment bond equity "
         "swap future option desk record audit report").split()
LINKS_PER_ARTICLE = 8


def title(i: int) -> str:
    return f"{WORDS[i % len(WORDS)].capitalize()} term {i}"


def page(i: int, n: int, rng: random.Random, counts: dict) -> str:
    if i % 10 == 9:
        counts["redirects"] += 1
        return (f"<page>\n<title>{title(i)} (old name)</title>\n<ns>0</ns>\n<id>{i + 1}</id>\n"
                f"<redirect title=\"{title(i - 1)}\" />\n<revision>\n<id>{i + 1}</id>\n"
                f"<text xml:space=\"preserve\">#REDIRECT [[{title(i - 1)}]]</text>\n</revision>\n</page>\n")
    counts["articles"] += 1
    links = []
    for k in range(LINKS_PER_ARTICLE):
        j = rng.randrange(n)
        if j % 10 == 9:
            j -= 1
        target = title(j) if k != 7 else f"Missing term {rng.randrange(n)}"
        form = k % 4
        links.append(f"[[{target}]]" if form == 0 else f"[[{target}|the {WORDS[k]}]]" if form == 1
                     else f"[[{target}#History|{WORDS[k]}]]" if form == 2 else f"[[{target}]]s")
    counts["links"] += len(links)
    body = (f"'''{title(i)}''' is a {{{{Infobox|desk={WORDS[i % 7]}}}}} term of the back office. "
            f"It relates to {links[0]}, {links[1]} and {links[2]}.\n\n"
            f"== Details ==\nSee {links[3]} and {links[4]}; compare {links[5]}.<ref>{links[6]}</ref>\n"
            f"&lt;nowiki&gt;[[Not a link]]&lt;/nowiki&gt; &lt;!-- [[Hidden link]] --&gt; {links[7]}\n\n"
            f"[[File:Desk {i}.png|thumb|A desk]] [[fr:Terme {i}]]\n[[Category:{WORDS[i % 5].capitalize()} terms]]")
    return (f"<page>\n<title>{title(i)}</title>\n<ns>0</ns>\n<id>{i + 1}</id>\n<revision>\n<id>{i + 1}</id>\n"
            f"<text xml:space=\"preserve\">{body}</text>\n</revision>\n</page>\n")


def main() -> int:
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261202)
    counts = {"pages": n, "articles": 0, "redirects": 0, "links": 0, "bytes": 0}
    with open(out, "wb") as f:
        bz = subprocess.Popen(["bzip2", "-c", "-9"], stdin=subprocess.PIPE, stdout=f)
        head = ("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\" version=\"0.10\" xml:lang=\"en\">\n"
                "<siteinfo>\n<sitename>Bench</sitename>\n<base>https://en.wikipedia.org/wiki/Main_Page</base>\n"
                "<namespaces>\n<namespace key=\"0\" case=\"first-letter\" />\n"
                "<namespace key=\"14\" case=\"first-letter\">Category</namespace>\n</namespaces>\n</siteinfo>\n")
        chunk = [head]
        for i in range(n):
            chunk.append(page(i, n, rng, counts))
            if len(chunk) >= 2000:
                data = "".join(chunk).encode()
                counts["bytes"] += len(data)
                bz.stdin.write(data)
                chunk = []
        data = ("".join(chunk) + "</mediawiki>\n").encode()
        counts["bytes"] += len(data)
        bz.stdin.write(data)
        bz.stdin.close()
        if bz.wait() != 0:
            sys.exit("generate_dump: bzip2 failed")
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
