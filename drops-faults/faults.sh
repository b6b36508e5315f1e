#!/usr/bin/env bash
# The fault harness: two Drops nodes (the packaged jar, two JVMs) on one PostgreSQL of its own,
# fans buying over HTTP (loopback only) while a node is killed, the database restarts, clients
# retry after a timeout, and the payment provider is slow and failing; then the history of
# every request and the database are checked.
#   drops-faults/faults.sh            fuller run: 200 fans and 120 units per scenario
#   drops-faults/faults.sh --quick    40 fans and 25 units per scenario (CI; most of its time is
#                                     starting the JVMs and waiting one minute for holds to expire)
# Options: --jar PATH (use this jar instead of drops-web/target's), --out DIR (where the history,
# report and logs go). Environment: FAULTS_PORT_A (8105), FAULTS_PORT_B (8106),
# FAULTS_STUB_PORT (8108), FAULTS_DB_PORT (a free one), PG_BIN (PostgreSQL's programs; found
# from pg_ctl otherwise). Exits non-zero when a check failed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

quick=""
jar=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --jar) jar="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "Unknown option $1 (use --quick, --jar PATH, --out DIR)" >&2; exit 2 ;;
  esac
  shift
done
out="${out:-$here/target/faults/$(date -u +%Y%m%dT%H%M%S)}"

if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && [ -z "${JAVA_HOME:-}" ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export PATH="${JAVA_HOME:+$JAVA_HOME/bin:}$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

say() { echo "[faults $(date -u +%H:%M:%S)] $*"; }

# --- PostgreSQL's server programs (initdb, pg_ctl) and psql.
pg_bin="${PG_BIN:-}"
if [ -z "$pg_bin" ]; then
  if command -v pg_ctl >/dev/null; then
    pg_bin="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
  else
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  fi
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || ! command -v psql >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Needs PostgreSQL's server programs and psql: apt-get install postgresql (or set PG_BIN)." >&2
    exit 2
  fi
  say "installing postgresql"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# --- The packaged app.
if [ -z "$jar" ]; then
  jar="$(ls drops-web/target/drops-web-*.jar 2>/dev/null | grep -v original | head -1 || true)"
  if [ -z "$jar" ]; then
    say "building the app (./mvnw package)"
    ./mvnw -B -q -ntp -DskipTests package -pl drops-web -am
    jar="$(ls drops-web/target/drops-web-*.jar | grep -v original | head -1)"
  fi
fi
mkdir -p "$out"
cp "$jar" "$out/app.jar"
# The harness checks the database with the JDBC driver the app itself ships.
driver="$(unzip -Z1 "$out/app.jar" | grep -E '^BOOT-INF/lib/postgresql-[0-9.]+\.jar$' | head -1)"
unzip -q -o -j "$out/app.jar" "$driver" -d "$out"

db_port="${FAULTS_DB_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
say "results in $out"
java -cp "$out/$(basename "$driver")" "$here/src/io/microdrops/faults/FaultHarness.java" $quick \
  --jar "$out/app.jar" --out "$out" --postgres-bin "$pg_bin" --fans-sql "$root/drops-bench/setup-fans.sql" \
  --port-a "${FAULTS_PORT_A:-8105}" --port-b "${FAULTS_PORT_B:-8106}" --stub-port "${FAULTS_STUB_PORT:-8108}" \
  --db-port "$db_port"
