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
# shellcheck source=try-process.sh
source "$root/scripts/try-process.sh"

if [[ "${1:-}" == "stop" ]]; then
  try_stop_socialdesk
  scripts/rt/stop.sh
  exit 0
fi

# Refuse early, before installing or building anything, when the port belongs to someone else.
if ! try_runs_here "$(try_socialdesk_pid)" && try_port_taken "$port"; then
  listener="$(try_port_listener "$port")"
  echo "port $port is taken by another program${listener:+ (pid $listener: $(tr '\0' ' ' <"/proc/$listener/cmdline" 2>/dev/null | cut -c1-120))};" \
    "stop it or choose another port with SOCIALDESK_PORT=..." >&2
  exit 1
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
running="$(try_socialdesk_pid)"
if try_runs_here "$running"; then
  echo "already running (pid $running)"
  echo "$running" >"$try_dir/socialdesk.pid"
else
  try_start_socialdesk
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  if ! curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then
    echo "Socialdesk did not become ready on port $port; the end of $try_dir/socialdesk.log:" >&2
    tail -n 20 "$try_dir/socialdesk.log" >&2
    exit 1
  fi
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
