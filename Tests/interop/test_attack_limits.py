"""Limits the system puts on a run: a query must still answer, as a fresh build does, and an
export must fail with a message, never end the process by a signal."""
import json
import resource
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
LIMIT = 16 * 1024  # bytes a process may write to one file: less than the index of CORPUS


def limited_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def run(binary, *args, limited=False, cwd=None):
    return subprocess.run([str(binary), *args, "--corpus", str(CORPUS)], capture_output=True, text=True, timeout=60,
                          preexec_fn=limited_file_size if limited else None, cwd=cwd)


def test_a_file_size_limit_never_kills_a_query(termgraph_binary, tmp_path):
    """Under `ulimit -f`, writing the index past the limit raised SIGXFSZ, which ended `stats`
    (exit 153) before it printed anything. The write now fails like any other: the index is not
    stored, the answer is a fresh build's, and the next run without the limit stores it."""
    cache = tmp_path / "cache"
    fresh = run(termgraph_binary, "stats", "--json", "--no-cache")
    assert fresh.returncode == 0, fresh.stderr
    limited = run(termgraph_binary, "stats", "--json", "--cache-dir", str(cache), limited=True)
    assert limited.returncode == 0, f"exit {limited.returncode}: {limited.stderr}"
    assert limited.stdout == fresh.stdout
    assert [p.name for p in cache.iterdir()] == [], "neither an index file nor a temporary is left"
    again = run(termgraph_binary, "stats", "--json", "--cache-dir", str(cache))
    assert again.stdout == fresh.stdout
    assert sorted(p.name for p in cache.iterdir()) == ["articles.bin", "graph.bin"]
    assert json.loads(again.stdout)["articles"] == len(list(CORPUS.glob("*.md")))


def test_a_file_size_limit_fails_an_export_with_a_message(termgraph_binary, tmp_path):
    """The same limit under `export`: every file too large for it is named on stderr, exit 2,
    and what stood there before is left as it was."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("old\n")
    result = run(termgraph_binary, "export", "--no-cache", "--format", "json", "--output", str(out / "graph.json"),
                 limited=True)
    assert result.returncode == 2, f"exit {result.returncode}: {result.stderr}"
    assert result.stderr == f"error: cannot write {out / 'graph.json'}: File too large\n"
    assert [p.name for p in out.iterdir()] == ["graph.json"]
    assert (out / "graph.json").read_text() == "old\n"
