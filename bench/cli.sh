#!/usr/bin/env bash
# How long one `storyline` call takes, start of the JVM to exit, against a running scheduler
# (STORYLINE_URL, STORYLINE_ADMIN_TOKEN; scripts/run-local.sh starts one). Uses hyperfine when it is
# installed (apt-get install hyperfine), otherwise times N runs with date +%s%N.
#   bench/cli.sh [runs] [command...]        default: 20 runs of `stats`
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-20}
shift || true
cmd=("$@")
[[ ${#cmd[@]} -gt 0 ]] || cmd=(stats)
bin/storyline "${cmd[@]}" >/dev/null # builds the jar and the class-data archive if missing
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs "$runs" "bin/storyline ${cmd[*]}"
  exit 0
fi
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  bin/storyline "${cmd[@]}" >/dev/null
  times+=($((($(date +%s%N) - start) / 1000000)))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
echo "bin/storyline ${cmd[*]}: $runs runs, median ${median} ms, min $(head -1 <<<"$sorted") ms, max $(tail -1 <<<"$sorted") ms"
