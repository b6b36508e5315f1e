# The benchmarks' set-up through the app's real paths and their common options, sourced by
# storm.sh, steady.sh and aot-cache.sh.
# The caller sets base (the app's address) and here (this folder); merchant_token sets
# merch_token, which api uses;
# plan_drop also reads community and now (seconds since the epoch).

use_jdk25() { # points JAVA_HOME and PATH at the JDK 25 in its usual place when none is chosen
  if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && [ -z "${JAVA_HOME:-}" ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
  export PATH="${JAVA_HOME:+$JAVA_HOME/bin:}$PATH"
}

packaged_jar() { # the executable jar in drops-web/target, or nothing when it is not built
  ls drops-web/target/drops-web-*.jar 2>/dev/null | grep -v original | head -1 || true
}

jar_and_out() { # jar_and_out ARGS…: sets jar (--jar PATH, else the one in drops-web/target) and out (--out DIR)
  jar="" out=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --jar) jar="$2"; shift ;;
      --out) out="$2"; shift ;;
      *) echo "Unknown option $1 (use --jar PATH, --out DIR)" >&2; exit 2 ;;
    esac
    shift
  done
  jar="${jar:-$(packaged_jar)}"
  [ -n "$jar" ] || { echo "No packaged app: ./mvnw -DskipTests package, or --jar PATH" >&2; exit 2; }
}

csrf() { sed -n 's/.*<meta name="_csrf" content="\([^"]*\)".*/\1/p' | head -1; }

iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

merchant_token() { # merchant_token COOKIE_FILE TOKEN_NAME: the demo merchandiser signs in and takes a token
  local cookies="$1" login page
  login="$(curl -s -c "$cookies" -b "$cookies" "$base/login" | csrf)"
  curl -s -o /dev/null -c "$cookies" -b "$cookies" -X POST "$base/login" \
    --data-urlencode "username=merch@example.com" --data-urlencode "password=bench-demo-password" \
    --data-urlencode "_csrf=$login"
  page="$(curl -s -c "$cookies" -b "$cookies" "$base/account" | csrf)"
  merch_token="$(curl -s -c "$cookies" -b "$cookies" -X POST "$base/api/v1/me/tokens" \
    -H "Content-Type: application/json" -H "X-CSRF-TOKEN: $page" -d "{\"name\":\"$2\"}" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
  rm -f "$cookies"
  [ -n "$merch_token" ] || { echo "Could not get a merchandiser token" >&2; exit 1; }
}

api() { # api PATH JSON → prints the answer; fails on a non-2xx
  curl -sf -X POST "$base$1" -H "Authorization: Bearer $merch_token" -H "Content-Type: application/json" -d "$2"
}

plan_drop() { # plan_drop SLUG TITLE SKU QUANTITY PER_FAN OPENS_AT: announced an hour ago, scheduled, closes in a day
  api /api/v1/admin/drops "{\"slug\":\"$1\",\"title\":\"$2\",\"community\":\"$community\",\"accessMode\":\"FIRST_COME\",\"announceAt\":\"$(iso $((now - 3600)))\",\"opensAt\":\"$(iso "$6")\",\"closesAt\":\"$(iso $((now + 86400)))\",\"holdMinutes\":10,\"items\":[{\"sku\":\"$3\",\"quantity\":$4,\"perFanLimit\":$5}]}" >/dev/null
  api "/api/v1/admin/drops/$1/schedule" '{}' >/dev/null
}

take_unit() { # take_unit DROP SKU TOKEN KEY: one fan reserves one unit (so a one-unit drop is sold out)
  curl -sf -o /dev/null -X POST "$base/api/v1/drops/$1/reservations" -H "Authorization: Bearer $3" \
    -H "Content-Type: application/json" -H "Idempotency-Key: $4" -d "{\"sku\":\"$2\",\"quantity\":1}"
}

place_jar() { # place_jar JAR DIR → the jar to start: a fat jar is copied into DIR, so a rebuild during the
  # run does not touch it; an extracted one (java -Djarmode=tools -jar … extract, lib/ beside it)
  # runs where it is, as a JDK AOT cache made from it needs
  if [ -d "$(dirname "$1")/lib" ]; then
    echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  else
    cp "$1" "$2/app.jar"
    echo "$2/app.jar"
  fi
}

reserve_loop() { # reserve_loop TOKENS_FILE DROP SKU SECONDS CONNECTIONS → wrk's summary; a new fan and key per call
  TOKENS_FILE="$1" RESERVE_PATH="/api/v1/drops/$2/reservations" RESERVE_BODY="{\"sku\":\"$3\",\"quantity\":1}" \
    wrk -t2 -c"$5" -d"$4s" -s "$here/steady.lua" "$base"
}
