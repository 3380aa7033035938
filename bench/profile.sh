#!/usr/bin/env bash
# Where a running burst waits: run beside bench/burst.sh (or any load) while its services are up.
# Every INTERVAL seconds, for SAMPLES rounds:
#   - the depth (ready/unacknowledged) of the pipeline's queues in every vhost whose name contains VHOST;
#   - a thread dump (jstack) of each Storyline service process, kept under bench/target/profile/.
# Then, per service, how often each consumer and relay thread stood on each top frame of its own code,
# counted over the dumps: a consumer mostly in BlockingQueueConsumer.nextMessage waits for the broker.
# Usage: bench/profile.sh [SAMPLES=30] [INTERVAL=2] [VHOST=burst]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/java-home.sh
storyline_select_java
samples=${1:-30} interval=${2:-2} vhost=${3:-burst}
management=${STORYLINE_TEST_RABBITMQ_MANAGEMENT_URL:-http://127.0.0.1:15672}
out=bench/target/profile
rm -rf "$out" && mkdir -p "$out"
services=(scheduler-service upload-worker instagram-worker)
for i in $(seq 1 "$samples"); do
  curl -fsS -u guest:guest "$management/api/queues?columns=name,vhost,messages_ready,messages_unacknowledged" \
    | python3 -c '
import json, sys, time
wanted = ("upload.requests", "instagram.hosted", "scheduler.outcomes", "upload.cleanup")
queues = [q for q in json.load(sys.stdin) if sys.argv[1] in q.get("vhost", "") and q["name"] in wanted]
print(time.strftime("%H:%M:%S"), " ".join("%s=%s/%s" % (q["name"], q.get("messages_ready", 0),
      q.get("messages_unacknowledged", 0)) for q in sorted(queues, key=lambda q: q["name"])))' "$vhost" \
    | tee -a "$out/queues.txt"
  for service in "${services[@]}"; do
    for pid in $(pgrep -f "$service/target/$service-exec.jar|app/$service/app.jar" || true); do
      "$JAVA_HOME/bin/jstack" "$pid" > "$out/$service-$pid-$i.txt" 2>/dev/null || true
    done
  done
  sleep "$interval"
done
for service in "${services[@]}"; do
  ls "$out/$service"-*.txt >/dev/null 2>&1 || continue
  echo "== $service: threads by top frame of their own (count over the dumps)"
  cat "$out/$service"-*.txt | awk '
    /^"(consumer-|outbox-relay)/ { name = $1; sub(/-[0-9]+"$/, "\"", name); n = 0; next }
    name != "" && /^\tat / && $0 !~ /java\.base|jdk\.internal|sun\.nio|org\.postgresql\.(core|util)|java\.net/ {
      if (n++ == 0) { sub(/^\tat /, ""); print name, $0 }
    }
    /^$/ { name = "" }' | sort | uniq -c | sort -rn | head -12
done
