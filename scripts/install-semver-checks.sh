#!/usr/bin/env bash
# Installs the cargo-semver-checks that `generator/tests/semver.rs` checks `graphgen diff`
# against, into target/tools (a no-op when that version is there), and prints its path.
# A fresh machine compiles it from crates.io in about 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.51.0
root=$(pwd)/target/tools
if ! "$root/bin/cargo-semver-checks" semver-checks --version 2>/dev/null | grep -q "$version"; then
  cargo install cargo-semver-checks --version "$version" --locked --root "$root" --quiet >&2
fi
echo "$root/bin/cargo-semver-checks"
