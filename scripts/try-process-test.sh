#!/usr/bin/env bash
# Tests scripts/try-process.sh against a real Socialdesk (needs the build: ./mvnw -q -DskipTests package):
# stop must stop our JVM even when the pid file holds another process's id, and leave that process alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$root/dist/target/socialdesk/bin/socialdesk"
try_dir="$(cd "$(mktemp -d)" && pwd -P)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# shellcheck source=try-process.sh
source "$root/scripts/try-process.sh"

bystander=""
cleanup() {
  [[ -n "$bystander" ]] && kill "$bystander" 2>/dev/null || true
  local ours
  ours="$(try_socialdesk_pid || true)"
  [[ -n "$ours" ]] && kill -KILL "$ours" 2>/dev/null || true
  rm -rf "$try_dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'server:\n  port: %s\n' "$port" >"$try_dir/socialdesk.yml"
try_start_socialdesk
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || fail "Socialdesk did not start: $(tail -n 5 "$try_dir/socialdesk.log")"
jvm="$(try_port_listener "$port")"
[[ "$(cat "$try_dir/socialdesk.pid")" == "$jvm" ]] || fail "the pid file holds $(cat "$try_dir/socialdesk.pid"), not the JVM's pid $jvm"

# The pid file holds some other process's id (a stale file whose id was reused).
sleep 300 &
bystander=$!
echo "$bystander" >"$try_dir/socialdesk.pid"

try_runs_here "$jvm" || fail "the JVM started in the try folder is not recognised as ours"
try_runs_here "$bystander" && fail "a sleep process is taken for Socialdesk"
[[ "$(try_socialdesk_pid)" == "$jvm" ]] || fail "expected to find pid $jvm, found '$(try_socialdesk_pid)'"

try_stop_socialdesk

kill -0 "$bystander" 2>/dev/null || fail "stop killed the process whose id was in the pid file"
kill -0 "$jvm" 2>/dev/null && fail "Socialdesk (pid $jvm) still runs after stop"
try_port_taken "$port" && fail "port $port is still taken after stop"
[[ -f "$try_dir/socialdesk.pid" ]] && fail "the stale pid file is still there"

# Something else on the port: it is taken, and it is not ours.
python3 -m http.server --bind 127.0.0.1 "$port" >/dev/null 2>&1 &
other=$!
for _ in $(seq 1 50); do try_port_taken "$port" && break; sleep 0.1; done
try_port_taken "$port" || fail "the other program's port is not seen as taken"
[[ -z "$(try_socialdesk_pid)" ]] || fail "another program on the port is taken for Socialdesk"
kill "$other"

echo "try-process: ok"
