#!/usr/bin/env bash
# Burst benchmark: [posts] posts over [accounts] accounts whose slots all fall due at the same instant,
# through the packaged services (dry-run: the instant fake of Meta), first with one instance each of
# upload-worker and instagram-worker, then with three (scheduler, telegram-worker and token-worker once),
# against the same servers as the tests (STORYLINE_TEST_* or the local defaults), in fresh databases.
# Then the machine's own limits: RabbitMQ persistent, confirmed publishing into a quorum queue (PerfTest,
# 512-byte messages) and PostgreSQL's commit rate (pgbench -N in its own database); and the pipeline's
# rate as a fraction of the bound those imply:
#   bound = min(PG commits/s / commits per post, Rabbit msgs/s / deliveries per post);
# and the CPU bound: the cores ÷ the machine's CPU time per post during the burst (/proc/stat).
# Usage: bench/burst.sh [posts=10000] [accounts=100]
#   BENCH_REPLICAS=1,3   instances of upload-worker and instagram-worker per round
#   BENCH_PARTS=pipeline,limits   one part only: pipeline (the services) or limits (PerfTest, pgbench)
#   SKIP_BUILD=1         the service jars are already packaged
# Writes system-tests/target/burst-<replicas>.properties and bench/target/burst-report.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/java-home.sh
storyline_select_java
posts=${1:-10000}
accounts=${2:-100}
replicas=${BENCH_REPLICAS:-1,3}
parts=${BENCH_PARTS:-pipeline,limits}
amqp_uri=${STORYLINE_TEST_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672}
management=${STORYLINE_TEST_RABBITMQ_MANAGEMENT_URL:-http://127.0.0.1:15672}
pg_host=${PGHOST:-127.0.0.1} pg_port=${PGPORT:-5432} pg_user=${PGUSER:-postgres}
perftest_version=2.22.1
mkdir -p bench/target
report=bench/target/burst-report.txt
: > "$report"
say() { echo "$*" | tee -a "$report"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
say "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM; $(date -u +%FT%TZ)"

if [[ ",$parts," == *,pipeline,* ]]; then
  if [ "${SKIP_BUILD:-}" != 1 ]; then
    ./mvnw -q -B package -DskipTests
  fi
  rm -f system-tests/target/burst-*.properties
  # the reactor (not an installed copy) supplies the service jars and the test kit; only BurstBenchmark runs
  ./mvnw -q -B package -pl system-tests -am -Dtest=BurstBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dstoryline.burst=true -Dbench.posts="$posts" -Dbench.accounts="$accounts" -Dbench.replicas="$replicas" \
    -Dstoryline.repo.root="$PWD"
  for file in system-tests/target/burst-*.properties; do
    say "pipeline, $(basename "$file" .properties | sed 's/burst-//') replica(s): $(paste -sd' ' "$file")"
  done
fi

if [[ ",$parts," == *,limits,* ]]; then
  # PerfTest's jar has no dependencies inside: bench/perftest/pom.xml copies it and them
  if [ ! -f "bench/target/perftest/perf-test-$perftest_version.jar" ]; then
    ./mvnw -q -B -f bench/perftest/pom.xml dependency:copy-dependencies -DoutputDirectory=../target/perftest
  fi
  # its own quorum queue in the default vhost, deleted afterwards
  queue=storyline-bench-perftest
  perftest_out=bench/target/perftest.log
  java -cp 'bench/target/perftest/*' com.rabbitmq.perf.PerfTest --uri "$amqp_uri" -x 1 -y 1 -s 512 -f persistent -c 100 -u "$queue" -ad false \
    -qa x-queue-type=quorum -z 20 > "$perftest_out" 2>&1 || { tail -20 "$perftest_out"; exit 1; }
  curl -fsS -u guest:guest -X DELETE "$management/api/queues/%2F/$queue" >/dev/null || true
  rabbit_rate=$(awk '/sending rate avg/ { print $(NF-1) }' "$perftest_out" | tail -1)
  rabbit_received=$(awk '/receiving rate avg/ { print $(NF-1) }' "$perftest_out" | tail -1)
  say "RabbitMQ (PerfTest $perftest_version, quorum queue, 512 B, persistent, confirms, 1 producer/1 consumer, 20 s):" \
    "sent $rabbit_rate msg/s, received $rabbit_received msg/s; load $(load)"

  db=storyline_bench_pgbench
  PGOPTIONS="-c client_min_messages=warning" psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" \
    -c "drop database if exists $db" -c "create database $db" postgres
  pgbench -q -i -s 1 -h "$pg_host" -p "$pg_port" -U "$pg_user" "$db" >/dev/null 2>&1
  pg_rate=$(pgbench -c 4 -j 2 -T 20 -N -h "$pg_host" -p "$pg_port" -U "$pg_user" "$db" 2>/dev/null \
    | awk '/^tps/ { print $3; exit }')
  psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -c "drop database if exists $db" postgres
  say "PostgreSQL (pgbench -N, 4 clients, 2 threads, 20 s, scale 1): $pg_rate commits/s; load $(load)"

  for file in system-tests/target/burst-*.properties; do
    [ -f "$file" ] || continue
    get() { awk -F= -v k="$1" '$1 == k { print $2 }' "$file"; }
    awk -v r="$(get replicas)" -v rate="$(get posts_per_s)" -v cpp="$(get commits_per_post)" \
        -v dpp="$(get deliveries_per_post)" -v pg="$pg_rate" -v mq="$rabbit_rate" 'BEGIN {
      pgb = pg / cpp; mqb = mq / dpp; bound = pgb < mqb ? pgb : mqb
      printf "bound, %d replica(s): PostgreSQL %.0f posts/s (%.0f commits/s / %.2f per post), RabbitMQ %.0f posts/s " \
             "(%.0f msg/s / %.2f deliveries per post): bound %.0f posts/s; pipeline %.1f posts/s = %.1f %% of it\n",
             r, pgb, pg, cpp, mqb, mq, dpp, bound, rate, 100 * rate / bound }' | tee -a "$report"
  done
fi

# The machine's CPU, which the pipeline shares with PostgreSQL and RabbitMQ on these cores: all of it
# per post (from /proc/stat over the burst) and the rate at which the posts would take every core.
for file in system-tests/target/burst-*.properties; do
  [ -f "$file" ] || continue
  get() { awk -F= -v k="$1" '$1 == k { print $2 }' "$file"; }
  [ -n "$(get cpu_bound_posts_per_s)" ] || continue
  awk -v r="$(get replicas)" -v rate="$(get posts_per_s)" -v ms="$(get machine_cpu_ms_per_post)" \
      -v busy="$(get machine_busy_percent)" -v cpub="$(get cpu_bound_posts_per_s)" -v cores="$(nproc)" \
      -v svc="$(get cpu_ms_per_post)" -v pg="$(get server_cpu_ms_per_post.postgresql)" \
      -v mq="$(get server_cpu_ms_per_post.rabbitmq)" 'BEGIN {
    printf "CPU, %d replica(s): the machine spent %.1f ms per post (services %.1f, PostgreSQL %.1f, RabbitMQ %.1f; " \
           "%.0f %% busy during the burst); its %d cores allow %.0f posts/s; pipeline %.1f posts/s = %.1f %% of it\n",
           r, ms, svc, pg, mq, busy, cores, cpub, rate, 100 * rate / cpub }' \
    | tee -a "$report"
done
