"""Every class of bad input, through the command line: no crash, every bad file named, every good
article exported."""
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("TERMGRAPH_BIN", str(ROOT / ".build/debug/termgraph"))

GOOD = {
    "good.md": "---\ntitle: \"Good <&> \\\"q\\\" \\\\\"\n---\n[two](/good-two) [up](../../../good-two) [f](file:///etc/passwd) [p](/bad%zz%)\n",
    "good-two.md": "# Second ]]> \u202e\n" + "[" * 5000 + "\n[back](/good) [[good]]\n",
    "crlf.md": "---\r\ntitle: CRLF\r\n---\r\n[g](/good)\r\n",
    "bom.md": "\ufeff---\ntitle: BOM\n---\n[g](/good)\n",
    "long-line.md": "كلمة " * 100_000 + "[g](/good)\n",
    "many-links.md": "[g](/good) " * 50_000 + "\n",
}
BAD = {  # file → the problem kind check must report for it
    "broken-yaml.md": ("---\ntitle: [unclosed\n---\n", "front-matter"),
    "not-mapping.md": ("---\n- a\n---\n", "front-matter"),
    "unterminated.md": ("---\ntitle: x\n", "front-matter"),
    "deep.md": ("---\na: " + "[" * 50_000 + "\n---\n", "front-matter"),
    "bomb.md": ("---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"l{i}: &l{i} [" + ", ".join([f"*{'a' if i == 1 else f'l{i - 1}'}"] * 9) + "]\n" for i in range(1, 10)) + "---\n", "front-matter"),
    "zz-duplicate.md": ("---\nslug: good\n---\n", "duplicate-slug"),
}


def make_corpus(root: Path):
    root.mkdir()
    for name, text in GOOD.items():
        (root / name).write_bytes(text.encode("utf-8"))
    for name, (text, _) in BAD.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "binary.md").write_bytes(b"PK\x03\x04\x00\x00\xff")
    (root / "latin1.md").write_bytes("caf\xe9\n".encode("latin-1"))
    (root / "utf16.md").write_bytes("---\ntitle: x\n---\n".encode("utf-16"))
    (root / "folder.md").mkdir()
    (root / "dangling.md").symlink_to("/nonexistent/termgraph/x.md")
    (root / "loop").symlink_to(".")
    os.mkfifo(root / "pipe.md")


def run(*args, corpus):
    # In the corpus folder, so that `check` names files as the corpus does (paths are relative
    # to the current folder).
    result = subprocess.run([BIN, *args, "--corpus", str(corpus), "--no-cache"], capture_output=True, text=True,
                            timeout=120, cwd=corpus if corpus.is_dir() else None)
    assert result.returncode in (0, 1, 2), f"{args}: killed by signal {-result.returncode}\n{result.stderr[-2000:]}"
    return result


def test_every_command_survives_a_hostile_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    check = run("check", "--json", corpus=corpus)
    assert check.returncode == 1
    reported = {}
    for problem in json.loads(check.stdout)["problems"]:
        if problem["kind"] != "wanted-link":
            reported.setdefault(problem["file"], set()).add(problem["kind"])
    expected = {name: {kind} for name, (_, kind) in BAD.items()}
    expected.update({"binary.md": {"binary"}, "latin1.md": {"encoding"}, "utf16.md": {"encoding"},
                     "dangling.md": {"unreadable"}, "pipe.md": {"unreadable"}})
    assert reported == expected

    out = tmp_path / "out"
    assert run("export", "--out-dir", str(out), corpus=corpus).returncode == 0
    graph = nx.read_graphml(out / "graph.graphml")
    articles = {data["slug"] for _, data in graph.nodes(data=True) if not data["stub"]}
    assert articles == {Path(name).stem for name in GOOD}
    assert subprocess.run(["dot", "-Tcanon", str(out / "graph.dot")], capture_output=True).returncode == 0

    for args in (["path", "good", "good-two"], ["neighbors", "good", "--depth", "3"], ["orphans", "--kind", "isolated"],
                 ["stats"], ["links"], ["path", "nonexistent", "good"]):
        run(*args, corpus=corpus)
    assert json.loads(run("path", "good", "good-two", "--json", corpus=corpus).stdout)["length"] == 1


def test_a_folder_that_can_be_listed_but_not_entered_is_reported(tmp_path):
    """A folder readable but not searchable (r--) lists its names, but its files cannot be looked
    at: each is an `unreadable` problem, not a silent loss. Run as an ordinary user (root reads
    everything), so as `nobody` when the tests run as root."""
    top = Path(tempfile.mkdtemp(prefix="termgraph-locked-"))
    try:
        corpus = top / "corpus"
        (corpus / "locked").mkdir(parents=True)
        (corpus / "a.md").write_text("[b](/locked/b)\n", encoding="utf-8")
        (corpus / "locked" / "b.md").write_text("# B\n", encoding="utf-8")
        os.chmod(top, 0o755)
        os.chmod(corpus, 0o755)
        os.chmod(corpus / "a.md", 0o644)
        os.chmod(corpus / "locked", 0o644)
        user = {}
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            user = {"user": nobody.pw_uid, "group": nobody.pw_gid}
        result = subprocess.run([BIN, "check", "--json", "--no-cache", "--corpus", str(corpus)],
                                capture_output=True, timeout=60, cwd=corpus, **user)
        problems = json.loads(result.stdout)["problems"]
        assert result.returncode == 1, result.stderr
        assert [(p["file"], p["kind"], p["message"]) for p in problems if p["kind"] == "unreadable"] == [
            ("locked/b.md", "unreadable", "cannot look at it: Permission denied")]
    finally:
        os.chmod(top / "corpus" / "locked", 0o755)
        shutil.rmtree(top)
