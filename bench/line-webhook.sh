#!/usr/bin/env bash
# LINE webhook intake benchmark: LINE deliveries accepted and stored per second.
# Starts Socialdesk on embedded defaults (H2 in a temp folder, no helpdesk: stored posts wait in
# the inbox) with the LINE channel, its Messaging API pointed at a small local profile stub (500
# customers, so profiles are fetched once each and then cached, as in a real chat), then for each
# connection count: a fresh Socialdesk, a short warm-up, then wrk for DURATION with --latency
# against POST /api/channels/line/webhook, cycling through N distinct pre-signed deliveries (one
# 1:1 Thai text message event each, written by LineWebhookPayloads). After each run Socialdesk is stopped and the H2 file is opened
# with H2's Shell to check that the inbox holds exactly the deliveries acknowledged as stored.
# Loopback only; stops by itself.
# Usage: bench/line-webhook.sh [N] [DURATION] [CONNECTIONS...]   e.g. bench/line-webhook.sh 60000 20s 8 32
#   env: WARMUP (default 5s), WRK_THREADS (default 2), BENCH_PORT (default 18095), STUB_PORT (default 18096),
#        JAVA_OPTS (passed to bin/socialdesk; unset = the launcher's defaults),
#        BENCH_EXTRA_YAML (appended to the configuration, e.g. "pipeline:\n  workers: 1")
# Needs: ./mvnw -q -o -DskipTests package (dist/target/socialdesk), python3. Installs wrk if missing (root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-100000}" duration="${2:-30s}"; shift $(( $# > 2 ? 2 : $# ))
conns=("$@"); (( ${#conns[@]} )) || conns=(8 32)
warmup="${WARMUP:-5s}" wrk_threads="${WRK_THREADS:-2}" port="${BENCH_PORT:-18095}"
stub_port="${STUB_PORT:-18096}" secret="bench-channel-secret"
[[ -x "$root/dist/target/socialdesk/bin/socialdesk" ]] || { echo "build first: ./mvnw -q -o -DskipTests package" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
fi
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"

work="$(mktemp -d /tmp/socialdesk-webhook-bench.XXXXXX)"
pid="" stub=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  if [[ -n "$stub" ]] && kill -0 "$stub" 2>/dev/null; then kill -TERM "$stub"; wait "$stub" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the distribution, so that a rebuild of dist/target during the run cannot break it.
cp -a "$root/dist/target/socialdesk" "$work/socialdesk"
launcher="$work/socialdesk/bin/socialdesk"
h2_jar="$(ls "$work"/socialdesk/lib/h2-*.jar | head -1)"
echo "generating $n signed deliveries (+ 20,000 for the warm-up)" >&2
gen() { "$java_home/bin/java" "$root/bench/src/main/java/org/socialdesk/bench/LineWebhookPayloads.java" "$@"; }
gen "$work/deliveries.tsv" "$n" 590000000000000000 "$secret"
gen "$work/warmup.tsv" 20000 580000000000000000 "$secret"

# The Messaging API's profile endpoint, as LINE answers it (UserProfileResponse); nothing else is called.
cat > "$work/profile-stub.py" <<'PY'
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Profile(BaseHTTPRequestHandler):
    def do_GET(self):
        user = self.path.rsplit("/", 1)[-1]
        body = json.dumps({"displayName": "ลูกค้า " + user[-4:], "userId": user, "language": "th"}).encode()
        self.send_response(200 if self.path.startswith("/v2/bot/profile/") else 404)
        self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Profile).serve_forever()
PY
python3 "$work/profile-stub.py" "$stub_port" & stub=$!

field() { sed -n "s/.*[[:space:]]$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "nproc=$(nproc) $(uname -srm) wrk=$(wrk -v 2>&1 | head -1 | awk '{print $2}') java=$("$java_home/bin/java" -version 2>&1 | head -1)"
echo "JAVA_OPTS=${JAVA_OPTS:-<launcher default>}"
printf '%-5s %9s %8s %8s %8s %7s %6s %8s %8s %-6s %s\n' conns req/s p50_ms p99_ms max_ms non2xx sockerr stored inbox ok? load1
for c in "${conns[@]}"; do
  run="$work/run-$c"; mkdir -p "$run"
  cat > "$run/socialdesk.yml" <<YAML
server:
  port: $port
  admin-token: bench-admin-token
plugins:
  social-channel:
    line:
      enabled: true
      channel-secret: $secret
      channel-access-token: bench-channel-access-token
      api-base-url: http://127.0.0.1:$stub_port
      data-base-url: http://127.0.0.1:$stub_port
YAML
  [[ -n "${BENCH_EXTRA_YAML:-}" ]] && printf '%b\n' "$BENCH_EXTRA_YAML" >> "$run/socialdesk.yml"
  (cd "$run" && exec "$launcher" run --config socialdesk.yml >"$run/log" 2>&1) & pid=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" || { echo "Socialdesk did not start; log:" >&2; tail -20 "$run/log" >&2; exit 1; }
  url="http://127.0.0.1:$port"
  warm="$(wrk -t"$wrk_threads" -c"$c" -d"$warmup" -s bench/webhook.lua "$url" -- "$work/warmup.tsv" "$wrk_threads" x-line-signature /api/channels/line/webhook | grep '^RESULT')"
  wrk -t"$wrk_threads" -c"$c" -d"$duration" --latency -s bench/webhook.lua "$url" -- "$work/deliveries.tsv" "$wrk_threads" x-line-signature /api/channels/line/webhook > "$run/wrk.txt"
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  result="$(grep '^RESULT' "$run/wrk.txt")"
  curl -s -H "Authorization: Bearer bench-admin-token" "$url/metrics" > "$run/metrics.txt" || true
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  inbox="$("$java_home/bin/java" -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$run/data/socialdesk;MODE=PostgreSQL" \
    -user sa -password "" -sql "select count(*) as n from inbox where network = 'line'" | sed -n '2p' | tr -d ' ')"
  stored=$(( $(field stored "$warm") + $(field stored "$result") ))
  requests="$(field requests "$result")" ok_count="$(field ok "$result")"
  non2xx=$(( $(field non2xx "$warm") + $(field non2xx "$result") ))
  sockerr=$(( $(field socket_errors "$warm") + $(field socket_errors "$result") ))
  # Every delivery answered {"stored":1} must be in the inbox, once; duplicates (only if the file
  # wrapped around) are answered 200 with "stored":0 and add no row. Requests still in flight
  # when wrk stopped (sent, never answered) or cut by a socket error may have been stored
  # without wrk seeing the answer: those are the only rows allowed beyond "stored".
  unanswered=$(( $(field sent "$warm") - $(field requests "$warm") + $(field sent "$result") - requests + sockerr ))
  verdict=no
  if (( inbox >= stored && inbox <= stored + unanswered )); then verdict=yes; fi
  printf '%-5s %9s %8s %8s %8s %7s %6s %8s %8s %-6s %s\n' "$c" "$(field rps "$result")" "$(field p50_ms "$result")" \
    "$(field p99_ms "$result")" "$(field max_ms "$result")" "$non2xx" "$sockerr" "$stored" "$inbox" "$verdict" "$load1"
  # Each wrk thread cycles through its own share of the file (N / threads): past it, it resends.
  echo "  measured: $requests answered, $ok_count with 200, $(field stored "$result") of them stored for the first time (the rest: resent after a thread wrapped around its share of the file); unanswered at wrk's stop (warm-up + run): $unanswered; inbox - stored = $(( inbox - stored ))" >&2
  echo "  warm-up: $warm" >&2
  sed -n '/Latency Distribution/,/requests in/p' "$run/wrk.txt" | sed 's/^/  /' >&2
  echo "  log lines: $(wc -l < "$run/log"); $(grep -c 'WARN\|ERROR' "$run/log" || true) WARN/ERROR" >&2
  cp "$run/log" "/tmp/bench-line-webhook-$c.log"; cp "$run/metrics.txt" "/tmp/bench-line-webhook-$c.metrics" 2>/dev/null || true
  [[ "$verdict" == yes ]] || echo "  CHECK FAILED: inbox holds $inbox rows, $stored deliveries were acknowledged as stored, $unanswered unanswered" >&2
done
