"""What the two peer scripts share: peak memory, set digests and writing the result."""
import hashlib
import json
import resource
import time


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def phase_clock(start):
    """The `phases` (seconds) and `rss` (peak MB so far) a peer script fills, starting with the
    imports since `start`, and the function that ends a phase begun at `t0`."""
    phases = {"import": time.perf_counter() - start}
    rss = {"import": maxrss_mb()}

    def phase(name, t0):
        phases[name] = time.perf_counter() - t0
        rss[name] = maxrss_mb()

    return phases, rss, phase


def digest(items):
    """A short digest of a sorted list of slugs, to compare answer sets across tools."""
    h = hashlib.sha256()
    for s in items:
        h.update(s.encode("utf-8") + b"\n")
    return h.hexdigest()[:16]


def finish(result, phases, rss, start, path):
    """Adds the total time and peak, then writes the result as JSON to `path` (or stdout)."""
    phases["total"] = time.perf_counter() - start
    rss["total"] = maxrss_mb()
    result["seconds"] = {k: round(v, 4) for k, v in phases.items()}
    result["maxrss_mb"] = {k: round(v, 1) for k, v in rss.items()}
    out = json.dumps(result, indent=2, ensure_ascii=False)
    if path:
        with open(path, "w") as f:
            f.write(out + "\n")
    else:
        print(out)
    return 0
