"""`check`'s CI reports read by tools nobody here wrote: JUnit XML by junitparser (the parser
CI report plugins build on), GitHub workflow commands by the runner's own grammar
(`::error file=…,line=…,title=…::message`, with `%`, CR, LF escaped in the message and also
`:` and `,` in properties), both agreeing problem for problem with `check --json`."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import junitparser

from conftest import REPO_ROOT, TERMGRAPH_BIN

# Names the runner would misread unless escaped: a comma and a colon in a property, a percent
# sign anywhere, a newline in a message.
CORPUS = {
    "alpha.md": "---\ntitle: Alpha\n---\nSee [x](/missing) and [y](/a,b/c:d%25).\n",
    "a,b/odd:1%.md": "---\ntitle: [unclosed\n---\n",
    "beta.md": "---\ntitle: Beta\n---\n[alpha](/alpha)\n",
}


def check(corpus: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(TERMGRAPH_BIN), "check", "--corpus", str(corpus), "--no-cache", *args],
                          capture_output=True, text=True, timeout=60, cwd=corpus)


def make(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for name, text in CORPUS.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def expected(corpus: Path) -> list[dict]:
    result = check(corpus, "--json")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)["problems"]


def read_junit(report: str, folder):
    """The report as a CI runner reads it: from the file it was written to (junitparser, with
    lxml 6, refuses a str that carries an XML declaration)."""
    path = folder / "report.xml"
    path.write_text(report, encoding="utf-8")
    return junitparser.JUnitXml.fromfile(str(path))


def test_junit_report_is_read_by_junitparser(tmp_path):
    corpus = make(tmp_path)
    problems = expected(corpus)
    assert len(problems) == 3
    result = check(corpus, "--format", "junit")
    assert result.returncode == 1
    xml = read_junit(result.stdout, tmp_path)
    cases = [(suite.name, case) for suite in xml for case in suite]
    assert len(cases) == len(problems)
    seen = []
    for suite_name, case in cases:
        (failure,) = case.result
        assert isinstance(failure, junitparser.Failure)
        assert suite_name == case.classname
        seen.append({"file": case.classname, "line": int(case._elem.get("line")), "kind": failure.type,
                     "message": failure.message})
    assert seen == problems


def test_a_clean_junit_report_still_has_one_passed_case(tmp_path):
    corpus = tmp_path / "clean"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    result = check(corpus, "--format", "junit")
    assert result.returncode == 0, result.stderr
    xml = read_junit(result.stdout, tmp_path)
    cases = [case for suite in xml for case in suite]
    assert len(cases) == 1 and cases[0].is_passed and cases[0].name == "no problems"


# The runner's grammar: a command, then properties `key=value` separated by commas, then `::`
# and the message (actions/toolkit, packages/core/src/command.ts).
COMMAND = re.compile(r"^::(?P<command>error|warning|notice)(?: (?P<properties>[^:]*))?::(?P<message>.*)$")


def unescape(text: str, property: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property else []) + [("%25", "%")]
    for escaped, plain in pairs:
        text = text.replace(escaped, plain)
    return text


def test_github_commands_follow_the_runner_grammar(tmp_path):
    corpus = make(tmp_path)
    problems = expected(corpus)
    result = check(corpus, "--format", "github")
    assert result.returncode == 1
    parsed = []
    for line in result.stdout.splitlines():
        match = COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        properties = dict(item.split("=", 1) for item in match["properties"].split(","))
        assert set(properties) <= {"file", "line", "title", "col", "endLine", "endColumn"}
        parsed.append({"file": unescape(properties["file"], True), "line": int(properties["line"]),
                       "kind": unescape(properties["title"], True).removeprefix("termgraph "),
                       "message": unescape(match["message"], False)})
    assert parsed == problems


def test_the_glossary_report_names_files_from_the_repository(tmp_path):
    result = subprocess.run([str(TERMGRAPH_BIN), "check", "--corpus", "corpus", "--no-cache", "--format", "github"],
                            capture_output=True, text=True, timeout=60, cwd=REPO_ROOT)
    files = {re.match(r"::error file=([^,]*),", line)[1] for line in result.stdout.splitlines()}
    assert files and all((REPO_ROOT / name).is_file() and name.startswith("corpus/") for name in files)
