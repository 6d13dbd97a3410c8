"""A `termgraph serve` run for the tests: started on a copied corpus on a free port, with its
own index folder, and stopped at the end."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import TERMGRAPH_BIN, REPO_ROOT


class Server:
    def __init__(self, corpus: Path, cache: Path, prefix: list[str] | None = None):
        self.corpus, self.cache = corpus, cache
        self.env = {**os.environ, "XDG_CACHE_HOME": str(cache), "SWIFT_BACKTRACE": "enable=no"}
        self.process = subprocess.Popen(
            [*(prefix or []), str(TERMGRAPH_BIN), "serve", "--corpus", str(corpus), "--port", "0"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=self.env, cwd=corpus.parent)
        self.stderr: list[str] = []
        started = threading.Event()

        def read():
            for raw in self.process.stderr:
                line = raw.decode("utf-8", "replace")
                self.stderr.append(line)
                if "http://" in line:
                    started.set()
        threading.Thread(target=read, daemon=True).start()
        if not started.wait(60):
            self.stop()
            raise AssertionError("termgraph serve did not start:\n" + "".join(self.stderr))
        self.base = re.search(r"http://[^/\s]+", "".join(self.stderr)).group(0)

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def cli(self, *args: str, no_cache=False) -> subprocess.CompletedProcess:
        """termgraph ARGS --json on the same corpus, with the server's index folder."""
        extra = ["--no-cache"] if no_cache else []
        return subprocess.run([str(TERMGRAPH_BIN), *args, "--corpus", str(self.corpus), "--json", *extra],
                              capture_output=True, env=self.env, cwd=self.corpus.parent, timeout=60)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def copied_corpus(tmp_path: Path, source: Path = REPO_ROOT / "corpus") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "corpus"
    shutil.copytree(source, target)
    # Past the index's racy second, so that the first build is trusted as it would be later.
    time.sleep(1.05)
    return target
