"""Races against the on-disk index, run by hand (minutes, so not a pytest module):

    python Tests/interop/attack_races.py kill   --binary .build/release/termgraph --rounds 30
    python Tests/interop/attack_races.py mutate --binary .build/release/termgraph --rounds 40 --seed 7

`kill`: three processes query one index at once while one of them is killed (SIGKILL) at a random
moment; the others, and every query after, must answer as `--no-cache` does.
`mutate`: while queries run, files of the corpus are rewritten, removed, or replaced by FIFOs,
folders, links out of the corpus, to /dev/zero, to themselves and to the corpus folder; once the
changes stop, every query through the index must answer as `--no-cache` does (a stale record is
a lie). Both print each failure and end with `bad N`; exit 1 when N > 0.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

QUERIES = [["stats", "--json"], ["links", "--json"], ["neighbors", "p5", "--depth", "2", "--json"],
           ["check", "--json"], ["terms", "Term 12", "--json"], ["path", "p1", "p2", "--json"]]


def make_corpus(folder: Path, count: int, rng: random.Random):
    folder.mkdir(parents=True)
    for i in range(count):
        links = " ".join(f"[t{j}](/p{j})" for j in rng.sample(range(count + 50), 8))
        (folder / f"p{i}.md").write_text(f"---\ntitle: Term {i} مصطلح\n---\n# H\n{links}\n" + "text " * 200 + "\n")


def run(binary, query, corpus, index=None, timeout=20):
    flags = ["--cache-dir", str(index)] if index else ["--no-cache"]
    return subprocess.run([binary, *query, "--corpus", str(corpus), *flags], capture_output=True, timeout=timeout)


def kill_rounds(binary, corpus, index, rounds, rng):
    bad = 0
    fresh = {tuple(q): run(binary, q, corpus).stdout for q in QUERIES}
    for _ in range(rounds):
        if rng.random() < 0.3:
            shutil.rmtree(index, ignore_errors=True)
        procs = [(q, subprocess.Popen([binary, *q, "--corpus", str(corpus), "--cache-dir", str(index)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE))
                 for q in (rng.choice(QUERIES) for _ in range(3))]
        time.sleep(rng.random() * 0.4)
        victim = rng.randrange(3)
        procs[victim][1].send_signal(signal.SIGKILL)
        for i, (q, p) in enumerate(procs):
            out, err = p.communicate(timeout=60)
            if i != victim and (p.returncode < 0 or out != fresh[tuple(q)]):
                print("DIFF" if p.returncode >= 0 else "CRASH", q, p.returncode, err[-300:])
                bad += 1
        for q in QUERIES:
            if run(binary, q, corpus, index).stdout != fresh[tuple(q)]:
                print("AFTER", q)
                bad += 1
    return bad


def mutate(path: Path, outside: Path, corpus: Path, rng: random.Random):
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.is_symlink() or path.exists():
            path.unlink()
    except FileNotFoundError:
        pass
    kind = rng.randrange(9)
    try:
        if kind == 0:
            path.write_text(f"# T{rng.random()}\n[a](/p{rng.randrange(100)})\n")
        elif kind == 1:
            os.mkfifo(path)
        elif kind == 2:
            path.symlink_to(outside)
        elif kind == 3:
            path.mkdir()
        elif kind == 4:
            path.symlink_to("/dev/zero")
        elif kind == 5:
            path.symlink_to(path)
        elif kind == 7:
            path.write_text("# SAME SIZE\n[a](/p7)\n")
        elif kind == 8:
            path.symlink_to(corpus)
    except OSError:
        pass  # kind 6: the file is gone


def mutate_rounds(binary, corpus, index, rounds, rng):
    outside = corpus.parent / "outside.md"
    outside.write_text("# Outside\n[p](/p1)\n")
    names = [corpus / f"p{i}.md" for i in range(40)]
    bad = 0
    for round_number in range(rounds):
        stop = threading.Event()
        changer_rng = random.Random(rng.random())

        def changer():
            while not stop.is_set():
                mutate(changer_rng.choice(names), outside, corpus, changer_rng)
                time.sleep(changer_rng.random() * 0.01)

        thread = threading.Thread(target=changer)
        thread.start()
        for _ in range(3):
            result = run(binary, rng.choice(QUERIES), corpus, index)
            if result.returncode not in (0, 1, 2):
                print("CRASH", result.returncode, result.stderr[-300:])
                bad += 1
        stop.set()
        thread.join()
        if rng.random() < 0.5:
            time.sleep(1.1)  # past the racy second, so that only stamps can tell
        for q in QUERIES:
            fresh, got = run(binary, q, corpus), run(binary, q, corpus, index)
            if (got.stdout, got.returncode) != (fresh.stdout, fresh.returncode):
                print("LIE", round_number, q)
                bad += 1
    return bad


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["kill", "mutate"])
    parser.add_argument("--binary", default=str(Path(__file__).resolve().parents[2] / ".build/release/termgraph"))
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="termgraph-races-") as top:
        corpus, index = Path(top) / "corpus", Path(top) / "index"
        make_corpus(corpus, 3000, rng)
        rounds = kill_rounds if args.mode == "kill" else mutate_rounds
        bad = rounds(args.binary, corpus, index, args.rounds, rng)
    print("bad", bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
