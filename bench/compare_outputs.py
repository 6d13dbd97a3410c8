#!/usr/bin/env python3
"""Prove that two termgraph binaries give byte-identical answers.

    python3 bench/compare_outputs.py --old OLD/termgraph --new NEW/termgraph \
        [--shared ../shared] [--work DIR] [--keep]

Both binaries are run with the same arguments on every corpus, and their
standard output, standard error and exit code are compared byte for byte
(and, for `export`, every file written). Exit code 0 only when everything is
identical, 1 when anything differs or times out, 2 on bad usage.

Corpora
-------
- `embedded`: `corpus/` of this repository.
- every `SHARED/corpora/*.tar.xz` (SHARED defaults to `../shared` next to the
  repository), unpacked once into WORK/corpora/<archive>/ and reused on later
  runs with the same --work (a stamp file records the archive's size and
  modification time). When SHARED/corpora is absent the script says so and
  compares only the embedded corpus.

The folder passed as `--corpus` is found like this: the archive's single top
folder; then, if that folder holds nothing but one folder and licence files
(LICENSE*, LICENCE*, COPYING*, NOTICE*), that one folder, since it is the site's
content root that root-relative links (`/learn/x`, `/wallets/`) are written
against. On the archives in ../shared this gives:

    ar-react-dev         ar-react-dev/content   (content/**/*.md; links /learn/x)
    hugo-docs-en         hugo-docs-en/en        (en/**/*.md; links /functions/…)
    ethereum-org-2024    ethereum-org-2024/content (content/**/index.md + translations/)
    mdn-ar-rendered      mdn-ar-rendered/ar     (ar/**/index.html)
    obsidian-tasks-docs  obsidian-tasks-docs    (the archive's top folder *is* the
                                                 upstream docs/ vault, .obsidian/ kept)
    foam-docs            foam-docs              (likewise the upstream docs/ workspace)
    mediawiki-xml        mediawiki-xml          (the .xml / .xml.bz2 dumps themselves)

The chosen folder is printed in the result table.

What is compared, per corpus
----------------------------
Every command gets `--no-cache --corpus DIR`. The two binaries run in two
sibling working folders (WORK/runs/<corpus>/old and …/new) with identical
layout, and every path on the command line is relative (the corpus path, the
`--out-dir`, the `--cache-dir`), so outputs that print paths (`export`, `check`)
must match exactly with no normalisation.

- `export --format all --out-dir out-all` and `export --no-stubs --out-dir
  out-nostubs`: stdout, stderr, exit code, and every file under the out dir;
- `check --json`, `stats --json`, `stats`, `links --json`, and `orphans --kind
  K` and `orphans --kind K --json` for K in orphan, wanted, dead-end, isolated;
- QUERIES (default 50) query pairs (A, B), each asked as
    `path A B`, `path A B --json`, `path A B --undirected --all --limit 20 --json`,
    `neighbors A --depth 2 --json`, `neighbors A --direction in`
  (identical command lines are asked once). The pairs are drawn with a fixed
  seed (the corpus name) from the old binary's own answers: slugs (articles and
  wanted terms) from its GraphML export, titles and aliases from the same,
  anchor texts from `links --json`; plus Arabic forms with prefixes (on the
  embedded corpus "المكتب الأمامي", "بالتسوية", "والمكتب الأوسط", and on any
  corpus forms made from its Arabic titles by adding ال / و / بال), and unknown
  terms (nonsense, a title with a letter dropped, an unknown Arabic term) so
  "no term" and "did you mean" answers are compared too. Of 50 pairs: 20
  slug/slug, 12 title/title, 6 anchor/anchor, 4 alias→slug, 4 Arabic-prefix,
  4 unknown; a pool that is empty falls back to the next one.
- on corpora with categories (`stats --json`): `path --from-category X
  --to-category Y` as text and `--json`, for up to 16 ordered pairs and one
  unknown category.
- with the on-disk index: each binary gets its own `--cache-dir cache` (in its
  own working folder) instead of `--no-cache`, and every query above plus the
  non-export commands is run twice: pass 1 starts from an empty index (its first
  command runs alone and builds it, later ones add the term tables), pass 2
  answers from the index. Each answer (stdout, stderr, exit code) must equal
  the same binary's `--no-cache` answer.

Commands of one corpus run on a pool of 2 threads; each has a 120 s timeout
(--timeout), and a timeout is a difference. Each comparison counts as one
answer: old vs new for every command, and cached vs uncached for every
cached run of either binary.

Output: a table (corpus, folder, answers compared, identical, differing,
seconds), then each difference with its command and a short unified diff
(first 20 lines of each differing stream; at most --max-diffs differences per
corpus in full), then e.g. "1234 answers compared, 1234 identical".
"""
from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import difflib
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
THREADS = 2
DIFF_LINES = 20
SIDES = ("old", "new")
ORPHAN_KINDS = ("orphan", "wanted", "dead-end", "isolated")
EMBEDDED_ARABIC = ("المكتب الأمامي", "بالتسوية", "والمكتب الأوسط")
LICENCE_RE = re.compile(r"^(licen[cs]e|copying|notice)([-._ ].*)?$", re.IGNORECASE)
ARABIC_WORD_RE = re.compile(r"^[\u0621-\u064A]+$")
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Cmd:
    """One command line, without the corpus and cache options."""

    args: tuple[str, ...]
    out_dir: str | None = None  # export: the out dir whose files are compared
    cacheable: bool = True  # also run against the on-disk index

    def show(self) -> str:
        return "termgraph " + shlex.join(self.args)


@dataclasses.dataclass
class Result:
    stdout: bytes = b""
    stderr: bytes = b""
    rc: int | None = None
    timed_out: bool = False
    error: str | None = None  # the binary could not be started
    files: dict[str, Path] | None = None  # export: relative path -> file
    seconds: float = 0.0


class Runner:
    def __init__(self, binaries: dict[str, Path], timeout: float, pool):
        self.binaries = binaries
        self.timeout = timeout
        self.pool = pool

    def run_one(self, side: str, cwd: Path, corpus_rel: str, cmd: Cmd, cached: bool) -> Result:
        argv = [str(self.binaries[side]), *cmd.args]
        argv += ["--cache-dir", "cache"] if cached else ["--no-cache"]
        argv += ["--corpus", corpus_rel]
        env = dict(os.environ)
        env["XDG_CACHE_HOME"] = str(cwd / "xdg-cache")  # never touch the user's cache
        if cmd.out_dir:
            shutil.rmtree(cwd / cmd.out_dir, ignore_errors=True)
        result = Result()
        start = time.perf_counter()
        try:
            proc = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=self.timeout)
            result.stdout, result.stderr, result.rc = proc.stdout, proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as e:
            result.timed_out = True
            result.stdout, result.stderr = e.stdout or b"", e.stderr or b""
        except OSError as e:
            result.error = f"could not run {argv[0]}: {e}"
        result.seconds = time.perf_counter() - start
        if cmd.out_dir:
            result.files = {}
            root = cwd / cmd.out_dir
            for folder, _, names in os.walk(root):
                for name in names:
                    path = Path(folder) / name
                    result.files[path.relative_to(root).as_posix()] = path
        return result

    def run_batch(self, cwds: dict[str, Path], corpus_rel: str, cmds: list[Cmd],
                  cached: bool = False, first_alone: bool = False) -> dict[tuple[str, Cmd], Result]:
        """Run every command with both binaries on the pool; old and new of one
        command are queued next to each other. With first_alone the first
        command (both binaries) finishes before any other starts."""
        jobs = [(side, cmd) for cmd in cmds for side in SIDES]
        results: dict[tuple[str, Cmd], Result] = {}

        def submit(batch):
            futures = {self.pool.submit(self.run_one, side, cwds[side], corpus_rel, cmd, cached): (side, cmd)
                       for side, cmd in batch}
            for future, key in futures.items():
                results[key] = future.result()

        if first_alone and jobs:
            submit(jobs[:2])
            jobs = jobs[2:]
        submit(jobs)
        return results


# --------------------------------------------------------------------------
# Comparing
# --------------------------------------------------------------------------


def short_diff(a: bytes, b: bytes, name_a: str, name_b: str, limit: int = DIFF_LINES) -> list[str]:
    """The first `limit` lines of a unified diff of a and b, computed on a
    window around the first difference so huge outputs stay fast."""
    al, bl = a.splitlines(keepends=True), b.splitlines(keepends=True)
    n = min(len(al), len(bl))
    i = 0
    while i < n and al[i] == bl[i]:
        i += 1
    j = 0
    while j < n - i and al[-1 - j] == bl[-1 - j]:
        j += 1
    lo = max(0, i - 3)
    a_win = al[lo:min(len(al) - j, i + 40) + 3]
    b_win = bl[lo:min(len(bl) - j, i + 40) + 3]
    lines = []
    for raw in difflib.diff_bytes(difflib.unified_diff, a_win, b_win,
                                  name_a.encode(), name_b.encode(), n=3):
        line = raw.decode("utf-8", "replace")
        m = re.match(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", line)
        if m and lo:  # hunk positions relative to the window -> to the file
            line = (f"@@ -{int(m.group(1)) + lo}{m.group(2) or ''} "
                    f"+{int(m.group(3)) + lo}{m.group(4) or ''} @@" + line[m.end():])
        if not line.endswith("\n"):
            line += "  [no newline at end]\n"
        lines.append(line.rstrip("\n"))
        if len(lines) >= limit:
            lines.append("  …")
            break
    if not lines:
        lines = [f"  (they differ in bytes not shown line by line: {len(a)} vs {len(b)} bytes)"]
    return lines


def describe_status(r: Result, timeout: float) -> str:
    if r.error:
        return r.error
    if r.timed_out:
        return f"timed out after {timeout:g} s"
    if r.rc is not None and r.rc < 0:
        return f"killed by signal {-r.rc}"
    return f"exit code {r.rc}"


def compare(a: Result, b: Result, la: str, lb: str, timeout: float) -> list[str]:
    """Why a and b differ (empty when identical), as display lines."""
    out: list[str] = []
    for r, label in ((a, la), (b, lb)):
        if r.timed_out or r.error:
            out.append(f"  {label}: {describe_status(r, timeout)}")
    if not out and a.rc != b.rc:
        out.append(f"  {describe_status(a, timeout)} ({la}) vs {describe_status(b, timeout)} ({lb})")
    for stream in ("stdout", "stderr"):
        x, y = getattr(a, stream), getattr(b, stream)
        if x != y:
            out.append(f"  {stream} differs:")
            out += ["    " + line for line in short_diff(x, y, f"{la}/{stream}", f"{lb}/{stream}")]
    if a.files is not None or b.files is not None:
        fa, fb = a.files or {}, b.files or {}
        for name in sorted(set(fa) | set(fb)):
            if name not in fb:
                out.append(f"  file {name}: written only by {la}")
            elif name not in fa:
                out.append(f"  file {name}: written only by {lb}")
            else:
                x, y = fa[name].read_bytes(), fb[name].read_bytes()
                if x != y:
                    out.append(f"  file {name} differs:")
                    out += ["    " + line for line in short_diff(x, y, f"{la}/{name}", f"{lb}/{name}")]
    return out


# --------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------


def corpus_root(unpacked: Path) -> Path:
    """The folder to pass as --corpus for an unpacked archive (see the module
    docstring)."""
    entries = [e for e in unpacked.iterdir() if not e.name.startswith(".")]
    top = entries[0] if len(entries) == 1 and entries[0].is_dir() else unpacked
    inner = [e for e in top.iterdir() if not e.name.startswith(".") and not LICENCE_RE.match(e.name)]
    if len(inner) == 1 and inner[0].is_dir():
        return inner[0]
    return top


def unpack(archive: Path, corpora_dir: Path) -> tuple[Path, bool]:
    """Unpack archive into corpora_dir/<name>/ unless an up-to-date copy is
    there; returns (folder, reused)."""
    name = archive.name[: -len(".tar.xz")]
    target = corpora_dir / name
    stamp = corpora_dir / f"{name}.stamp"
    st = archive.stat()
    want = json.dumps({"archive": str(archive.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns})
    if target.is_dir() and stamp.exists() and stamp.read_text() == want:
        return target, True
    shutil.rmtree(target, ignore_errors=True)
    partial = corpora_dir / f".partial-{name}-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with tarfile.open(archive, "r:xz") as tar:
        tar.extractall(partial, filter="data")
    partial.rename(target)
    stamp.write_text(want)
    return target, False


# --------------------------------------------------------------------------
# Choosing the questions
# --------------------------------------------------------------------------


def usable_term(t: str) -> bool:
    return bool(t.strip()) and not t.startswith("-") and "\x00" not in t and len(t) <= 200


def read_terms(old: dict[tuple[str, Cmd], Result], export_cmd: Cmd, links_cmd: Cmd,
               stats_cmd: Cmd) -> dict[str, list[str]]:
    """Term pools from the old binary's own answers, each sorted by UTF-8
    bytes so the seeded sample does not depend on the order read."""
    slugs, titles, aliases, anchors, categories = set(), set(), set(), set(), []
    res = old.get(("old", export_cmd))
    graphml = (res.files or {}).get("graph.graphml") if res else None
    if graphml:
        try:
            root = ET.parse(graphml).getroot()
            keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML_NS}key")}
            for node in root.iter(f"{GRAPHML_NS}node"):
                data = {keys.get(d.get("key")): d.text or "" for d in node.findall(f"{GRAPHML_NS}data")}
                if data.get("slug"):
                    slugs.add(data["slug"])
                if data.get("label") and data.get("stub") != "true":
                    titles.add(data["label"])
                try:
                    aliases.update(a for a in json.loads(data.get("aliases") or "[]") if isinstance(a, str))
                except ValueError:
                    pass
        except (ET.ParseError, OSError) as e:
            print(f"  note: could not read the old binary's GraphML: {e}", file=sys.stderr)
    res = old.get(("old", links_cmd))
    if res and res.rc == 0:
        try:
            for article in json.loads(res.stdout).get("articles", []):
                if article.get("slug"):
                    slugs.add(article["slug"])
                for link in article.get("links", []):
                    if link.get("resolution") in ("article", "wanted"):
                        if link.get("slug"):
                            slugs.add(link["slug"])
                        if link.get("text"):
                            anchors.add(link["text"])
        except (ValueError, AttributeError) as e:
            print(f"  note: could not read the old binary's links --json: {e}", file=sys.stderr)
    res = old.get(("old", stats_cmd))
    if res:
        try:
            cats = json.loads(res.stdout).get("categories") or {}
            categories = list(cats) if isinstance(cats, dict) else []
        except (ValueError, AttributeError):
            pass

    def pool(items):
        return sorted({t for t in items if usable_term(t)}, key=lambda s: s.encode())

    return {"slug": pool(slugs), "title": pool(titles), "alias": pool(aliases),
            "anchor": pool(anchors), "category": pool(categories)}


def arabic_prefixed(title: str, rng: random.Random) -> str:
    """A form of an Arabic title that lookup should find by dropping
    prefixes: ال on every Arabic word, then و or ف, or بال on a single word."""
    words = title.split()
    with_al = [w if w.startswith("ال") or not ARABIC_WORD_RE.match(w) else "ال" + w for w in words]
    forms = [" ".join(with_al)]
    if ARABIC_WORD_RE.match(words[0]) and not words[0].startswith(("و", "ف")):
        forms += ["و" + " ".join(with_al), "ف" + " ".join(with_al)]
    if len(words) == 1 and ARABIC_WORD_RE.match(words[0]) and not words[0].startswith("ال"):
        forms.append("بال" + words[0])
    return rng.choice(forms)


def misspelled(term: str, rng: random.Random) -> str:
    if len(term) < 4:
        return term + "q"
    i = rng.randrange(1, len(term) - 1)
    return term[:i] + term[i + 1:]


def query_pairs(name: str, pools: dict[str, list[str]], count: int) -> list[tuple[str, str]]:
    rng = random.Random(f"termgraph compare_outputs {name}")

    def pick(*kinds: str, fallback: str = "zzqx-no-such-term") -> str:
        for kind in kinds:
            if pools.get(kind):
                return rng.choice(pools[kind])
        return fallback

    def sample(kind: str, k: int) -> list[str]:
        p = pools.get(kind) or []
        if len(p) >= k:
            return rng.sample(p, k)
        return p + [rng.choice(p) for _ in range(k - len(p))] if p else []

    shares = {"slug": 20, "title": 12, "anchor": 6, "alias": 4, "arabic": 4, "unknown": 4}
    scaled = {k: v * count // 50 for k, v in shares.items()}
    scaled["slug"] += count - sum(scaled.values())
    fallbacks = {"slug": ("slug",), "title": ("title", "slug"), "anchor": ("anchor", "title", "slug"),
                 "alias": ("alias", "title", "slug")}
    pairs: list[tuple[str, str]] = []
    for kind in ("slug", "title", "anchor"):
        n = scaled[kind]
        chain = next((k for k in fallbacks[kind] if pools.get(k)), None)
        if chain is None:
            pairs += [(f"no-such-{kind}-{i}", f"no-such-{kind}-{i + 1}") for i in range(n)]
            continue
        a, b = sample(chain, n), sample(chain, n)
        pairs += list(zip(a, b))
    for _ in range(scaled["alias"]):
        pairs.append((pick("alias", "title", "slug"), pick("slug")))
    arabic_titles = [t for t in pools.get("title", []) if t.split() and ARABIC_WORD_RE.match(t.split()[0])]
    fixed = list(EMBEDDED_ARABIC) if name == "embedded" else []
    for i in range(scaled["arabic"]):
        if i < len(fixed):
            a = fixed[i]
        elif arabic_titles:
            a = arabic_prefixed(rng.choice(arabic_titles), rng)
        else:
            a = pick("title", "anchor", "slug")
        pairs.append((a, pick("title", "slug")))
    unknown = [
        lambda: ("zzqx-no-such-term", pick("slug")),
        lambda: (pick("slug"), misspelled(pick("title", "slug", fallback="settlement"), rng)),
        lambda: ("مصطلح غير موجود إطلاقا", pick("title", "slug")),
        lambda: (misspelled(pick("slug", fallback="front-office"), rng), "zzqx-no-such-term"),
    ]
    for i in range(scaled["unknown"]):
        pairs.append(unknown[i % len(unknown)]())
    return pairs


def query_commands(pairs: list[tuple[str, str]], categories: list[str], name: str) -> list[Cmd]:
    cmds: list[Cmd] = []
    for a, b in pairs:
        cmds += [
            Cmd(("path", a, b)),
            Cmd(("path", a, b, "--json")),
            Cmd(("path", a, b, "--undirected", "--all", "--limit", "20", "--json")),
            Cmd(("neighbors", a, "--depth", "2", "--json")),
            Cmd(("neighbors", a, "--direction", "in")),
        ]
    if categories:
        rng = random.Random(f"termgraph compare_outputs categories {name}")
        cat_pairs = [(x, y) for x in categories for y in categories]
        if len(cat_pairs) > 16:
            cat_pairs = rng.sample(cat_pairs, 16)
        cat_pairs.append((categories[0], "zzqx-no-such-category"))
        for x, y in cat_pairs:
            cmds.append(Cmd(("path", "--from-category", x, "--to-category", y)))
            cmds.append(Cmd(("path", "--from-category", x, "--to-category", y, "--json")))
    return list(dict.fromkeys(cmds))  # identical command lines once, in order


# --------------------------------------------------------------------------
# One corpus
# --------------------------------------------------------------------------


@dataclasses.dataclass
class CorpusReport:
    name: str
    folder: str
    compared: int = 0
    identical: int = 0
    differences: list[tuple[str, list[str]]] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    commands: int = 0
    cached_runs: int = 0


def compare_corpus(name: str, folder: Path, runs_dir: Path, runner: Runner, queries: int) -> CorpusReport:
    start = time.perf_counter()
    report = CorpusReport(name, str(folder))
    base = runs_dir / name
    shutil.rmtree(base, ignore_errors=True)
    cwds = {side: base / side for side in SIDES}
    for cwd in cwds.values():
        cwd.mkdir(parents=True)
    corpus_rel = os.path.relpath(folder, cwds["old"])  # the same string from both
    timeout = runner.timeout

    def record(label: str, cmd: Cmd, diff: list[str]) -> None:
        report.compared += 1
        if diff:
            report.differences.append((f"{label}: {cmd.show()}", diff))
        else:
            report.identical += 1

    export_all = Cmd(("export", "--format", "all", "--out-dir", "out-all"), out_dir="out-all", cacheable=False)
    export_nostubs = Cmd(("export", "--no-stubs", "--out-dir", "out-nostubs"), out_dir="out-nostubs", cacheable=False)
    links_json = Cmd(("links", "--json"))
    stats_json = Cmd(("stats", "--json"))
    fixed = [export_all, export_nostubs, Cmd(("check", "--json")), stats_json, Cmd(("stats",)), links_json]
    for kind in ORPHAN_KINDS:
        fixed += [Cmd(("orphans", "--kind", kind)), Cmd(("orphans", "--kind", kind, "--json"))]

    # 1. fixed commands, old vs new
    plain = runner.run_batch(cwds, corpus_rel, fixed)
    # 2. the questions, drawn from the old binary's answers
    pools = read_terms(plain, export_all, links_json, stats_json)
    pairs = query_pairs(name, pools, queries)
    qcmds = query_commands(pairs, pools["category"], name)
    plain.update(runner.run_batch(cwds, corpus_rel, qcmds))
    all_cmds = fixed + qcmds
    for cmd in all_cmds:
        record("old vs new", cmd, compare(plain[("old", cmd)], plain[("new", cmd)], "old", "new", timeout))
    report.commands = len(all_cmds)

    # 3. with the on-disk index: pass 1 builds it, pass 2 answers from it
    cached_cmds = [c for c in all_cmds if c.cacheable]
    # start pass 1 with a lookup by title so the term tables get built early
    titles_only = set(pools["title"]) - set(pools["slug"])
    title_first = next((c for c in cached_cmds if c.args[0] == "path" and c.args[1] in titles_only), None)
    if title_first:
        cached_cmds.remove(title_first)
        cached_cmds.insert(0, title_first)
    for n in (1, 2):
        cached = runner.run_batch(cwds, corpus_rel, cached_cmds, cached=True, first_alone=(n == 1))
        for cmd in cached_cmds:
            for side in SIDES:
                record(f"{side}: index pass {n} vs --no-cache", cmd,
                       compare(plain[(side, cmd)], cached[(side, cmd)], f"{side}/no-cache",
                               f"{side}/index-pass{n}", timeout))
        report.cached_runs += 2 * len(cached_cmds)
    report.seconds = time.perf_counter() - start
    return report


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def executable(path: str) -> Path:
    p = Path(path).expanduser().resolve()
    if not p.is_file() or not os.access(p, os.X_OK):
        raise argparse.ArgumentTypeError(f"{path} is not an executable file")
    return p


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, type=executable, help="the reference termgraph binary")
    ap.add_argument("--new", required=True, type=executable, help="the termgraph binary to check")
    ap.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared",
                    help="the shared folder holding corpora/*.tar.xz (default: ../shared)")
    ap.add_argument("--work", type=Path, help="work folder (default: a temporary folder); "
                    "unpacked corpora in it are reused on later runs")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (outputs, indexes)")
    ap.add_argument("--queries", type=int, default=50, help="query pairs per corpus (default 50)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per command (default 120)")
    ap.add_argument("--only", action="append", metavar="NAME",
                    help="compare only this corpus (embedded or an archive name); repeatable")
    ap.add_argument("--max-diffs", type=int, default=50,
                    help="differences shown in full per corpus (0: all; default 50)")
    args = ap.parse_args()
    try:
        sys.stdout.reconfigure(errors="replace")
    except AttributeError:
        pass
    t0 = time.perf_counter()

    made_work = args.work is None
    work = Path(tempfile.mkdtemp(prefix="termgraph-compare-")) if made_work else args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    corpora_dir, runs_dir = work / "corpora", work / "runs"
    corpora_dir.mkdir(exist_ok=True)

    # (name, the folder passed as --corpus, the folder its name is shown relative to)
    corpora: list[tuple[str, Path, Path]] = [("embedded", REPO_ROOT / "corpus", REPO_ROOT)]
    shared_corpora = args.shared.resolve() / "corpora"
    archives = sorted(shared_corpora.glob("*.tar.xz")) if shared_corpora.is_dir() else []
    notes: list[str] = []
    if not shared_corpora.is_dir():
        notes.append(f"NOTE: {shared_corpora} is absent; compared only the embedded corpus "
                     "(pass --shared DIR to add the real corpora)")
    elif not archives:
        notes.append(f"NOTE: no *.tar.xz in {shared_corpora}; compared only the embedded corpus")
    for note in notes:
        print(note, file=sys.stderr)
    if args.only:
        wanted = set(args.only)
        corpora = [c for c in corpora if c[0] in wanted]
        archives = [a for a in archives if a.name[: -len(".tar.xz")] in wanted]

    reports: list[CorpusReport] = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=THREADS) as pool:
            if archives:
                t = time.perf_counter()
                unpacked = list(pool.map(lambda a: unpack(a, corpora_dir), archives))
                reused = sum(r for _, r in unpacked)
                print(f"corpora: {len(archives)} archives in {corpora_dir} "
                      f"({reused} reused, {len(archives) - reused} unpacked in {time.perf_counter() - t:.1f} s)",
                      file=sys.stderr)
                corpora += [(a.name[: -len(".tar.xz")], corpus_root(folder), folder)
                            for a, (folder, _) in zip(archives, unpacked)]
            runner = Runner({"old": args.old, "new": args.new}, args.timeout, pool)
            for name, folder, shown_from in corpora:
                if not folder.is_dir():
                    notes.append(f"NOTE: corpus {name} ({folder}) is missing; skipped")
                    print(notes[-1], file=sys.stderr)
                    continue
                print(f"{name}: comparing …", file=sys.stderr, flush=True)
                r = compare_corpus(name, folder, runs_dir, runner, args.queries)
                r.folder = (folder.relative_to(shown_from).as_posix() or ".") + "/"
                print(f"{name}: {r.compared} answers compared, {r.identical} identical "
                      f"({r.commands} commands × 2 binaries, {r.cached_runs} runs with the index; "
                      f"{r.seconds:.1f} s)", file=sys.stderr, flush=True)
                reports.append(r)
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        elif made_work:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(runs_dir, ignore_errors=True)

    # the table
    header = ("corpus", "--corpus folder", "commands", "compared", "identical", "differ", "seconds")
    rows = [(r.name, r.folder, str(r.commands), str(r.compared), str(r.identical),
             str(r.compared - r.identical), f"{r.seconds:.1f}") for r in reports]
    total = sum(r.compared for r in reports)
    same = sum(r.identical for r in reports)
    rows.append(("total", "", str(sum(r.commands for r in reports)), str(total), str(same),
                 str(total - same), f"{time.perf_counter() - t0:.1f}"))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print()
    for k, row in enumerate([header, *rows]):
        if k == len(rows):
            print("  ".join("-" * w for w in widths))
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    print("(commands: distinct command lines, each run by both binaries with --no-cache; "
          "compared: those old-vs-new answers plus every run with the on-disk index "
          "checked against the same binary's --no-cache answer)")

    for r in reports:
        if not r.differences:
            continue
        print(f"\n== {r.name}: {len(r.differences)} differences")
        for k, (what, lines) in enumerate(r.differences):
            if args.max_diffs and k >= args.max_diffs:
                print(f"\n… and {len(r.differences) - k} more differences in {r.name} "
                      f"(--max-diffs 0 shows all):")
                for more, _ in r.differences[k:k + 200]:
                    print(f"  {more}")
                if len(r.differences) - k > 200:
                    print("  …")
                break
            print(f"\n{what}")
            for line in lines:
                print(line)
    for note in notes:
        print(f"\n{note}")
    print(f"\n{total} answers compared, {same} identical")
    return 0 if total == same and reports else 1


if __name__ == "__main__":
    sys.exit(main())
