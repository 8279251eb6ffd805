#!/usr/bin/env bash
# Starts the local RT (rt-server, Starlet) in the background on 127.0.0.1:$RT_PORT and
# waits until REST2 answers the service token. Does nothing if it is up already.
#
#   scripts/rt/start.sh        env: RT_START_TIMEOUT (seconds, default 60)
set -euo pipefail
SCRIPT=rt/start
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TIMEOUT="${RT_START_TIMEOUT:-60}"

check_installed() {
  [[ -x "$RT_SERVER" && -s "$RT_TOKEN_FILE" ]] || die "RT is not set up here: run scripts/rt/install.sh first"
  local port
  port="$(configured_port)"
  [[ "$port" == "$RT_PORT" ]] ||
    die "RT is configured for port $port, not $RT_PORT: run RT_PORT=$RT_PORT scripts/rt/install.sh first"
}

launch() {
  # Keep the previous run's log for a post-mortem.
  [[ -f "$RT_LOG_FILE" ]] && mv -f "$RT_LOG_FILE" "$RT_LOG_FILE.1"
  # setsid: own session and process group, so stop.sh can end the master and its
  # workers together, and the server outlives this shell (and CI's step).
  # --host: listen on loopback only; this RT has a well-known root password.
  # The daemon closes every descriptor it would inherit beyond stdio: started under a caller's
  # `flock`, it would otherwise hold that lock for as long as it runs.
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid nohup "$RT_SERVER" --host 127.0.0.1 --port "$RT_PORT" \
      >"$RT_LOG_FILE" 2>&1 </dev/null
  ) &
  echo $! >"$RT_PID_FILE"
  say "started rt-server (pid $!, log $RT_LOG_FILE)"
}

wait_until_up() {
  local pid status deadline=$((SECONDS + TIMEOUT))
  pid="$(cat "$RT_PID_FILE")"
  while ((SECONDS < deadline)); do
    status="$(rest2_status)"
    if [[ "$status" == 200 ]]; then
      say "RT is up at $RT_URL (REST2 answers the service token)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      fail_with_log "rt-server exited during start-up"
    fi
    if [[ "$status" == 401 ]]; then
      fail_with_log "REST2 refuses the service token (401): run scripts/rt/install.sh"
    fi
    sleep 0.3
  done
  fail_with_log "RT did not answer 200 on $RT_URL/REST/2.0/rt within ${TIMEOUT}s (last status $status)"
}

fail_with_log() {
  echo "$SCRIPT: error: $1; last lines of $RT_LOG_FILE:" >&2
  tail -n 30 "$RT_LOG_FILE" >&2 || true
  exit 1
}

main() {
  check_installed
  local pid status
  pid="$(server_pid || true)"
  if [[ -n "$pid" ]]; then
    status="$(rest2_status)"
    if [[ "$status" == 200 ]]; then
      echo "$pid" >"$RT_PID_FILE"
      say "RT is already up at $RT_URL (pid $pid)"
      return 0
    fi
    # Still starting (a parallel start.sh, say): wait for it rather than start another.
    say "rt-server (pid $pid) is running but not answering yet; waiting"
    echo "$pid" >"$RT_PID_FILE"
    wait_until_up
    return 0
  fi
  status="$(rest2_status)"
  [[ "$status" == 000 ]] ||
    die "something else answers on port $RT_PORT (HTTP $status); stop it or choose another RT_PORT"
  launch
  wait_until_up
}

main "$@"
