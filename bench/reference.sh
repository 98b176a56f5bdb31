#!/usr/bin/env bash
# Builds the reference build for the clustering figure of bench/run.py and
# prints its path:
#
#   python3 bench/run.py --small 2000 --large 10000 --skip-criterion \
#       --reference "$(bench/reference.sh)"
#
# The reference is the ledger as it was just before clustering (commit
# 31ca0b1, or the commit given) with this tree's extractor, word lists and
# release profile, so that clustering is the only difference between the
# two builds. Main's extractor has been made faster since 31ca0b1, and so
# has the import's check of each article (01aeb6c, applied here); a
# reference without that work would make clustering look cheaper than it
# is. So do the extraction threads give way to the writer (e0640b2 to
# fcd845f): the import's scheduling is not clustering either. Built from
# `git archive` into target/bench: the repository's worktrees and
# branches are left alone.
set -euo pipefail
base=${1:-31ca0b1}
root=$(cd "$(dirname "$0")/.." && pwd)
final=$root/target/bench/reference-src
# Made afresh each time, and put in place only when it differs from the
# last one: cargo then rebuilds only what changed.
src=$final.new
rm -rf "$src"
mkdir -p "$src"
git -C "$root" archive "$base" | tar -x -C "$src"
rm -rf "$src/src/extract" "$src/data/lexicons"
cp -r "$root/src/extract" "$src/src/extract"
cp -r "$root/data/lexicons" "$src/data/lexicons"
# check_article names what is out of place only when something is.
git -C "$root" show 01aeb6c -- src/store/import.rs \
    | patch --quiet --no-backup-if-mismatch -d "$src" -p1
# The extraction threads give way to the writer (`--worker-nice`), with
# the dependency that does it.
git -C "$root" diff e0640b2 fcd845f -- src/cli/pipeline.rs src/cli/import.rs \
    | patch --quiet --no-backup-if-mismatch -d "$src" -p1
if ! grep -q '^rustix' "$src/Cargo.toml"; then
    dep=$(grep -m1 '^rustix' "$root/Cargo.toml") || { echo "no rustix in Cargo.toml" >&2; exit 1; }
    grep -q '^\[dependencies\]' "$src/Cargo.toml" || { echo "no [dependencies] in $base's Cargo.toml" >&2; exit 1; }
    sed -i "/^\[dependencies\]/a $dep" "$src/Cargo.toml"
fi
if ! grep -q '^\[profile.release.package.claim-ledger\]' "$src/Cargo.toml"; then
    awk '/^\[profile.release.package.claim-ledger\]/{on=1} on&&/^$/{exit} on' "$root/Cargo.toml" \
        | sed '$a\' >> "$src/Cargo.toml"
fi
# (cargo writes the dependency added above into the lock file.)
if diff -rq -x Cargo.lock "$src" "$final" >/dev/null 2>&1; then
    rm -rf "$src"
else
    rm -rf "$final"
    mv "$src" "$final"
fi
cargo build --quiet --release --bin claims --manifest-path "$final/Cargo.toml" \
    --target-dir "$root/target/bench/reference-target" >&2
echo "$root/target/bench/reference-target/release/claims"
