#!/usr/bin/env bash
# Runs one fuzz target on the stable toolchain (no sanitizer) for SECONDS (default 600),
# starting from the committed seeds; new corpus entries go to corpus/<target> (ignored by git).
#   bash fuzz/run.sh imdi_reader 600
# The longest input is set per target so that realistic files fit (MAX_LEN overrides it):
# 64 KiB for files (facts files, IMDi exports, JSON models), 4 KiB for printed figures.
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
case "$target" in
  published_figure | relations) default_len=4096 ;;
  *) default_len=65536 ;;
esac
max_len=${MAX_LEN:-$default_len}
mkdir -p "corpus/$target"
cargo +stable fuzz run --sanitizer none "$target" "corpus/$target" "seeds/$target" -- \
  -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=4096 -print_final_stats=1
