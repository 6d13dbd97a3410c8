"""`termgraph serve` (PRODUCT.md §4a): the API answers with the bytes of the command line's
`--json`, errors in the contract's shape, bounds answered with 400, and answers that follow
the corpus's files within a second. Every expected answer is the command line's own, run with
`--no-cache` on the same files, never one the server gave before."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse

import pytest

from conftest import TERMGRAPH_BIN
from serving import Server, copied_corpus


@pytest.fixture()
def server(tmp_path):
    running = Server(copied_corpus(tmp_path), tmp_path / "cache")
    yield running
    running.stop()


# (API path, its parameters, the command line that must print the same bytes, the exit code)
QUESTIONS = [
    ("/api/path", {"from": "frontoffice", "to": "backoffice"}, ["path", "frontoffice", "backoffice"], 0),
    ("/api/path", {"from": "مكتب أمامي", "to": "تسوية"}, ["path", "مكتب أمامي", "تسوية"], 0),
    ("/api/path", {"from": "والمكتب الأوسط", "to": "بالتسوية"}, ["path", "والمكتب الأوسط", "بالتسوية"], 0),
    ("/api/path", {"from": "settlement", "to": "frontoffice", "all": "1"}, ["path", "settlement", "frontoffice", "--all"], 0),
    ("/api/path", {"from": "kyc", "to": "dvp", "undirected": "1"}, ["path", "kyc", "dvp", "--undirected"], 0),
    ("/api/path", {"from": "dvp", "to": "kyc", "all": "1", "undirected": "1", "limit": "2"},
     ["path", "dvp", "kyc", "--all", "--undirected", "--limit", "2"], 0),
    ("/api/path", {"from": "settlement", "to": "chinese-wall"}, ["path", "settlement", "chinese-wall"], 1),
    ("/api/path", {"from_category": "front", "to_category": "back"}, ["path", "--from-category", "front", "--to-category", "back"], 0),
    ("/api/path", {"from_category": "back", "to_category": "middle"}, ["path", "--from-category", "back", "--to-category", "middle"], 0),
    ("/api/path", {"from_category": "middle", "to_category": "front"}, ["path", "--from-category", "middle", "--to-category", "front"], 0),
    ("/api/neighbors", {"term": "settlement"}, ["neighbors", "settlement"], 0),
    ("/api/neighbors", {"term": "تسوية", "depth": "2"}, ["neighbors", "تسوية", "--depth", "2"], 0),
    ("/api/neighbors", {"term": "backoffice", "depth": "3", "direction": "out"}, ["neighbors", "backoffice", "--depth", "3", "--direction", "out"], 0),
    ("/api/neighbors", {"term": "broker", "direction": "in"}, ["neighbors", "broker", "--direction", "in"], 0),
    ("/api/neighbors", {"term": "وسيط", "depth": "10", "direction": "both"}, ["neighbors", "وسيط", "--depth", "10"], 0),
    ("/api/orphans", {}, ["orphans"], 0),
    ("/api/orphans", {"kind": "wanted"}, ["orphans", "--kind", "wanted"], 0),
    ("/api/orphans", {"kind": "dead-end"}, ["orphans", "--kind", "dead-end"], 0),
    ("/api/orphans", {"kind": "isolated"}, ["orphans", "--kind", "isolated"], 0),
    ("/api/stats", {}, ["stats"], 0),
    ("/api/terms", {"q": "مخاطر"}, ["terms", "مخاطر"], 0),
    ("/api/terms", {"q": "والمكتب"}, ["terms", "والمكتب"], 0),
    ("/api/terms", {"q": "risk", "limit": "3"}, ["terms", "risk", "--limit", "3"], 0),
    ("/api/terms", {"q": "بالتسوية", "limit": "10000"}, ["terms", "بالتسوية", "--limit", "10000"], 0),
    ("/api/terms", {"q": "settlment"}, ["terms", "settlment"], 0),
    ("/api/terms", {"q": "مكتب", "limit": "1"}, ["terms", "مكتب", "--limit", "1"], 0),
    ("/api/path", {"from": "nosuchterm", "to": "backoffice"}, ["path", "nosuchterm", "backoffice"], 2),
    ("/api/neighbors", {"term": "settlment"}, ["neighbors", "settlment"], 2),
    ("/api/path", {"from_category": "front", "to_category": "nowhere"}, ["path", "--from-category", "front", "--to-category", "nowhere"], 2),
    ("/api/neighbors", {"term": "الوسيط", "depth": "2", "direction": "in"}, ["neighbors", "الوسيط", "--depth", "2", "--direction", "in"], 0),
]


def url(path, parameters):
    return path + ("?" + urllib.parse.urlencode(parameters, quote_via=urllib.parse.quote) if parameters else "")


def test_thirty_api_answers_are_the_command_lines_json_byte_for_byte(server):
    assert len(QUESTIONS) == 30
    statuses = set()
    for path, parameters, args, code in QUESTIONS:
        status, body = server.get(url(path, parameters))
        cli = server.cli(*args, no_cache=True)
        assert body == cli.stdout, (path, parameters, body.decode(), cli.stdout.decode())
        if code is not None:
            assert cli.returncode == code, (args, cli.stderr)
        statuses.add(status)
        kind = json.loads(body).get("error", {}).get("kind")
        assert status == (200 if cli.returncode in (0, 1) else {"unknown-term": 404, "unknown-category": 404, "ambiguous-term": 409}[kind])
    # The list covers answers and no path (200) and the 404 errors; ambiguity has its own test.
    assert statuses == {200, 404}
    status, body = server.get(url("/api/path", {"from": "settlement", "to": "chinese-wall"}))
    assert status == 200 and json.loads(body)["length"] is None


def test_check_paths_are_relative_to_the_servers_folder(server):
    status, body = server.get("/api/check")
    cli = server.cli("check", no_cache=True)
    assert status == 200 and body == cli.stdout
    assert all(p["file"].startswith("corpus/") for p in json.loads(body)["problems"])


def test_unknown_and_ambiguous_terms_are_errors_in_the_contracts_shape(server):
    (server.corpus / "twin-a.md").write_text("---\ntitle: Twin\n---\n[x](/settlement)\n", encoding="utf-8")
    (server.corpus / "twin-b.md").write_text("---\ntitle: Twin\n---\n[x](/settlement)\n", encoding="utf-8")
    deadline = time.monotonic() + 5
    while server.get("/api/node?term=twin-b")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    status, body = server.get("/api/node?term=Twin")
    assert status == 409
    assert json.loads(body) == {"error": {
        "kind": "ambiguous-term", "message": '"Twin" is ambiguous',
        "candidates": [{"slug": "twin-a", "title": "Twin"}, {"slug": "twin-b", "title": "Twin"}], "suggestions": []}}
    cli = server.cli("neighbors", "Twin", no_cache=True)
    assert cli.returncode == 2 and cli.stdout == server.get("/api/neighbors?term=Twin")[1]

    status, body = server.get(url("/api/neighbors", {"term": "settlment"}))
    error = json.loads(body)["error"]
    assert status == 404 and error["kind"] == "unknown-term" and error["candidates"] == []
    assert error["message"] == 'no term "settlment"'
    assert {"slug": "settlement", "title": "تسوية"} in error["suggestions"]

    status, body = server.get(url("/api/path", {"from_category": "sideways", "to_category": "back"}))
    assert status == 404 and json.loads(body)["error"]["kind"] == "unknown-category"
    assert json.loads(body)["error"]["message"] == 'no category "sideways" (categories: front, middle, back)'


@pytest.mark.parametrize("path, parameters", [
    ("/api/terms", {"q": "x", "limit": "10001"}),
    ("/api/terms", {"q": "x", "limit": "0"}),
    ("/api/terms", {"q": "x", "limit": "ten"}),
    ("/api/path", {"from": "kyc", "to": "dvp", "all": "1", "limit": "10001"}),
    ("/api/neighbors", {"term": "kyc", "depth": "11"}),
    ("/api/neighbors", {"term": "kyc", "direction": "sideways"}),
    ("/api/orphans", {"kind": "lonely"}),
    ("/api/terms", {"q": "م" * 1001}),
    ("/api/path", {"from": "kyc"}),
    ("/api/stats", {"verbose": "1"}),
    ("/api/path", {"from": "kyc", "to": "dvp", "from_category": "front", "to_category": "back"}),
])
def test_out_of_bounds_parameters_are_400(server, path, parameters):
    status, body = server.get(url(path, parameters))
    assert status == 400, body
    assert json.loads(body)["error"]["kind"] == "bad-parameter"


def test_long_requests_and_file_paths_are_refused(server):
    host, port = server.base.removeprefix("http://").split(":")

    def raw(request: bytes) -> bytes:
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(request)
            connection.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := connection.recv(65536):
                reply += chunk
            return reply
    assert raw(b"GET /api/terms?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 414")
    assert raw(b"GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n").startswith(b"HTTP/1.1 431")
    for path in ["/../../etc/passwd", "/corpus/settlement.md", "/settlement.md", "/%2e%2e/%2e%2e/etc/passwd", "/page.js/../../../etc/passwd"]:
        reply = raw(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert reply.startswith(b"HTTP/1.1 404"), reply[:200]
        assert b"root:" not in reply and "تسوية".encode() not in reply
    status, body = server.get("/")
    assert status == 200 and b"<script src=\"/page.js\"" in body


def test_a_damaged_index_is_an_error_or_an_answer_never_a_crash(tmp_path):
    corpus = copied_corpus(tmp_path)
    cache = tmp_path / "cache"
    first = Server(corpus, cache)
    first.stop()
    for index in (cache / "termgraph").iterdir():
        for name in ("graph.bin", "terms.bin", "articles.bin"):
            data = bytearray((index / name).read_bytes())
            for i in range(40, len(data), 97):
                data[i] ^= 0x5A
            (index / name).write_bytes(bytes(data))
    second = Server(corpus, cache)
    try:
        status, body = second.get("/api/path?from=frontoffice&to=backoffice")
        assert status == 200 and body == second.cli("path", "frontoffice", "backoffice", no_cache=True).stdout
        assert second.process.poll() is None
    finally:
        second.stop()


def wait_until_fresh(server, started, question):
    """Polls the API until it answers as a fresh --no-cache run; the seconds it took since `started`."""
    path, parameters, args = question
    expected = server.cli(*args, no_cache=True).stdout
    while True:
        status, body = server.get(url(path, parameters))
        if body == expected:
            return time.monotonic() - started
        assert time.monotonic() - started < 5, (body.decode(), expected.decode())
        time.sleep(0.02)


def test_answers_follow_saved_added_removed_and_renamed_files_within_a_second(server):
    corpus = server.corpus
    questions = [("/api/path", {"from": "newterm", "to": "frontoffice"}, ["path", "newterm", "frontoffice"]),
                 ("/api/orphans", {}, ["orphans"]),
                 ("/api/stats", {}, ["stats"]),
                 ("/api/neighbors", {"term": "settlement"}, ["neighbors", "settlement"])]
    steps = [
        lambda: (corpus / "newterm.md").write_text("---\ntitle: New term\n---\nSee [the broker](/broker).\n", encoding="utf-8"),
        lambda: (corpus / "newterm.md").write_text("---\ntitle: New term\n---\nSee [settlement](/settlement).\n", encoding="utf-8"),
        lambda: (corpus / "newterm.md").rename(corpus / "renamed.md"),
        lambda: (corpus / "sub").mkdir(),
        lambda: (corpus / "sub" / "deep.md").write_text("---\ntitle: Deep\n---\n[[settlement]] [[newterm]]\n", encoding="utf-8"),
        # Folders made, moved and removed: the server reads again only the folders events name.
        lambda: (corpus / "sub").rename(corpus / "moved"),
        lambda: ((corpus / "moved" / "a" / "b").mkdir(parents=True),
                 (corpus / "moved" / "a" / "b" / "deeper.md").write_text("---\ntitle: Deeper\n---\n[x](/deep)\n", encoding="utf-8")),
        lambda: (corpus / "moved" / "a" / "b" / "later.md").write_text("---\ntitle: Later\n---\n[x](/kyc)\n", encoding="utf-8"),
        lambda: shutil.rmtree(corpus / "moved" / "a"),
        lambda: (corpus / "moved").rename(corpus / "sub"),
        lambda: (corpus / "renamed.md").unlink(),
        lambda: (corpus / "settlement.md").write_text((corpus / "settlement.md").read_text(encoding="utf-8") + "\n[x](/kyc)\n", encoding="utf-8"),
    ]
    worst = 0.0
    for step in steps:
        started = time.monotonic()
        step()
        for question in questions:
            worst = max(worst, wait_until_fresh(server, started, question))
    assert worst < 1.0, worst


def test_the_command_line_asks_a_running_server_and_falls_back_silently(server):
    args = ("path", "والمكتب الأوسط", "بالتسوية")
    fresh = server.cli(*args, no_cache=True)
    assert server.cli(*args).stdout == fresh.stdout
    assert server.cli("terms", "والمكتب").stdout == server.cli("terms", "والمكتب", no_cache=True).stdout
    unknown = server.cli("path", "nosuchterm", "kyc")
    assert unknown.returncode == 2 and unknown.stdout == server.cli("path", "nosuchterm", "kyc", no_cache=True).stdout
    # A saved file is in the answer at once: a server that has not rebuilt yet is not asked.
    (server.corpus / "newterm.md").write_text("---\ntitle: New term\n---\n[x](/kyc)\n", encoding="utf-8")
    assert server.cli("path", "newterm", "kyc").stdout == server.cli("path", "newterm", "kyc", no_cache=True).stdout
    # A server that does not answer is waited for (its timeout), then the command answers itself.
    os.kill(server.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        stalled = server.cli(*args)
        assert time.monotonic() - started >= 1.5, "the command line did not ask the server"
        assert stalled.stdout == fresh.stdout and stalled.returncode == 0
    finally:
        os.kill(server.process.pid, signal.SIGCONT)
    # A server that is gone leaves its file behind; the command answers by itself.
    server.process.kill()
    server.process.wait()
    gone = server.cli(*args)
    assert gone.stdout == fresh.stdout and gone.returncode == 0


def test_past_the_watch_limit_the_folder_is_polled_and_answers_still_follow(tmp_path):
    # A user namespace of its own has its own inotify limit, which its root may lower: two
    # watches for a corpus of five folders, without touching the machine's limit.
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "sh", "-c", "echo 2 > /proc/sys/user/max_inotify_watches"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a user namespace with its own inotify limit: " + probe.stderr.decode())
    corpus = copied_corpus(tmp_path)
    for folder in ("one", "two", "three", "four"):
        (corpus / folder).mkdir()
        (corpus / folder / f"{folder}.md").write_text(f"# {folder}\n[x](/settlement)\n", encoding="utf-8")
    server = Server(corpus, tmp_path / "cache",
                    prefix=["unshare", "--user", "--map-root-user", "sh", "-c", 'echo 2 > /proc/sys/user/max_inotify_watches && exec "$0" "$@"'])
    try:
        deadline = time.monotonic() + 5
        while not any("inotify watches" in line for line in server.stderr) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any("limit of inotify watches" in line and "every 2 s" in line for line in server.stderr), server.stderr
        started = time.monotonic()
        (corpus / "three" / "added.md").write_text("# Added\n[x](/kyc)\n", encoding="utf-8")
        took = wait_until_fresh(server, started, ("/api/path", {"from": "added", "to": "kyc"}, ["path", "added", "kyc"]))
        assert took < 3.5, took
        # The command line does not trust a polling server to be current: it answers by itself.
        assert server.cli("path", "added", "kyc").stdout == server.cli("path", "added", "kyc", no_cache=True).stdout
    finally:
        server.stop()


@pytest.mark.parametrize("format", ["graphml", "graphml-yed", "dot", "json", "gexf", "skos"])
def test_an_export_is_the_command_lines_export_to_standard_output(server, format):
    status, body = server.get(f"/api/export?format={format}")
    cli = subprocess.run([str(TERMGRAPH_BIN), "export", "--corpus", str(server.corpus), "--format", format, "--output", "-", "--no-cache"],
                         capture_output=True, env=server.env, cwd=server.corpus.parent, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert status == 200 and body == cli.stdout


def test_an_export_of_several_files_or_no_format_is_a_bad_parameter(server):
    for query in ("format=neo4j", "format=all", "", "format=pdf"):
        status, body = server.get("/api/export?" + query)
        assert status == 400 and json.loads(body)["error"]["kind"] == "bad-parameter", body
