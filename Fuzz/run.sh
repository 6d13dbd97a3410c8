#!/usr/bin/env bash
# Builds termgraph's libFuzzer targets and runs each for a bounded time.
#
#   Fuzz/run.sh [SECONDS] [--parallel] [--keep-going] [-- LIBFUZZER_ARGS...]
#
#   SECONDS       fuzzing time per target (default 60)
#   --parallel    run the targets at once (sharing the cores) instead of one after the other
#   --keep-going  after a crash, timeout or OOM, start the target again on the same corpus until
#                 its SECONDS are used up (libFuzzer itself stops at the first finding)
#   -- ARGS       passed to libFuzzer as they are (e.g. -- -seed=1 -len_control=0)
#
# Environment:
#   FUZZ_CONFIG=release|debug   build configuration (default release: ~4x the executions per second
#                               of debug; bounds and overflow checks are the same in both)
#   FUZZ_TARGETS="FuzzFrontMatter FuzzLinkScanner FuzzIndex FuzzHTMLReader FuzzMediaWiki"   which targets to run
#   TERMGRAPH_FUZZ_STRICT=1     FuzzFrontMatter also compares FrontMatter.parse with Yams (README)
#
# Everything it writes goes to .build-fuzz/ (git-ignored): the build, the working corpus
# (.build-fuzz/corpus/TARGET, seeded from Fuzz/seeds and kept between runs) and the logs
# (.build-fuzz/logs). Crashing inputs are written to .build-fuzz/artifacts/TARGET and copied
# to Fuzz/findings/TARGET/. Exit status: 0 when no target found anything, 1 otherwise, 2 on a
# usage or build error.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
scratch="$root/.build-fuzz"
config="${FUZZ_CONFIG:-release}"
targets=(${FUZZ_TARGETS:-FuzzFrontMatter FuzzLinkScanner FuzzIndex FuzzHTMLReader FuzzMediaWiki})

seconds=60
parallel=0
keep_going=0
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --parallel) parallel=1 ;;
        --keep-going) keep_going=1 ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *[!0-9]*|'') echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
        *) seconds="$1" ;;
    esac
    shift
done
[ "$seconds" -gt 0 ] || { echo "run.sh: SECONDS must be positive" >&2; exit 2; }

seed_dir() {
    case "$1" in
        FuzzFrontMatter) echo "$here/seeds/frontmatter" ;;
        FuzzLinkScanner) echo "$here/seeds/links" ;;
        FuzzIndex) echo "$here/seeds/index" ;;
        FuzzHTMLReader) echo "$here/seeds/html" ;;
        FuzzMediaWiki) echo "$here/seeds/mediawiki" ;;
        *) echo "run.sh: no seeds for target '$1'" >&2; exit 2 ;;
    esac
}

# --- build --------------------------------------------------------------------------------------
# -sanitize=fuzzer,address instruments the Swift code (termgraph, Yams' Swift half) for coverage and
# ASan and links libFuzzer; -Xcc -fsanitize=fuzzer-no-link,address does the same for the C code
# (libyaml inside Yams) without linking a second libFuzzer. ld.gold prints thousands of harmless
# "Cannot export local symbol '__asan_…'" warnings; they are filtered out.
echo "== building ${targets[*]} ($config) in $scratch"
build_log="$scratch/logs/build.log"
mkdir -p "$scratch/logs"
build_start=$(date +%s%N)
swift build --package-path "$here" --scratch-path "$scratch" -c "$config" \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
    > "$build_log" 2>&1
status=$?
build_end=$(date +%s%N)
grep -v "Cannot export local symbol" "$build_log" | grep -E "error|warning: .*\.swift|Compiling|Build complete" | tail -n 5
if [ $status -ne 0 ]; then
    echo "run.sh: build failed (exit $status); full log in $build_log" >&2
    grep -v "Cannot export local symbol" "$build_log" | grep -B2 -A8 "error" | head -60 >&2
    exit 2
fi
echo "== build took $(( (build_end - build_start) / 1000000000 )).$(( (build_end - build_start) / 100000000 % 10 )) s"
bin="$scratch/$config"

# shared_seeds TARGET CORPUS: real pages as extra seeds when ../shared is there (its corpora are
# never committed): the 40 smallest MDN pages for the HTML reader.
shared_seeds() {
    local archive="$root/../shared/corpora/mdn-ar-rendered.tar.xz"
    [ "$1" = FuzzHTMLReader ] && [ -f "$archive" ] || return 0
    local pages="$scratch/shared-seeds/mdn"
    if [ ! -d "$pages" ]; then
        mkdir -p "$pages" && tar xJf "$archive" -C "$pages" --wildcards '*.html' || return 0
    fi
    find "$pages" -name '*.html' -size -64k -printf '%s %p\n' | sort -n | head -n 40 | while read -r _ page; do
        cp -n "$page" "$2/mdn-$(printf '%s' "$page" | md5sum | cut -c1-12).html"
    done
}

# --- fuzz ---------------------------------------------------------------------------------------
# The Swift runtime's own crash backtracer would catch the signal before libFuzzer and ASan do
# (and ASan flags the backtracer reading the stack), so it is turned off: libFuzzer's and ASan's
# reports are the ones that say where it crashed and save the input.
export SWIFT_BACKTRACE=enable=no

# fuzz TARGET: runs one target for $seconds (restarting with --keep-going) and writes its summary
# line to $scratch/logs/TARGET.summary. Each libFuzzer run logs to $scratch/logs/TARGET.N.log.
fuzz() {
    local target="$1"
    local corpus="$scratch/corpus/$target"
    local artifacts="$scratch/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    rm -f "$scratch/logs/$target".*.log
    cp -n "$(seed_dir "$target")"/* "$corpus"/ 2>/dev/null || true
    shared_seeds "$target" "$corpus"
    local deadline=$(( $(date +%s) + seconds ))
    local executed=0 runs=0 findings=0 left rc n log
    while :; do
        left=$(( deadline - $(date +%s) ))
        [ $left -gt 0 ] || break
        runs=$((runs + 1))
        log="$scratch/logs/$target.$runs.log"
        "$bin/$target" "$corpus" \
            -max_total_time=$left -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="$artifacts/" "${extra[@]}" > "$log" 2>&1
        rc=$?
        n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | awk '{print $2}')
        executed=$((executed + ${n:-0}))
        echo "  [$target] run $runs: stat::number_of_executed_units: ${n:-?} ($(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | awk '{print $2}') exec/s), exit $rc"
        if [ $rc -ne 0 ]; then
            findings=$((findings + 1))
            grep -E '^(==[0-9]+== ?ERROR|SUMMARY|.*Fatal error|ALARM|.*out-of-memory|Test unit written)' "$log" \
                | head -n 6 | sed "s/^/  [$target]   /"
            [ $keep_going -eq 1 ] || break
        else
            break  # libFuzzer stopped cleanly (time or -runs): one run is the whole, repeatable campaign
        fi
    done
    if compgen -G "$artifacts/*" > /dev/null; then
        mkdir -p "$here/findings/$target"
        cp -n "$artifacts"/* "$here/findings/$target/"
    fi
    echo "$target: $executed executions in $runs run(s), $findings finding(s); logs $scratch/logs/$target.*.log" \
        > "$scratch/logs/$target.summary"
}

echo "== fuzzing ${targets[*]} for $seconds s each$([ $parallel -eq 1 ] && echo ', in parallel')"
if [ $parallel -eq 1 ]; then
    pids=()
    for t in "${targets[@]}"; do fuzz "$t" & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p"; done
else
    for t in "${targets[@]}"; do fuzz "$t"; done
fi

echo "== results"
found=0
for t in "${targets[@]}"; do
    cat "$scratch/logs/$t.summary"
    grep -q ', 0 finding(s)' "$scratch/logs/$t.summary" || found=1
done
if [ $found -eq 1 ]; then
    echo "findings copied to $here/findings/ (reproduce with: SWIFT_BACKTRACE=enable=no $bin/TARGET FILE)"
fi
exit $found
