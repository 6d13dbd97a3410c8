"""The served rows of `make bench`: `termgraph serve` on a generated corpus, `/api/path` under
load from `wrk` (latency p50/p99, requests per second), and the command line's `path --json`
timed with the server up (it asks the server) and with it stopped (it reads the index).

Run alone: python3 bench/served.py --articles 100000 [--bin .build/release/termgraph]."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def start(tg: str, corpus: str, env: dict) -> tuple[subprocess.Popen, str, float, list[str]]:
    """The server, its address, the seconds until it answered, and what it has written on stderr
    so far (the list grows as it writes)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([tg, "serve", "--corpus", corpus, "--port", "0"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    found, lines = threading.Event(), []

    def read():
        for raw in proc.stderr:
            lines.append(raw.decode("utf-8", "replace"))
            if "http://" in lines[-1]:
                found.set()
    threading.Thread(target=read, daemon=True).start()
    if not found.wait(600):
        proc.kill()
        raise RuntimeError("termgraph serve did not start: " + "".join(lines))
    return proc, re.search(r"http://[^/\s]+", "".join(lines)).group(0), time.perf_counter() - t0, lines


def wait_for(lines: list[str], pattern: str, seconds: float) -> re.Match | None:
    """The first line the server wrote that matches `pattern`, waiting up to `seconds` for it."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for line in list(lines):
            m = re.search(pattern, line)
            if m:
                return m
        time.sleep(0.05)
    return None


def peak_mb(pid: int) -> float | None:
    """A live process's peak resident memory (VmHWM), in MB."""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wrk(url: str, seconds: int, threads: int, connections: int) -> dict:
    """wrk's latency distribution and rate, parsed from its --latency report."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout

    def ms(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"cmd": " ".join(cmd[:-1]) + " URL", "p50_ms": ms("50"), "p90_ms": ms("90"), "p99_ms": ms("99"),
            "requests_per_s": float(rate.group(1)) if rate else None,
            "requests": int(total.group(1)) if total else None, "non_2xx": int(non2xx.group(1)) if non2xx else 0}


def timed_runs(argv: list[str], env: dict, runs: int) -> dict:
    walls, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(argv, env=env, capture_output=True)
        walls.append(time.perf_counter() - t0)
        out = proc.stdout
    walls.sort()
    return {"runs": runs, "median_ms": statistics.median(walls) * 1000, "min_ms": walls[0] * 1000,
            "p90_ms": walls[int(0.9 * (runs - 1))] * 1000, "stdout": out}


def freshness(base: str, corpus: str, terms: dict) -> dict:
    """Seconds from each kind of change until the API answers from it: a new article saved, that
    article edited (its title), renamed (its slug is its path, so the new name answers and the
    old one no longer does), and removed. The corpus is left as it was."""
    probe = os.path.join(corpus, "zz-served-probe.md")
    renamed = os.path.join(corpus, "zz-served-probe-renamed.md")

    def node(term: str) -> tuple[str, str]:
        url = f"{base}/api/node?" + urllib.parse.urlencode({"term": term})
        out = subprocess.run(["curl", "-s", "-w", "\n%{http_code}", url], capture_output=True, text=True).stdout
        body, _, code = out.rpartition("\n")
        return code, body

    def until(done) -> float:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 120:
            if done():
                return time.perf_counter() - t0
            time.sleep(0.02)
        return float("inf")

    def write(path: str, title: str) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {title}\n---\n[x](/{terms['path_from']})\n")
    result = {}
    write(probe, "probe")
    result["added_s"] = until(lambda: node("zz-served-probe")[0] == "200")
    write(probe, "probe edited")
    result["edited_s"] = until(lambda: '"probe edited"' in node("zz-served-probe")[1])
    os.rename(probe, renamed)
    result["renamed_s"] = until(lambda: node("zz-served-probe-renamed")[0] == "200" and node("zz-served-probe")[0] == "404")
    os.remove(renamed)
    result["removed_s"] = until(lambda: node("zz-served-probe-renamed")[0] == "404")
    return result


def bench_served(tg: str, corpus: str, terms: dict, env: dict, *, seconds: int = 10, runs: int = 20) -> dict:
    if not shutil.which("wrk"):
        return {"skipped": "wrk is missing (apt-get install -y wrk)"}
    env = dict(env)
    path_argv = [tg, "path", terms["path_from"], terms["path_to"], "--json", "--corpus", corpus]
    subprocess.run(path_argv, env=env, capture_output=True)      # the index, built once
    load_before = os.getloadavg()[0]
    proc, base, startup, lines = start(tg, corpus, env)
    try:
        # The corpus is read into memory after the server answers from the index: the load
        # and freshness are measured once it is held.
        held = wait_for(lines, r"(\d+) articles held in memory in (\d+) ms", 900)
        held_s = int(held.group(2)) / 1000 if held else None
        query = urllib.parse.urlencode({"from": terms["path_from"], "to": terms["path_to"]})
        url = f"{base}/api/path?{query}"
        subprocess.run(["curl", "-s", "-o", "/dev/null", url], timeout=60)   # warm
        load = wrk(url, seconds, threads=2, connections=8)
        one = wrk(url, max(3, seconds // 2), threads=1, connections=1)
        served = timed_runs(path_argv, env, runs)
        fresh = freshness(base, corpus, terms)
        fresh["updates"] = [line.strip() for line in lines if "answers updated in" in line]
        server_peak = peak_mb(proc.pid)
    finally:
        stop(proc)
    local = timed_runs(path_argv, env, runs)
    same = served.pop("stdout") == local.pop("stdout")
    return {"load": [load_before, os.getloadavg()[0]], "startup_s": startup, "held_s": held_s, "server_peak_mb": server_peak, "freshness": fresh, "wrk": load, "wrk_one_connection": one, "cli_with_server": served,
            "cli_without_server": local, "same_bytes": same,
            "cli_cmd": "$TG path " + " ".join(path_argv[2:4]) + " --json --corpus CORPUS"}


def rows(s: dict) -> list[str]:
    """The served table of one size, for BENCHMARKS.md."""
    if not s:
        return []
    if s.get("skipped"):
        return [f"Served: skipped ({s['skipped']}).", ""]
    w, one = s["wrk"], s["wrk_one_connection"]
    f = lambda x: "—" if x is None else f"{x:,.2f}"  # noqa: E731
    held = f"; corpus held in memory {s['held_s']:.1f} s later" if s.get("held_s") is not None else ""
    peak = f"; peak {s['server_peak_mb']:,.0f} MB" if s.get("server_peak_mb") else ""
    L = [f"| `termgraph serve` (answering in {s['startup_s']:.1f} s{held}{peak}) | p50 | p90 | p99 | requests/s |",
         "|---|---:|---:|---:|---:|",
         f"| `/api/path`, `{w['cmd']}` | {f(w['p50_ms'])} ms | {f(w['p90_ms'])} ms | {f(w['p99_ms'])} ms | {w['requests_per_s']:,.0f} |",
         f"| `/api/path`, one connection (`{one['cmd']}`) | {f(one['p50_ms'])} ms | {f(one['p90_ms'])} ms | {f(one['p99_ms'])} ms | {one['requests_per_s']:,.0f} |",
         "",
         f"| `{s['cli_cmd']}`, end to end ({s['cli_with_server']['runs']} runs) | median | fastest | p90 |",
         "|---|---:|---:|---:|"]
    for key, label in (("cli_with_server", "with the server up (asks it)"), ("cli_without_server", "without a server (index on disk)")):
        m = s[key]
        L.append(f"| {label} | {m['median_ms']:,.1f} ms | {m['min_ms']:,.1f} ms | {m['p90_ms']:,.1f} ms |")
    fr = s.get("freshness")
    if fr:
        L.append(f"\nFreshness (seconds from the change until the API answers from it): a new article "
                 f"{fr['added_s']:.2f} s, an edit {fr.get('edited_s', float('nan')):.2f} s, a rename "
                 f"{fr.get('renamed_s', float('nan')):.2f} s, a removal {fr['removed_s']:.2f} s.")
    L.append(f"\nThe two print the same bytes: {'yes' if s['same_bytes'] else '**NO**'}."
             + (f" Load average (1 min) before / after: {s['load'][0]:.1f} / {s['load'][1]:.1f}"
                + (" — other processes were busy: the tail latencies are pessimistic." if max(s['load']) > 1.2 else ".")
                if s.get("load") else ""))
    L.append("")
    return L


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/termgraph"))
    ap.add_argument("--cache", default=os.path.join(ROOT, ".bench-cache"))
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()
    corpus = os.path.join(args.cache, f"corpus-{args.articles}")
    subprocess.check_call([sys.executable, os.path.join(HERE, "generate_corpus.py"), "--articles", str(args.articles), "--out", corpus])
    terms = json.load(open(corpus + ".json"))["terms"]
    scratch = tempfile.mkdtemp(prefix="served-", dir=args.cache)
    env = {**os.environ, "XDG_CACHE_HOME": scratch}
    try:
        result = bench_served(os.path.abspath(args.bin), corpus, terms, env, seconds=args.seconds)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(result, indent=2))
    print("\n".join(rows(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
