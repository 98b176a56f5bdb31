#!/usr/bin/env bash
# Rebuilds docs/report-seed.png and docs/seed-graph.svg from the seed
# article with the current extractor: run it again whenever extraction
# changes, and look at the PNG before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet
claims="$PWD/target/debug/claims"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$claims" --db "$work/seed.db" import --quiet data/sample/
"$claims" --db "$work/seed.db" report 1 -o "$work/seed.html"
"$claims" --db "$work/seed.db" graph --article 1 --format dot | dot -Tsvg > docs/seed-graph.svg
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --disable-dev-shm-usage --user-data-dir="$work/profile" \
  --screenshot="$PWD/docs/report-seed.png" --window-size=1200,1600 \
  "file://$work/seed.html" 2>/dev/null
echo "wrote docs/report-seed.png and docs/seed-graph.svg" >&2
