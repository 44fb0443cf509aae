#!/bin/bash
# The whole reference's crate built by two generators in one run: the one of a base revision and
# this tree's. Release builds of each crate's own unit (`touch src/lib.rs`), alternated, with
# graph-rs-sdk 3.0.1's own crate as the anchor, as in `compile_time.sh`.
#
#   benches/compile_time_vs.sh <docs>/v1.0-2021 <base revision> [rounds, default 3] [work dir]
set -euo pipefail
specs=$(realpath "$1")
base=$2
rounds=${3:-3}
work=${4:-/tmp/graph-compile-vs}
repo=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_INCREMENTAL=0
mkdir -p "$work/m"

# Both generators, each built in its own tree.
rm -rf "$work/base-tree"
git -C "$repo" worktree add -f --detach "$work/base-tree" "$base" >/dev/null 2>&1 ||
  { git -C "$repo" worktree prune; git -C "$repo" worktree add -f --detach "$work/base-tree" "$base" >/dev/null; }
cargo build --release -q -p graphgen --manifest-path "$work/base-tree/Cargo.toml"
cargo build --release -q -p graphgen --manifest-path "$repo/Cargo.toml"

if [ ! -d "$work/grs" ]; then
  mkdir -p "$work/fetch/src" && touch "$work/fetch/src/lib.rs"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ngraph-rs-sdk = "=3.0.1"\n[workspace]\n' > "$work/fetch/Cargo.toml"
  cargo fetch -q --manifest-path "$work/fetch/Cargo.toml"
  cp -r "$(ls -d "$HOME"/.cargo/registry/src/*/graph-rs-sdk-3.0.1 | head -1)" "$work/grs"
fi

generate() { # name graphgen
  rm -rf "$work/m/$1"
  "$2" generate --specs "$specs" --out "$work/m/$1" --crate-name "$1-typed" | tail -1
  sed -i '/^\[workspace\]$/d' "$work/m/$1/Cargo.toml"
}
generate before "$work/base-tree/target/release/graphgen"
generate after "$repo/target/release/graphgen"
printf '[workspace]\nresolver = "2"\nmembers = ["grs", "m/before", "m/before/runtime", "m/after", "m/after/runtime"]\n' > "$work/Cargo.toml"

cd "$work"
export CARGO_TARGET_DIR=$work/target
unit() { # package source-file
  cargo build --release -q -p "$1" 2>/dev/null
  touch "$2"
  local s e; s=$(date +%s.%N); cargo build --release -q -p "$1" 2>/dev/null; e=$(date +%s.%N)
  printf '%-14s %6.1f s\n' "$1" "$(echo "$e - $s" | bc)"
}
for _ in $(seq "$rounds"); do
  unit graph-rs-sdk grs/src/lib.rs
  unit before-typed m/before/src/lib.rs
  unit after-typed m/after/src/lib.rs
done
git -C "$repo" worktree remove --force "$work/base-tree"
