#!/usr/bin/env bash
# Soak: the system fault matrix again and again with fresh fault seeds, outside CI.
# Each round starts the five services, plays injected Graph/Bot API faults, kill -9 of every service
# and a broker restart, and checks that every post ends published or resolved by hand, none twice.
# A failing round prints its seed: replay it with
#   ./mvnw -pl system-tests verify -Dtest=FaultMatrixTest -Dstoryline.fault.seed=<seed>
# Usage: bench/soak.sh [rounds=5] [fault rate=0.10]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/java-home.sh
storyline_select_java
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
