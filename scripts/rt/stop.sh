#!/usr/bin/env bash
# Stops the local RT started by start.sh (or an rt-server started by hand with
# --port $RT_PORT). Does nothing if it is not running.
#
#   scripts/rt/stop.sh           TERM; Starlet's master takes 2-3 s to reap its workers
#   scripts/rt/stop.sh --kill    KILL at once: for reset.sh, which throws the database
#                                away anyway (SQLite's journal keeps it whole regardless)
set -euo pipefail
SCRIPT=rt/stop
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The signal goes to the whole process group when the master leads one (start.sh
# uses setsid), so the Starlet workers go too; otherwise to the master alone, which
# passes it on to its workers.
signal_server() {
  local sig="$1" pid="$2" pgid
  # Fields after the ") " that closes the command name: state, ppid, pgrp.
  pgid="$(sed -E 's/^.*\) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f3 || true)"
  if [[ "$pgid" == "$pid" ]]; then
    kill "-$sig" -- "-$pid" 2>/dev/null || true
  else
    kill "-$sig" "$pid" 2>/dev/null || true
  fi
}

# A process is gone once it no longer exists or is a zombie: the server is an orphan,
# and PID 1 on these machines reaps orphans only now and then.
is_gone() {
  local state
  state="$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1 || true)"
  [[ -z "$state" || "$state" == Z ]]
}

wait_gone() {
  local pid="$1" tries="$2"
  while ((tries-- > 0)); do
    is_gone "$pid" && return 0
    sleep 0.1
  done
  return 1
}

main() {
  local sig=TERM pid
  case "${1:-}" in
    --kill) sig=KILL ;;
    "") ;;
    *) die "usage: stop.sh [--kill]" ;;
  esac
  pid="$(server_pid || true)"
  if [[ -z "$pid" ]]; then
    rm -f "$RT_PID_FILE"
    say "RT is not running"
    return 0
  fi
  signal_server "$sig" "$pid"
  if ! wait_gone "$pid" 150; then
    say "rt-server (pid $pid) ignored TERM for 15 s; killing it"
    signal_server KILL "$pid"
    wait_gone "$pid" 50 || die "could not stop rt-server (pid $pid)"
  fi
  # Workers of an rt-server started without setsid may linger a moment.
  local left
  left="$(pid_on_port "$RT_PORT" || true)"
  [[ -z "$left" ]] || { signal_server "$sig" "$left"; wait_gone "$left" 100 || true; }
  rm -f "$RT_PID_FILE"
  say "stopped RT (pid $pid)"
}

main "$@"
