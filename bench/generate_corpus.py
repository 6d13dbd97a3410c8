#!/usr/bin/env python3
"""Deterministic synthetic corpus for the termgraph benchmark.

Writes N articles in the format of ../shared/seeds/000_*.txt: YAML front
matter (slug, keywords as a comma-separated string, title, description) and a
Markdown body in Arabic. Each article carries about LINKS cross-links whose
targets follow a power law (Zipf, exponent ZIPF_S over a fixed random
permutation of the articles), written in every link form of PRODUCT.md §1:

    inline       [text](/slug)  [text](/slug "title")  [text](</slug>)  [text](/slug#part)
    reference    [text][r3]   with   [r3]: /slug   at the end of the article
    wikilink     [[slug|text]]  [[slug]]  [[slug#part|text]]
    raw HTML     <a href="/slug">text</a>

plus links to wanted terms (no article), links to the article itself, bare
#fragments and external URLs, and non-links that must not be counted: images
(some pointing at article slugs), fenced code and inline code spans holding
link syntax, and escaped brackets \\[text\\](/slug).

The output is byte-identical for the same parameters, whatever the number of
worker processes. Articles live in 256 shard folders (`00/` … `ff/`); the
front-matter `slug` is the identity, so links have the seed's `/slug` form.

The generator also records what a correct reader must find (the ground
truth): article, stub, edge and link counts, orphans, and the query terms the
benchmark uses. It is written next to the corpus as DIR.json, last, so a
folder without a matching DIR.json is never reused.

    python3 bench/generate_corpus.py --articles 10000 --out .bench-cache/corpus-10000
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import multiprocessing as mp
import os
import random
import shutil
import sys
import time
from array import array

FORMAT_VERSION = 1  # bump when the output changes in a way the source hash would miss

# --- vocabulary (written for this benchmark) ---------------------------------

AR_NOUNS = """مكتب خلفي أمامي أوسط تسوية مقاصة حفظ سجلات امتثال مخاطر سيولة ائتمان سوق
أسهم سندات مشتقات عقود آجلة خيارات مبادلات وسيط عميل عملاء حساب حسابات محاسبة
تدقيق رقابة هيئة بنك مركزي فائدة عائد أرباح خسائر ميزانية أصول خصوم رأس مال
تداول صفقة صفقات أمر أوامر تنفيذ سعر أسعار عرض طلب محفظة استثمار مستثمر صندوق
صناديق تحوط إصدار اكتتاب طرح شركة إدارة موظفين دعم خدمات تقنية معلومات أنظمة
بيانات تقارير تكاليف إيرادات رسوم عمولة ضمان ضمانات هامش رافعة طرف مقابل تسعير
تقييم قيمة دفتر قيود ترحيل مطابقة فروقات تحويل دفع مدفوعات نقد عملة صرف وديعة
قرض قروض رهن تمويل إقراض اقتراض مخزون عمليات إجراءات سياسات لوائح إفصاح شفافية
حوكمة مراجعة""".split()

AR_ADJ = """المالية الداخلية الخارجية اليومية الشهرية السنوية العادلة السوقية التنظيمية
الأجنبية المركزية الفورية الآجلة المؤسسية الفردية الرقمية التشغيلية القانونية
الائتمانية النقدية المصرفية الدولية المحلية الأساسية""".split()

AR_FILL = """يتم يعمل يوفر يشمل تشمل يستخدم يمكن يجب بين على في من إلى عن مع قبل بعد خلال
حيث عندما لكن أو كما هذا هذه ذلك التي الذي جميع بعض كل أكثر أقل عادة غالبا مباشرة
ضمن لدى حتى أيضا""".split()

EN_WORDS = """back front middle office settlement clearing custody record keeping compliance
risk liquidity credit market equity bond derivative future option swap broker
client account accounting audit control regulator bank central interest yield
profit loss balance asset liability capital trade order execution price bid ask
portfolio investment investor fund hedge issue underwriting offering company
management staff support service technology data report cost revenue fee
commission collateral margin leverage counterparty pricing valuation ledger
journal posting reconciliation break transfer payment cash currency exchange
deposit loan mortgage financing lending borrowing inventory operation procedure
policy rule disclosure governance review nostro vostro netting""".split()

EN_KEYWORDS = """Investing,Brokers,Stock Brokers,Banking,Risk Management,Compliance,Trading,
Settlement,Clearing,Accounting,Operations,Technology,Markets,Bonds,Equities,
Derivatives,Funds,Regulation,Payments,Treasury,Custody,Credit,Liquidity""".replace("\n", "").split(",")


def base36(i: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if i == 0:
        return "0"
    out = []
    while i:
        i, r = divmod(i, 36)
        out.append(digits[r])
    return "".join(reversed(out))


_E = len(EN_WORDS)
_A = len(AR_NOUNS)
_J = len(AR_ADJ)


def slug_of(i: int) -> str:
    return f"{EN_WORDS[i % _E]}-{EN_WORDS[(i // _E) % _E]}-{base36(i)}"


def wanted_slug(j: int) -> str:
    return f"missing-{EN_WORDS[(j * 7) % _E]}-{base36(j)}"


def title_of(i: int) -> str:
    return f"{AR_NOUNS[i % _A]} {AR_ADJ[(i // _A) % _J]} {AR_NOUNS[(i * 7 + i // (_A * _J)) % _A]}"


def wanted_title(j: int) -> str:
    return f"{AR_NOUNS[(j * 13) % _A]} {AR_ADJ[j % _J]}"


# --- parameters and shared state (built in the parent, inherited by fork) ------

P: dict = {}
CUM: list[float] = []        # cumulative Zipf weights over ranks (articles)
CUMW: list[float] = []       # same over wanted terms
PERM: list[int] = []         # rank -> article index
SENTENCES: list[str] = []    # pool of Arabic sentences


def setup(params: dict) -> None:
    global P, CUM, CUMW, PERM, SENTENCES
    P = params
    n, s, seed = params["articles"], params["zipf_s"], params["seed"]
    CUM = list(itertools.accumulate(1.0 / (r ** s) for r in range(1, n + 1)))
    nw = params["wanted"]
    CUMW = list(itertools.accumulate(1.0 / (r ** s) for r in range(1, nw + 1)))
    PERM = list(range(n))
    random.Random(f"{seed}:perm").shuffle(PERM)
    rng = random.Random(f"{seed}:sentences")
    pool = []
    for _ in range(4096):
        k = rng.randint(7, 16)
        words = []
        for w in range(k):
            r = rng.random()
            if r < 0.45:
                words.append(rng.choice(AR_NOUNS))
            elif r < 0.7:
                words.append("ال" + rng.choice(AR_NOUNS))
            elif r < 0.8:
                words.append(rng.choice(AR_ADJ))
            else:
                words.append(rng.choice(AR_FILL))
            if w and w < k - 2 and rng.random() < 0.08:
                words[-1] += " ،"
        pool.append(" ".join(words) + ".")
    SENTENCES = pool


def zipf_article(rng: random.Random) -> int:
    return PERM[bisect.bisect_left(CUM, rng.random() * CUM[-1])]


def zipf_wanted(rng: random.Random) -> int:
    return bisect.bisect_left(CUMW, rng.random() * CUMW[-1])


def anchor_for(title: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.2:
        return "و" + title            # conjunction prefix, as in the seed
    if r < 0.4:
        return " ".join(w if w.startswith("ال") else "ال" + w for w in title.split(" ")[:2])
    return title


# --- one article -----------------------------------------------------------------

def article(i: int, rng: random.Random, out_links: list) -> tuple[bytes, dict]:
    """Return (file bytes, counts). Appends (target_kind, target_id) of every
    counted internal link to out_links: kind 'a' article, 'w' wanted, 's' self."""
    n = P["articles"]
    me = slug_of(i)
    title = title_of(i)
    counts = {"internal": 0, "external": 0, "self": 0}
    links = []       # link markup strings, placed into the body below
    refdefs = []
    k = rng.randint(P["links"] - 5, P["links"] + 5) if P["links"] >= 5 else P["links"]
    for li in range(k):
        r = rng.random()
        if r < 0.02:                                   # external
            url = f"https://www.example.com/{EN_WORDS[rng.randrange(_E)]}/{base36(rng.randrange(n))}"
            text = title_of(rng.randrange(n))
            if rng.random() < 0.5:
                links.append(f"[{text}]({url})")
            else:
                links.append(f'<a href="{url}">{text}</a>')
            counts["external"] += 1
            continue
        if r < 0.03:                                   # the article itself
            counts["internal"] += 1
            counts["self"] += 1
            out_links.append(("s", i))
            if rng.random() < 0.5:
                links.append(f"[{title}](#{EN_WORDS[rng.randrange(_E)]})")
            else:
                links.append(f"[{title}](/{me})")
            continue
        if r < 0.06:                                   # wanted term
            j = zipf_wanted(rng)
            target, ttitle = wanted_slug(j), wanted_title(j)
            out_links.append(("w", j))
        else:
            t = zipf_article(rng)
            target, ttitle = slug_of(t), title_of(t)
            out_links.append(("s", i) if t == i else ("a", t))
            if t == i:
                counts["self"] += 1
        counts["internal"] += 1
        text = anchor_for(ttitle, rng)
        f = rng.random()
        if f < 0.45:
            g = rng.random()
            if g < 0.1:
                links.append(f'[{text}](/{target} "{ttitle}")')
            elif g < 0.15:
                links.append(f"[{text}](</{target}>)")
            elif g < 0.22:
                links.append(f"[{text}](/{target}#{EN_WORDS[rng.randrange(_E)]})")
            else:
                links.append(f"[{text}](/{target})")
        elif f < 0.60:
            label = f"r{li}"
            links.append(f"[{text}][{label}]")
            refdefs.append(f"[{label}]: /{target}")
        elif f < 0.85:
            g = rng.random()
            if g < 0.2:
                links.append(f"[[{target}]]")
            elif g < 0.3:
                links.append(f"[[{target}#{EN_WORDS[rng.randrange(_E)]}|{text}]]")
            else:
                links.append(f"[[{target}|{text}]]")
        else:
            links.append(f'<a href="/{target}">{text}</a>')

    # non-links: targets are uniform random articles, so a reader that counted
    # them would add edges (and change orphan counts) that should not exist
    nonlinks = []
    blocks = []
    if rng.random() < 0.4:
        t = rng.randrange(n)
        src = f"/{slug_of(t)}" if rng.random() < 0.5 else f"/images/{slug_of(t)}.png"
        nonlinks.append(f"![{title_of(t)}]({src})")
    if rng.random() < 0.25:
        t = rng.randrange(n)
        nonlinks.append(f"`[{title_of(t)}](/{slug_of(t)})`")
    if rng.random() < 0.2:
        t = rng.randrange(n)
        nonlinks.append(f"\\[{title_of(t)}\\](/{slug_of(t)})")
    if rng.random() < 0.25:
        t = rng.randrange(n)
        u = rng.randrange(n)
        blocks.append(
            "```markdown\n"
            f"[{title_of(t)}](/{slug_of(t)})\n"
            f"[[{slug_of(u)}|{title_of(u)}]]\n"
            f'<a href="/{slug_of(u)}">{title_of(u)}</a>\n'
            "```"
        )

    # body: paragraphs of pool sentences, links and non-links between sentences
    npara = rng.randint(3, 7)
    paras = [[SENTENCES[x] for x in rng.choices(range(4096), k=rng.randint(2, 4))] for _ in range(npara)]
    for piece in links + nonlinks:
        p = paras[rng.randrange(npara)]
        p.insert(rng.randrange(len(p) + 1), piece)
    out = []
    kw = ",".join(rng.sample(EN_KEYWORDS, rng.randint(2, 4)))
    desc = SENTENCES[rng.randrange(4096)]
    out.append(f"---\nslug: {me}\nkeywords: {kw}\ntitle: {title}\ndescription: {desc}\n---\n\n")
    out.append(f"# {title}\n## {SENTENCES[rng.randrange(4096)].split(' ')[0]} {title}؟\n\n")
    for pi, p in enumerate(paras):
        out.append(" ".join(p) + "\n\n")
        if pi == 1:
            out.append(f"> {SENTENCES[rng.randrange(4096)]}\n\n")
        if pi == 2:
            out.append(f"## {AR_NOUNS[rng.randrange(_A)]} {AR_ADJ[rng.randrange(_J)]}\n\n")
            out.append("".join(f"- {SENTENCES[x]}\n" for x in rng.choices(range(4096), k=3)) + "\n")
        if pi == 3 and blocks:
            out.append("\n\n".join(blocks) + "\n\n")
    if npara <= 3 and blocks:
        out.append("\n\n".join(blocks) + "\n\n")
    if refdefs:
        out.append("\n".join(refdefs) + "\n")
    return "".join(out).encode("utf-8"), counts


# --- chunks, workers ------------------------------------------------------------

CHUNK = 1000


def path_of(root: str, i: int) -> str:
    return os.path.join(root, f"{i % 256:02x}", slug_of(i) + ".md")


def do_chunk(args):
    root, c = args
    n = P["articles"]
    rng = random.Random(f"{P['seed']}:chunk:{c}")
    lo, hi = c * CHUNK, min(n, (c + 1) * CHUNK)
    tgt_articles = array("i")   # distinct article targets (other than self), per article concatenated
    tgt_wanted = array("i")     # distinct wanted targets, per article concatenated
    edges = 0
    totals = {"internal": 0, "external": 0, "self": 0, "bytes": 0}
    for i in range(lo, hi):
        ol: list = []
        data, counts = article(i, rng, ol)
        with open(path_of(root, i), "wb") as f:
            f.write(data)
        for key in ("internal", "external", "self"):
            totals[key] += counts[key]
        totals["bytes"] += len(data)
        arts = {t for kind, t in ol if kind == "a"}
        wants = {t for kind, t in ol if kind == "w"}
        tgt_articles.extend(sorted(arts))
        tgt_wanted.extend(sorted(wants))
        edges += len(arts) + len(wants)
    return c, tgt_articles.tobytes(), tgt_wanted.tobytes(), edges, totals


def params_for(args) -> dict:
    with open(__file__, "rb") as f:
        src_hash = hashlib.sha256(f.read()).hexdigest()[:16]
    return {
        "format": FORMAT_VERSION,
        "generator_sha256": src_hash,
        "articles": args.articles,
        "links": args.links,
        "zipf_s": args.zipf_s,
        "wanted": max(10, args.articles // 50),
        "seed": args.seed,
    }


def choose_terms(params: dict) -> dict:
    """Query terms, by slug, fixed by the parameters alone."""
    n = params["articles"]
    return {
        "path_from": slug_of(n // 3),
        "path_to": slug_of(PERM[1]),          # second most popular article: reachable in practice
        "path2_from": slug_of((2 * n) // 3 + 1),
        "path2_to": slug_of(n // 5 + 7),      # an arbitrary article: may be unreachable (exit 1)
        "neighbors": slug_of(n // 3),
        "neighbors_hub": slug_of(PERM[0]),    # the most popular article
    }


def generate(out: str, params: dict, workers: int) -> dict:
    t0 = time.perf_counter()
    setup(params)
    n = params["articles"]
    tmp = out + ".tmp"
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(tmp)
    for s in range(min(256, n)):
        os.mkdir(os.path.join(tmp, f"{s:02x}"))
    nchunks = (n + CHUNK - 1) // CHUNK
    has_in = bytearray(n)
    wanted_used = bytearray(params["wanted"])
    edges = 0
    totals = {"internal": 0, "external": 0, "self": 0, "bytes": 0}
    jobs = [(tmp, c) for c in range(nchunks)]
    ctx = mp.get_context("fork")
    if workers > 1:
        pool = ctx.Pool(workers)
        results = pool.imap(do_chunk, jobs, chunksize=1)
    else:
        pool = None
        results = map(do_chunk, jobs)
    done = 0
    for c, ta, tw, e, tot in results:
        a = array("i")
        a.frombytes(ta)
        for t in a:
            has_in[t] = 1
        w = array("i")
        w.frombytes(tw)
        for t in w:
            wanted_used[t] = 1
        edges += e
        for key in totals:
            totals[key] += tot[key]
        done += 1
        if nchunks >= 50 and done % (nchunks // 10) == 0:
            print(f"  generated {done * CHUNK:,} / {n:,} articles", file=sys.stderr, flush=True)
    if pool:
        pool.close()
        pool.join()
    truth = {
        "articles": n,
        "stubs": sum(wanted_used),
        "nodes": n + sum(wanted_used),
        "edges": edges,
        "internal_links": totals["internal"],
        "self_links": totals["self"],
        "external_links": totals["external"],
        "orphans": n - sum(has_in),
        "bytes": totals["bytes"],
    }
    if os.path.exists(out):
        shutil.rmtree(out)
    os.rename(tmp, out)
    manifest = {"params": params, "truth": truth, "terms": choose_terms(params),
                "generate_seconds": round(time.perf_counter() - t0, 2), "workers": workers}
    with open(out + ".json.tmp", "w") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
    os.rename(out + ".json.tmp", out + ".json")
    return manifest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--out", required=True, help="corpus folder (its manifest is OUT.json)")
    ap.add_argument("--links", type=int, default=10, help="mean links per article (default 10)")
    ap.add_argument("--zipf-s", type=float, default=1.0, help="Zipf exponent of link popularity")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--force", action="store_true", help="regenerate even if the cached corpus matches")
    args = ap.parse_args()
    out = os.path.abspath(args.out.rstrip("/"))
    params = params_for(args)
    if not args.force and os.path.isdir(out) and os.path.exists(out + ".json"):
        with open(out + ".json") as f:
            old = json.load(f)
        if old.get("params") == params:
            print(f"corpus {out}: cached ({args.articles:,} articles, parameters unchanged)", file=sys.stderr)
            return 0
    print(f"corpus {out}: generating {args.articles:,} articles on {args.workers} worker(s)", file=sys.stderr, flush=True)
    m = generate(out, params, args.workers)
    print(f"corpus {out}: {m['truth']['articles']:,} articles, {m['truth']['bytes'] / 1e6:.1f} MB, "
          f"{m['generate_seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
