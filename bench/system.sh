#!/usr/bin/env bash
# Whole-system benchmarks:
#  1. start-up: the five services started together, as shipped (ops/jvm/storyline-java: unpacked jar,
#     AOT cache, ops/jvm/service.options), each in a fresh database and vhost: time to readiness, CPU
#     seconds spent until then, resident memory 3 s later. BENCH_STARTUP_ROUNDS rounds (default 3).
#     BENCH_STARTUP_MODE=plain starts `java -Xmx384m -jar <exec jar>` instead (the former run-local.sh
#     default) for a before/after on the same machine. Readiness is polled on each management port
#     (API port + 1000), where actuator answers. BENCH_STARTUP_ALONE=1 starts each service on its own. Needs the local PostgreSQL (PGHOST/PGPORT/PGUSER,
#     default 127.0.0.1/5432/postgres, trust) and RabbitMQ (127.0.0.1:5672, management on :15672, guest).
#  2. end-to-end posts per second through scheduler → upload-worker → instagram-worker (dry-run, local
#     provider), against the same servers as the tests, in its own database.
# Usage: bench/system.sh [-Dbench.posts=N]     BENCH_PARTS=startup or e2e runs one part; SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
source scripts/lib/java-home.sh
storyline_select_java
parts=${BENCH_PARTS:-startup,e2e}
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B install -DskipTests
fi

SERVICES=(scheduler-service upload-worker instagram-worker telegram-worker token-worker)
declare -A PORT=([scheduler-service]=28080 [upload-worker]=28081 [instagram-worker]=28082
                 [telegram-worker]=28083 [token-worker]=28084)

# Services of an interrupted round must not outlive the script.
BENCH_PIDS=""
trap 'for p in $BENCH_PIDS; do kill "$p" 2>/dev/null || true; done' EXIT

# startup_round ROUND MODE SERVICE... starts the given services together.
startup_round() {
  local round=$1 mode=$2 name service pid t0 now code
  shift 2
  local SERVICES=("$@")
  name="bench_startup_$(date +%s)_$round"
  psql -qc "create database $name" postgres
  curl -fsS -u guest:guest -X PUT "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null
  curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' \
    -d '{"configure":".*","write":".*","read":".*"}' "http://127.0.0.1:15672/api/permissions/$name/guest" >/dev/null
  local work="$ROOT/.run/bench/$name"
  mkdir -p "$work/hosted"
  declare -A pids=() ready=() cpu=()
  t0=$(date +%s%N)
  for service in "${SERVICES[@]}"; do
    (
      export DATABASE_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/$name" DATABASE_USERNAME="$PGUSER" DATABASE_PASSWORD=
      export RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT=5672 RABBITMQ_USERNAME=guest RABBITMQ_PASSWORD=guest RABBITMQ_VHOST=$name
      export SERVER_PORT=${PORT[$service]} MANAGEMENT_PORT=$(( PORT[$service] + 1000 )) MEDIA_ROOT="$ROOT/samples/media" DRY_RUN=true ENABLE_INSTAGRAM_API=true
      export STORYLINE_ACCOUNT_ID=default INSTAGRAM_ACCOUNT_ID=17840000000000000 CLOUD_STORAGE_PROVIDER=local
      export LOCAL_STORAGE_PUBLIC_BASE_URL=http://127.0.0.1:${PORT[upload-worker]} LOCAL_STORAGE_DIR="$work/hosted"
      export LOCAL_STORAGE_SIGNING_KEY=bench-local-storage-signing-key-not-a-secret TOKEN_ENCRYPTION_KEYS=k1:c3RvcnlsaW5lLWRlbW8ta2V5LW5vdC1hLXNlY3JldCE=
      export STORYLINE_ADMIN_TOKEN=bench-admin-token STORYLINE_INTERNAL_TOKEN=bench-internal-token
      export TOKEN_WORKER_URL=http://127.0.0.1:${PORT[token-worker]} SCHEDULER_URL=http://127.0.0.1:${PORT[scheduler-service]}
      if [[ $mode == plain ]]; then
        exec "$JAVA_HOME/bin/java" -Xmx384m -jar "$ROOT/$service/target/$service-exec.jar"
      else
        exec "$ROOT/ops/jvm/storyline-java" run "$ROOT/.run/bench/app/$service"
      fi
    ) > "$work/$service.log" 2>&1 &
    pids[$service]=$!
    BENCH_PIDS+=" $!"
  done
  while (( ${#ready[@]} < ${#SERVICES[@]} )); do
    for service in "${SERVICES[@]}"; do
      [[ -n "${ready[$service]:-}" ]] && continue
      pid=${pids[$service]}
      kill -0 "$pid" 2>/dev/null || { tail -n 30 "$work/$service.log" >&2; echo "ERROR: $service exited" >&2; return 1; }
      code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$(( PORT[$service] + 1000 ))/actuator/health/readiness" || true)
      if [[ $code == 200 ]]; then
        now=$(date +%s%N)
        ready[$service]=$(( (now - t0) / 1000000 ))
        cpu[$service]=$(awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$pid/stat")
      fi
    done
    (( ($(date +%s%N) - t0) / 1000000000 < ${BENCH_STARTUP_TIMEOUT:-300} )) \
      || { echo "ERROR: not all ready within ${BENCH_STARTUP_TIMEOUT:-300} s" >&2; return 1; }
    sleep 0.1
  done
  sleep 3
  local line="round $round ($mode, load $(cut -d' ' -f1 /proc/loadavg)):"
  for service in "${SERVICES[@]}"; do
    line+=" $service $(awk -v ms="${ready[$service]}" 'BEGIN { printf "%.1f", ms / 1000 }') s"
    line+=" cpu ${cpu[$service]} s $(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/${pids[$service]}/status") MB;"
  done
  for service in "${SERVICES[@]}"; do kill "${pids[$service]}" 2>/dev/null || true; done
  wait
  psql -qc "drop database if exists $name with (force)" postgres
  curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null || true
  rm -rf "$work"
  echo "$line" | tee -a "$ROOT/system-tests/target/benchmark-startup.txt"
}

if [[ ",$parts," == *,startup,* ]]; then
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  mode=${BENCH_STARTUP_MODE:-shipped}
  mkdir -p system-tests/target .run/bench/app
  : > system-tests/target/benchmark-startup.txt
  if [[ $mode != plain ]]; then
    for service in "${SERVICES[@]}"; do
      ops/jvm/storyline-java prepare "$service/target/$service-exec.jar" ".run/bench/app/$service" &
    done
    wait
  fi
  if [[ ${BENCH_STARTUP_ALONE:-0} == 1 ]]; then
    echo "BENCHMARK startup (each service alone; ready s / CPU s until ready / RSS 3 s later):"
    for round in $(seq 1 "${BENCH_STARTUP_ROUNDS:-3}"); do
      for service in "${SERVICES[@]}"; do
        startup_round "$round" "$mode" "$service"
      done
    done
  else
    echo "BENCHMARK startup (all five starting together; ready s / CPU s until ready / RSS 3 s later):"
    for round in $(seq 1 "${BENCH_STARTUP_ROUNDS:-3}"); do
      startup_round "$round" "$mode" "${SERVICES[@]}"
    done
  fi
fi

if [[ ",$parts," == *,e2e,* ]]; then
  ./mvnw -q -B -pl system-tests surefire:test -Dtest='SystemBenchmark' -Dstoryline.benchmark=true \
    -Dstoryline.repo.root="$PWD" "$@"
  cat system-tests/target/benchmark-e2e.txt
fi
