#!/usr/bin/env bash
# Scheduler benchmarks: planning 30 days for 1,000 accounts over a 1,000,000-item
# library, and dispatch lateness for 1,000 slots due within one minute.
# Runs against the same servers as the tests (STORYLINE_TEST_* or Testcontainers), in its own database.
# Usage: bench/scheduler.sh [-Dbench.accounts=N -Dbench.items=N -Dbench.days=N -Dbench.slots=N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/java-home.sh
storyline_select_java
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B -pl scheduler-service -am install -DskipTests
fi
./mvnw -q -B -pl scheduler-service surefire:test -Dtest=SchedulerBenchmark -Dstoryline.benchmark=true \
  -DargLine="-Xmx1g" "$@"
cat scheduler-service/target/benchmark-*.txt
