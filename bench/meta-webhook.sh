#!/usr/bin/env bash
# Meta webhook intake benchmark: Meta Page webhook deliveries of 10 entries (10 comments) each,
# accepted and stored per second; the same harness as bench/webhook.sh (X).
# Starts Socialdesk on embedded defaults (H2 in a temp folder, no helpdesk: stored posts wait in
# the inbox) with the Meta channel (backfill polling off), then for each connection count: a fresh
# Socialdesk, a short warm-up, then wrk for DURATION with --latency against
# POST /api/channels/meta/webhook, cycling through N distinct pre-signed deliveries (written by
# MetaWebhookPayloads). After each run Socialdesk is stopped and the H2 file is opened
# with H2's Shell to check that the inbox holds exactly the deliveries acknowledged as stored.
# Loopback only; stops by itself.
# Usage: bench/meta-webhook.sh [N] [DURATION] [CONNECTIONS...]   e.g. bench/meta-webhook.sh 30000 30s 8 32
#   env: WARMUP (default 5s), WRK_THREADS (default 2), BENCH_PORT (default 18095),
#        JAVA_OPTS (passed to bin/socialdesk; unset = the launcher's defaults),
#        BENCH_EXTRA_YAML (appended to the configuration, e.g. "pipeline:\n  workers: 1")
# Needs: ./mvnw -q -o -DskipTests install (dist/target/socialdesk). Installs wrk if missing (root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-30000}" duration="${2:-30s}"; shift $(( $# > 2 ? 2 : $# ))
conns=("$@"); (( ${#conns[@]} )) || conns=(8 32)
warmup="${WARMUP:-5s}" wrk_threads="${WRK_THREADS:-2}" port="${BENCH_PORT:-18095}"
secret="bench-app-secret" page="104000000000001"
[[ -x "$root/dist/target/socialdesk/bin/socialdesk" ]] || { echo "build first: ./mvnw -q -o -DskipTests install" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
fi
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"

work="$(mktemp -d /tmp/socialdesk-meta-webhook-bench.XXXXXX)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the distribution, so that a rebuild of dist/target during the run cannot break it.
cp -a "$root/dist/target/socialdesk" "$work/socialdesk"
launcher="$work/socialdesk/bin/socialdesk"
h2_jar="$(ls "$work"/socialdesk/lib/h2-*.jar | head -1)"
echo "generating $n signed deliveries of 10 comments (+ 5,000 for the warm-up)" >&2
gen() { "$java_home/bin/java" "$root/bench/src/main/java/org/socialdesk/bench/MetaWebhookPayloads.java" "$@"; }
gen "$work/deliveries.tsv" "$n" 900000000000000 "$secret" "$page"
gen "$work/warmup.tsv" 5000 800000000000000 "$secret" "$page"

field() { sed -n "s/.*[[:space:]]$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "nproc=$(nproc) $(uname -srm) wrk=$(wrk -v 2>&1 | head -1 | awk '{print $2}') java=$("$java_home/bin/java" -version 2>&1 | head -1)"
echo "JAVA_OPTS=${JAVA_OPTS:-<launcher default>}"
printf '%-5s %9s %8s %8s %8s %7s %6s %8s %8s %-6s %s\n' conns deliv/s p50_ms p99_ms max_ms non2xx sockerr stored inbox ok? load1
for c in "${conns[@]}"; do
  run="$work/run-$c"; mkdir -p "$run"
  cat > "$run/socialdesk.yml" <<YAML
server:
  port: $port
  admin-token: bench-admin-token
plugins:
  social-channel:
    meta:
      enabled: true
      graph-base-url: http://127.0.0.1:9
      app-secret: $secret
      verify-token: bench-verify-token
      page-id: "$page"
      page-access-token: bench-page-token
      poll-interval: 0s
YAML
  [[ -n "${BENCH_EXTRA_YAML:-}" ]] && printf '%b\n' "$BENCH_EXTRA_YAML" >> "$run/socialdesk.yml"
  (cd "$run" && exec "$launcher" run --config socialdesk.yml >"$run/log" 2>&1) & pid=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" || { echo "Socialdesk did not start; log:" >&2; tail -20 "$run/log" >&2; exit 1; }
  url="http://127.0.0.1:$port"
  warm="$(wrk -t"$wrk_threads" -c"$c" -d"$warmup" -s bench/webhook.lua "$url" -- "$work/warmup.tsv" "$wrk_threads" X-Hub-Signature-256 /api/channels/meta/webhook | grep '^RESULT')"
  wrk -t"$wrk_threads" -c"$c" -d"$duration" --latency -s bench/webhook.lua "$url" -- "$work/deliveries.tsv" "$wrk_threads" X-Hub-Signature-256 /api/channels/meta/webhook > "$run/wrk.txt"
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  result="$(grep '^RESULT' "$run/wrk.txt")"
  curl -s -H "Authorization: Bearer bench-admin-token" "$url/metrics" > "$run/metrics.txt" || true
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  inbox="$("$java_home/bin/java" -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$run/data/socialdesk;MODE=PostgreSQL" \
    -user sa -password "" -sql "select count(*) as n from inbox where network = 'facebook'" | sed -n '2p' | tr -d ' ')"
  stored=$(( $(field stored "$warm") + $(field stored "$result") ))
  requests="$(field requests "$result")" ok_count="$(field ok "$result")"
  non2xx=$(( $(field non2xx "$warm") + $(field non2xx "$result") ))
  sockerr=$(( $(field socket_errors "$warm") + $(field socket_errors "$result") ))
  # Every comment of a delivery answered {"stored":k} must be in the inbox, once ("stored" sums
  # them); duplicates (only if the file wrapped around) add no row. Deliveries still in flight
  # when wrk stopped (sent, never answered) or cut by a socket error may have stored their 10
  # comments without wrk seeing the answer: those are the only rows allowed beyond "stored".
  unanswered=$(( ($(field sent "$warm") - $(field requests "$warm") + $(field sent "$result") - requests + sockerr) * 10 ))
  verdict=no
  if (( inbox >= stored && inbox <= stored + unanswered )); then verdict=yes; fi
  printf '%-5s %9s %8s %8s %8s %7s %6s %8s %8s %-6s %s\n' "$c" "$(field rps "$result")" "$(field p50_ms "$result")" \
    "$(field p99_ms "$result")" "$(field max_ms "$result")" "$non2xx" "$sockerr" "$stored" "$inbox" "$verdict" "$load1"
  # Each wrk thread cycles through its own share of the file (N / threads): past it, it resends.
  echo "  measured: $requests deliveries answered, $ok_count with 200, $(field stored "$result") comments stored for the first time (the rest: resent after a thread wrapped around its share of the file); unanswered at wrk's stop (warm-up + run): $unanswered; inbox - stored = $(( inbox - stored ))" >&2
  echo "  warm-up: $warm" >&2
  sed -n '/Latency Distribution/,/requests in/p' "$run/wrk.txt" | sed 's/^/  /' >&2
  echo "  log lines: $(wc -l < "$run/log"); $(grep -c 'WARN\|ERROR' "$run/log" || true) WARN/ERROR" >&2
  cp "$run/log" "/tmp/bench-meta-webhook-$c.log"; cp "$run/metrics.txt" "/tmp/bench-meta-webhook-$c.metrics" 2>/dev/null || true
  [[ "$verdict" == yes ]] || echo "  CHECK FAILED: inbox holds $inbox rows, $stored comments were acknowledged as stored, $unanswered unanswered" >&2
done
