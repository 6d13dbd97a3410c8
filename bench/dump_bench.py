#!/usr/bin/env python3
"""The dump row of `make bench`: termgraph on a generated MediaWiki `.xml.bz2` dump.

Generates (or reuses) a dump of N pages with bench/generate_dump.py, then measures under
GNU `/usr/bin/time -v`: `bzcat FILE > /dev/null` (decompression alone, the floor for any
reader of the file), `termgraph stats --no-cache` (decompress, parse, scan, link, build), and
`termgraph stats` with the on-disk index three times (the first build writes it, a second run
reads it, a run after touching the dump reads the dump again under its new stamp), checks
termgraph's counts against the generator's, and extrapolates by the same per-page figures to a
full English Wikipedia (6.2M articles, 530M links). Writes the row into
BENCHMARKS.md between the `bench:dump` markers.

    python3 bench/dump_bench.py --pages 1000000
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ENWIKI_ARTICLES, ENWIKI_LINKS = 6_200_000, 530_000_000


def timed(argv: list[str], out: str, env=None) -> dict:
    tfile = out + ".time"
    with open(out, "wb") as o:
        rc = subprocess.call(["/usr/bin/time", "-v", "-o", tfile] + argv, stdout=o, env=env)
    tv = open(tfile).read()

    def field(label):
        m = re.search(re.escape(label) + r":\s*([0-9.:]+)", tv)
        return m.group(1) if m else "0"
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    return {"rc": rc, "wall": seconds, "user": float(field("User time (seconds)")), "sys": float(field("System time (seconds)")),
            "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024}


def measure(pages: int, binary: str, cache: str) -> dict:
    folder = os.path.join(cache, f"dump-{pages}")
    dump = os.path.join(folder, f"benchwiki-{pages}.xml.bz2")
    counts_file = os.path.join(cache, f"dump-{pages}.json")
    if not (os.path.exists(dump) and os.path.exists(counts_file)):
        os.makedirs(folder, exist_ok=True)
        print(f"[dump] generating {pages:,} pages into {dump}", flush=True)
        counts = subprocess.run([sys.executable, os.path.join(HERE, "generate_dump.py"), str(pages), dump],
                                check=True, capture_output=True, text=True).stdout
        open(counts_file, "w").write(counts)
    expected = json.load(open(counts_file))
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(cache, "dump-xdg"))
    shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
    out = os.path.join(cache, "dump-out")
    os.makedirs(out, exist_ok=True)
    print("[dump] bzcat", flush=True)
    bzcat = timed(["bzcat", dump], "/dev/null")
    print("[dump] termgraph stats", flush=True)
    stats = timed([binary, "stats", "--json", "--no-cache", "--corpus", folder], os.path.join(out, "stats.json"), env=env)
    answer = json.load(open(os.path.join(out, "stats.json")))
    agree = answer["articles"] == expected["articles"] and answer["links"] == expected["links"]
    # The default path, with the on-disk index: its first build writes it, a second run reads the
    # stored graph, and a run after the dump is touched reads the dump again under its new stamp.
    indexed = {}
    for run in ("first", "second", "touched"):
        if run == "touched":
            os.utime(dump)
        print(f"[dump] termgraph stats, index: {run}", flush=True)
        indexed[run] = timed([binary, "stats", "--json", "--corpus", folder], os.path.join(out, f"stats-{run}.json"), env=env)
        again = json.load(open(os.path.join(out, f"stats-{run}.json")))
        agree = agree and all(again[k] == answer[k] for k in ("articles", "links", "edges", "stubs"))
    return {"pages": pages, "expected": expected, "answer": answer, "agree": agree, "bzcat": bzcat, "stats": stats,
            "indexed": indexed, "file_mb": os.path.getsize(dump) / 2**20}


def run(pages: int, binary: str, cache: str) -> dict:
    """The dump of `pages` pages, and one a tenth of its size: memory per link is the slope
    between the two (what a process needs to start is not per link)."""
    small, r = measure(max(1000, pages // 10), binary, cache), measure(pages, binary, cache)
    expected, stats = r["expected"], r["stats"]
    per_page = stats["wall"] / pages
    per_link = stats["wall"] / max(1, expected["links"])
    mb_per_link = (stats["rss_mb"] - small["stats"]["rss_mb"]) / max(1, expected["links"] - small["expected"]["links"])
    answer, agree, bzcat, dump_mb = r["answer"], r["agree"] and small["agree"], r["bzcat"], r["file_mb"]
    return {
        "pages": pages, "expected": expected, "answer": {k: answer[k] for k in ("articles", "links", "edges", "stubs")},
        "agree": agree, "bzcat": bzcat, "stats": stats, "indexed": r["indexed"], "file_mb": dump_mb, "small": small,
        "enwiki_time_by_pages": per_page * ENWIKI_ARTICLES / 0.9,  # a tenth of our pages are redirects
        "enwiki_time_by_links": per_link * ENWIKI_LINKS,
        "mb_per_link": mb_per_link,
        "enwiki_memory_gb_by_links": (small["stats"]["rss_mb"] + mb_per_link * ENWIKI_LINKS) / 1024,
    }


def markdown(r: dict) -> str:
    e, s, b = r["expected"], r["stats"], r["bzcat"]
    return "\n".join([
        f"Generated dump: {r['pages']:,} pages ({e['articles']:,} articles, {e['redirects']:,} redirects, "
        f"{e['links']:,} internal links), {e['bytes'] / 2**20:,.0f} MB of XML, {r['file_mb']:,.0f} MB as `.xml.bz2` "
        f"(`bench/generate_dump.py`). Load average {r['load'][0]:.1f} at the start, {r['load'][1]:.1f} at the end, "
        f"on {r['load'][2]} cores: when it is above the core count, wall times are inflated and user + sys is the measure.",
        "",
        "| command | wall | user + sys | peak memory |",
        "|---|---|---|---|",
        f"| `bzcat FILE > /dev/null` | {b['wall']:.1f} s | {b['user'] + b['sys']:.1f} s | {b['rss_mb']:.0f} MB |",
        f"| `termgraph stats --no-cache` | {s['wall']:.1f} s | {s['user'] + s['sys']:.1f} s | {s['rss_mb']:.0f} MB |",
        *[f"| `termgraph stats`, {label} | {i['wall']:.1f} s | {i['user'] + i['sys']:.1f} s | {i['rss_mb']:.0f} MB |"
          for label, i in (("first run (writes the index)", r["indexed"]["first"]), ("second run (reads it)", r["indexed"]["second"]),
                           ("after `touch FILE` (reads the dump again)", r["indexed"]["touched"]))],
        "",
        f"termgraph / bzcat: {s['wall'] / b['wall']:.2f}× the wall time (decompression runs on its own thread). "
        f"Counts {'agree with' if r['agree'] else 'DIFFER from'} the generator's: {r['answer']['articles']:,} articles, "
        f"{r['answer']['links']:,} links, {r['answer']['edges']:,} edges, {r['answer']['stubs']:,} stubs.",
        "",
        f"A full English Wikipedia by the same figures (6.2M articles, 530M links): "
        f"{r['enwiki_time_by_pages'] / 60:.0f} min by pages, {r['enwiki_time_by_links'] / 60:.0f} min by links; "
        f"peak memory {r['enwiki_memory_gb_by_links']:.0f} GB by links ({r['mb_per_link'] * 2**20:.0f} bytes per link: the slope "
        f"from {r['small']['pages']:,} pages at {r['small']['stats']['rss_mb']:.0f} MB; these pages have "
        f"{e['links'] / e['articles']:.0f} links each, enwiki's 85, and memory follows the links held until the graph is built).",
    ])


def write(path: str, body: str) -> None:
    begin, end = "<!-- bench:dump:begin -->", "<!-- bench:dump:end -->"
    text = open(path).read()
    block = f"{begin}\n{body}\n{end}"
    if begin in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n## MediaWiki dump\n\n" + block + "\n"
    open(path, "w").write(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=int(os.environ.get("DUMP_PAGES") or 1000000))
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/termgraph"))
    ap.add_argument("--cache", default=os.path.join(ROOT, ".bench-cache"))
    ap.add_argument("--markdown", default=os.path.join(ROOT, "BENCHMARKS.md"))
    args = ap.parse_args()
    load = os.getloadavg()[0]
    result = run(args.pages, args.bin, os.path.abspath(args.cache))
    result["load"] = (load, os.getloadavg()[0], os.cpu_count())
    body = markdown(result)
    print(body)
    if args.markdown:
        write(args.markdown, body)
    return 0 if result["agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
