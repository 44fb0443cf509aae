#!/bin/bash
# The whole reference's crate as the generators of other revisions and of this tree write it,
# built in one run: release builds of each crate's own unit (`touch src/lib.rs`), alternated
# round by round, with graph-rs-sdk 3.0.1's own crate as the anchor (as in `compile_time.sh`).
#
#   benches/compile_time_vs.sh <docs>/v1.0-2021 <rounds> [revision ...]
set -euo pipefail
specs=$(realpath "$1")
rounds=$2
shift 2
work=${COMPILE_VS_DIR:-/tmp/graph-compile-vs}
repo=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_INCREMENTAL=0
mkdir -p "$work/m"

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
members='"grs"'
names=""
for rev in "$@"; do
  tree=$work/tree-$rev
  rm -rf "$tree"
  git -C "$repo" worktree prune
  git -C "$repo" worktree add -f --detach "$tree" "$rev" >/dev/null
  # Built outside the worktree, so that a second run reuses it.
  CARGO_TARGET_DIR=$work/gen-$rev cargo build --release -q -p graphgen --manifest-path "$tree/Cargo.toml"
  generate "r$rev" "$work/gen-$rev/release/graphgen"
  members="$members, \"m/r$rev\""
  # Older generators carry the runtime beside the crate.
  [ -d "$work/m/r$rev/runtime" ] && members="$members, \"m/r$rev/runtime\""
  names="$names r$rev"
done
cargo build --release -q -p graphgen --manifest-path "$repo/Cargo.toml"
generate head "$repo/target/release/graphgen"
members="$members, \"m/head\""
names="$names head"
printf '[workspace]\nresolver = "2"\nmembers = [%s]\n' "$members" > "$work/Cargo.toml"

cd "$work"
export CARGO_TARGET_DIR=$work/target
unit() { # package source-file
  cargo build --release -q -p "$1" 2>/dev/null
  touch "$2"
  local s e; s=$(date +%s.%N); cargo build --release -q -p "$1" 2>/dev/null; e=$(date +%s.%N)
  printf '%-16s %6.1f s\n' "$1" "$(echo "$e - $s" | bc)"
}
for _ in $(seq "$rounds"); do
  unit graph-rs-sdk grs/src/lib.rs
  for n in $names; do unit "$n-typed" "m/$n/src/lib.rs"; done
done
for rev in "$@"; do git -C "$repo" worktree remove --force "$work/tree-$rev"; done
