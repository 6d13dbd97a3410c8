#!/bin/sh
# What `fragments: check` costs on a generated corpus: a cold index build (`stats`) without and
# with the setting, the index size and peak memory of each, measured in the same run.
#   python3 bench/generate_corpus.py --articles 100000 --out /tmp/bench/corpus-100000
#   sh bench/fragments_cost.sh .build/release/termgraph /tmp/bench/corpus-100000
set -eu
BIN=$1 CORPUS=$2
CONFIG=$CORPUS/termgraph.yml
[ -e "$CONFIG" ] && { echo "$CONFIG exists; this script writes its own" >&2; exit 2; }
measure() {
    cache=$(mktemp -d)
    /usr/bin/time -f "%e s, %M KB peak" env XDG_CACHE_HOME="$cache" "$BIN" stats --corpus "$CORPUS" >/dev/null 2>"$cache/time"
    echo "$1: $(tail -1 "$cache/time"), index $(du -sb "$cache" | cut -f1) bytes"
    rm -rf "$cache"
}
for round in 1 2; do
    measure "round $round, off"
    printf 'fragments: check\n' > "$CONFIG"
    measure "round $round, fragments: check"
    rm -f "$CONFIG"
done
