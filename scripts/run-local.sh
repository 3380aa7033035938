#!/usr/bin/env bash
# Run Storyline without Docker: the six service jars (five and the web console) against the local PostgreSQL and RabbitMQ,
# in dry-run with the sample media. Stop them with scripts/stop-local.sh.
#
#   scripts/run-local.sh              # build the jars, then start
#   scripts/run-local.sh --no-build   # start the jars already in */target/
#
# Any variable from the README's configuration table set in the calling shell wins over the
# defaults below (e.g. POSTS_PER_DAY=12 scripts/run-local.sh). Also:
#   PGHOST / PGPORT / PGUSER    admin connection used to create the storyline role and database
#                               (default 127.0.0.1 / 5432 / postgres)
#   STORYLINE_JAVA_OPTS         extra JVM options for every service, after ops/jvm/service.options
#   STORYLINE_START_TIMEOUT     seconds to wait for each service to become ready (default 180)
#   STORYLINE_LOG_RUNS_KEPT     previous runs' logs kept as <service>.log.1 (newest) .. .N (default 5)
# Logs: .run/logs/<service>.log   PIDs: .run/pids/<service>.pid
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
RUN_DIR="$ROOT/.run"
SERVICES=(scheduler-service upload-worker instagram-worker telegram-worker token-worker web-console)

port_of() {
  case "$1" in
    scheduler-service) echo 8080 ;;
    upload-worker) echo 8081 ;;
    instagram-worker) echo 8082 ;;
    telegram-worker) echo 8083 ;;
    token-worker) echo 8084 ;;
    web-console) echo 8085 ;;
  esac
}
# actuator (health, metrics) answers on a port of its own, 1000 above the API port
management_port_of() { echo $(( $(port_of "$1") + 1000 )); }

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "ERROR: $*" >&2; exit 1; }
port_open() { timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

build=true
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $arg" ;;
  esac
done

# shellcheck source=SCRIPTDIR/lib/java-home.sh
source "$ROOT/scripts/lib/java-home.sh"
storyline_select_java || fail "no usable JDK"

# Refuse to start a second copy: the ports would clash and the PID files be overwritten.
for service in "${SERVICES[@]}"; do
  pid_file="$RUN_DIR/pids/$service.pid"
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    fail "$service is already running (PID $(cat "$pid_file")); run scripts/stop-local.sh first"
  fi
done

if $build; then
  echo "==> Building the jars (./mvnw -B -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
for service in "${SERVICES[@]}"; do
  [[ -f "$service/target/$service-exec.jar" ]] \
    || fail "$service/target/$service-exec.jar is missing; run without --no-build"
done

# Each service runs unpacked with an AOT cache recorded by a training run (ops/jvm/storyline-java),
# remade when the jar or the JDK changed; the training runs go in parallel.
echo "==> Unpacked jars and AOT caches (.run/app/<service>)"
for service in "${SERVICES[@]}"; do
  ops/jvm/storyline-java prepare "$service/target/$service-exec.jar" "$RUN_DIR/app/$service" &
done
wait
for service in "${SERVICES[@]}"; do
  [[ -f "$RUN_DIR/app/$service/app.jar" ]] || fail "could not unpack $service/target/$service-exec.jar"
done

echo "==> PostgreSQL"
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
command -v psql >/dev/null 2>&1 || fail "psql not found (apt-get install postgresql-client)"
if ! psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  fail "cannot connect to PostgreSQL as ${PGUSER}@${PGHOST}:${PGPORT} (start it, e.g. pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
fi
# The services' defaults: database storyline, user storyline / password storyline; each service
# creates and migrates its own schema in it at start-up.
if [[ "$(psql -d postgres -Atqc "select 1 from pg_roles where rolname = 'storyline'")" != 1 ]]; then
  psql -d postgres -qc "create role storyline login password 'storyline'"
  echo "    created role storyline"
fi
if [[ "$(psql -d postgres -Atqc "select 1 from pg_database where datname = 'storyline'")" != 1 ]]; then
  psql -d postgres -qc "create database storyline owner storyline"
  echo "    created database storyline"
fi
echo "    database storyline ready on ${PGHOST}:${PGPORT}"

echo "==> RabbitMQ"
port_open "${RABBITMQ_PORT:-5672}" \
  || fail "RabbitMQ is not answering on 127.0.0.1:${RABBITMQ_PORT:-5672} (start it: rabbitmq-server -detached)"
echo "    answering on 127.0.0.1:${RABBITMQ_PORT:-5672}"

# Dry-run defaults: nothing needs a credential, nothing is sent to Instagram or Telegram.
# DEMO keys below are public in this repository; never use them for real tokens.
export DATABASE_URL="${DATABASE_URL:-jdbc:postgresql://${PGHOST}:${PGPORT}/storyline}"
export SPRING_DATASOURCE_USERNAME="${SPRING_DATASOURCE_USERNAME:-storyline}"
export SPRING_DATASOURCE_PASSWORD="${SPRING_DATASOURCE_PASSWORD:-storyline}"
export RABBITMQ_HOST="${RABBITMQ_HOST:-127.0.0.1}"
export RABBITMQ_PORT="${RABBITMQ_PORT:-5672}"
export RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}"
export RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}"
export MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/samples/media}"
export STORYLINE_ACCOUNT_ID="${STORYLINE_ACCOUNT_ID:-default}"
export DRY_RUN="${DRY_RUN:-true}"
export ENABLE_INSTAGRAM_API="${ENABLE_INSTAGRAM_API:-true}"
export INSTAGRAM_ACCOUNT_ID="${INSTAGRAM_ACCOUNT_ID:-17840000000000000}"
export CLOUD_STORAGE_PROVIDER="${CLOUD_STORAGE_PROVIDER:-local}"
export LOCAL_STORAGE_PUBLIC_BASE_URL="${LOCAL_STORAGE_PUBLIC_BASE_URL:-http://127.0.0.1:8081}"
export LOCAL_STORAGE_SIGNING_KEY="${LOCAL_STORAGE_SIGNING_KEY:-demo-local-storage-signing-key-not-a-secret}"
export TOKEN_ENCRYPTION_KEYS="${TOKEN_ENCRYPTION_KEYS:-k1:c3RvcnlsaW5lLWRlbW8ta2V5LW5vdC1hLXNlY3JldCE=}"
export STORYLINE_ADMIN_TOKEN="${STORYLINE_ADMIN_TOKEN:-demo-admin-token-not-a-secret}"
export STORYLINE_INTERNAL_TOKEN="${STORYLINE_INTERNAL_TOKEN:-demo-internal-token-not-a-secret}"
export TOKEN_WORKER_URL="${TOKEN_WORKER_URL:-http://127.0.0.1:8084}"
export SCHEDULER_URL="${SCHEDULER_URL:-http://127.0.0.1:8080}"
export POSTS_PER_DAY="${POSTS_PER_DAY:-6}"
export POSTING_WINDOW_START_HOUR="${POSTING_WINDOW_START_HOUR:-0}"
export POSTING_WINDOW_END_HOUR="${POSTING_WINDOW_END_HOUR:-23}"
export TIMEZONE="${TIMEZONE:-UTC}"
# the web console's first admin (DEMO password, public in this repository; refused with DRY_RUN=false)
export CONSOLE_ADMIN_EMAIL="${CONSOLE_ADMIN_EMAIL:-admin@example.com}"
export CONSOLE_ADMIN_PASSWORD="${CONSOLE_ADMIN_PASSWORD:-demo-console-password-not-a-secret}"
read -r -a java_opts <<< "${STORYLINE_JAVA_OPTS:-}"

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
# The previous runs' logs are kept, rotated: <service>.log.1 is the last run, up to .log.$STORYLINE_LOG_RUNS_KEPT.
rotate_log() {
  local log="$1" keep="${STORYLINE_LOG_RUNS_KEPT:-5}" i
  [[ -s "$log" ]] || return 0
  rm -f "$log.$keep"
  for ((i = keep - 1; i >= 1; i--)); do
    [[ -f "$log.$i" ]] && mv "$log.$i" "$log.$((i + 1))"
  done
  mv "$log" "$log.1"
}
echo "==> Starting the services (logs in .run/logs/, the previous runs' in <service>.log.1, .2, ...)"
for service in "${SERVICES[@]}"; do
  port=$(port_of "$service")
  mport=$(management_port_of "$service")
  port_open "$port" && fail "port $port (for $service) is already in use"
  port_open "$mport" && fail "port $mport (management, for $service) is already in use"
  rotate_log "$RUN_DIR/logs/$service.log"
  SERVER_PORT=$port MANAGEMENT_PORT=$mport nohup "$ROOT/ops/jvm/storyline-java" run "$RUN_DIR/app/$service" "${java_opts[@]}" \
    > "$RUN_DIR/logs/$service.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/pids/$service.pid"
  echo "    $service: PID $!, port $port (management $mport)"
done

echo "==> Waiting for readiness (/actuator/health/readiness)"
timeout_s=${STORYLINE_START_TIMEOUT:-180}
for service in "${SERVICES[@]}"; do
  mport=$(management_port_of "$service")
  pid=$(cat "$RUN_DIR/pids/$service.pid")
  deadline=$((SECONDS + timeout_s))
  until curl -fsS -o /dev/null "http://127.0.0.1:$mport/actuator/health/readiness" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "--- last lines of .run/logs/$service.log" >&2
      tail -n 40 "$RUN_DIR/logs/$service.log" >&2 || true
      fail "$service exited during start-up; scripts/stop-local.sh stops the others"
    fi
    if (( SECONDS >= deadline )); then
      echo "--- last lines of .run/logs/$service.log" >&2
      tail -n 40 "$RUN_DIR/logs/$service.log" >&2 || true
      fail "$service not ready after ${timeout_s}s; scripts/stop-local.sh stops everything"
    fi
    sleep 2
  done
  echo "    $service ready"
done

cat <<EOF

Storyline is running (dry-run, media from $MEDIA_ROOT):
  scheduler-service  http://127.0.0.1:8080   admin API: curl -H 'Authorization: Bearer $STORYLINE_ADMIN_TOKEN' http://127.0.0.1:8080/api/accounts
  upload-worker      http://127.0.0.1:8081   (local media hosting)
  instagram-worker   http://127.0.0.1:8082
  telegram-worker    http://127.0.0.1:8083
  token-worker       http://127.0.0.1:8084
  web-console        http://127.0.0.1:8085   sign in: $CONSOLE_ADMIN_EMAIL / \$CONSOLE_ADMIN_PASSWORD
  health / metrics   http://127.0.0.1:<port + 1000>/actuator/health  http://127.0.0.1:<port + 1000>/actuator/prometheus
  RabbitMQ UI        http://127.0.0.1:15672 (guest / guest)
Logs: .run/logs/   Stop: scripts/stop-local.sh
EOF
