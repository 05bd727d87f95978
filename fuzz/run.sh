#!/usr/bin/env bash
# Runs one fuzz target on the stable toolchain (no sanitizer) for SECONDS (default 600),
# starting from the committed seeds; new corpus entries go to corpus/<target> (ignored by git).
#   bash fuzz/run.sh imdi_reader 600
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
mkdir -p "corpus/$target"
cargo +stable fuzz run --sanitizer none "$target" "corpus/$target" "seeds/$target" -- \
  -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1
