"""Whatever happens to the on-disk index, a query answers as with `--no-cache`: it never
crashes, hangs, refuses or answers wrongly.

The embedded glossary is copied to a temporary folder and indexed into a temporary
`--cache-dir` (graph.bin, articles.bin and terms.bin). Before each trial a fresh copy of that
good index is put in the trial's own folder and one of its files is damaged, the damage drawn
from the trial's seed: truncated (to 0 bytes, to one byte short, to a random length), bits
flipped, small numbers turned negative (bit 0 of bytes below 0x80: the sign of a zigzag varint),
a run overwritten with 0x00, 0xFF or random bytes, a chunk duplicated or deleted; random damage
in the last 30% of graph.bin (where the CSR offset arrays are written); a link's line number in
articles.bin made negative (found after its anchor text, known from the `links` answer: the one
place where the test looks inside a file); the file missing, holding another index file's
content, swapped with another index file, replaced by the same file of another corpus's index
(a 3-article corpus with the same `termgraph.yml`, so that even the header matches), by a
symlink to /dev/zero or by a FIFO.

Every query of QUERIES then runs twice (the first run may rebuild the index; the second must be
right too: a rebuilt index must be good) and each run must answer exactly as `--no-cache` does:
same exit code, same stdout, same exported file (a note on stderr that the index was rebuilt is
allowed). A run killed by a signal or exiting with 128 or more (a trap, 132/133/134) is a crash; one
still running after RUN_TIMEOUT seconds (a FIFO opened for reading blocks) is a hang; exit 0
with anything but the expected answer is a wrong answer.

Environment: TERMGRAPH_TAMPER_TRIALS (default 40) random trials per index file, shared out
between the random corruption kinds (rounded up; the fixed kinds run once each on top);
TERMGRAPH_TAMPER_SEED (default 1) moves every trial's
seed. A failure names, per trial, the seed, the damage done, the failing runs, and a command
that replays a run against a copy of the damaged index kept under pytest's temporary folder.
Replay with that copy: the index holds a random build number, so in another session the same
seed can land on a neighbouring byte.
"""

from __future__ import annotations

import json
import math
import os
import random
import shlex
import shutil
import signal
import subprocess
import time
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from conftest import REPO_ROOT, WORKERS

INDEX_FILES = ("graph.bin", "articles.bin", "terms.bin")
TRIALS = int(os.environ.get("TERMGRAPH_TAMPER_TRIALS", "40"))
BASE_SEED = int(os.environ.get("TERMGRAPH_TAMPER_SEED", "1"))
RUN_TIMEOUT = 20  # seconds; a run that takes longer hangs
EXPORT_NAME = "graph.graphml"  # written in the run's working folder, so stdout is the same
REPLAY_COPY = "damaged"  # where a failed trial's damaged index is made again, before any run


# ---------------------------------------------------------------------------
# Queries and running them
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    args: tuple[str, ...]
    writes: str | None = None  # a file the query writes (relative to its working folder)
    # Run in the corpus folder rather than the trial's: `check` writes paths relative to the
    # current folder, which must be the same in every run.
    in_corpus: bool = False

    @property
    def name(self) -> str:
        return shlex.join(["termgraph", *self.args])


QUERIES = (
    Query(("path", "المكتب الأمامي", "حفظ السجلات", "--json")),
    Query(("path", "frontoffice", "settlement", "--all", "--json")),
    Query(("neighbors", "تسوية", "--depth", "2", "--json")),
    Query(("orphans", "--json")),
    Query(("orphans", "--kind", "wanted", "--json")),
    Query(("stats", "--json")),
    Query(("check", "--json"), in_corpus=True),
    Query(("links", "--json")),
    Query(("export", "--format", "graphml", "--output", EXPORT_NAME), writes=EXPORT_NAME),
)


@dataclass(frozen=True)
class Answer:
    """What one run did; `returncode` is None when it did not finish within RUN_TIMEOUT."""

    returncode: int | None
    stdout: bytes
    stderr: bytes
    written: bytes | None

    def same_as(self, other: Answer) -> bool:
        return (self.returncode, self.stdout, self.written) == (other.returncode, other.stdout, other.written)


def index_flags(corpus: Path, index: Path | None) -> list[str]:
    """The flags that point a run at the corpus and at an index folder (None: `--no-cache`)."""
    return ["--corpus", str(corpus), *(["--cache-dir", str(index)] if index else ["--no-cache"])]


def run_query(binary: Path, query: Query, corpus: Path, index: Path | None, cwd: Path) -> Answer:
    """Run one query in `cwd`, with the index at `index` (None: `--no-cache`)."""
    output = cwd / query.writes if query.writes else None
    if output is not None:
        output.unlink(missing_ok=True)
    try:
        proc = subprocess.run([str(binary), *query.args, *index_flags(corpus, index)], cwd=corpus if query.in_corpus else cwd,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as timeout:
        return Answer(None, timeout.stdout or b"", timeout.stderr or b"", None)
    written = output.read_bytes() if output is not None and output.is_file() else None
    return Answer(proc.returncode, proc.stdout, proc.stderr, written)


def first_difference(got: bytes, expected: bytes) -> str:
    """The first line where two outputs differ, for a readable report."""
    got_lines, expected_lines = got.splitlines(), expected.splitlines()
    for number, (g, e) in enumerate(zip(got_lines, expected_lines), 1):
        if g != e:
            return f"line {number}: got {g[:200]!r}, expected {e[:200]!r}"
    return f"{len(got_lines)} lines, expected {len(expected_lines)}"


# How bad a verdict is, worst first: the order of a report.
SEVERITY = ("crash", "hang", "wrong answer", "wrong exit")


@dataclass(frozen=True)
class Verdict:
    kind: str  # "crash (SIGILL)", "hang", "wrong answer", "wrong exit 1", ...: what is tallied
    detail: str

    @property
    def severity(self) -> int:
        return next(rank for rank, start in enumerate(SEVERITY) if self.kind.startswith(start))


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def judge(answer: Answer, expected: Answer) -> Verdict | None:
    """None when the run answered as `--no-cache` did."""
    code = answer.returncode
    if code is None:
        return Verdict("hang", f"still running after {RUN_TIMEOUT} s")
    if code < 0:
        name = signal_name(-code)
        return Verdict(f"crash ({name})", f"killed by {name} ({code})")
    if code >= 128:
        return Verdict(f"crash (exit {code})", f"exit {code}")
    if answer.same_as(expected):
        return None
    if code != expected.returncode:
        return Verdict(f"wrong exit {code}", f"exit {code}, expected {expected.returncode}")
    if answer.stdout != expected.stdout:
        return Verdict("wrong answer", f"stdout differs, {first_difference(answer.stdout, expected.stdout)}")
    return Verdict("wrong answer", f"the written file differs ({len(answer.written or b'')} bytes, "
                                   f"expected {len(expected.written or b'')})")


# ---------------------------------------------------------------------------
# The corpora and their indexes
# ---------------------------------------------------------------------------

# A 3-article corpus under the glossary's own termgraph.yml: its index files carry the same
# header, so only what follows the header tells them apart.
TINY_ARTICLES = {
    "frontoffice.md": "---\ntitle: مكتب أمامي\noffice: front\n---\n[المكتب الأوسط](/middleoffice)\n",
    "middleoffice.md": "---\ntitle: مكتب أوسط\noffice: middle\n---\n[المكتب الخلفي](/backoffice)\n",
    "backoffice.md": "---\ntitle: مكتب خلفي\noffice: back\n---\n[المكتب الأمامي](/frontoffice) [تسوية](/settlement)\n",
}
# A lookup by title: the first query that writes terms.bin too.
INDEXING_QUERY = QUERIES[0]


@dataclass
class Setup:
    binary: Path
    corpus: Path
    good: dict[str, bytes] = field(repr=False)  # the good index, file by file
    foreign: dict[str, bytes] = field(repr=False)  # the tiny corpus's index
    expected: dict[Query, Answer] = field(repr=False)  # what `--no-cache` answers
    # Where each link's line number starts in the good articles.bin (see link_line_offsets).
    line_offsets: list[int] = field(repr=False)


def install_good_index(setup: Setup, index: Path) -> None:
    """A fresh copy of the good index in `index`, whatever was there before."""
    if index.exists():
        shutil.rmtree(index)
    index.mkdir(parents=True)
    for name, data in setup.good.items():
        (index / name).write_bytes(data)


def varint(value: int) -> bytes:
    """The index's encoding of an integer: zigzag, then 7 bits a byte, low bits first."""
    rest = (value << 1) ^ (value >> 63)
    encoded = bytearray()
    while rest >= 0x80:
        encoded.append(rest & 0x7F | 0x80)
        rest >>= 7
    encoded.append(rest)
    return bytes(encoded)


def link_line_offsets(articles_bin: bytes, links_answer: bytes) -> list[int]:
    """Where articles.bin holds each link's line number: after the link's target and anchor
    text, each a length and its UTF-8 bytes (all three known from the `links --json` answer).
    The one place where this test looks inside an index file; empty if the format changed."""
    offsets = set()
    for article in json.loads(links_answer)["articles"]:
        for link in article["links"]:
            target, text = link["target"].encode(), link["text"].encode()
            before = varint(len(target)) + target + varint(len(text)) + text
            key = before + varint(link["line"])
            at = articles_bin.find(key)
            while at >= 0:
                offsets.add(at + len(before))
                at = articles_bin.find(key, at + 1)
    return sorted(offsets)


def build_index(binary: Path, query: Query, corpus: Path, index: Path, cwd: Path) -> dict[str, bytes]:
    """Index `corpus` into `index` with `query`; the three files' bytes."""
    answer = run_query(binary, query, corpus, index, cwd)
    assert answer.returncode == 0, f"{query.name} on {corpus}: exit {answer.returncode}\n{answer.stderr.decode()}"
    missing = [name for name in INDEX_FILES if not (index / name).is_file()]
    assert not missing, f"{query.name} left no {', '.join(missing)} in {index}"
    return {name: (index / name).read_bytes() for name in INDEX_FILES}


@pytest.fixture(scope="module")
def setup(termgraph_binary, tmp_path_factory) -> Setup:
    base = tmp_path_factory.mktemp("tampering")
    corpus = base / "corpus"
    shutil.copytree(REPO_ROOT / "corpus", corpus)
    tiny = base / "tiny-corpus"
    tiny.mkdir()
    shutil.copy2(corpus / "termgraph.yml", tiny / "termgraph.yml")
    for name, text in TINY_ARTICLES.items():
        (tiny / name).write_text(text, encoding="utf-8")
    work = base / "work"
    work.mkdir()

    expected = {query: run_query(termgraph_binary, query, corpus, None, work) for query in QUERIES}
    for query, answer in expected.items():
        assert answer.returncode == (1 if query.args[0] == "check" else 0), (
            f"{query.name} --no-cache: exit {answer.returncode}\n{answer.stderr.decode()}")
    assert expected[QUERIES[-1]].written, "the export wrote nothing"

    index = base / "index"
    # Files changed in the second the index is written are "racy": their stamps cannot vouch
    # for them, so the index re-reads them later and rewrites what it stored of them. The good
    # index is built once the copied files are past that second, so that a copy of it is used
    # exactly as it is.
    time.sleep(max(0.0, math.floor(max(p.stat().st_ctime for p in corpus.rglob("*")) + 1) - time.time()) + 0.05)
    build_index(termgraph_binary, INDEXING_QUERY, corpus, index, work)
    # Every query once more on the index, so that anything a query adds to it is in the copy.
    for query in QUERIES:
        run_query(termgraph_binary, query, corpus, index, work)
    good = {name: (index / name).read_bytes() for name in INDEX_FILES}
    foreign_query = Query(("path", "المكتب الأمامي", "المكتب الخلفي", "--json"))
    foreign = build_index(termgraph_binary, foreign_query, tiny, base / "tiny-index", work)
    links = next(answer for query, answer in expected.items() if query.args[0] == "links")
    offsets = link_line_offsets(good["articles.bin"], links.stdout)
    return Setup(termgraph_binary, corpus, good, foreign, expected, offsets)


# ---------------------------------------------------------------------------
# Corruptions
# ---------------------------------------------------------------------------


@dataclass
class Trial:
    """One corruption of one index file, done to a fresh copy of the good index in the trial's
    own folder; `number` tells the trials of a case apart, and with BASE_SEED makes the seed."""

    setup: Setup
    file: str
    corruption: Corruption
    number: int
    folder: Path

    @property
    def seed(self) -> int:
        return zlib.crc32(f"{BASE_SEED}/{self.file}/{self.corruption.name}/{self.number}".encode())

    @property
    def index(self) -> Path:
        return self.folder / "index"

    def damage(self, index: Path) -> str:
        """Put a fresh copy of the good index in `index` and damage it; what was done. The same
        seed always does the same damage."""
        install_good_index(self.setup, index)
        return self.corruption.apply(self, index / self.file, random.Random(self.seed))


ByteEdit = Callable[[bytes, random.Random, int], tuple[bytes, str]]
Damage = Callable[[Trial, Path, random.Random], str]


def edit_bytes(edit: ByteEdit) -> Damage:
    """A damage that rewrites the file's bytes: `edit(bytes, rng, trial number)` gives the new
    bytes and what it did."""

    def apply(trial: Trial, path: Path, rng: random.Random) -> str:
        data, what = edit(path.read_bytes(), rng, trial.number)
        path.write_bytes(data)
        return what

    return apply


def random_run(size: int, rng: random.Random, longest: int = 256) -> tuple[int, int]:
    """A random non-empty byte range [start, end) of a file of `size` bytes."""
    start = rng.randrange(size)
    return start, start + rng.randint(1, min(longest, size - start))


def truncate(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
    """Trial 0 empties the file, trial 1 cuts its last byte, later ones cut it anywhere."""
    length = [0, len(data) - 1][number] if number < 2 else rng.randrange(len(data))
    return data[:length], f"truncated from {len(data)} to {length} bytes"


def flip_bits(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
    bits = sorted(rng.sample(range(len(data) * 8), rng.randint(1, 8)))
    damaged = bytearray(data)
    for bit in bits:
        damaged[bit // 8] ^= 1 << (bit % 8)
    return bytes(damaged), "flipped bits " + ", ".join(f"{bit // 8}.{bit % 8}" for bit in bits)


def flip_signs(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
    """Flip bit 0 of 1-3 bytes below 0x80: where such a byte ends a zigzag varint, a small number
    (a count, a length, a line, a category) turns negative, which random flips seldom do."""
    small = [at for at, byte in enumerate(data) if byte < 0x80]
    places = sorted(rng.sample(small, rng.randint(1, 3)))
    damaged = bytearray(data)
    for at in places:
        damaged[at] ^= 1
    return bytes(damaged), "flipped bit 0 of the bytes at " + ", ".join(map(str, places))


def overwrite_with(fill: str) -> ByteEdit:
    """Overwrite a random run with 0x00, 0xFF or random bytes (`fill` "00", "ff" or "random")."""

    def edit(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
        start, end = random_run(len(data), rng)
        run = rng.randbytes(end - start) if fill == "random" else bytes.fromhex(fill) * (end - start)
        return data[:start] + run + data[end:], f"overwrote bytes {start}..{end - 1} with {fill}"

    return edit


def duplicate_chunk(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
    start, end = random_run(len(data), rng, longest=1024)
    return data[:end] + data[start:end] + data[end:], f"repeated bytes {start}..{end - 1}"


def delete_chunk(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
    start, end = random_run(len(data), rng, longest=1024)
    return data[:start] + data[end:], f"deleted bytes {start}..{end - 1}"


def damage_tail(data: bytes, rng: random.Random, number: int) -> tuple[bytes, str]:
    """1-8 edits in the last 30%: a flipped bit, two neighbouring 4-byte words swapped (in an
    offset array, a decreasing pair) or a word overwritten with a random one."""
    damaged = bytearray(data)
    done = []
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(int(len(data) * 0.7), len(data) - 8)
        how = rng.choice(("flip", "swap", "word"))
        if how == "flip":
            bit = rng.randrange(8)
            damaged[at] ^= 1 << bit
            done.append(f"flipped bit {at}.{bit}")
        elif how == "swap":
            damaged[at:at + 8] = damaged[at + 4:at + 8] + damaged[at:at + 4]
            done.append(f"swapped words at {at} and {at + 4}")
        else:
            damaged[at:at + 4] = rng.randbytes(4)
            done.append(f"overwrote word at {at}")
    return bytes(damaged), "in the last 30%: " + ", ".join(done)


def negative_line(trial: Trial, path: Path, rng: random.Random) -> str:
    """Turn one link's line number negative (flip bit 0 of its zigzag varint's first byte);
    a random sign flip when the line numbers are not found (the format changed)."""
    if not trial.setup.line_offsets:
        return "no link line found in articles.bin; instead " + edit_bytes(flip_signs)(trial, path, rng)
    at = rng.choice(trial.setup.line_offsets)
    damaged = bytearray(path.read_bytes())
    damaged[at] ^= 1
    path.write_bytes(bytes(damaged))
    return f"made the link line number at {at} negative"


def other_files(name: str) -> list[str]:
    return [other for other in INDEX_FILES if other != name]


def remove(trial: Trial, path: Path, rng: random.Random) -> str:
    path.unlink()
    return "removed"


def other_content(trial: Trial, path: Path, rng: random.Random) -> str:
    """Trial n writes the n-th other index file's content over this one."""
    source = other_files(trial.file)[trial.number]
    path.write_bytes(trial.setup.good[source])
    return f"holds {source}'s content"


def swap(trial: Trial, path: Path, rng: random.Random) -> str:
    """Exchange this file's content with the next index file's (graph<->articles<->terms)."""
    partner = INDEX_FILES[(INDEX_FILES.index(trial.file) + 1) % len(INDEX_FILES)]
    path.write_bytes(trial.setup.good[partner])
    (path.parent / partner).write_bytes(trial.setup.good[trial.file])
    return f"swapped with {partner}"


def foreign(trial: Trial, path: Path, rng: random.Random) -> str:
    path.write_bytes(trial.setup.foreign[trial.file])
    return "replaced by the 3-article corpus's " + trial.file


def dev_zero(trial: Trial, path: Path, rng: random.Random) -> str:
    path.unlink()
    path.symlink_to("/dev/zero")
    return "replaced by a symlink to /dev/zero"


def fifo(trial: Trial, path: Path, rng: random.Random) -> str:
    path.unlink()
    os.mkfifo(path)
    return "replaced by a FIFO (nobody writes to it)"


@dataclass(frozen=True)
class Corruption:
    name: str
    apply: Damage
    # None: random, tried in a share of TRIALS; a number: that many fixed variants, each once.
    variants: int | None = None
    files: tuple[str, ...] = INDEX_FILES


CORRUPTIONS = (
    Corruption("truncate", edit_bytes(truncate)),
    Corruption("flip-bits", edit_bytes(flip_bits)),
    Corruption("sign-flip", edit_bytes(flip_signs)),
    Corruption("zero-run", edit_bytes(overwrite_with("00"))),
    Corruption("ff-run", edit_bytes(overwrite_with("ff"))),
    Corruption("random-run", edit_bytes(overwrite_with("random"))),
    Corruption("duplicate-chunk", edit_bytes(duplicate_chunk)),
    Corruption("delete-chunk", edit_bytes(delete_chunk)),
    Corruption("tail", edit_bytes(damage_tail), files=("graph.bin",)),
    Corruption("negative-line", negative_line, files=("articles.bin",)),
    Corruption("missing", remove, variants=1),
    Corruption("other-content", other_content, variants=2),
    Corruption("swap", swap, variants=1),
    Corruption("foreign", foreign, variants=1),
    Corruption("dev-zero", dev_zero, variants=1),
    Corruption("fifo", fifo, variants=1),
)


def cases():
    """(file, corruption, trials) for every corruption of every file: the random ones share
    TRIALS between them, the fixed ones run each variant once."""
    for file in INDEX_FILES:
        kinds = [c for c in CORRUPTIONS if file in c.files]
        per_kind = max(1, math.ceil(TRIALS / sum(1 for c in kinds if c.variants is None)))
        for corruption in kinds:
            yield pytest.param(file, corruption, corruption.variants or per_kind, id=f"{file}-{corruption.name}")


# ---------------------------------------------------------------------------
# Trials
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    round: int
    query: Query
    verdict: Verdict
    answer: Answer

    def describe(self) -> str:
        stderr = stderr_summary(self.answer.stderr)
        line = f"  run {self.round}: {self.query.name}: {self.verdict.detail}"
        return line + (f"\n    stderr: {stderr}" if stderr else "")

    def replay(self, trial: Trial) -> str:
        """A shell command that runs this query again on a copy of the trial's damaged index."""
        setup = trial.setup
        command = shlex.join([str(setup.binary), *self.query.args, *index_flags(setup.corpus, Path("replay"))])
        return f"cd {shlex.quote(str(trial.folder))} && rm -rf replay && cp -a {REPLAY_COPY} replay && {command}"


def stderr_summary(stderr: bytes) -> str:
    """The line of stderr that says what went wrong (a crash report's "Fatal error" or "runtime
    failure" line, not its backtrace), else its first line."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    telling = [line for line in lines if "error" in line.lower() or "failure" in line.lower()]
    return (telling or lines or [""])[0][:300]


@dataclass
class TrialResult:
    trial: Trial
    damage: str
    failures: list[Failure]
    stopped: bool  # a hang ended the trial early

    @property
    def severity(self) -> int:
        return min(f.verdict.severity for f in self.failures)

    @property
    def worst_first(self) -> list[Failure]:
        return sorted(self.failures, key=lambda f: f.verdict.severity)

    def describe(self) -> str:
        """The seed, the damage and the failing runs; the damaged index is made again in the
        trial's folder (as REPLAY_COPY), for replaying."""
        trial = self.trial
        trial.damage(trial.folder / REPLAY_COPY)
        lines = [f"--- trial {trial.number} (seed {trial.seed}, in {trial.folder}): {trial.file} {self.damage}"]
        lines += [f.describe() for f in self.worst_first[:6]]
        if len(self.failures) > 6:
            lines.append(f"  ... and {len(self.failures) - 6} more failing runs")
        if self.stopped:
            lines.append("  (the hang ended the trial; later runs were not tried)")
        return "\n".join(lines)


def run_trial(trial: Trial) -> TrialResult:
    """Damage the index, then run every query twice, judging each run."""
    setup = trial.setup
    index = trial.index
    damage = trial.damage(index)
    failures = []
    for round_ in (1, 2):
        for query in QUERIES:
            answer = run_query(setup.binary, query, setup.corpus, index, trial.folder)
            verdict = judge(answer, setup.expected[query])
            if verdict is not None:
                failures.append(Failure(round_, query, verdict, answer))
                if verdict.kind == "hang":
                    return TrialResult(trial, damage, failures, stopped=True)
    return TrialResult(trial, damage, failures, stopped=False)


def run_trials(trials: list[Trial]) -> list[TrialResult]:
    """Trials are independent (each has its own index folder): a few at a time."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(run_trial, trials))


def report(file: str, corruption: Corruption, results: list[TrialResult]) -> str:
    failed = sorted((r for r in results if r.failures), key=lambda r: r.severity)
    tally = Counter(f.verdict.kind for r in failed for f in r.failures)
    lines = [f"{file} / {corruption.name}: {len(failed)} of {len(results)} trials failed; failing runs: "
             + ", ".join(f"{kind} x{count}" for kind, count in tally.most_common())]
    lines += [r.describe() for r in failed[:5]]
    if len(failed) > 5:
        lines.append(f"... and {len(failed) - 5} more failed trials")
    worst = failed[0]
    lines.append(f"to replay a run, copy the trial's {REPLAY_COPY}/ (runs rewrite the index) and point "
                 f"--cache-dir at the copy; the worst one:\n  {worst.worst_first[0].replay(worst.trial)}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


def test_an_untouched_copy_of_the_index_is_used_as_it_is(setup, tmp_path):
    """The harness's own check: a copy of the good index answers every query right and is
    trusted (not rewritten), so damage done to a copy reaches the code that reads the index."""
    index = tmp_path / "index"
    install_good_index(setup, index)
    for query in QUERIES:
        answer = run_query(setup.binary, query, setup.corpus, index, tmp_path)
        assert answer.same_as(setup.expected[query]), (
            f"{query.name} on a good index answers otherwise than with --no-cache: exit {answer.returncode}\n"
            + answer.stderr.decode("utf-8", "replace")[:2000])
    rewritten = [name for name, data in setup.good.items() if (index / name).read_bytes() != data]
    assert not rewritten, f"a good copy of the index was rewritten ({', '.join(rewritten)}): it is not used"


@pytest.mark.parametrize("file,corruption,trials", list(cases()))
def test_a_damaged_index_never_crashes_hangs_or_misleads(setup, tmp_path, file, corruption, trials):
    results = run_trials([Trial(setup, file, corruption, number, tmp_path / f"trial-{number}")
                          for number in range(trials)])
    if any(r.failures for r in results):
        pytest.fail(report(file, corruption, results), pytrace=False)


# ---------------------------------------------------------------------------
# Rewritten in place while queries read it
# ---------------------------------------------------------------------------

IN_PLACE_SECONDS = float(os.environ.get("TERMGRAPH_IN_PLACE_SECONDS", "6"))


def rewrite_in_place(path: Path, data: bytes, rng: random.Random) -> str:
    """What `cp` or `rsync --inplace` does to a file a query may have mapped: the same inode
    cut to nothing, then written again, here stopped at a random length or finished with
    another index's bytes."""
    how = rng.choice(("good", "cut short", "foreign", "emptied"))
    with open(path, "r+b") as file:
        file.truncate(0)
        if how == "good":
            file.write(data)
        elif how == "cut short":
            file.write(data[:rng.randrange(len(data))])
        elif how == "foreign":
            file.write(rng.randbytes(len(data)))
    return how


def test_an_index_rewritten_in_place_under_running_queries(setup, tmp_path):
    """Queries run while another process keeps rewriting graph.bin through the same inode, as
    `cp` and `rsync --inplace` do: pages a query has mapped vanish under it (SIGBUS unguarded),
    or come back with other bytes. Every run must answer as `--no-cache` does."""
    index = tmp_path / "index"
    install_good_index(setup, index)
    graph = index / "graph.bin"
    stop = time.monotonic() + IN_PLACE_SECONDS
    rewrites: Counter[str] = Counter()

    def rewriter() -> None:
        rng = random.Random(BASE_SEED)
        while time.monotonic() < stop:
            try:
                rewrites[rewrite_in_place(graph, setup.good["graph.bin"], rng)] += 1
            except FileNotFoundError:
                pass  # a query is renaming a rebuilt index into place
            time.sleep(rng.uniform(0, 0.004))

    def reader(worker: int) -> list[str]:
        failures, runs = [], 0
        work = tmp_path / f"reader-{worker}"
        work.mkdir()
        while time.monotonic() < stop:
            query = QUERIES[(worker + runs) % len(QUERIES)]
            runs += 1
            answer = run_query(setup.binary, query, setup.corpus, index, work)
            verdict = judge(answer, setup.expected[query])
            if verdict is not None:
                failures.append(f"{query.name}: {verdict.kind}: {verdict.detail}; stderr: "
                                f"{stderr_summary(answer.stderr)}")
        return [f"{runs} runs"] + failures

    with ThreadPoolExecutor(max_workers=WORKERS + 1) as pool:
        writing = pool.submit(rewriter)
        results = list(pool.map(reader, range(WORKERS)))
        writing.result()
    runs = sum(int(result[0].split()[0]) for result in results)
    failures = [failure for result in results for failure in result[1:]]
    print(f"in-place: {runs} runs, rewrites {dict(rewrites)}")
    assert sum(rewrites.values()) > 20 and runs > 20, f"too little happened: {rewrites}, {runs} runs"
    assert not failures, (f"{len(failures)} of {runs} runs went wrong while graph.bin was rewritten in place "
                          f"{sum(rewrites.values())} times ({dict(rewrites)}):\n" + "\n".join(failures[:10]))
