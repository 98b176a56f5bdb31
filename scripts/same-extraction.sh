#!/usr/bin/env bash
# Shows that the extractor in the working tree gives byte for byte the output
# of a base revision: for a refactoring, any difference is a defect.
#
# usage: scripts/same-extraction.sh [BASE]        (BASE defaults to main)
#   env: SHARED_CORPUS  the shared corpus root (default ../shared/corpus)
#        GENERATED      how many generated articles (default 3000)
#
# The base is exported with `git archive` into target/same-extraction/base
# (no worktree is registered, nothing in .git changes) and built there with
# its own target directory, so the crates.io dependencies are compiled once
# and kept for later runs. examples/dump_extraction.rs from the working tree
# is built against both, and prints every field of every `Document`. The
# release `claims` binary of both is also run: each input set is imported
# into a fresh ledger and the JSON Lines export, the sources with their
# aliases, and the article rows (all but the import time) are compared.
#
# Inputs: the shared seed, dev and real corpora (read where they lie, never
# copied), tests/corpus/{seed,dev,own}, src/extract/testdata, data/sample and
# GENERATED articles from examples/gen_corpus.rs (seed 1).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
base="${1:-main}"
shared="${SHARED_CORPUS:-$root/../shared/corpus}"
generated="${GENERATED:-3000}"
work="$root/target/same-extraction"

base_rev="$(git -C "$root" rev-parse --verify "$base^{commit}")"
echo "base $base = $base_rev" >&2

mkdir -p "$work"
rm -rf "$work/base" "$work/out" "$work/generated"
mkdir -p "$work/base" "$work/out"

# The base tree. Extracted files get the current time (-m), so cargo
# rebuilds the crate even when an older base was built here before.
git -C "$root" archive "$base_rev" | tar -x -m -C "$work/base"
cp "$root/examples/dump_extraction.rs" "$work/base/examples/"

echo "building the working tree" >&2
(cd "$root" && cargo build --quiet --release --bin claims --example dump_extraction --example gen_corpus)
echo "building the base" >&2
(cd "$work/base" && CARGO_TARGET_DIR="$work/base-target" \
  cargo build --quiet --release --bin claims --example dump_extraction)

new_bin="$root/target/release"
old_bin="$work/base-target/release"

"$new_bin/examples/gen_corpus" "$work/generated" "$generated" 1

inputs=()
for d in seed dev real; do
  if [ -d "$shared/$d" ]; then
    inputs+=("shared-$d=$shared/$d")
  else
    echo "warning: $shared/$d missing, not compared" >&2
  fi
done
inputs+=(
  "tests-seed=$root/tests/corpus/seed"
  "tests-dev=$root/tests/corpus/dev"
  "tests-own=$root/tests/corpus/own"
  "testdata=$root/src/extract/testdata"
  "sample=$root/data/sample"
  "generated=$work/generated"
)

# Prints one ledger's contents in a form that does not depend on when it
# was written.
ledger_dump() {
  local claims="$1" db="$2"
  "$claims" --db "$db" export -f jsonl
  "$claims" --db "$db" sql -f jsonl \
    "SELECT s.id, s.name, s.kind, s.norm, a.alias, a.norm AS alias_norm, a.merges
       FROM sources s LEFT JOIN source_aliases a ON a.source_id = s.id
      ORDER BY s.id, a.norm"
  "$claims" --db "$db" sql -f jsonl \
    "SELECT id, path, url, title, outlet, byline, dateline, published,
            content_hash, encoding, body, raw_layout
       FROM article_rows ORDER BY id"
}

failed=0
for entry in "${inputs[@]}"; do
  name="${entry%%=*}"
  dir="${entry#*=}"
  out="$work/out/$name"
  mkdir -p "$out"
  "$old_bin/examples/dump_extraction" "$dir" >"$out/extract.old"
  "$new_bin/examples/dump_extraction" "$dir" >"$out/extract.new"
  # A file either build refuses is part of what is compared, not a reason
  # to stop: the exit code and the messages go beside the ledger dump.
  import_status() {
    local status=0
    "$1" --db "$2" import "$dir" 2>"$3" || status=$?
    sed "s#$2#LEDGER#g" "$3" >"$3.norm"
    echo "exit $status"
  }
  {
    import_status "$old_bin/claims" "$out/old.db" "$out/import.old.err"
    cat "$out/import.old.err.norm"
    ledger_dump "$old_bin/claims" "$out/old.db"
  } >"$out/ledger.old"
  {
    import_status "$new_bin/claims" "$out/new.db" "$out/import.new.err"
    cat "$out/import.new.err.norm"
    ledger_dump "$new_bin/claims" "$out/new.db"
  } >"$out/ledger.new"
  articles=$(grep -c '^=== ' "$out/extract.new" || true)
  for what in extract ledger; do
    if cmp -s "$out/$what.old" "$out/$what.new"; then
      printf '%-12s %-8s same   (%s articles, %s bytes)\n' \
        "$name" "$what" "$articles" "$(wc -c <"$out/$what.new")"
    else
      printf '%-12s %-8s DIFFER (see %s)\n' "$name" "$what" "$out" 
      diff "$out/$what.old" "$out/$what.new" | head -20 || true
      failed=1
    fi
  done
done

if [ "$failed" -ne 0 ]; then
  echo "extraction differs from $base" >&2
  exit 1
fi
echo "extraction is byte-identical to $base ($base_rev)" >&2
