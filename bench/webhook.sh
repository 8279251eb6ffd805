#!/usr/bin/env bash
# Webhook intake benchmark: a network's signed deliveries accepted and stored per second.
#   x     X Account Activity deliveries, one mention each (WebhookPayloads)
#   meta  Meta Page deliveries of 10 entries (10 comments) each (MetaWebhookPayloads), backfill
#         polling off
#   line  LINE deliveries, one 1:1 Thai text message event each (LineWebhookPayloads), the
#         Messaging API pointed at a small local profile stub (500 customers, so profiles are
#         fetched once each and then cached, as in a real chat)
# Starts Socialdesk on embedded defaults (H2 in a temp folder; BENCH_DB=postgres: a fresh database
# socialdesk_bench on the test PostgreSQL of scripts/postgres; no helpdesk: stored posts wait in
# the inbox) with that network's channel, then for each connection count: a fresh Socialdesk, a
# short warm-up, then wrk for DURATION with --latency against POST /api/channels/<network>/webhook,
# cycling through N distinct deliveries pre-signed as the network signs them. After each run
# Socialdesk is stopped and the database is read to check that the inbox holds exactly the events
# acknowledged as stored. Meta's webhook keeps each delivery whole and answers {"queued":true}
# (its events are stored after the answer): before stopping, the script waits until the admin
# status says no delivery is waiting, and reports that time as drain_s. Loopback only; stops by
# itself.
# Usage: bench/webhook.sh [x|meta|line] [N] [DURATION] [CONNECTIONS...]   (network default: x)
#   e.g. bench/webhook.sh 100000 30s 8 32, bench/webhook.sh meta 30000 30s 8 32
#   (bench/meta-webhook.sh and bench/line-webhook.sh are this script for meta and line)
#   env: WARMUP (default 5s), WRK_THREADS (default 2), BENCH_PORT (default 18095),
#        STUB_PORT (line's profile stub, default 18096),
#        JAVA_OPTS (passed to bin/socialdesk; unset = the launcher's defaults),
#        BENCH_EXTRA_YAML (appended to the configuration, e.g. "pipeline:\n  workers: 1"),
#        BENCH_DB (h2, the default, or postgres)
# Needs: ./mvnw -q -DskipTests package (dist/target/socialdesk); python3 for line. Installs wrk if
# missing (root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
network=x
case "${1:-}" in x|meta|line) network="$1"; shift ;; esac

# Per network: generator, its secret and first ids, the events a delivery carries, the inbox's
# network name, the signature header and the channel's configuration (channel_yaml).
case "$network" in
  x)
    default_n=100000 warmup_n=20000 per_delivery=1 inbox_network=x unit=req/s
    generator=WebhookPayloads secret="bench-consumer-secret" brand="1400000000000000001"
    gen_args=(1900000000000000000 "$secret" "$brand") warmup_args=(1800000000000000000 "$secret" "$brand")
    wrk_args=() log_name=webhook
    channel_yaml() {
      printf '    x:\n      enabled: true\n      mode: webhook\n      brand-user-id: "%s"\n      brand-username: ShopKite\n      user-access-token: bench-user-token\n      consumer-secret: %s\n' "$brand" "$secret"
    } ;;
  meta)
    default_n=60000 warmup_n=20000 per_delivery=10 inbox_network=facebook unit=deliv/s
    generator=MetaWebhookPayloads secret="bench-app-secret" page="104000000000001"
    gen_args=(900000000000000 "$secret" "$page") warmup_args=(800000000000000 "$secret" "$page")
    wrk_args=(X-Hub-Signature-256 /api/channels/meta/webhook) log_name=meta-webhook
    channel_yaml() {
      printf '    meta:\n      enabled: true\n      graph-base-url: http://127.0.0.1:9\n      app-secret: %s\n      verify-token: bench-verify-token\n      page-id: "%s"\n      page-access-token: bench-page-token\n      poll-interval: 0s\n' "$secret" "$page"
    } ;;
  line)
    default_n=100000 warmup_n=20000 per_delivery=1 inbox_network=line unit=req/s
    generator=LineWebhookPayloads secret="bench-channel-secret" stub_port="${STUB_PORT:-18096}"
    gen_args=(590000000000000000 "$secret") warmup_args=(580000000000000000 "$secret")
    wrk_args=(x-line-signature /api/channels/line/webhook) log_name=line-webhook
    channel_yaml() {
      printf '    line:\n      enabled: true\n      channel-secret: %s\n      channel-access-token: bench-channel-access-token\n      api-base-url: http://127.0.0.1:%s\n      data-base-url: http://127.0.0.1:%s\n' "$secret" "$stub_port" "$stub_port"
    } ;;
esac

n="${1:-$default_n}" duration="${2:-30s}"; shift $(( $# > 2 ? 2 : $# ))
conns=("$@"); (( ${#conns[@]} )) || conns=(8 32)
warmup="${WARMUP:-5s}" wrk_threads="${WRK_THREADS:-2}" port="${BENCH_PORT:-18095}" db="${BENCH_DB:-h2}"
[[ -x "$root/dist/target/socialdesk/bin/socialdesk" ]] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
fi
source scripts/lib/find-jdk.sh
java_home="$(socialdesk_find_jdk)"

work="$(mktemp -d "/tmp/socialdesk-$log_name-bench.XXXXXX")"
pid="" stub=""
stop() { if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then kill -TERM "$1"; wait "$1" 2>/dev/null || true; fi; }
cleanup() {
  stop "$pid"; stop "$stub"
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the distribution, so that a rebuild of dist/target during the run cannot break it.
cp -a "$root/dist/target/socialdesk" "$work/socialdesk"
launcher="$work/socialdesk/bin/socialdesk"
h2_jar="$(ls "$work"/socialdesk/lib/h2-*.jar | head -1)"
echo "generating $n signed $network deliveries (+ $warmup_n for the warm-up)" >&2
gen() { "$java_home/bin/java" "$root/bench/src/main/java/org/socialdesk/bench/$generator.java" "$@"; }
gen "$work/deliveries.tsv" "$n" "${gen_args[@]}"
gen "$work/warmup.tsv" "$warmup_n" "${warmup_args[@]}"

if [[ "$network" == line ]]; then
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
fi

# shellcheck source=../scripts/postgres/env.sh
source scripts/postgres/env.sh
pg_bench_url="${SOCIALDESK_TEST_PG_URL%/*}/socialdesk_bench"
pg() { PGPASSWORD="$SOCIALDESK_TEST_PG_PASSWORD" psql -X -q -At -h 127.0.0.1 -U "$SOCIALDESK_TEST_PG_USER" "$@"; }
database_yaml() {
  [[ "$db" == postgres ]] || return 0
  pg -d postgres -c 'drop database if exists socialdesk_bench' -c 'create database socialdesk_bench' >/dev/null
  printf 'database:\n  url: %s\n  username: %s\n  password: %s\n' "$pg_bench_url" "$SOCIALDESK_TEST_PG_USER" "$SOCIALDESK_TEST_PG_PASSWORD"
}
count_inbox() {
  local sql="select count(*) as n from inbox where network = '$inbox_network'"
  if [[ "$db" == postgres ]]; then
    pg -d socialdesk_bench -c "$sql"
  else
    "$java_home/bin/java" -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$1/data/socialdesk;MODE=PostgreSQL" \
      -user sa -password "" -sql "$sql" | sed -n '2p' | tr -d ' '
  fi
}
# Seconds until the channel's status says no webhook delivery waits (Meta's queue), at most 900.
drain() {
  local start=$SECONDS waiting
  while (( SECONDS - start < 900 )); do
    waiting="$(curl -s -H "Authorization: Bearer bench-admin-token" "$1/api/channels/$network/status" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["webhook"]["waiting"])' 2>/dev/null || echo '?')"
    [[ "$waiting" == 0 ]] && { echo $(( SECONDS - start )); return; }
    sleep 1
  done
  echo "timeout"
}

field() { sed -n "s/.*[[:space:]]$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "nproc=$(nproc) $(uname -srm) wrk=$(wrk -v 2>&1 | head -1 | awk '{print $2}') java=$("$java_home/bin/java" -version 2>&1 | head -1)"
echo "JAVA_OPTS=${JAVA_OPTS:-<launcher default>} database=$db"
printf '%-5s %9s %8s %8s %8s %7s %6s %8s %8s %-6s %7s %s\n' conns "$unit" p50_ms p99_ms max_ms non2xx sockerr stored inbox ok? drain_s load1
for c in "${conns[@]}"; do
  run="$work/run-$c"; mkdir -p "$run"
  { printf 'server:\n  port: %s\n  admin-token: bench-admin-token\nplugins:\n  social-channel:\n' "$port"; channel_yaml; database_yaml; } > "$run/socialdesk.yml"
  [[ -n "${BENCH_EXTRA_YAML:-}" ]] && printf '%b\n' "$BENCH_EXTRA_YAML" >> "$run/socialdesk.yml"
  (cd "$run" && exec "$launcher" run --config socialdesk.yml >"$run/log" 2>&1) & pid=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" || { echo "Socialdesk did not start; log:" >&2; tail -20 "$run/log" >&2; exit 1; }
  url="http://127.0.0.1:$port"
  warm="$(wrk -t"$wrk_threads" -c"$c" -d"$warmup" -s bench/webhook.lua "$url" -- "$work/warmup.tsv" "$wrk_threads" "${wrk_args[@]}" | grep '^RESULT')"
  wrk -t"$wrk_threads" -c"$c" -d"$duration" --latency -s bench/webhook.lua "$url" -- "$work/deliveries.tsv" "$wrk_threads" "${wrk_args[@]}" > "$run/wrk.txt"
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  result="$(grep '^RESULT' "$run/wrk.txt")"
  curl -s -H "Authorization: Bearer bench-admin-token" "$url/metrics" > "$run/metrics.txt" || true
  queued=$(( $(field queued "$warm") + $(field queued "$result") ))
  drained=-
  (( queued == 0 )) || drained="$(drain "$url")"
  stop "$pid"; pid=""
  inbox="$(count_inbox "$run")"
  stored=$(( $(field stored "$warm") + $(field stored "$result") + queued * per_delivery ))
  requests="$(field requests "$result")" ok_count="$(field ok "$result")"
  non2xx=$(( $(field non2xx "$warm") + $(field non2xx "$result") ))
  sockerr=$(( $(field socket_errors "$warm") + $(field socket_errors "$result") ))
  # Every event of a delivery answered {"stored":k} must be in the inbox, once ("stored" sums
  # them); duplicates (only if the file wrapped around) are answered 200 and add no row.
  # Deliveries still in flight when wrk stopped (sent, never answered) or cut by a socket error
  # may have stored their events without wrk seeing the answer: the only rows allowed beyond
  # "stored".
  unanswered=$(( ($(field sent "$warm") - $(field requests "$warm") + $(field sent "$result") - requests + sockerr) * per_delivery ))
  verdict=no
  if (( inbox >= stored && inbox <= stored + unanswered )); then verdict=yes; fi
  # A queued delivery resent after a wrap-around counts twice in "queued" but adds no row.
  if (( queued > 0 )) && [[ "$(field wrapped "$warm")$(field wrapped "$result")" != 00 ]]; then verdict="wrap:N"; fi
  printf '%-5s %9s %8s %8s %8s %7s %6s %8s %8s %-6s %7s %s\n' "$c" "$(field rps "$result")" "$(field p50_ms "$result")" \
    "$(field p99_ms "$result")" "$(field max_ms "$result")" "$non2xx" "$sockerr" "$stored" "$inbox" "$verdict" "$drained" "$load1"
  # Each wrk thread cycles through its own share of the file (N / threads): past it, it resends.
  echo "  measured: $requests deliveries answered, $ok_count with 200, $(field stored "$result") events stored for the first time (the rest: resent after a thread wrapped around its share of the file); unanswered at wrk's stop (warm-up + run): $unanswered; inbox - stored = $(( inbox - stored ))" >&2
  echo "  warm-up: $warm" >&2
  sed -n '/Latency Distribution/,/requests in/p' "$run/wrk.txt" | sed 's/^/  /' >&2
  echo "  log lines: $(wc -l < "$run/log"); $(grep -c 'WARN\|ERROR' "$run/log" || true) WARN/ERROR" >&2
  cp "$run/log" "/tmp/bench-$log_name-$c.log"; cp "$run/metrics.txt" "/tmp/bench-$log_name-$c.metrics" 2>/dev/null || true
  [[ "$verdict" == yes ]] || echo "  CHECK FAILED: inbox holds $inbox rows, $stored events were acknowledged as stored, $unanswered unanswered" >&2
done
