#!/usr/bin/env bash
# The README's library example, pasted into a new package beside this checkout, must build with
# `import TermgraphKit` as its only project import and print the answers the README promises.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$repo" "$work/termgraph"
mkdir -p "$work/Glossary/Sources/Glossary"
python3 - "$repo/README.md" "$work/Glossary" <<'PY'
import re, sys
readme, package = sys.argv[1], sys.argv[2]
text = open(readme, encoding="utf-8").read()
section = text[text.index("## Using termgraph as a library"):]
section = section[:section.index("\n## ", 1)]
manifest, main = re.findall(r"```swift\n(.*?)```", section, re.S)[:2]
open(f"{package}/Package.swift", "w", encoding="utf-8").write(manifest)
open(f"{package}/Sources/Glossary/main.swift", "w", encoding="utf-8").write(main)
imports = sorted(set(re.findall(r"^import (\w+)", main, re.M)) - {"Foundation"})
assert imports == ["TermgraphKit"], f"the example imports {imports}"
PY
cd "$work/Glossary"
out=$(XDG_CACHE_HOME="$work/cache" swift run -q Glossary)
echo "$out"
expected='2 links: frontoffice → backoffice → record-keeping
wanted: ["central-bank", "derivatives", "fintech", "hedge-fund"]
69 nodes, 415 edges'
[ "$out" = "$expected" ] || { echo "readme_example: the output is not the README's"; exit 1; }
xmllint --noout exports/graph.graphml
echo "readme_example: the README's library example builds and runs"
