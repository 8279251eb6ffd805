#!/usr/bin/env bash
# The newcomer path: a local Request Tracker, Socialdesk with the sandbox network, and a replay
# of sample posts in several languages, so you can watch social posts become tickets.
# Run as root (it installs RT from Debian's packages the first time). Stop with scripts/try.sh stop.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
try_dir="$root/data/try"
port="${SOCIALDESK_PORT:-8080}"
launcher="$root/dist/target/socialdesk/bin/socialdesk"

if [[ "${1:-}" == "stop" ]]; then
  [[ -f "$try_dir/socialdesk.pid" ]] && kill "$(cat "$try_dir/socialdesk.pid")" 2>/dev/null || true
  scripts/rt/stop.sh
  exit 0
fi

echo "== Request Tracker 5 (Debian packages, loopback only)"
scripts/rt/install.sh
scripts/rt/start.sh
# shellcheck source=rt/env.sh
source scripts/rt/env.sh

echo "== Building Socialdesk"
./mvnw -q -DskipTests package

mkdir -p "$try_dir"
cat > "$try_dir/socialdesk.yml" <<YAML
server:
  port: $port
helpdesk:
  rt:
    url: $RT_URL
    token: \${RT_TOKEN}
    poll-interval: 1s
plugins:
  social-channel:
    sandbox:
      enabled: true
YAML

echo "== Provisioning RT (queue Social and custom fields)"
(cd "$try_dir" && "$launcher" rt provision --config socialdesk.yml)

echo "== Starting Socialdesk on 127.0.0.1:$port"
if [[ -f "$try_dir/socialdesk.pid" ]] && kill -0 "$(cat "$try_dir/socialdesk.pid")" 2>/dev/null; then
  echo "already running (pid $(cat "$try_dir/socialdesk.pid"))"
else
  (cd "$try_dir" && nohup "$launcher" run --config socialdesk.yml >"$try_dir/socialdesk.log" 2>&1 & echo $! >"$try_dir/socialdesk.pid")
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
fi

echo "== Replaying the sample posts"
(cd "$try_dir" && "$launcher" sandbox replay --url "http://127.0.0.1:$port" --token-file data/admin-token \
  "$root/social-channel-plugin/src/main/resources/org/socialdesk/channel/sandbox/sample-posts.jsonl")

cat <<TEXT

Done. Where to look:
  RT's web UI:      $RT_URL   (login: root / password)
  The queue:        Social    ($RT_URL/Search/Results.html?Query=Queue%3D%27Social%27)
  Reply to a ticket in RT (Reply, not Comment) and see it published back:
    curl -H "Authorization: Bearer \$(cat $try_dir/data/admin-token)" http://127.0.0.1:$port/api/channels/sandbox/outbox
  Socialdesk's log: $try_dir/socialdesk.log
  Stop everything:  scripts/try.sh stop
TEXT
