#!/usr/bin/env python3
"""termgraph scale benchmark: `make bench` runs this.

For each size: generate (or reuse) a corpus with bench/generate_corpus.py,
then measure, each under GNU `/usr/bin/time -v` for peak memory:

  - reading every file once (`find | xargs cat > /dev/null`, warm cache): the read limit;
  - termgraph (the release binary) `stats`, `export` GraphML and DOT, `path` (two pairs),
    `neighbors` (a typical article and the most linked one), `orphans` — each a fresh
    process that reads the whole corpus, with any on-disk index removed first;
  - `termgraph path A B` twice in a row with the index left in place (and with
    `--no-cache` when the binary has it);
  - bench/python_pipeline.py (PyYAML + markdown-it-py + NetworkX) on the same corpus;
  - bench/igraph_queries.py on termgraph's own GraphML export;

then checks that all of them give the same answers (node, edge, stub and orphan
counts, path lengths, neighbour sets) as each other and as the generator's
ground truth, prints a ratio table and writes it into BENCHMARKS.md between
the `bench:results` markers. No timing is asserted anywhere.

    python3 bench/run.py --sizes 10000 100000
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import served  # noqa: E402  (the served rows, bench/served.py)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
T_RUN = time.perf_counter()


def rel(p: str) -> str:
    p = os.path.abspath(p)
    return os.path.relpath(p, ROOT) if p.startswith(ROOT + os.sep) else p


def log(msg: str) -> None:
    el = time.perf_counter() - T_RUN
    print(f"[bench {int(el) // 60:02d}:{int(el) % 60:02d}] {msg}", flush=True)


# --- measuring one command -------------------------------------------------------

class Runner:
    def __init__(self, cache: str):
        self.scratch = os.path.join(cache, "run")       # cwd, HOME and XDG_CACHE_HOME of termgraph
        self.out = os.path.join(cache, "out")
        os.makedirs(self.out, exist_ok=True)
        self.cache_seen: set[str] = set()
        self.timed_out: dict[str, int] = {}   # command key -> size at which it was killed

    def env_for_termgraph(self) -> dict:
        env = dict(os.environ)
        env["HOME"] = os.path.join(self.scratch, "home")
        env["XDG_CACHE_HOME"] = os.path.join(self.scratch, "xdg-cache")
        env["TMPDIR"] = os.path.join(self.scratch, "tmp")
        return env

    def clear_index(self, corpus: str) -> None:
        """Remove whatever termgraph may have cached between runs: hidden entries at the
        corpus root (the generator writes none), and its scratch cwd, HOME, XDG_CACHE_HOME
        and TMPDIR (termgraph's default index lives under $XDG_CACHE_HOME/termgraph)."""
        for name in os.listdir(corpus):
            if name.startswith("."):
                p = os.path.join(corpus, name)
                shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
        if os.path.exists(self.scratch):
            shutil.rmtree(self.scratch)
        for d in ("cwd", "home", "xdg-cache", "tmp"):
            os.makedirs(os.path.join(self.scratch, d))

    def index_entries(self, corpus: str) -> list[str]:
        """What termgraph left behind: hidden entries at the corpus root, files in scratch."""
        found = [os.path.join(corpus, n) for n in os.listdir(corpus) if n.startswith(".")]
        for d in ("cwd", "home", "xdg-cache", "tmp"):
            base = os.path.join(self.scratch, d)
            if os.path.isdir(base):
                found += [os.path.join(base, n) for n in os.listdir(base)]
        return sorted(found)

    @staticmethod
    def du(paths: list[str]) -> int:
        total = 0
        for p in paths:
            if os.path.isfile(p):
                total += os.path.getsize(p)
            else:
                for dp, _, fs in os.walk(p):
                    total += sum(os.path.getsize(os.path.join(dp, f)) for f in fs)
        return total

    def once(self, argv: list[str], name: str, *, shell: bool = False, env=None, cwd=None,
             timeout: float = 600) -> dict:
        tfile = os.path.join(self.out, f"{name}.time")
        ofile = os.path.join(self.out, f"{name}.out")
        efile = os.path.join(self.out, f"{name}.err")
        cmd = (["/usr/bin/time", "-v", "-o", tfile, "timeout", "-k", "5", str(int(timeout))]
               + (["bash", "-c", argv] if shell else argv))
        with open(ofile, "wb") as o, open(efile, "wb") as e:
            t0 = time.perf_counter()
            rc = subprocess.call(cmd, stdout=o, stderr=e, env=env, cwd=cwd)
            wall = time.perf_counter() - t0
        tv = open(tfile).read()

        def field(label, conv=float, default=0):
            m = re.search(re.escape(label) + r":\s*([0-9.]+)", tv)
            return conv(m.group(1)) if m else default
        code = field("Exit status", int, rc)
        return {
            "wall": wall,
            "timed_out": code in (124, 137),
            "user": field("User time (seconds)"),
            "sys": field("System time (seconds)"),
            "rss_mb": field("Maximum resident set size (kbytes)", int) / 1024.0,
            "rc": code,
            "stdout": ofile,
            "stderr": efile,
        }

    def measure(self, argv, name, *, reps: int, rep_budget: float, shell=False, env=None, cwd=None,
                before=None, ok_codes=(0,), timeout: float = 600) -> dict:
        """Run up to `reps` times (only once when one run takes longer than rep_budget
        seconds); report the median wall time and the largest peak memory. A run that
        takes longer than `timeout` is killed and reported as such."""
        runs = []
        for i in range(reps):
            if before:
                before()
            runs.append(self.once(argv, name, shell=shell, env=env, cwd=cwd, timeout=timeout))
            if runs[-1]["timed_out"]:
                log(f"  !! {name} killed after {timeout:.0f} s")
                break
            if runs[-1]["rc"] not in ok_codes:
                err = open(runs[-1]["stderr"], errors="replace").read()[-2000:]
                log(f"  !! {name} exited {runs[-1]['rc']}: {err.strip()}")
                break
            if runs[-1]["wall"] > rep_budget:
                break
        walls = [r["wall"] for r in runs]
        last = runs[-1]
        return {
            "cmd": argv if shell else " ".join(shq(a) for a in argv),
            "wall": None if last["timed_out"] else statistics.median(walls),
            "walls": [round(w, 3) for w in walls],
            "timed_out": last["timed_out"],
            "timeout": timeout,
            "user": statistics.median(r["user"] for r in runs),
            "sys": statistics.median(r["sys"] for r in runs),
            "rss_mb": max(r["rss_mb"] for r in runs),
            "rc": last["rc"],
            "stdout": last["stdout"],
        }


PERF_RUNS = 5
PERF_HZ = 4000


def checksum_share(argv, name, R, wall: float, *, env=None, cwd=None) -> dict | None:
    """What the index's checksums cost a repeated query: `perf record` (software cpu-clock, so
    it works where hardware counters are not offered) samples PERF_RUNS runs at PERF_HZ per core,
    and the samples in `Checksum` functions are counted against all of termgraph's; `wall` is the
    same command's time without perf (recording slows a run several times). None when perf is
    missing or refuses."""
    if shutil.which("perf") is None:
        return None
    total = in_checksum = 0
    for i in range(PERF_RUNS):
        data = os.path.join(R.out, f"{name}-{i}.perf")
        rc = subprocess.call(["perf", "record", "-q", "-e", "cpu-clock", "-F", str(PERF_HZ), "-o", data, "--", *argv],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
        if rc != 0:
            return None
        report = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children", "-F", "sample,sym",
                                 "--comm", "termgraph"], capture_output=True, text=True, env=env)
        for line in report.stdout.splitlines():
            fields = line.split(None, 1)
            if len(fields) == 2 and fields[0].isdigit():
                total += int(fields[0])
                if "Checksum" in fields[1]:
                    in_checksum += int(fields[0])
        os.remove(data)
    if total == 0:
        return None
    return {"samples": total, "checksum_samples": in_checksum, "share_of_cpu": in_checksum / total,
            "checksum_seconds": in_checksum / PERF_HZ / PERF_RUNS, "wall": wall,
            "share_of_wall": in_checksum / PERF_HZ / PERF_RUNS / wall}


def shq(a: str) -> str:
    return a if re.fullmatch(r"[A-Za-z0-9_./=:-]+", a) else "'" + a.replace("'", "'\\''") + "'"


# --- machine facts --------------------------------------------------------------------

def machine_facts(binary: str) -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass

    def version(mod):
        try:
            m = __import__(mod)
            return getattr(m, "__version__", "?")
        except Exception:
            return "missing"
    yaml_v = version("yaml")
    try:
        import yaml
        yaml_v += " (libyaml C loader)" if getattr(yaml, "__with_libyaml__", False) else " (pure Python loader)"
    except Exception:
        pass
    swift = subprocess.run(["bash", "-c", "swift --version 2>&1 | head -1"], capture_output=True, text=True).stdout.strip()
    h = hashlib.sha256(open(binary, "rb").read()).hexdigest()[:12]
    return {
        "nproc": os.cpu_count(),
        "nproc_cmd": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
        "cpu": cpu,
        "memory": mem,
        "kernel": platform.release(),
        "os": (re.search(r'PRETTY_NAME="([^"]*)"', open("/etc/os-release").read()) or [None, "?"])[1]
        if os.path.exists("/etc/os-release") else "?",
        "python": platform.python_version(),
        "swift": swift,
        "networkx": version("networkx"),
        "igraph": version("igraph"),
        "markdown_it": version("markdown_it"),
        "pyyaml": yaml_v,
        "termgraph_sha256": h,
        "termgraph_mtime": datetime.datetime.fromtimestamp(os.path.getmtime(binary)).isoformat(timespec="seconds"),
    }


# --- one size -------------------------------------------------------------------------

def bench_size(n: int, args, R: Runner, tg: str, no_cache: bool) -> dict:
    corpus = os.path.join(args.cache, f"corpus-{n}")
    gen_cmd = [sys.executable, os.path.join(HERE, "generate_corpus.py"), "--articles", str(n), "--out", corpus]
    log(f"size {n:,}: corpus")
    before = os.path.getmtime(corpus + ".json") if os.path.exists(corpus + ".json") else None
    t0 = time.perf_counter()
    subprocess.check_call(gen_cmd)
    gen_wall = time.perf_counter() - t0
    cached = before is not None and before == os.path.getmtime(corpus + ".json")
    manifest = json.load(open(corpus + ".json"))
    truth, terms = manifest["truth"], manifest["terms"]
    terms_file = os.path.join(R.out, f"terms-{n}.json")
    json.dump(terms, open(terms_file, "w"), indent=2)
    res = {"n": n, "corpus": rel(corpus), "truth": truth, "terms": terms, "generate": {
        "cmd": " ".join(shq(rel(a)) if a.startswith(ROOT) else shq(a) for a in gen_cmd[1:]),
        "wall_this_run": gen_wall, "wall_when_generated": manifest["generate_seconds"],
        "cached": cached}}
    mb = truth["bytes"] / 1e6
    reps, budget = args.reps, args.rep_budget

    # the read limit
    cat = f"find {shq(corpus)} -name '*.md' -print0 | xargs -0 cat > /dev/null"
    subprocess.call(["bash", "-c", cat])          # warm the page cache
    log(f"size {n:,}: read limit (cat), {mb:.0f} MB in {n:,} files")
    res["cat"] = R.measure(cat, f"cat-{n}", reps=max(reps, 3), rep_budget=budget, shell=True)
    # the floor of any answer that is never stale without a file-watching daemon: one stat of
    # every file (what termgraph's fingerprint walk does before trusting its index)
    walk = f"find {shq(corpus)} -name '*.md' -printf '%s %T@ %C@ %i\\n' > /dev/null"
    log(f"size {n:,}: stat walk (find -printf)")
    res["statwalk"] = R.measure(walk, f"statwalk-{n}", reps=max(reps, 3), rep_budget=budget, shell=True)

    # termgraph, every command a fresh process with no index
    env = R.env_for_termgraph()
    cwd = os.path.join(R.scratch, "cwd")
    clear = lambda: R.clear_index(corpus)  # noqa: E731
    R.clear_index(corpus)
    gml = os.path.join(R.out, f"termgraph-{n}.graphml")
    dot = os.path.join(R.out, f"termgraph-{n}.dot")
    for f in (gml, dot):
        if os.path.exists(f):
            os.remove(f)
    timeout = max(args.timeout, args.timeout * n / 100000)
    res["timeout"] = timeout
    res["load_before"] = os.getloadavg()
    cmds = {
        "stats": ["stats", "--json"],
        "export_graphml": ["export", "--format", "graphml", "--output", gml],
        "export_dot": ["export", "--format", "dot", "--output", dot],
        "orphans": ["orphans", "--json"],
        "path": ["path", terms["path_from"], terms["path_to"], "--json"],
        "path2": ["path", terms["path2_from"], terms["path2_to"], "--json"],
        "neighbors": ["neighbors", terms["neighbors"], "--json"],
        "neighbors_hub": ["neighbors", terms["neighbors_hub"], "--json"],
    }
    res["termgraph"] = {}
    for key, sub in cmds.items():
        argv = [tg, sub[0], "--corpus", corpus] + sub[1:]
        shown = " ".join([args.bin_display] + [shq(rel(a)) for a in argv[1:]])
        if key in R.timed_out:
            log(f"size {n:,}: termgraph {sub[0]} ({key}) skipped: killed at {R.timed_out[key]:,} articles")
            res["termgraph"][key] = {"cmd": shown, "skipped": R.timed_out[key], "wall": None, "timed_out": True,
                                     "rss_mb": None, "user": None, "sys": None, "rc": None, "stdout": None}
            continue
        log(f"size {n:,}: termgraph {sub[0]} ({key})")
        m = R.measure(argv, f"termgraph-{key}-{n}", reps=reps, rep_budget=budget, env=env, cwd=cwd,
                      before=clear, ok_codes=(0, 1), timeout=timeout)
        m["cmd"] = shown
        if m["timed_out"]:
            R.timed_out[key] = n
        left = R.index_entries(corpus)
        if left:
            R.cache_seen.update(rel(p) for p in left)
        res["termgraph"][key] = m

    # repeated queries: the index (if any) is kept between the two runs; `orphans` too,
    # since it needs no term lookup and so shows what the index alone saves
    res["repeat"] = {}
    for key, sub in (("path", ["path", terms["path_from"], terms["path_to"], "--json"]),
                     ("orphans", ["orphans", "--json"])):
        R.clear_index(corpus)
        argv = [tg, sub[0], "--corpus", corpus] + sub[1:]
        rep = {"cmd": " ".join([args.bin_display] + [shq(rel(a)) for a in argv[1:]])}
        if res["termgraph"][key]["timed_out"]:
            log(f"size {n:,}: termgraph {key} twice in a row: skipped (the cold run was killed)")
            rep["skipped"] = True
        else:
            log(f"size {n:,}: termgraph {key} twice in a row")
            rep["first"] = R.once(argv, f"termgraph-repeat1-{key}-{n}", env=env, cwd=cwd, timeout=timeout)
            rep["index_after_first"] = [rel(p) for p in R.index_entries(corpus)]
            rep["index_bytes"] = R.du(R.index_entries(corpus))
            rep["second"] = R.once(argv, f"termgraph-repeat2-{key}-{n}", env=env, cwd=cwd, timeout=timeout)
            if key == "path":
                rep["checksum"] = checksum_share(argv, f"perf-repeat-{key}-{n}", R, rep["second"]["wall"],
                                                 env=env, cwd=cwd)
            if no_cache:
                rep["no_cache"] = R.once(argv + ["--no-cache"], f"termgraph-nocache-{key}-{n}", env=env, cwd=cwd,
                                         timeout=timeout)
        res["repeat"][key] = rep
    R.clear_index(corpus)

    # the server: /api/path under wrk, and the command line with and without it
    log(f"size {n:,}: termgraph serve (wrk on /api/path; path with and without the server)")
    res["served"] = served.bench_served(tg, corpus, terms, env)
    R.clear_index(corpus)

    # the whole build without the index: corpus -> graph -> GraphML, nothing else written
    if no_cache and not res["termgraph"]["export_graphml"]["timed_out"]:
        argv = [tg, "export", "--corpus", corpus, "--format", "graphml", "--output", gml, "--no-cache"]
        log(f"size {n:,}: termgraph export --no-cache (GraphML)")
        m = R.measure(argv, f"termgraph-export-nocache-{n}", reps=reps, rep_budget=budget, env=env, cwd=cwd,
                      timeout=timeout)
        m["cmd"] = " ".join([args.bin_display] + [shq(rel(a)) for a in argv[1:]])
        res["export_nocache"] = m

    # the Python pipeline
    py_json = os.path.join(R.out, f"python-{n}.json")
    py_gml = os.path.join(R.out, f"python-{n}.graphml")
    pipe = os.path.join(HERE, "python_pipeline.py")
    if n <= args.python_max:
        argv = [sys.executable, pipe, corpus, "--graphml", py_gml, "--terms", terms_file, "--json", py_json]
        log(f"size {n:,}: Python pipeline (PyYAML + markdown-it-py + NetworkX), full corpus")
        mode = "full"
    else:
        s = min(args.python_sample, n)
        argv = [sys.executable, pipe, corpus, "--sample", str(s), "--json", py_json]
        log(f"size {n:,}: Python pipeline on a sample of {s:,} files (full corpus over --python-max)")
        mode = f"sample of {s:,} files"
    if os.path.exists(py_json):
        os.remove(py_json)
    m = R.measure(argv, f"python-{n}", reps=1, rep_budget=budget, timeout=args.python_timeout)
    m["cmd"] = " ".join(shq(rel(a)) for a in argv[1:])
    m["mode"] = mode
    m["result"] = json.load(open(py_json)) if os.path.exists(py_json) else None
    res["python"] = m

    # igraph on termgraph's GraphML
    ig_json = os.path.join(R.out, f"igraph-{n}.json")
    argv = [sys.executable, os.path.join(HERE, "igraph_queries.py"), gml, "--terms", terms_file, "--json", ig_json]
    if os.path.exists(gml) and os.path.getsize(gml) > 0:
        log(f"size {n:,}: igraph on termgraph's GraphML ({os.path.getsize(gml) / 1e6:.0f} MB)")
        if os.path.exists(ig_json):
            os.remove(ig_json)
        m = R.measure(argv, f"igraph-{n}", reps=1, rep_budget=budget, timeout=args.python_timeout)
        m["cmd"] = " ".join(shq(rel(a)) for a in argv[1:])
        m["result"] = json.load(open(ig_json)) if os.path.exists(ig_json) else None
        m["graphml_mb"] = os.path.getsize(gml) / 1e6
        res["igraph"] = m
    if os.path.exists(dot):
        res["dot_mb"] = os.path.getsize(dot) / 1e6
    res["load_after"] = os.getloadavg()
    res["answers"] = compare(res)
    return res


# --- answers ----------------------------------------------------------------------------

def digest(items) -> str:
    h = hashlib.sha256()
    for s in items:
        h.update(s.encode("utf-8") + b"\n")
    return h.hexdigest()[:16]


def load_json(path):
    try:
        return json.load(open(path))
    except Exception:
        return None


def termgraph_answers(res) -> dict:
    t = res["termgraph"]
    a = {}

    def out(key):
        m = t.get(key)
        if not m or m.get("timed_out") or not m.get("stdout"):
            return None
        return m
    if out("stats"):
        st = load_json(t["stats"]["stdout"])
        if st:
            a.update(articles=st.get("articles"), stubs=st.get("stubs"), edges=st.get("edges"),
                     internal_links=st.get("links"), external_links=st.get("external_links"))
            a["nodes"] = (st.get("articles") or 0) + (st.get("stubs") or 0)
    for key in ("path", "path2"):
        if out(key):
            if t[key]["rc"] == 1:
                a[key] = None
            else:
                j = load_json(t[key]["stdout"])
                a[key] = j.get("length") if j else "error"
    for key in ("neighbors", "neighbors_hub"):
        if out(key):
            j = load_json(t[key]["stdout"])
            if j:
                nb = sorted({x["slug"] for x in j["neighbors"]})
                a[key] = (len(nb), digest(nb))
    if out("orphans"):
        j = load_json(t["orphans"]["stdout"])
        if j:
            o = sorted(x["slug"] for x in j["terms"])
            a["orphans"] = (len(o), digest(o))
    return a


def other_answers(r) -> dict:
    if not r:
        return {}
    a = {k: r.get(k) for k in ("articles", "stubs", "nodes", "edges", "internal_links", "external_links")
         if k in r}
    for key in ("path", "path2"):
        if key in r:
            a[key] = r[key]["length"]
    for key in ("neighbors", "neighbors_hub", "orphans"):
        if key in r:
            a[key] = (r[key]["count"], r[key]["digest"])
    return a


def compare(res) -> dict:
    truth = {k: res["truth"][k] for k in ("articles", "stubs", "nodes", "edges", "internal_links", "external_links")}
    truth["orphans"] = (res["truth"]["orphans"], None)
    sources = {"generator": truth, "termgraph": termgraph_answers(res)}
    py = res.get("python", {}).get("result")
    if py and res["python"]["mode"] == "full":
        sources["networkx"] = other_answers(py)
    if res.get("igraph", {}).get("result"):
        ig = other_answers(res["igraph"]["result"])
        sources["igraph"] = ig
    keys = ["articles", "stubs", "nodes", "edges", "internal_links", "external_links",
            "path", "path2", "neighbors", "neighbors_hub", "orphans"]
    rows, mismatches = [], []
    for k in keys:
        vals = {s: v[k] for s, v in sources.items() if k in v}
        shown = {s: (v[0] if isinstance(v, tuple) else v) for s, v in vals.items()}
        # counts must agree everywhere; sets (digests) wherever a source has one
        ok = len(set(shown.values())) <= 1 and \
            len({v[1] for v in vals.values() if isinstance(v, tuple) and v[1] is not None}) <= 1
        rows.append({"what": k, "values": shown, "agree": ok, "n_sources": len(vals)})
        if not ok:
            mismatches.append(k)
    return {"rows": rows, "mismatches": mismatches, "sources": list(sources)}


# --- report -----------------------------------------------------------------------------

def fs(x) -> str:
    if x is None:
        return "—"
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def fmb(x) -> str:
    if x is None:
        return "—"
    return f"{x:,.0f} MB" if x >= 10 else f"{x:.1f} MB"


def fr(a, b) -> str:
    if not a or not b:
        return "—"
    r = a / b
    return f"{r:.2f}×" if r < 1 else (f"{r:.1f}×" if r < 100 else f"{r:,.0f}×")


def tg_cell(m) -> tuple[str, str, str]:
    """(wall, CPU, peak) cells for one termgraph measurement."""
    if m.get("skipped"):
        return f"skipped (killed at {m['skipped']:,})", "", ""
    if m.get("timed_out"):
        return f"> {m['timeout']:.0f} s (killed)", "", fmb(m["rss_mb"]) + "+"
    return fs(m["wall"]), fs(m["user"] + m["sys"]), fmb(m["rss_mb"])


def tg_ratio(other, m) -> str:
    """other ÷ termgraph, a bound when termgraph was killed."""
    if other is None:
        return "—"
    if m.get("skipped"):
        return "—"
    if m.get("timed_out"):
        return f"< {other / m['timeout']:.2f}×"
    return fr(other, m["wall"])


def python_equiv(py, what):
    """Seconds and peak MB of the Python pipeline for one termgraph command:
    imports + parse + build (+ the export or query itself)."""
    if not py or not py.get("result") or py["mode"] != "full":
        return None, None
    s, m = py["result"]["seconds"], py["result"]["maxrss_mb"]
    base = s["import"] + s["parse"] + s["build"]
    if what == "graphml":
        return base + s["graphml"], m["graphml"]
    return base + s.get(what, 0.0), m["build"]


def igraph_equiv(ig, what):
    if not ig or not ig.get("result"):
        return None, None
    s, m = ig["result"]["seconds"], ig["result"]["maxrss_mb"]
    return s["import"] + s["read"] + s["index"] + s.get(what, 0.0), m["index"]


def table(results: list[dict], facts: dict, no_cache: bool) -> str:
    L = []
    for res in results:
        n = res["n"]
        t = res["termgraph"]
        py, ig = res.get("python"), res.get("igraph")
        mb = res["truth"]["bytes"] / 1e6
        L.append(f"### {n:,} articles ({mb:,.0f} MB, {res['truth']['edges']:,} edges)\n")
        la, lb = res.get("load_before"), res.get("load_after")
        if la and lb:
            L.append(f"Load average (1 min) before / after this size: {la[0]:.2f} / {lb[0]:.2f}"
                     + (" — **other processes were busy: timings are pessimistic**" if max(la[0], lb[0]) > 1.2 else "")
                     + ".\n")
        L.append("| operation | termgraph | CPU | peak | Python (NetworkX) | peak | Py ÷ tg | igraph on tg's GraphML | peak | ig ÷ tg |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        rows = [("export GraphML", "export_graphml", "graphml", None),
                ("export DOT", "export_dot", None, None),
                ("path (pair 1)", "path", "path", "path"),
                ("path (pair 2)", "path2", "path2", "path2"),
                ("neighbors (typical)", "neighbors", "neighbors", "neighbors"),
                ("neighbors (top hub)", "neighbors_hub", "neighbors_hub", "neighbors_hub"),
                ("orphans", "orphans", "orphans", "orphans"),
                ("stats", "stats", None, None)]
        for label, tk, pk, ik in rows:
            w, cpu, peak = tg_cell(t[tk])
            pw, prss = python_equiv(py, pk) if pk else (None, None)
            iw, irss = igraph_equiv(ig, ik) if ik else (None, None)
            L.append(f"| {label} | {w} | {cpu} | {peak} | {fs(pw)} | {fmb(prss)} | {tg_ratio(pw, t[tk])} "
                     f"| {fs(iw)} | {fmb(irss)} | {tg_ratio(iw, t[tk])} |")
            if tk == "export_graphml" and res.get("export_nocache"):
                m = dict(res["export_nocache"], timeout=res["timeout"])
                w, cpu, peak = tg_cell(m)
                L.append(f"| export GraphML, `--no-cache` | {w} | {cpu} | {peak} | {fs(pw)} | {fmb(prss)} "
                         f"| {tg_ratio(pw, m)} | | | |")
        if py:
            whole = f"> {py['timeout']:.0f} s (killed)" if py["timed_out"] else fs(py["wall"])
            L.append(f"| whole Python pipeline, one process ({py['mode']}) | | | | {whole} | {fmb(py['rss_mb'])} | | | | |")
        if ig:
            whole = f"> {ig['timeout']:.0f} s (killed)" if ig["timed_out"] else fs(ig["wall"])
            L.append(f"| whole igraph script, one process ({ig['graphml_mb']:,.0f} MB GraphML) | | | | | | | {whole} | {fmb(ig['rss_mb'])} | |")
        L.append("")
        cat = res["cat"]
        L.append("| build vs. the read limit | wall | peak | MB/s | ÷ cat |")
        L.append("|---|---:|---:|---:|---:|")
        L.append(f"| `cat` every file (warm cache) | {fs(cat['wall'])} | {fmb(cat['rss_mb'])} | {mb / cat['wall']:,.0f} | 1.0× |")
        for key, label in (("export_graphml", "termgraph `export --format graphml`, cold (also writes the index)"),
                           ("export_nocache", "termgraph `export --format graphml --no-cache`"),
                           ("orphans", "termgraph `orphans`, cold (read, parse, link, write the index, list)"),
                           ("stats", "termgraph `stats`, cold")):
            m = res.get(key) or t.get(key)
            if m is None:
                continue
            if m.get("wall"):
                L.append(f"| {label} | {fs(m['wall'])} | {fmb(m['rss_mb'])} | {mb / m['wall']:,.0f} | {fr(m['wall'], cat['wall'])} |")
            else:
                L.append(f"| {label} | {tg_cell(m)[0]} | | | |")
        if py and py.get("result"):
            s = py["result"]["seconds"]
            files = py["result"]["files"]
            extra = "" if py["mode"] == "full" else f", scaled ×{n / files:,.0f} to the corpus"
            L.append(f"| Python read + parse ({py['mode']}{extra}) | {fs(s['parse'] * n / files)} | | "
                     f"{(mb * files / n) / s['parse']:,.1f} | {fr(s['parse'] * n / files, cat['wall'])} |")
        L.append("")
        for key, what in (("path", "`termgraph path A B`"), ("orphans", "`termgraph orphans`")):
            r = res["repeat"].get(key)
            if r is None:
                continue
            L.append(f"| {what} twice in a row (index left in place) | wall | CPU | peak |")
            L.append("|---|---:|---:|---:|")
            if r.get("skipped"):
                L.append("| skipped: the cold run was killed | | | |")
                L.append("")
                continue
            for k, label in (("first", "first run (no index on disk)"), ("second", "second run"),
                             ("no_cache", "`--no-cache`")):
                if k in r:
                    m = dict(r[k], timeout=res["timeout"])
                    L.append(f"| {label} | " + " | ".join(tg_cell(m)) + " |")
            if "no_cache" not in r:
                L.append("| `--no-cache` | not offered by this binary | | |")
            w = res.get("statwalk")
            if w and w.get("wall"):
                L.append(f"| floor: one `stat` of every file (`find -printf`) | {fs(w['wall'])} | "
                         f"{fs((w.get('user') or 0) + (w.get('sys') or 0))} | {fmb(w['rss_mb'])} |")
            c = r.get("checksum")
            if c:
                L.append(f"\nThe index's checksums in the second run (`perf record -e cpu-clock`, {PERF_RUNS} runs): "
                         f"{c['checksum_samples']:,} of {c['samples']:,} samples, {c['share_of_cpu']:.1%} of the CPU "
                         f"time, about {c['checksum_seconds'] * 1000:.0f} ms of a {fs(c['wall'])} run "
                         f"({c['share_of_wall']:.1%} of the wall time if none of it overlapped other work).")
            elif key == "path":
                L.append("\nThe checksums' share was not measured: `perf` is missing or refused to record.")
            idx = ", ".join(f"`{p}`" for p in r["index_after_first"]) or "none found"
            L.append(f"\nOn-disk index after the first run: {idx}"
                     + (f" ({r['index_bytes'] / 1e6:,.1f} MB)" if r["index_after_first"] else "") + ".")
            L.append("")
        L.extend(served.rows(res.get("served")))
        a = res["answers"]
        L.append(f"Answers ({', '.join(a['sources'])}; for sets the digest of the sorted slugs is compared too):\n")
        L.append("| answer | " + " | ".join(a["sources"]) + " | agree |")
        L.append("|---|" + "---:|" * len(a["sources"]) + "---|")
        for row in a["rows"]:
            cells = []
            for s in a["sources"]:
                if s not in row["values"]:
                    cells.append("")
                    continue
                v = row["values"][s]
                if v is None and row["what"].startswith("path"):
                    cells.append("no path")
                elif isinstance(v, int):
                    cells.append(f"{v:,}")
                else:
                    cells.append("" if v is None else str(v))
            verdict = "yes" if row["agree"] else "**NO**"
            if row["n_sources"] < 2:
                verdict = "—"
            L.append(f"| {row['what']} | " + " | ".join(cells) + f" | {verdict} |")
        L.append("")
    return "\n".join(L)


def facts_md(facts, args, total, results, no_cache, finished) -> str:
    sizes = ", ".join(f"{r['n']:,}" for r in results)
    L = [f"Run {finished}, sizes {sizes}; `bench/run.py` took {total / 60:.1f} min (plus the Swift build "
         "that `make bench` runs first).\n",
         f"- machine: `nproc` = {facts['nproc_cmd']}, CPU `{facts['cpu']}` (from /proc/cpuinfo), {facts['memory']} RAM, "
         f"{facts['os']}, kernel {facts['kernel']}",
         f"- {facts['swift']}; termgraph release binary sha256 {facts['termgraph_sha256']}…, built {facts['termgraph_mtime']}"
         f"{'; has `--no-cache`' if no_cache else '; no `--no-cache` flag'}",
         f"- Python {facts['python']}: networkx {facts['networkx']}, python-igraph {facts['igraph']}, "
         f"markdown-it-py {facts['markdown_it']}, PyYAML {facts['pyyaml']}",
         f"- termgraph commands repeated up to {args.reps}× (once when a run takes over {args.rep_budget:.0f} s), "
         f"median shown; `cat` at least 3×; Python and igraph once. A termgraph command is killed after "
         f"{args.timeout:.0f} s per 100,000 articles (at least {args.timeout:.0f} s) and then skipped at larger sizes; "
         f"the Python pipeline and igraph after {args.python_timeout:.0f} s.",
         "- Every termgraph command is a fresh process that reads and links the whole corpus, with any on-disk "
         "index removed first. The Python and igraph columns are the same work taken from one process's phase "
         "timings: imports + read/parse + graph build + that one operation (igraph: imports + GraphML read + "
         "that query); their peak is the process's peak so far at that point. `Py ÷ tg` and `ig ÷ tg` above 1× "
         "mean termgraph is faster. CPU = user + system seconds.", ""]
    L.append("Corpora:\n")
    L.append("| articles | MB | links (internal / external) | edges | stubs | orphans | generated in | this run |")
    L.append("|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        tr, g = r["truth"], r["generate"]
        L.append(f"| {r['n']:,} | {tr['bytes'] / 1e6:,.0f} | {tr['internal_links']:,} / {tr['external_links']:,} | "
                 f"{tr['edges']:,} | {tr['stubs']:,} | {tr['orphans']:,} | {g['wall_when_generated']:.0f} s | "
                 f"{'reused from cache' if g['cached'] else 'generated'} |")
    L.append("")
    return "\n".join(L)


def commands_md(results) -> str:
    L = ["Commands as run (paths relative to the repository root; `$TG` is the snapshot of "
         "`.build/release/termgraph` taken at the start of the run):\n", "```sh", "TG=.build/release/termgraph"]
    for r in results:
        n = r["n"]
        L.append(f"# {n:,} articles")
        L.append("python3 " + r["generate"]["cmd"])
        L.append(rel_cmd(r["cat"]["cmd"]))
        if "statwalk" in r:
            L.append(rel_cmd(r["statwalk"]["cmd"]))
        for k, m in r["termgraph"].items():
            L.append(m["cmd"])
        for rep in r["repeat"].values():
            L.append(rep["cmd"] + "   # twice, index kept" + (" (skipped)" if rep.get("skipped") else ""))
        if "export_nocache" in r:
            L.append(r["export_nocache"]["cmd"])
        if "python" in r:
            L.append("python3 " + r["python"]["cmd"])
        if "igraph" in r:
            L.append("python3 " + r["igraph"]["cmd"])
    L.append("```")
    return "\n".join(L)


def rel_cmd(s: str) -> str:
    return s.replace(ROOT + "/", "")


def write_md(path: str, body: str) -> None:
    begin, end = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"
    block = f"{begin}\n{body}\n{end}"
    if os.path.exists(path):
        old = open(path).read()
        if begin in old and end in old:
            new = old[:old.index(begin)] + block + old[old.index(end) + len(end):]
        else:
            new = old.rstrip("\n") + "\n\n" + block + "\n"
    else:
        new = "# Benchmarks\n\n" + block + "\n"
    with open(path + ".tmp", "w") as f:
        f.write(new)
    os.replace(path + ".tmp", path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=os.environ.get("SIZES") or "10000 100000",
                    help='space-separated article counts (default "10000 100000"; env SIZES)')
    ap.add_argument("--full", action="store_true", default=os.environ.get("BENCH_FULL", "") not in ("", "0"),
                    help="add 1,000,000 articles (env BENCH_FULL=1)")
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/termgraph"))
    ap.add_argument("--cache", default=os.path.join(ROOT, ".bench-cache"))
    ap.add_argument("--reps", type=int, default=3, help="runs per termgraph command (median reported)")
    ap.add_argument("--rep-budget", type=float, default=8.0,
                    help="run a command only once when one run takes longer than this many seconds")
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="kill a termgraph command after this many seconds per 100,000 articles (at least this); "
                         "a command killed at one size is skipped at larger ones")
    ap.add_argument("--python-timeout", type=float, default=600.0,
                    help="kill the Python pipeline or the igraph script after this many seconds")
    ap.add_argument("--python-max", type=int, default=100000,
                    help="largest corpus the Python pipeline reads whole; above it, a sample")
    ap.add_argument("--python-sample", type=int, default=100000, help="files in that sample")
    ap.add_argument("--report-only", action="store_true",
                    help="measure nothing: render CACHE/results.json of the last run again")
    ap.add_argument("--markdown", default=os.path.join(ROOT, "BENCHMARKS.md"),
                    help="file whose bench:results block is replaced ('' for none)")
    args = ap.parse_args()
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.replace(",", " ").split()} |
                   ({1000000} if args.full else set()))
    args.cache = os.path.abspath(args.cache)
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bench: GNU time is missing (apt-get install -y time)")
    if not os.path.exists(args.bin):
        sys.exit(f"bench: {args.bin} is missing (make build)")
    state_file = os.path.join(args.cache, "results.json")
    if args.report_only:
        state = json.load(open(state_file))
        render(state, args.markdown)
        return 0
    os.makedirs(os.path.join(args.cache, "bin"), exist_ok=True)
    tg = os.path.join(args.cache, "bin", "termgraph")
    shutil.copy2(args.bin, tg)          # one binary for the whole run, even if it is rebuilt meanwhile
    args.bin_display = "$TG"
    facts = machine_facts(tg)
    helptext = subprocess.run([tg, "path", "--help"], capture_output=True, text=True).stdout
    no_cache = "--no-cache" in helptext
    log(f"sizes {', '.join(f'{s:,}' for s in sizes)}; termgraph {facts['termgraph_sha256']} "
        f"({'with' if no_cache else 'without'} --no-cache); {facts['nproc_cmd']} cores, {facts['cpu']}; "
        f"load average {os.getloadavg()[0]:.2f}")
    R = Runner(args.cache)
    state = {"facts": facts, "results": [], "no_cache": no_cache, "cache_seen": [],
             "settings": {k: getattr(args, k) for k in ("reps", "rep_budget", "timeout", "python_timeout",
                                                         "python_max", "python_sample")}}
    for n in sizes:
        state["results"].append(bench_size(n, args, R, tg, no_cache))
        state["total"] = time.perf_counter() - T_RUN
        state["cache_seen"] = sorted(R.cache_seen)
        state["finished"] = datetime.datetime.now().isoformat(timespec="minutes")
        with open(state_file, "w") as f:
            json.dump(state, f, indent=2, ensure_ascii=False, default=str)
    render(state, args.markdown)
    log(f"done in {state['total'] / 60:.1f} min")
    return 0


def render(state: dict, markdown: str) -> None:
    from types import SimpleNamespace
    settings = SimpleNamespace(**state["settings"])
    results, facts, no_cache = state["results"], state["facts"], state["no_cache"]
    body = (facts_md(facts, settings, state["total"], results, no_cache, state["finished"]) + "\n"
            + table(results, facts, no_cache) + "\n" + commands_md(results))
    if state.get("cache_seen"):
        body += "\n\nFiles termgraph left between runs (removed before every cold run): " + \
            ", ".join(f"`{p}`" for p in state["cache_seen"]) + "\n"
    print("\n" + body)
    for r in results:
        if r["answers"]["mismatches"]:
            print(f"ANSWERS DIFFER at {r['n']:,} articles: {', '.join(r['answers']['mismatches'])} "
                  "(see the tables above)")
    if markdown:
        write_md(markdown, body)
        print(f"\nwrote the results into {rel(markdown)}")


if __name__ == "__main__":
    sys.exit(main())
