#!/usr/bin/env bash
# Web console render benchmark: p50 / p95 / max time to a whole page, as a signed-in admin's browser
# would ask for it, with 1,000 accounts and a 1,000,000-item library behind the console.
#
# The packaged scheduler-service runs against a fresh database that this script fills with SQL:
#   - BENCH_ACCOUNTS accounts (default 1,000), each with 6 slots a day over the 5 weeks around today
#     (past ones published, posted by hand, skipped or missed with their history; 1 in 50 accounts has a
#     post waiting for a person); the scheduler's loops are off, so the figures are the pages alone;
#   - BENCH_ITEMS media items (default 1,000,000): the first account holds all but 20 per other account,
#     so its library is the big one (paginated, 24 to a page).
# The packaged web-console runs in front of it. Each page is asked for BENCH_WARMUP times (default 20),
# then BENCH_REQUESTS times (default 200) over one kept-alive connection (curl), as the admin.
# Needs the local PostgreSQL (PGHOST/PGPORT/PGUSER, default 127.0.0.1/5432/postgres, trust) and RabbitMQ
# (127.0.0.1:5672, management on :15672, guest). Usage: bench/console.sh    SKIP_BUILD=1 skips packaging.
#   BENCH_ONLY=<regex>   only the pages whose path matches
#   BENCH_DB=<name>      reuse a database an earlier run kept (BENCH_KEEP_DB=1) instead of seeding anew
# Writes bench/target/console-report.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
source scripts/lib/java-home.sh
storyline_select_java
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
accounts=${BENCH_ACCOUNTS:-1000}
items=${BENCH_ITEMS:-1000000}
warmup=${BENCH_WARMUP:-20}
requests=${BENCH_REQUESTS:-200}
scheduler_port=28180 console_port=28185
admin_token=bench-admin-token-0123456789abcdef
email=bench@example.com password=bench-console-password

if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B package -DskipTests -pl scheduler-service,web-console -am
fi
mkdir -p bench/target
report=bench/target/console-report.txt
work="$ROOT/.run/bench/console"
rm -rf "$work" && mkdir -p "$work/media"
name=${BENCH_DB:-"bench_console_$(date +%s)"}
PIDS=""
cleanup() {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ ${BENCH_KEEP_DB:-0} != 1 && -z ${BENCH_DB:-} ]]; then
    psql -qc "drop database if exists $name with (force)" postgres >/dev/null 2>&1 || true
  fi
  curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ -n ${BENCH_DB:-} ]] || psql -qc "create database $name" postgres
curl -fsS -u guest:guest -X PUT "http://127.0.0.1:15672/api/vhosts/$name" >/dev/null
curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}' "http://127.0.0.1:15672/api/permissions/$name/guest" >/dev/null

wait_ready() { # wait_ready NAME PORT PID
  for _ in $(seq 1 240); do
    kill -0 "$3" 2>/dev/null || { tail -n 40 "$work/$1.log" >&2; echo "ERROR: $1 exited" >&2; exit 1; }
    [[ $(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$2/actuator/health/readiness") == 200 ]] && return 0
    sleep 0.5
  done
  echo "ERROR: $1 not ready in 120 s" >&2
  exit 1
}

(
  export DATABASE_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/$name" DATABASE_USERNAME="$PGUSER" DATABASE_PASSWORD=
  export RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT=5672 RABBITMQ_USERNAME=guest RABBITMQ_PASSWORD=guest RABBITMQ_VHOST=$name
  export SERVER_PORT=$scheduler_port MANAGEMENT_PORT=$((scheduler_port + 1000)) MEDIA_ROOT="$work/media" DRY_RUN=true
  export STORYLINE_ADMIN_TOKEN=$admin_token STORYLINE_INTERNAL_TOKEN=bench-internal-token-0123456789
  export STORYLINE_SCHEDULER_LOOPS_ENABLED=false
  exec "$JAVA_HOME/bin/java" -Xmx512m -jar "$ROOT/scheduler-service/target/scheduler-service-exec.jar"
) > "$work/scheduler.log" 2>&1 &
scheduler_pid=$!
PIDS+=" $scheduler_pid"
wait_ready scheduler $((scheduler_port + 1000)) $scheduler_pid

if [[ -z ${BENCH_DB:-} ]]; then
echo "seeding $accounts accounts and $items media items ..."
t0=$(date +%s)
psql -q -v ON_ERROR_STOP=1 -v accounts="$accounts" -v items="$items" "$name" <<'SQL'
set search_path = scheduler;
insert into accounts (id, display_name, api_enabled, posts_per_day, window_start_hour, window_end_hour, timezone)
select format('acct-%s', lpad(g::text, 4, '0')), format('Brand %s', g), g % 3 <> 0, 6, 9, 21,
       (array['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'])[1 + g % 4]
from generate_series(1, :accounts) g;
-- the big library: the first account's items, then 20 for every other account
insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, width, height, valid,
                         validation_errors, title, caption, tags)
select gen_random_uuid(), 'acct-0001',
       format('%s/img-%s.jpg', (array['products', 'behind-the-scenes', 'quotes', 'team', 'events'])[1 + g % 5], g),
       (array['products', 'behind-the-scenes', 'quotes', 'team', 'events'])[1 + g % 5],
       md5('big' || g) || md5('big2' || g), 'image/jpeg', 200000 + g % 50000, 1080, 1920, g % 97 <> 0,
       case when g % 97 = 0 then array['aspect ratio 1.00 is outside 0.50-0.60'] else '{}' end,
       format('Item %s', g), format('Caption of item %s #brand', g), array['brand', 'story']
from generate_series(1, :items - 20 * (:accounts - 1)) g;
insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, width, height, valid)
select gen_random_uuid(), format('acct-%s', lpad(a::text, 4, '0')), format('products/p-%s.jpg', i), 'products',
       md5(a || '-' || i) || md5(a || '+' || i), 'image/jpeg', 300000, 1080, 1920, true
from generate_series(2, :accounts) a, generate_series(1, 20) i;
-- six slots a day at 10, 12, 14, 16, 18, 20 UTC over 35 days around today
create temporary table bench_slots as
select gen_random_uuid() as id, a.id as account_id,
       date_trunc('day', now()) + make_interval(days => d, hours => 10 + 2 * h) as slot_at, a.n
from (select id, row_number() over (order by id) as n from accounts) a,
     generate_series(-21, 13) d, generate_series(0, 5) h;
insert into slots (id, account_id, slot_at, category, status, media_id, route, route_reason, dispatched_at, completed_at)
select s.id, s.account_id, s.slot_at, 'products',
       case when s.slot_at > now() then 'PLANNED'
            when s.slot_at > now() - interval '2 hours' and s.n % 50 = 1 then 'MANUAL_PENDING'
            when extract(hour from s.slot_at) = 20 and s.n % 7 = 0 then 'MISSED'
            when extract(hour from s.slot_at) = 16 then 'RESOLVED'
            else 'PUBLISHED' end,
       case when s.slot_at > now() then null
            else (select m.id from media_items m where m.account_id = s.account_id
                  order by m.sha256 limit 1) end,
       case when s.slot_at > now() then null when extract(hour from s.slot_at) = 16 then 'MANUAL' else 'AUTO' end,
       case when s.slot_at <= now() and extract(hour from s.slot_at) = 16 then 'requires_interaction' end,
       case when s.slot_at <= now() then s.slot_at end,
       case when s.slot_at <= now() - interval '2 hours' then s.slot_at + interval '1 minute' end
from bench_slots s;
insert into posting_history (account_id, post_id, media_id, status, method, story_id, posted_by, dry_run, event_id, occurred_at)
select account_id, id, media_id,
       case when status = 'PUBLISHED' then 'PUBLISHED' when extract(hour from slot_at) = 16 and extract(day from slot_at)::int % 3 = 0
            then 'SKIPPED' else 'POSTED_MANUALLY' end,
       case when status = 'PUBLISHED' then 'instagram_api' else 'telegram_manual' end,
       case when status = 'PUBLISHED' then '1790' || floor(random() * 1e10)::bigint end,
       case when status = 'RESOLVED' then 'ana@brand.example' end,
       true, gen_random_uuid(), slot_at + interval '1 minute'
from slots where status in ('PUBLISHED', 'RESOLVED');
insert into planned_days (account_id, day)
select distinct account_id, (slot_at at time zone 'UTC')::date from slots;
insert into category_mix (account_id, category, ratio_percent, changed_by)
select id, 'products', 100, 'bench' from accounts;
analyze;
SQL
echo "seeded in $(( $(date +%s) - t0 )) s: $(psql -Atc "select count(*) from scheduler.media_items" "$name") items," \
  "$(psql -Atc "select count(*) from scheduler.slots" "$name") slots, $(psql -Atc "select count(*) from scheduler.posting_history" "$name") history rows"
fi

(
  export DATABASE_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/$name" DATABASE_USERNAME="$PGUSER" DATABASE_PASSWORD=
  export SERVER_PORT=$console_port MANAGEMENT_PORT=$((console_port + 1000)) SCHEDULER_URL=http://127.0.0.1:$scheduler_port
  export STORYLINE_ADMIN_TOKEN=$admin_token CONSOLE_ADMIN_EMAIL=$email CONSOLE_ADMIN_PASSWORD=$password DRY_RUN=true
  exec "$JAVA_HOME/bin/java" -Xmx384m -jar "$ROOT/web-console/target/web-console-exec.jar"
) > "$work/console.log" 2>&1 &
console_pid=$!
PIDS+=" $console_pid"
wait_ready console $((console_port + 1000)) $console_pid

base=http://127.0.0.1:$console_port
jar="$work/cookies"
csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[[ -n $csrf ]] || { echo "ERROR: no CSRF token on the sign-in page" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
  --data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$base/login")
[[ $code == "302 $base/calendar" ]] || { echo "ERROR: sign-in answered $code" >&2; exit 1; }

month=$(date -u +%Y-%m)
declare -a PAGES=(
  "/calendar?account=acct-0001"
  "/calendar?view=month&account=acct-0001&month=$month"
  "/calendar?view=month&account=all&month=$month"
  "/accounts"
  "/manual"
  "/fragments/manual"
  "/history?account=acct-0001"
  "/history?account=acct-0001&page=10"
  "/accounts/acct-0001/library"
  "/accounts/acct-0001/library?page=100"
  "/accounts/acct-0001/library?page=20000"
  "/accounts/acct-0001/library?category=quotes&state=invalid"
  "/accounts/acct-0001/library?state=never-posted"
  "/accounts/acct-0500/library"
  "/accounts/acct-0001/schedule"
)

: > "$report"
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
  echo "data: $accounts accounts, $items media items; $warmup warm-up + $requests measured requests per page, one connection"
  printf '%-62s %6s %8s %8s %8s %8s\n' page status p50_ms p95_ms max_ms bytes
} | tee -a "$report"
for page in "${PAGES[@]}"; do
  [[ $page =~ ${BENCH_ONLY:-.} ]] || continue
  config="$work/urls"
  : > "$config"
  for _ in $(seq 1 $((warmup + requests))); do printf 'url = "%s"\noutput = "/dev/null"\n' "$base$page" >> "$config"; done
  out=$(curl -s -b "$jar" -K "$config" -w '%{http_code} %{time_total} %{size_download}\n')
  status=$(echo "$out" | awk '{ print $1 }' | sort | uniq -c | awk '{ printf "%s%s×%s", (NR > 1 ? "," : ""), $1, $2 }')
  stats=$(echo "$out" | tail -n "$requests" | awk '{ print $2 * 1000, $3 }' | sort -n | awk -v n="$requests" '
    { t[NR] = $1; b = $2 }
    END { printf "%8.1f %8.1f %8.1f %8d", t[int(n * 0.50 + 0.5)], t[int(n * 0.95 + 0.5)], t[n], b }')
  printf '%-62s %6s %s\n' "$page" "$status" "$stats" | tee -a "$report"
done
echo "RSS after: scheduler $(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' /proc/$scheduler_pid/status) MB," \
  "console $(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' /proc/$console_pid/status) MB" | tee -a "$report"
