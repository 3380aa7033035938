#!/usr/bin/env bash
# Stop the services started by scripts/run-local.sh: SIGTERM (graceful shutdown finishes the
# in-flight message), SIGKILL after 60 s. Only the PIDs recorded in .run/pids/ are touched, and
# only if that PID is still one of our service jars.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PID_DIR=.run/pids
SERVICES=(scheduler-service upload-worker instagram-worker telegram-worker token-worker web-console)

ours() { # pid service: is this PID still the java process running the service's jar?
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$2-exec.jar"
}

stopping=()
for service in "${SERVICES[@]}"; do
  pid_file="$PID_DIR/$service.pid"
  [[ -f "$pid_file" ]] || continue
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null && ours "$pid" "$service"; then
    echo "stopping $service (PID $pid)"
    kill -TERM "$pid"
    stopping+=("$service:$pid")
  else
    echo "$service is not running"
    rm -f "$pid_file"
  fi
done

if [[ ${#stopping[@]} -eq 0 ]]; then
  echo "nothing to stop"
  exit 0
fi

for entry in "${stopping[@]}"; do
  service=${entry%%:*}
  pid=${entry##*:}
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null && ours "$pid" "$service"; then
    echo "$service (PID $pid) still running after 60 s; killing it"
    kill -KILL "$pid"
  fi
  rm -f "$PID_DIR/$service.pid"
  echo "$service stopped"
done
