#!/usr/bin/env bash
# The drop-day storm benchmark, on this machine, against the packaged app on a fresh database:
#   drops-bench/storm.sh            full run: 10,000 fans, 200 units (about 4 minutes)
#   drops-bench/storm.sh --quick    1,000 fans, 50 units (within 3 minutes)
#   drops-bench/storm.sh --warm     the app first serves a minute of the same kinds of calls to
#                                   other fans on other drops (with either size)
#   drops-bench/storm.sh --aot      the app starts with a JDK AOT cache that aot-cache.sh makes
#                                   first, in a training run of its own (with either size; about
#                                   3 minutes more)
# Options: --jar PATH (use this jar instead of building drops-web), --out DIR (where the report goes).
# Environment: BENCH_PORT (8087), BENCH_NGINX_PORT (8097), BENCH_DB_PORT (54387),
#   DROPS_DB_POOL_SIZE (10: the app's pool, also pgbench's and the closed phases' concurrency),
#   BENCH_JAVA_OPTS (extra JVM options for the app, e.g. a Flight Recorder profile),
#   BENCH_START_SECONDS (360: how long the app may take to start; a busy machine needs minutes).
# Writes DIR/report.md and Gatling's HTML report under DIR/gatling; exits non-zero when a unit
# was oversold, an order duplicated, or a fan got a 5xx (slow answers are figures, not failures).
# Loopback only.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

quick=false
warm=false
aot=false
jar=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --warm) warm=true ;;
    --aot) aot=true ;;
    --jar) jar="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "Unknown option $1 (use --quick, --warm, --aot, --jar PATH, --out DIR)" >&2; exit 2 ;;
  esac
  shift
done

if $quick; then
  fans=1000 units=50 lead=10 arrival=10 phase=5 page_seconds=5 browse_rate=10 capacity_units=20000 pgbench_units=40000
else
  fans=10000 units=200 lead=30 arrival=10 phase=10 page_seconds=10 browse_rate=20 capacity_units=60000 pgbench_units=150000
fi
port="${BENCH_PORT:-8087}"
nginx_port="${BENCH_NGINX_PORT:-8097}"
db_port="${BENCH_DB_PORT:-54387}"
pool="${DROPS_DB_POOL_SIZE:-10}"
run_id="$(date -u +%Y%m%dT%H%M%S)"
out="${out:-$here/target/bench/$run_id}"
base="http://127.0.0.1:$port"

# shellcheck source=drops-bench/setup.sh
source "$here/setup.sh"
use_jdk25
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

say() { echo "[storm $(date -u +%H:%M:%S)] $*"; }

# --- Tools: wrk and nginx from Debian's packages, pgbench and psql from the PostgreSQL client.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v pgbench >/dev/null || missing+=(postgresql-client)
command -v psql >/dev/null || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root." >&2
    exit 2
  fi
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

mkdir -p "$out"/{page,nginx,data}
say "results in $out"

# --- The packaged app.
jar="${jar:-$(packaged_jar)}"
if [ -z "$jar" ]; then
  say "building the app (./mvnw package)"
  ./mvnw -B -q -ntp -DskipTests package -pl drops-web -am
  jar="$(packaged_jar)"
  [ -n "$jar" ] || { echo "The build left no jar in drops-web/target" >&2; exit 1; }
fi
java_opts="${BENCH_JAVA_OPTS:-}"
if $aot; then
  say "AOT cache: extracting the jar and a training run of its own (aot-cache.sh, about 3 minutes)"
  "$here/aot-cache.sh" --jar "$jar" --out "$out/aot" > "$out/aot-cache.log" 2>&1 \
    || { tail -20 "$out/aot-cache.log" >&2; echo "No AOT cache; see $out/aot-cache.log" >&2; exit 1; }
  app_jar="$out/aot/app/$(basename "$jar")"
  java_opts="-XX:AOTCache=$out/aot/drops.aot $java_opts"
else
  app_jar="$(place_jar "$jar" "$out")"
fi
say "compiling the simulation"
./mvnw -B -q -ntp -f drops-bench/pom.xml -Dspring-javaformat.skip=true test-compile

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

say "starting Drops on $base (embedded PostgreSQL on $db_port, pool $pool)"
(cd "$out" && DROPS_DATA_DIR="$out/data" DROPS_DEMO_PASSWORD=bench-demo-password DROPS_DB_POOL_SIZE="$pool" \
  exec java $java_opts -jar "$app_jar" --server.port="$port" --drops.embedded-database.port="$db_port" \
  --drops.cadence.initial-delay=PT1H > "$out/app.log" 2>&1) &
pids+=($!)
start_seconds="${BENCH_START_SECONDS:-360}"
for i in $(seq 1 "$start_seconds"); do
  if curl -sf "$base/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then echo "Drops did not start; see $out/app.log" >&2; exit 1; fi
  sleep 1
done
curl -sf "$base/actuator/health" >/dev/null || { echo "Drops did not answer in $start_seconds s; see $out/app.log" >&2; exit 1; }

psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$db_port" -U postgres -d postgres "$@"; }

# --- Set-up through the real paths: a merchandiser signs in, takes a token, plans the drops.
say "set-up: merchandiser token, community, SKUs, drops"
merchant_token "$out/setup-cookies.txt" "storm set-up"
now="$(date +%s)"
community="storm-$run_id" community="${community,,}"
api /api/v1/admin/communities "{\"slug\":\"$community\",\"name\":\"Storm testers\",\"description\":\"Fans of the storm benchmark\",\"timeZone\":\"UTC\",\"targetSize\":$fans,\"minGapDays\":0,\"maxDropsPer30Days\":31}" >/dev/null
for sku in storm-keycap capacity-keycap pgbench-keycap; do
  api /api/v1/admin/skus "{\"slug\":\"$sku\",\"name\":\"Brass keycap ($sku)\",\"priceMinor\":2450,\"currency\":\"GBP\"}" >/dev/null
done
drop() { plan_drop "$1" "Storm drop $1" "$2" "$3" "$4" "$5"; } # drop SLUG SKU QUANTITY PER_FAN OPENS_AT
drop capacity-drop capacity-keycap "$capacity_units" "$capacity_units" $((now - 60))
drop pgbench-drop pgbench-keycap "$pgbench_units" "$pgbench_units" $((now - 60))

# --- Fans with tokens, in bulk (set-up, not the measured path): only the tokens' hashes go in.
say "set-up: $fans fans with personal API tokens"
secret="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql_ -v fans="$fans" -v secret="$secret" -f "$here/setup-fans.sql"
{ echo token; seq 1 "$fans" | sed "s/^/drops_${secret}_/"; } > "$out/fans.csv"

# --- With --warm: before the storm the app serves the storm's kinds of calls for about a
# minute, to other fans (numbered after the storm's, same secret: pgbench never picks them) on
# other drops, as a shop open for a while before a drop would have. Without it the storm meets
# a JVM a minute old, still compiling its hot paths.
if $warm; then
  warm_fans=30000
  say "warm-up: $warm_fans other fans, other drops, about 100 s"
  psql_ -v fans="$warm_fans" -v first="$((fans + 1))" -v secret="$secret" -f "$here/setup-fans.sql"
  seq "$((fans + 1))" "$((fans + warm_fans))" | sed "s/^/drops_${secret}_/" > "$out/warm-tokens.txt"
  api /api/v1/admin/skus '{"slug":"warm-keycap","name":"Brass keycap (warm-up)","priceMinor":2450,"currency":"GBP"}' >/dev/null
  drop warm-drop warm-keycap 1 1 $((now - 60))
  take_unit warm-drop warm-keycap "$(head -1 "$out/warm-tokens.txt")" warm-up
  for _ in 1 2; do
    reserve_loop "$out/warm-tokens.txt" capacity-drop capacity-keycap 15 "$pool"
    reserve_loop "$out/warm-tokens.txt" warm-drop warm-keycap 15 "$pool"
    wrk -t2 -c"$pool" -d10s "$base/api/v1/drops/capacity-drop"
    wrk -t2 -c"$pool" -d5s "$base/drops/capacity-drop"
  done > "$out/warm-up.log" 2>&1
  sleep 20 # a pause between the warm-up and the storm's set-up
fi

# The storm drop opens far enough ahead for Gatling to start and browse before it.
opens_at=$(( $(date +%s) + lead + 15 ))
drop storm-drop storm-keycap "$units" 1 "$opens_at"
page_url="$base/drops/storm-drop"

machine_line() { echo "$1=$2" >> "$out/machine.properties"; }
: > "$out/machine.properties"
machine_line cpu "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
machine_line cores "$(nproc)"
machine_line memory "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
machine_line kernel "$(uname -sr)"
machine_line java "$(java -version 2>&1 | head -1)"
machine_line postgresql "$(psql_ -At -c 'show server_version')"
machine_line pool "$pool"
machine_line mode "$($quick && echo quick || echo full)"
machine_line fans "$fans"
machine_line units "$units"
machine_line arrival "$arrival"
machine_line command "drops-bench/storm.sh$($quick && echo ' --quick' || true)$($warm && echo ' --warm' || true)$($aot && echo ' --aot' || true)"
machine_line started "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
machine_line load.storm "$(cut -d' ' -f1-3 /proc/loadavg)"

# --- Where the cores go while Gatling runs: every second, the CPU time (clock ticks, from /proc)
# of the whole machine, the app, its PostgreSQL (the embedded server and its backends) and the
# load generator (every other JVM: Gatling and the Maven that starts it), into cpu.tsv.
machine_line clock.ticks "$(getconf CLK_TCK)"
cpu_sample() { # cpu_sample POSTMASTER_PID → "epoch-ms busy idle app postgres load-generator"
  local now; now="$(date +%s%3N)"
  # (a process may end between listing and reading: that is no error here)
  { cat /proc/stat; cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v app="${pids[0]}" -v pm="$1" -v now="$now" '
    $1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8 + $9; idle = $5 + $6; next }
    /^[0-9]+ \(/ {
      pid = $1; lp = index($0, "("); rp = 0
      for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { rp = i; break }
      comm = substr($0, lp + 1, rp - lp - 1)
      split(substr($0, rp + 2), f, " ")  # f[1] state, f[2] ppid, f[12] utime, f[13] stime
      ticks = f[12] + f[13]
      if (pid == app) a += ticks
      else if (pid == pm || f[2] == pm) pg += ticks
      else if (comm == "java") gen += ticks
    }
    END { printf "%s %d %d %d %d %d\n", now, busy, idle, a, pg, gen }'
}
postmaster="$(head -1 "$out/data/pgdata/postmaster.pid" 2>/dev/null || echo 0)"
(while :; do cpu_sample "$postmaster" || true; sleep 1; done > "$out/cpu.tsv") &
sampler=$!
pids+=("$sampler")

# --- The storm (Gatling): browsing from T-lead, fans from T, then the sold-out and capacity phases.
say "storm: drop opens at $(iso "$opens_at"), $fans fans over ${arrival}s"
./mvnw -B -q -ntp -f drops-bench/pom.xml -Dspring-javaformat.skip=true gatling:test \
  -Dbench.out="$out" -Dbench.base-url="$base" -Dbench.drop=storm-drop -Dbench.sku=storm-keycap \
  -Dbench.capacity-drop=capacity-drop -Dbench.capacity-sku=capacity-keycap -Dbench.fans-file="$out/fans.csv" \
  -Dbench.fans="$fans" -Dbench.opens-at="$((opens_at * 1000))" -Dbench.arrival-seconds="$arrival" \
  -Dbench.browse-rate="$browse_rate" -Dbench.concurrency="$pool" -Dbench.phase-seconds="$phase" \
  > "$out/gatling.log" 2>&1 || { tail -40 "$out/gatling.log" >&2; echo "Gatling failed; see $out/gatling.log" >&2; exit 1; }

kill "$sampler" 2>/dev/null || true

# --- What the database says after the storm.
say "checking the database: oversold units, duplicate orders"
psql_ -At -F= -f "$here/check.sql" > "$out/db.properties"

# --- The limit: pgbench running the app's own SQL, at the pool's concurrency, on the same server.
item_and_drop() { psql_ -At -F' ' -c "select i.id, d.id from drop_items i join drops d on d.id = i.drop_id where d.slug = '$1'"; }
read -r pgbench_item pgbench_drop <<< "$(item_and_drop pgbench-drop)"
read -r storm_item storm_drop <<< "$(item_and_drop storm-drop)"
pgbench_() { # pgbench_ NAME SCRIPT DROP SKU ITEM DROP_ID
  echo "load.$1=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.properties"
  PGHOST=127.0.0.1 PGPORT="$db_port" PGUSER=postgres pgbench -n -c "$pool" -j 2 -T "$phase" -M prepared \
    -D drop="$3" -D sku="$4" -D item="$5" -D dropid="$6" -D fans="$fans" -D secret="$secret" -f "$here/pgbench/$2" postgres \
    > "$out/pgbench-$1.log" 2>&1 || { cat "$out/pgbench-$1.log" >&2; exit 1; }
  echo "pgbench.$1.tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out/pgbench-$1.log" | head -1)" >> "$out/pgbench.properties"
  echo "pgbench.$1.latency=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out/pgbench-$1.log" | head -1)" >> "$out/pgbench.properties"
}
: > "$out/pgbench.properties"
say "pgbench: the reserve path's SQL at concurrency $pool for ${phase}s"
pgbench_started=$(psql_ -At -c "select now()")
pgbench_ reserve reserve.sql pgbench-drop pgbench-keycap "$pgbench_item" "$pgbench_drop"
# Its events are the benchmark's, not the app's to deliver (the app places no hold while it
# runs): none is left for the app to pick up.
psql_ -c "delete from event_publication where completion_date is null
  and event_type = 'io.microdrops.checkout.ReservationPlaced' and publication_date >= '$pgbench_started'"
say "pgbench: the sold-out path's SQL at concurrency $pool for ${phase}s"
pgbench_ soldout soldout.sql storm-drop storm-keycap "$storm_item" "$storm_drop"

# --- The page: wrk on the drop page, then nginx serving the same bytes.
say "page: wrk on the drop page and on nginx serving the same bytes, ${page_seconds}s each"
curl -s "$page_url" -o "$out/page/drop.html"
cat > "$out/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $out/nginx/nginx.pid;
error_log $out/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  client_body_temp_path $out/nginx/tmp;
  proxy_temp_path $out/nginx/tmp;
  fastcgi_temp_path $out/nginx/tmp;
  uwsgi_temp_path $out/nginx/tmp;
  scgi_temp_path $out/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $out/page;
    location = /drops/storm-drop { try_files /drop.html =404; }
  }
}
EOF
mkdir -p "$out/nginx/tmp"
"$nginx_bin" -c "$out/nginx/nginx.conf" -p "$out/nginx" &
pids+=($!)
sleep 1
wrk_() { # wrk_ NAME URL
  echo "load.wrk-$1=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.properties"
  wrk -t2 -c64 -d"${page_seconds}s" --latency "$2" > "$out/wrk-$1.log" 2>&1
  echo "wrk.$1.rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$out/wrk-$1.log")" >> "$out/page.properties"
  echo "wrk.$1.non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\)/\1/p' "$out/wrk-$1.log" | head -1)" >> "$out/page.properties"
  echo "wrk.$1.p99=$(sed -n 's/^ *99% *\(.*\)$/\1/p' "$out/wrk-$1.log" | head -1)" >> "$out/page.properties"
}
: > "$out/page.properties"
wrk_ app "$page_url"
wrk_ nginx "http://127.0.0.1:$nginx_port/drops/storm-drop"
# The app's ceiling for any answer on this machine: a small static file through the same filters.
wrk_ app-static "$base/favicon.svg"

# Page weight: the HTML and every stylesheet and script it loads, as sent raw and with gzip.
weigh() { # weigh URL → "raw gzip"
  echo "$(curl -s -o /dev/null -w '%{size_download}' "$1") $(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$1")"
}
raw=0 gz=0 parts=""
for path in /drops/storm-drop $(grep -o -E '(href|src)="/[^"]+\.(css|js)"' "$out/page/drop.html" | sed -E 's/^(href|src)="//; s/"$//'); do
  read -r r g <<< "$(weigh "$base$path")"
  raw=$((raw + r)) gz=$((gz + g)) parts="$parts $path:$r/$g"
done
{ echo "page.weight.raw=$raw"; echo "page.weight.gzip=$gz"; echo "page.parts=${parts# }"; echo "page.html.bytes=$(wc -c < "$out/page/drop.html")"; } >> "$out/page.properties"

# --- The report.
gatling_report="$(ls -d "$out"/gatling/*/ 2>/dev/null | head -1)"
echo "gatling.report=${gatling_report%/}/index.html" >> "$out/machine.properties"
java "$here/src/test/java/io/microdrops/bench/BenchReport.java" "$out" > "$out/report.md"
say "report: $out/report.md"
cat "$out/report.md"
java "$here/src/test/java/io/microdrops/bench/BenchReport.java" --check "$out"
