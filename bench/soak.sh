#!/usr/bin/env bash
# Soak: the system fault matrix again and again with fresh fault seeds, outside CI.
# Each round starts the five services, plays injected Graph/Bot API faults, kill -9 of every service
# and a broker restart, and checks that every post ends published or resolved by hand, none twice.
# A failing round prints its seed: replay it with
#   ./mvnw -pl system-tests verify -Dtest=FaultMatrixTest -Dstoryline.fault.seed=<seed>
# Usage: bench/soak.sh [rounds=5] [fault rate=0.10]
#
# Long mode: one run of [count] posts (default 1,000) over several accounts (at most 80 posts each)
# with the same faults, a kill -9 of a random service (started again) in every wave of 100 posts and one
# broker restart; at the end every post is checked from the fakes' records and the scheduler's tables:
# published once or resolved by hand (a person taps Posted on every manual message), none lost, none twice.
# Usage: bench/soak.sh posts [count=1000] [fault rate=0.10] [seed=random] [-Dstoryline.soak.accounts=N
#        -Dstoryline.soak.wave=N]     SKIP_BUILD=1: the jars are already packaged
# Summary: system-tests/target/soak-summary.txt; log: system-tests/target/soak-posts-<seed>.log
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/java-home.sh
storyline_select_java
if [ "${1:-}" = posts ]; then
  count="${2:-1000}"
  rate="${3:-0.10}"
  seed="${4:-$RANDOM$RANDOM}"
  shift $(($# < 4 ? $# : 4))
  if [ "${SKIP_BUILD:-}" != 1 ]; then
    ./mvnw -q -B package -DskipTests
  fi
  mkdir -p system-tests/target
  log="system-tests/target/soak-posts-$seed.log"
  echo "soak: $count posts, fault rate $rate, seed $seed, load $(cut -d' ' -f1-3 /proc/loadavg); log: $log"
  # the reactor (not an installed copy) supplies the service jars and the test kit; only SoakTest runs
  if ./mvnw -B package -pl system-tests -am -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dstoryline.soak.posts="$count" -Dstoryline.fault.seed="$seed" -Dstoryline.fault.rate="$rate" \
      -Dstoryline.repo.root="$PWD" "$@" > "$log" 2>&1; then
    grep -h '^soak wave' system-tests/target/surefire-reports/*SoakTest-output.txt 2>/dev/null || true
    cat system-tests/target/soak-summary.txt
  else
    grep -h '^soak wave' system-tests/target/surefire-reports/*SoakTest-output.txt 2>/dev/null || true
    echo "soak: seed $seed FAILED (log: $log); replay with bench/soak.sh posts $count $rate $seed"
    exit 1
  fi
  exit 0
fi
rounds="${1:-5}"
rate="${2:-0.10}"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B install -DskipTests
fi
failed=0
for round in $(seq 1 "$rounds"); do
  seed=$RANDOM$RANDOM
  if ./mvnw -q -B -pl system-tests surefire:test -Dtest=FaultMatrixTest -Dstoryline.repo.root="$PWD" \
      -Dstoryline.fault.seed="$seed" -Dstoryline.fault.rate="$rate" > "system-tests/target/soak-$seed.log" 2>&1; then
    echo "round $round: seed $seed passed: $(grep -h 'fault matrix' system-tests/target/surefire-reports/*FaultMatrixTest-output.txt 2>/dev/null | tail -1)"
  else
    echo "round $round: seed $seed FAILED (log: system-tests/target/soak-$seed.log)"
    failed=$((failed + 1))
  fi
done
echo "soak: $rounds rounds at fault rate $rate, $failed failed"
[ "$failed" -eq 0 ]
