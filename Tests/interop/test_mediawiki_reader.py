"""MediaWiki dumps (PRODUCT.md §1c) read by termgraph, checked against mwxml (the pages and
redirects of each dump) and mwparserfromhell (the wikilinks of each page), on every dump of
../shared/corpora/mediawiki-xml.tar.xz, and hostile dumps built here.

The expected links apply §1c's rules to what mwparserfromhell finds, written here on their own:
namespaces from the dump's siteinfo and MediaWiki's canonical names, interwiki prefixes,
categories and files left out. Each place where termgraph deliberately reads otherwise than
mwparserfromhell is one named function below (`_parser_blacklisted_links`, …) with its reason.
"""

from __future__ import annotations

import bz2
import html
import io
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import mwparserfromhell
import mwxml
import networkx as nx
import pytest

import conftest
from conftest import run_termgraph

DUMPS = [
    "enwiki-articles-partial.xml",
    "simplewiki.xml",
    "enwiki-10k.xml",
    "bgwiki-latest-pages-articles-shortened.xml.bz2",
    "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2",
    "enwiki-table-markup.xml.bz2",
]

CANONICAL = {
    "media": -2, "special": -1, "talk": 1, "user": 2, "user talk": 3, "project": 4, "project talk": 5,
    "file": 6, "image": 6, "file talk": 7, "image talk": 7, "mediawiki": 8, "mediawiki talk": 9,
    "template": 10, "template talk": 11, "help": 12, "help talk": 13, "category": 14, "category talk": 15,
    "portal": 100, "portal talk": 101, "module": 828, "module talk": 829,
}
PROJECTS = {"w", "wikipedia", "wikt", "wiktionary", "s", "wikisource", "q", "wikiquote", "b", "wikibooks", "n",
            "wikinews", "v", "wikiversity", "voy", "wikivoyage", "species", "wikispecies", "commons", "m", "meta",
            "mw", "d", "wikidata"}
# Wikipedia language codes: two or three letters, or the longer ones the dumps' interlanguage
# links use.
LONG_LANGUAGES = {"simple", "bat-smg", "be-tarask", "be-x-old", "cbk-zam", "fiu-vro", "map-bms", "nds-nl", "roa-rup",
                  "roa-tara", "zh-classical", "zh-min-nan", "zh-yue"}
# Prefixes of two or three letters in these dumps that are no Wikipedia's language code: what
# follows them is a main-namespace title (`[[doi:10.1126/…]]`, `[[hdl:10050/…]]`).
NOT_LANGUAGES = {"doi", "hdl", "rfc"}


def _fold(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).lower()


def _key(title: str) -> str:
    return unicodedata.normalize("NFC", " ".join(title.replace("_", " ").split())).casefold()


def _open(path: Path):
    return bz2.open(path) if path.name.endswith(".bz2") else open(path, "rb")


class Wiki:
    """What mwxml reads from a dump, and §1c's rules applied to it."""

    def __init__(self, path: Path):
        dump = mwxml.Dump.from_file(_with_siteinfo(_open(path).read()))
        self.namespaces = dict(CANONICAL)
        if dump.site_info and dump.site_info.namespaces:
            for ns in dump.site_info.namespaces:
                if ns.name:
                    self.namespaces[_fold(ns.name)] = ns.id
        self.pages: list[tuple[str, str]] = []       # (title, text) of ns-0 articles, dump order
        self.redirects: dict[str, str] = {}          # ns-0 redirect title -> target as given
        for page in dump:
            if page.namespace != 0:
                continue
            text = ""
            for revision in page:
                text = revision.text or ""
            target = page.redirect or _redirect_in_text(text)
            if target is not None:
                self.redirects[page.title] = target
            else:
                self.pages.append((page.title, text))

    def namespace(self, title: str):
        """The namespace a target names (None: main), or 'interwiki'."""
        if ":" not in title:
            return None
        prefix = _fold(title.split(":", 1)[0])
        if prefix in self.namespaces:
            return self.namespaces[prefix]
        if prefix in PROJECTS or prefix in LONG_LANGUAGES or (re.fullmatch(r"[a-z]{2,3}", prefix) and prefix not in NOT_LANGUAGES):
            return "interwiki"
        return None

    def internal_links(self, text: str) -> Counter:
        """The keys of every internal link §1c counts in a page's text."""
        found = Counter()
        code = mwparserfromhell.parse(text)
        links = [str(link.title) for link in code.filter_wikilinks() if not _opens_bold_or_italics(link.text)]
        links += [str(link.title) for link in _parser_blacklisted_links(code)] + _links_around_unclosed_quotes(text)
        for title in links:
            if "{{" in title or "{" in title:
                continue  # _templated_titles_are_not_links
            title = unquote(html.unescape(title)).strip()
            colon = title.startswith(":")
            title = title.lstrip(":").strip()
            title = title.split("#", 1)[0].strip()
            if not title or any(c in title for c in "[]<>|\n"):
                continue
            ns = self.namespace(title)
            if ns is not None:
                continue  # other namespaces, categories, files and interwiki links are not edges
            found[_key(title)] += 1
        return found


def _with_siteinfo(data: bytes):
    """mwxml refuses a dump without `<siteinfo>`, which §1c reads with the canonical names
    alone: such a dump is given an empty one."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"<siteinfo" in data[:1 << 16]:
        return io.BytesIO(data)
    root = data.index(b"<mediawiki")
    end = data.index(b">", root) + 1
    return io.BytesIO(data[:end] + b"<siteinfo><namespaces></namespaces></siteinfo>" + data[end:])


def _redirect_in_text(text: str):
    match = re.match(r"\s*#\s*(redirect|пренасочване|виж)\s*:?\s*\[\[([^\]|]+)", text, re.IGNORECASE)
    return match.group(2) if match else None


def _parser_blacklisted_links(code) -> list:
    """Deliberate difference 1: mwparserfromhell leaves the content of `<gallery>`,
    `<imagemap>` and `<timeline>` unparsed (its PARSER_BLACKLIST); MediaWiki renders the links
    written there, and §1c counts them. Their content is parsed here on its own."""
    extra = []
    for tag in code.filter_tags():
        if str(tag.tag).strip().lower() in ("gallery", "imagemap", "timeline") and tag.contents is not None:
            extra += mwparserfromhell.parse(str(tag.contents)).filter_wikilinks()
    return extra


_PIPED = re.compile(r"\[\[([^\[\]|{}<>\n]+)\|([^\[\]\n]*)\]\]")


def _opens_bold_or_italics(text) -> bool:
    """A link text with an unclosed `''`, or one mwparserfromhell ran past its `]]` with."""
    return text is not None and (len(re.findall(r"'{2,}", str(text))) % 2 == 1 or "]]" in str(text))


def _links_around_unclosed_quotes(text: str) -> list[str]:
    """Deliberate difference 2: a piped link whose text opens bold or italics and does not
    close it (`[[1990 ATP Tour World Championships – Singles|\'\'\'W]]`, common in tables) is a
    link in MediaWiki, which closes the quotes at the end of the line; mwparserfromhell often
    reads such a link as text. These links are found here by their brackets."""
    return [m.group(1) for m in _PIPED.finditer(text) if _opens_bold_or_italics(m.group(2))]


def _termgraph_internal_links(article: dict) -> Counter:
    found = Counter()
    for link in article["links"]:
        assert link["kind"] == "wikilink"
        if link["resolution"] in ("external", "none"):
            continue
        target = unquote(link["target"].split("#", 1)[0])
        found[_key(target)] += 1
    return found


@pytest.fixture(scope="module")
def dumps(shared_corpora, tmp_path_factory):
    """Each dump in a corpus folder of its own, with what termgraph says of it."""
    source = shared_corpora("mediawiki-xml")
    result = {}
    for name in DUMPS:
        folder = tmp_path_factory.mktemp("dump")
        shutil.copy(source / name, folder / name)
        links = run_termgraph(["links"], folder)
        assert links.returncode == 0, links.describe()
        check = run_termgraph(["check", "--format", "json"], folder, json_output=False)
        graph = run_termgraph(["export", "--format", "json", "--output", "-"], folder, json_output=False)
        assert graph.returncode == 0, graph.describe()
        result[name] = (folder, Wiki(folder / name), links.json, json.loads(check.stdout), json.loads(graph.stdout))
    return result


@pytest.mark.parametrize("name", DUMPS)
def test_pages_are_the_articles_mwxml_reads(dumps, name):
    _, wiki, links, _, _ = dumps[name]
    expected, seen = [], set()
    for title, _ in wiki.pages:
        if _key(title) not in seen:  # the first of two titles that differ only in case is kept
            seen.add(_key(title))
            expected.append(title.replace(" ", "_"))
    assert [a["slug"] for a in links["articles"]] == expected
    assert len(expected) > 0


@pytest.mark.parametrize("name", DUMPS)
def test_links_per_page_are_mwparserfromhells(dumps, name):
    _, wiki, links, _, _ = dumps[name]
    by_slug = {a["slug"]: a for a in links["articles"]}
    compared = 0
    for title, text in wiki.pages:
        article = by_slug.get(title.replace(" ", "_"))
        if article is None or article.get("_seen"):
            continue
        article["_seen"] = True
        assert _termgraph_internal_links(article) == wiki.internal_links(text), title
        compared += sum(wiki.internal_links(text).values())
    assert compared > 0


@pytest.mark.parametrize("name", DUMPS)
def test_redirects_are_aliases_or_problems(dumps, name):
    _, wiki, _, check, graph = dumps[name]
    article_keys = {_key(t): t for t, _ in wiki.pages}
    redirect_keys = {_key(t): target for t, target in wiki.redirects.items()}
    aliases, broken, double = {}, set(), set()
    for title, target in wiki.redirects.items():
        steps, key, seen = 0, _key(target.split("#")[0]), {_key(title)}
        if key == _key(title):
            continue  # a capitalisation redirect is neither
        while True:
            steps += 1
            if wiki.namespace(target) is not None:
                broken.add(title)
                break
            if key in article_keys:
                aliases.setdefault(article_keys[key].replace(" ", "_"), []).append("/" + title.replace(" ", "_"))
                if steps > 1:
                    double.add(title)
                break
            if key not in redirect_keys or key in seen:
                broken.add(title)
                break
            seen.add(key)
            target = redirect_keys[key]
            key = _key(target.split("#")[0])
    got_aliases = {n["id"]: [unquote(a) for a in n["aliases"]] for n in graph["nodes"] if n.get("aliases")}
    assert got_aliases == aliases
    problems = check["problems"]
    got_broken = {p["message"].split(" redirects ")[0] for p in problems if p["kind"] == "broken-redirect"}
    got_double = {p["message"].split(" redirects ")[0] for p in problems if p["kind"] == "double-redirect"}
    assert (got_broken, got_double) == (broken, double)


@pytest.mark.parametrize("name", DUMPS)
def test_stats_check_and_graphml_work_on_a_dump(dumps, name, tmp_path):
    folder, wiki, links, check, _ = dumps[name]
    stats = run_termgraph(["stats"], folder)
    assert stats.returncode == 0, stats.describe()
    assert stats.json["articles"] == len(links["articles"])
    out = tmp_path / "graph.graphml"
    export = run_termgraph(["export", "--format", "graphml", "--output", out], folder, json_output=False)
    assert export.returncode == 0, export.describe()
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == stats.json["articles"] + stats.json["stubs"]
    assert g.number_of_edges() == stats.json["edges"]
    articles = {d["slug"] for _, d in g.nodes(data=True) if d.get("stub") is not True}
    assert articles == {a["slug"] for a in links["articles"]}
    assert subprocess.run(["xmllint", "--noout", "--nonet", str(out)], capture_output=True).returncode == 0
    # Problems point into the dump, at lines it has.
    lines = sum(1 for _ in _open(folder / name)) if not name.startswith("bgwiki") else None
    for problem in check["problems"]:
        assert problem["file"].endswith(name)
        if lines and problem.get("line"):
            assert 1 <= problem["line"] <= lines


# --------------------------------------------------------------------------
# Dumps made here: categories as groups, hostile input
# --------------------------------------------------------------------------


def _page(title: str, text: str, ns: int = 0) -> str:
    return (f"<page>\n<title>{html.escape(title)}</title>\n<ns>{ns}</ns>\n<revision>\n"
            f"<text xml:space=\"preserve\">{html.escape(text, quote=False)}</text>\n</revision>\n</page>\n")


def _dump(*pages: str, siteinfo: str = "") -> str:
    return "<mediawiki>\n" + siteinfo + "".join(pages) + "</mediawiki>\n"


ARABIC_SITEINFO = ("<siteinfo><base>https://ar.wikipedia.org/wiki/x</base><namespaces>"
                   "<namespace key=\"14\" case=\"first-letter\">تصنيف</namespace></namespaces></siteinfo>\n")


def test_wiki_categories_are_groups_for_path(tmp_path):
    (tmp_path / "wiki.xml").write_text(_dump(
        _page("مقاصة", "[[تسوية]] [[تصنيف:مكتب خلفي]]"),
        _page("تسوية", "[[سجلات]] [[Category:مكتب_خلفي]]"),
        _page("سجلات", "[[تداول]] [[تصنيف:سجلات مالية]]"),
        _page("تداول", "[[مقاصة]] [[تصنيف:مكتب أمامي]]"),
        siteinfo=ARABIC_SITEINFO), encoding="utf-8")
    result = run_termgraph(["path", "--from-category", "مكتب خلفي", "--to-category", "تصنيف:مكتب_أمامي"], tmp_path)
    assert result.returncode == 0, result.describe()
    assert result.json == {"from": "مكتب خلفي", "to": "تصنيف:مكتب_أمامي", "length": 2, "paths": [["تسوية", "سجلات", "تداول"]]}
    unknown = run_termgraph(["path", "--from-category", "مكتب أوسط", "--to-category", "مكتب أمامي"], tmp_path)
    assert unknown.returncode == 2


def _problems(folder: Path) -> list[str]:
    check = run_termgraph(["check", "--format", "json"], folder, json_output=False)
    return [f"{Path(p['file']).name}:{p.get('line')}: {p['kind']}: {p['message']}"
            for p in json.loads(check.stdout)["problems"] if p["kind"] != "wanted-link"]


def _slugs(folder: Path) -> list[str]:
    return [a["slug"] for a in run_termgraph(["links"], folder).json["articles"]]


def test_a_billion_laughs_and_an_external_entity_never_expand(tmp_path):
    laughs = "<!ENTITY lol \"lol\">" + "".join(
        f"<!ENTITY lol{i} \"{('&lol' + (str(i - 1) if i > 1 else '') + ';') * 10}\">" for i in range(1, 10))
    (tmp_path / "bomb.xml").write_text(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki [" + laughs + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<mediawiki>\n"
        "<page><title>Bomb</title><ns>0</ns><revision><text>[[A]] &lol9; [[B]]</text></revision></page>\n"
        "<page><title>Leak</title><ns>0</ns><revision><text>[[C]] &xxe; [[&xxe;]]</text></revision></page>\n"
        "</mediawiki>\n", encoding="utf-8")
    (tmp_path / "other.xml").write_text(_dump(_page("Other", "[[Bomb]]")), encoding="utf-8")
    assert _slugs(tmp_path) == ["Bomb", "Leak", "Other"]
    export = run_termgraph(["export", "--format", "graphml", "--output", "-"], tmp_path, json_output=False)
    assert export.returncode == 0 and "root:" not in export.stdout and "lollol" not in export.stdout
    assert _problems(tmp_path) == [
        "bomb.xml:2: encoding: the dump declares a DOCTYPE, which dumps never have; it is ignored, and no entity it declares is expanded",
        "bomb.xml:4: encoding: page \"Bomb\" uses the entity &lol9;, which no dump declares; it is read as text",
        "bomb.xml:5: encoding: page \"Leak\" uses the entity &xxe;, which no dump declares; it is read as text",
    ]


def _real_dump(shared_corpora) -> Path:
    return shared_corpora("mediawiki-xml") / "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"


def test_a_truncated_bz2_keeps_the_pages_before_the_cut(shared_corpora, tmp_path):
    data = _real_dump(shared_corpora).read_bytes()
    whole = bz2.decompress(data)
    (tmp_path / "cut.xml.bz2").write_bytes(data[: len(data) * 3 // 4])
    (tmp_path / "other.xml").write_text(_dump(_page("Other", "[[April]]")), encoding="utf-8")
    slugs = _slugs(tmp_path)
    # bzip2 blocks are independent: the pages in the whole blocks before the cut are read, in order.
    full = [title.replace(" ", "_") for title, _ in Wiki(_real_dump(shared_corpora)).pages]
    assert slugs[-1] == "Other" and 10 < len(slugs) - 1 < len(full)
    assert slugs[:-1] == full[: len(slugs) - 1]
    readable = bz2.BZ2Decompressor().decompress(data[: len(data) * 3 // 4])
    assert len(readable) < len(whole)
    problems = [p for p in _problems(tmp_path) if ": encoding: " in p]
    lines = readable.count(b"\n") + 1
    assert len(problems) == 1
    assert re.fullmatch(rf'cut\.xml\.bz2:{lines}: encoding: the bzip2 data ends early: the file is truncated'
                        r' \(in page "[^"]+"\); the pages before it are read', problems[0]), problems


def test_a_damaged_bz2_is_reported(shared_corpora, tmp_path):
    data = bytearray(_real_dump(shared_corpora).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "bad.xml.bz2").write_bytes(bytes(data))
    problems = [p for p in _problems(tmp_path) if ": encoding: " in p]
    assert len(problems) == 1 and "the bzip2 data is damaged (a block's checksum does not match)" in problems[0], problems
    assert len(_slugs(tmp_path)) > 10


def test_invalid_utf8_is_reported_with_the_page(tmp_path):
    good = _dump(_page("Good", "[[مكتب]]")).encode()
    bad = b"<mediawiki>\n<page><title>Bad</title><ns>0</ns><revision><text>[[X]]\n\xff\xfe [[Y]]</text></revision></page>\n</mediawiki>\n"
    (tmp_path / "a.xml").write_bytes(bad)
    (tmp_path / "b.xml").write_bytes(good)
    assert _slugs(tmp_path) == ["Bad", "Good"]
    assert _problems(tmp_path) == [
        "a.xml:3: encoding: page \"Bad\" holds bytes that are not UTF-8 or are control characters; they are read as U+FFFD"]


def test_a_very_large_text_is_streamed_and_left_out(tmp_path):
    """A page of 12 MB of text in a .bz2 (past the 8 MB bound, written and compressed as a
    stream here), then a page after it: memory stays far below the text's size × a few."""
    line = ("[[Link]] and more words to fill the line. " * 3 + "\n").encode()
    with bz2.open(tmp_path / "big.xml.bz2", "wb") as out:
        out.write(b"<mediawiki>\n<page><title>Huge</title><ns>0</ns><revision><text>")
        for _ in range((12 << 20) // (len(line) * 1000)):
            out.write(line * 1000)
        out.write(b"</text></revision></page>\n<page><title>After</title><ns>0</ns><revision><text>[[B]]</text></revision></page>\n</mediawiki>\n")
    assert _slugs(tmp_path) == ["After"]
    if Path("/usr/bin/time").exists():
        timed = subprocess.run(["/usr/bin/time", "-f", "%M", str(conftest._active_bin), "stats", "--corpus", str(tmp_path), "--no-cache"],
                               capture_output=True, text=True)
        peak_mb = int(timed.stderr.strip().splitlines()[-1]) / 1024
        print(f"\npeak memory of termgraph on a 12 MB page: {peak_mb:.0f} MB")
        assert peak_mb < 200
    assert _problems(tmp_path) == [
        "big.xml.bz2:2: unreadable: page \"Huge\" has a text of more than 8 MB (MediaWiki stores none over 2 MB); it is left out"]


def test_the_index_keeps_a_dumps_articles_and_problems(tmp_path):
    """The dump's articles and its problems are stored under the dump's one stamp: a second
    look reads no XML and answers the same; a changed dump is read again."""
    corpus, cache = tmp_path / "wiki", tmp_path / "cache"
    corpus.mkdir()
    dump = corpus / "wiki.xml"
    dump.write_text(_dump(_page("Bank", "[[Money]] [[Category:Banks]]"), _page("Banks", "#REDIRECT [[Bank]]"),
                          _page("Nowhere", "#REDIRECT [[Missing]]")), encoding="utf-8")
    cached = ["--cache-dir", cache]
    first = run_termgraph(["check", "--format", "json", *cached], corpus, json_output=False)
    second = run_termgraph(["check", "--format", "json", *cached], corpus, json_output=False)
    assert (cache / "articles.bin").exists()
    assert first.stdout == second.stdout
    assert [p["kind"] for p in json.loads(second.stdout)["problems"]] == ["wanted-link", "broken-redirect"]
    dump.write_text(_dump(_page("Bank", "[[Money]]"), _page("Money", "[[Bank]]")), encoding="utf-8")
    third = run_termgraph(["check", "--format", "json", *cached], corpus, json_output=False)
    assert json.loads(third.stdout)["problems"] == []
    assert [a["slug"] for a in run_termgraph(["links", *cached], corpus).json["articles"]] == ["Bank", "Money"]
