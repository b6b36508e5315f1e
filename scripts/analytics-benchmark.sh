#!/usr/bin/env bash
# Times the dashboards at /ops/analytics against a running Drops: each view RUNS times,
# reporting the server time of the dashboard's queries (its Server-Timing header) and the
# whole request as curl saw it, in milliseconds.
#
#   scripts/analytics-benchmark.sh http://localhost:8080 ops@example.com PASSWORD [RUNS]
#
# For the full-size history (100,000 fans, 1,000,000+ orders) start Drops on an
# empty data folder with:
#   DROPS_DATA_DIR=/tmp/drops-full java -Xmx4g -jar drops-web/target/drops-web-0.1.0-SNAPSHOT.jar \
#     --drops.demo.history.communities=120 --drops.demo.history.fans=100000 \
#     --drops.demo.history.orders=1100000
set -euo pipefail

base=${1:?base address, e.g. http://localhost:8080}
email=${2:?e-mail of an OPS or ADMIN account}
password=${3:?its password}
runs=${4:-10}

cookies=$(mktemp)
trap 'rm -f "$cookies"' EXIT

token=$(curl -fsS -c "$cookies" -b "$cookies" "$base/login" | sed -n 's/.*name="_csrf" content="\([^"]*\)".*/\1/p' | head -1)
curl -fsS -o /dev/null -c "$cookies" -b "$cookies" --data-urlencode "username=$email" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$token" "$base/login"

# The community the dashboard opens with: the one whose drop opened last.
community=$(curl -fsS -b "$cookies" "$base/ops/analytics" \
  | grep -o '<option value="[a-z0-9-]*" selected="selected"' | head -1 | sed 's/<option value="\([^"]*\)".*/\1/')
if [ -z "$community" ]; then
  echo "Could not open the dashboards as $email" >&2
  exit 1
fi

percentile() { # p, then numbers on stdin
  sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((NR - 1) * p / 100) + 1; printf "%.0f", v[i] }'
}

measure() { # label, path
  local label=$1 path=$2 server=() total=() headers
  for _ in $(seq "$runs"); do
    headers=$(curl -fsS -o /dev/null -D - -w 'total=%{time_total}\n' -b "$cookies" "$base$path")
    server+=("$(printf '%s\n' "$headers" | sed -n 's/^[Ss]erver-[Tt]iming: analytics;dur=\([0-9.]*\).*/\1/p')")
    total+=("$(printf '%s\n' "$headers" | sed -n 's/^total=\(.*\)/\1/p' | awk '{ printf "%.1f", $1 * 1000 }')")
  done
  printf '%-52s server ms: median %5s  p95 %5s  max %5s | request ms: median %5s  max %5s\n' "$label" \
    "$(printf '%s\n' "${server[@]}" | percentile 50)" "$(printf '%s\n' "${server[@]}" | percentile 95)" \
    "$(printf '%s\n' "${server[@]}" | percentile 100)" "$(printf '%s\n' "${total[@]}" | percentile 50)" \
    "$(printf '%s\n' "${total[@]}" | percentile 100)"
}

echo "Drops dashboards at $base, $runs runs each (community: $community)"
measure "one community, last 12 months" "/ops/analytics?community=$community&period=12m"
measure "one community, all time, cohorts by month" "/ops/analytics?community=$community&period=all&cohorts=month"
measure "all communities, last 12 months" "/ops/analytics?community=all&period=12m"
measure "all communities, last 3 months" "/ops/analytics?community=all&period=3m"
measure "all communities, all time" "/ops/analytics?community=all&period=all"
