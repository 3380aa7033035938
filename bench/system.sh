#!/usr/bin/env bash
# Whole-system benchmarks (issue 8): start-up time and resident memory of each service, and end-to-end
# posts per second through scheduler → upload-worker → instagram-worker (dry-run, local provider).
# Runs against the same servers as the tests (STORYLINE_TEST_* or Testcontainers), in its own database.
# Usage: bench/system.sh [-Dbench.posts=N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/java-home.sh
storyline_select_java
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B install -DskipTests
fi
./mvnw -q -B -pl system-tests surefire:test -Dtest=SystemBenchmark -Dstoryline.benchmark=true \
  -Dstoryline.repo.root="$PWD" "$@"
cat system-tests/target/benchmark-*.txt
