#!/bin/bash
# Compile-time figures of issue 11, in one run on one machine: each crate's own unit
# (`touch src/lib.rs`, then `cargo build -p X`), graph-rs-sdk 3.0.1's own crate as the anchor.
#
#   benches/compile_time.sh <docs>/v1.0-2021 [work dir, default /tmp/graph-compile-time]
#
# Needs the registry (graph-rs-sdk is fetched once) and about 8 GB in the work dir.
set -euo pipefail
specs=$(realpath "$1")
work=${2:-/tmp/graph-compile-time}
repo=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR=$work/target CARGO_INCREMENTAL=0
mkdir -p "$work/m" "$work/pages"

cargo build --release -q -p graphgen --manifest-path "$repo/Cargo.toml"
graphgen=$repo/target/release/graphgen

# graph-rs-sdk's sources, as a member of the workspace so that touching them rebuilds them.
if [ ! -d "$work/grs" ]; then
  mkdir -p "$work/fetch/src" && touch "$work/fetch/src/lib.rs"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ngraph-rs-sdk = "=3.0.1"\n[workspace]\n' > "$work/fetch/Cargo.toml"
  cargo fetch -q --manifest-path "$work/fetch/Cargo.toml"
  cp -r "$(ls -d "$HOME"/.cargo/registry/src/*/graph-rs-sdk-3.0.1 | head -1)" "$work/grs"
fi

# Every second and every fourth page, in file name order: a deterministic selection.
for n in 2 4; do
  rm -rf "$work/pages/p$n"
  for dir in api resources; do
    mkdir -p "$work/pages/p$n/v1.0/$dir"
    ls "$specs/$dir" | sort | awk -v n=$n 'NR % n == 1' |
      while read -r f; do cp "$specs/$dir/$f" "$work/pages/p$n/v1.0/$dir/"; done
  done
done

generate() { # name specs [generate options]
  local name=$1 from=$2; shift 2
  rm -rf "$work/m/$name"
  "$graphgen" generate --specs "$from" --out "$work/m/$name" --crate-name "$name-typed" "$@" | tail -1
  sed -i '/^\[workspace\]$/d' "$work/m/$name/Cargo.toml"
}
generate full "$specs"
generate dam "$specs" --include-path '/deviceAppManagement/**'
generate fulldam "$specs"
sed -i 's/^default = \["full", /default = ["device_app_management", /' "$work/m/fulldam/Cargo.toml"
generate p50 "$work/pages/p2/v1.0"
generate p25 "$work/pages/p4/v1.0"
crates="full dam fulldam p50 p25"
{
  printf '[workspace]\nresolver = "2"\nmembers = ["grs"'
  for c in $crates; do printf ', "m/%s", "m/%s/runtime"' "$c" "$c"; done
  printf ']\n'
} > "$work/Cargo.toml"

cd "$work"
unit() { # mode package source-file
  local flag=""; [ "$1" = release ] && flag=--release
  cargo build $flag -q -p "$2" 2>/dev/null
  touch "$3"
  local s e; s=$(date +%s.%N); cargo build $flag -q -p "$2" 2>/dev/null; e=$(date +%s.%N)
  printf '%-8s %-16s %6.1f s\n' "$1" "$2" "$(echo "$e - $s" | bc)"
}
for mode in release debug; do
  unit $mode graph-rs-sdk grs/src/lib.rs
  for c in $crates; do unit $mode "$c-typed" "m/$c/src/lib.rs"; done
  unit $mode full-typed-runtime m/full/runtime/src/lib.rs
  unit $mode graph-rs-sdk grs/src/lib.rs
  unit $mode full-typed m/full/src/lib.rs
done
