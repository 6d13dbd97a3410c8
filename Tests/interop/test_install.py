"""`make install`: the binary, man pages and completions land where the shells and
`man` look for them, and the installed bash completion really completes terms."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, TERMGRAPH_BIN

COMMANDS = ["export", "path", "neighbors", "orphans", "stats", "check", "links", "terms", "serve"]


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    # -o build: install the binary under test rather than building a release one.
    subprocess.run(["make", "-s", "-o", "build", "install", f"PREFIX={prefix}", f"RELEASE={TERMGRAPH_BIN}"],
                   cwd=REPO_ROOT, check=True, capture_output=True, timeout=120)
    return prefix


def test_install_puts_every_file_in_its_place(prefix):
    files = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file())
    assert files == sorted(
        ["bin/termgraph",
         "share/bash-completion/completions/termgraph",
         "share/fish/vendor_completions.d/termgraph.fish",
         "share/zsh/site-functions/_termgraph",
         "share/man/man1/termgraph.1",
         "share/man/man1/termgraph.help.1"]
        + [f"share/man/man1/termgraph.{c}.1" for c in COMMANDS])
    assert os.access(prefix / "bin/termgraph", os.X_OK)
    version = subprocess.run([prefix / "bin/termgraph", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("termgraph 0.9.0 (")
    assert (prefix / "share/zsh/site-functions/_termgraph").read_text().startswith("#compdef termgraph")
    assert "complete -c 'termgraph'" in (prefix / "share/fish/vendor_completions.d/termgraph.fish").read_text()


def test_uninstall_removes_what_install_put(prefix, tmp_path):
    copy = tmp_path / "p"
    shutil.copytree(prefix, copy)
    subprocess.run(["make", "-s", "-o", "build", "uninstall", f"PREFIX={copy}", f"RELEASE={TERMGRAPH_BIN}"],
                   cwd=REPO_ROOT, check=True, capture_output=True, timeout=60)
    assert [p for p in copy.rglob("*") if p.is_file()] == []


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_pages_render(prefix):
    page = subprocess.run(["man", "-l", str(prefix / "share/man/man1/termgraph.path.1")],
                          capture_output=True, text=True, env={**os.environ, "MANWIDTH": "80", "LC_ALL": "C.UTF-8"})
    assert page.returncode == 0
    assert "termgraph path" in page.stdout and "--undirected" in page.stdout


def _bash_complete(prefix: Path, words: list[str], cwd: Path) -> list[str]:
    """COMPREPLY of the installed bash completion for the command line `words` (the last
    word is the one being completed)."""
    script = (
        f'source "{prefix}/share/bash-completion/completions/termgraph"\n'
        'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}\n'
        '_termgraph termgraph "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{prefix}/bin:{os.environ['PATH']}"}
    out = subprocess.run(["bash", "-c", script, "bash", *words], capture_output=True, text=True,
                         cwd=cwd, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return [line for line in out.stdout.splitlines() if line.strip()]


def test_bash_completes_commands_and_terms(prefix, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO_ROOT / "corpus", corpus)
    assert _bash_complete(prefix, ["termgraph", "pa"], tmp_path) == ["path"]
    # The default corpus (./corpus) supplies the terms; bash gets names without spaces.
    assert _bash_complete(prefix, ["termgraph", "neighbors", "settl"], tmp_path) == ["settlement", "settlement-cycle"]
    assert _bash_complete(prefix, ["termgraph", "path", "--corpus", str(corpus), "risk-m"], "/") == ["risk-management"]
