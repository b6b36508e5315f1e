#!/usr/bin/env bash
# Steady loops without a storm: a fresh packaged app takes ten-at-a-time reservations on a
# drop with stock to spare, then ten-at-a-time reservations on a sold-out drop (wrk, 2
# threads, 10 connections, a new Idempotency-Key and another fan's token per call), with the
# app's CPU per sold-out answer, then serves the drop's JSON and its page ten at a time. For
# telling a setting of the app apart from the storm's after-effects, and the training run of
# aot-cache.sh; the storm itself is storm.sh.
#   drops-bench/steady.sh [--jar PATH] [--out DIR]      (about 2 minutes; loopback only)
# Environment: DROPS_VIRTUAL_THREADS (the app's thread setting), STEADY_PORT (8188),
#   STEADY_DB_PORT (54488), STEADY_SECONDS (10 per loop, after 5 s of warm-up),
#   BENCH_JAVA_OPTS (extra JVM options for the app).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

# shellcheck source=drops-bench/setup.sh
source "$here/setup.sh"
jar_and_out "$@"
use_jdk25
command -v wrk >/dev/null || { echo "Missing wrk: apt-get install wrk" >&2; exit 2; }
port="${STEADY_PORT:-8188}" db="${STEADY_DB_PORT:-54488}" seconds="${STEADY_SECONDS:-10}"
base="http://127.0.0.1:$port"
out="${out:-$here/target/steady/$(date -u +%Y%m%dT%H%M%S)}"
fans=40000
mkdir -p "$out/data"
app_jar="$(place_jar "$jar" "$out")"

(cd "$out" && DROPS_DATA_DIR="$out/data" DROPS_DEMO_PASSWORD=bench-demo-password DROPS_DB_POOL_SIZE=10 \
  exec java ${BENCH_JAVA_OPTS:-} -jar "$app_jar" --server.port="$port" --drops.embedded-database.port="$db" \
  --drops.cadence.initial-delay=PT1H > "$out/app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "$base/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { echo "Drops did not start; see $out/app.log" >&2; exit 1; }
  sleep 1
done

# Set-up through the real paths, as storm.sh does (setup.sh): a merchandiser's token, then the admin API.
merchant_token "$out/cookies.txt" "steady set-up"
now="$(date +%s)"
community=steady
api /api/v1/admin/communities '{"slug":"steady","name":"Steady loops","description":"Steady loops","timeZone":"UTC","targetSize":1000,"minGapDays":0,"maxDropsPer30Days":31}' >/dev/null
drop() { # drop SLUG SKU QUANTITY PER_FAN: open since a minute
  api /api/v1/admin/skus "{\"slug\":\"$2\",\"name\":\"Keycap $2\",\"priceMinor\":2450,\"currency\":\"GBP\"}" >/dev/null
  plan_drop "$1" "Steady $1" "$2" "$3" "$4" $((now - 60))
}
drop spare-drop spare-keycap 60000 60000
drop gone-drop gone-keycap 1 1
secret="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$db" -U postgres -d postgres -v fans="$fans" -v secret="$secret" \
  -f "$here/setup-fans.sql" >/dev/null
seq 1 "$fans" | sed "s/^/drops_${secret}_/" > "$out/tokens.txt"
take_unit gone-drop gone-keycap "$(head -1 "$out/tokens.txt")" the-one-unit

cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
threads_cpu() { # threads_cpu PID → "ticks name" per thread, digits in names as N
  for task in /proc/"$1"/task/*; do
    echo "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0) $(tr ' 0-9' '_N' < "$task/comm" 2>/dev/null | tr -s N)"
  done
}
loop() { reserve_loop "$out/tokens.txt" "$1" "$2" "$3" 10; } # loop DROP SKU SECONDS → wrk's summary
hz="$(getconf CLK_TCK)"
{
  echo "# Steady loops, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "App: $jar; DROPS_VIRTUAL_THREADS=${DROPS_VIRTUAL_THREADS:-(default)}; $(nproc) cores; 10 connections, ${seconds}s a loop after 5 s of warm-up."
  echo
  loop spare-drop spare-keycap 5 >/dev/null
  loop gone-drop gone-keycap 5 >/dev/null
  echo "## Reservations, stock to spare"
  echo '```'
  loop spare-drop spare-keycap "$seconds" | grep -E "Requests/sec|Non-2xx|p50"
  echo '```'
  echo "## Reservations, sold out"
  before="$(cpu_of "$app")" threads_before="$(threads_cpu "$app")"
  summary="$(loop gone-drop gone-keycap "$seconds")"
  used="$(( $(cpu_of "$app") - before ))" threads_after="$(threads_cpu "$app")"
  echo '```'
  echo "$summary" | grep -E "Requests/sec|p50"
  echo '```'
  rate="$(echo "$summary" | sed -n 's/^Requests\/sec: *//p')"
  awk -v used="$used" -v hz="$hz" -v rate="$rate" -v s="$seconds" \
    'BEGIN { printf "App CPU per sold-out answer: %.2f ms (%.1f CPU-seconds for %d answers)\n", 1000 * used / hz / (rate * s), used / hz, rate * s }'
  echo
  echo "Where the app's CPU went in that loop, by thread (CPU-seconds; threads that ended during the loop left out):"
  echo
  { echo "$threads_before" | sed 's/^/before /'; echo "$threads_after" | sed 's/^/after /'; } | awk -v hz="$hz" '
    { sign = ($1 == "after") ? 1 : -1; spent[$3] += sign * $2 }
    END { for (name in spent) if (spent[name] > 0) printf "- %s: %.2f\n", name, spent[name] / hz }' | sort -t: -k2 -rn
  echo
  echo "## Drop JSON (anonymous)"
  echo '```'
  wrk -t2 -c10 -d"${seconds}s" "$base/api/v1/drops/spare-drop" | grep -E "Requests/sec|Non-2xx"
  echo '```'
  echo "## Drop page (anonymous)"
  echo '```'
  wrk -t2 -c10 -d"${seconds}s" "$base/drops/spare-drop" | grep -E "Requests/sec|Non-2xx"
  echo '```'
} | tee "$out/steady.md"
