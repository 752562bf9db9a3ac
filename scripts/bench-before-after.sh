#!/usr/bin/env bash
# Runs one npm benchmark on two commits in one sitting, interleaved (before, after, after, before, before,
# after by default), so both sides see the same machine load. Each commit is checked out into its own
# scratch worktree that shares this checkout's node_modules and builds its own dist/.
#
#   scripts/bench-before-after.sh <before-commit> <after-commit> <npm-script> [order]
#   e.g. BENCH_ROUNDS=3 BENCH_ONLY=raw,api scripts/bench-before-after.sh 6e06e2f HEAD bench:issue
#
# Environment is passed through to the benchmark. Output: one log per run in $OUT (default a temp dir),
# and the commit, load average and run order printed before each run.
set -euo pipefail
before=${1:?before commit}; after=${2:?after commit}; script=${3:?npm script}; order=${4:-BAABBA}
root=$(git rev-parse --show-toplevel)
OUT=${OUT:-$(mktemp -d /tmp/hallq-bench.XXXXXX)}
declare -A dir
for side in B A; do
  commit=$([ "$side" = B ] && echo "$before" || echo "$after")
  sha=$(git -C "$root" rev-parse --short "$commit")
  d="$OUT/tree-$side-$sha"
  git -C "$root" worktree add --detach -q "$d" "$sha"
  ln -s "$root/node_modules" "$d/node_modules"
  (cd "$d" && npm run -s build >/dev/null)
  dir[$side]=$d
done
cleanup() { for side in B A; do git -C "$root" worktree remove --force "${dir[$side]}" 2>/dev/null || true; done; }
trap cleanup EXIT
run=0
for side in $(echo "$order" | grep -o .); do
  run=$((run + 1))
  d=${dir[$side]}
  echo "== run $run: $([ "$side" = B ] && echo before || echo after) $(git -C "$d" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S) UTC"
  (cd "$d" && npm run -s "$script") 2>&1 | tee "$OUT/run-$run-$side.log" | grep -Ev '^\s*$' | tail -25
done
echo "logs in $OUT"
