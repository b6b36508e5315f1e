#!/usr/bin/env bash
# A JDK AOT cache for the packaged app (JDK 25: JEP 483, 514 and 515), so that a freshly
# started Drops loads its classes from the cache and compiles its drop-day paths from the
# profiles of a training run, instead of meeting the first crowd with a JVM still warming up.
#   drops-bench/aot-cache.sh [--jar PATH] [--out DIR]     (about 3 minutes; loopback only)
# It extracts the jar into DIR/app (java -Djarmode=tools … extract: a cache needs plain jars at
# a fixed place), then runs steady.sh against it as the training run, with the JVM option
# -XX:AOTCacheOutput: a scratch app and database of its own take reservations with stock to
# spare and sold out, drop JSON and the drop page. When the app stops, the JVM writes
# DIR/drops.aot. Start Drops with it, the jar where it was extracted, on the same JDK:
#   java -XX:AOTCache=DIR/drops.aot -jar DIR/app/drops-web-<version>.jar
# A JVM that cannot use the cache (another JDK, another class path, some other JVM options)
# says so in its log and starts without it.
# Defaults: the jar in drops-web/target; DIR drops-bench/target/aot. The training run's
# report is DIR/training/steady.md; STEADY_PORT and STEADY_DB_PORT move it as for steady.sh.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

# shellcheck source=drops-bench/setup.sh
source "$here/setup.sh"
jar_and_out "$@"
use_jdk25
out="${out:-$here/target/aot}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

rm -rf "$out/app" "$out/training" "$out/drops.aot"
java -Djarmode=tools -jar "$jar" extract --destination "$out/app"
app_jar="$out/app/$(basename "$jar")"
[ -f "$app_jar" ] || { echo "Extracting $jar gave no $app_jar" >&2; exit 1; }

echo "Training run: steady.sh against $app_jar, the JVM writing $out/drops.aot when the app stops"
BENCH_JAVA_OPTS="-XX:AOTCacheOutput=$out/drops.aot" "$here/steady.sh" --jar "$app_jar" --out "$out/training" \
  > "$out/training.log" 2>&1 || { tail -20 "$out/training.log" >&2; echo "The training run failed; see $out/training.log" >&2; exit 1; }
rm -rf "$out/training/data" # the scratch database; the cache holds no data of it
[ -s "$out/drops.aot" ] || { tail -20 "$out/training/app.log" >&2; echo "The JVM wrote no cache; see $out/training/app.log" >&2; exit 1; }
echo "AOT cache: $out/drops.aot ($(du -m "$out/drops.aot" | cut -f1) MB). Start Drops with it:"
echo "  java -XX:AOTCache=$out/drops.aot -jar $app_jar"
