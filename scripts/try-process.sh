# shellcheck shell=bash
# Finding and stopping the Socialdesk that scripts/try.sh started, without trusting a pid file
# blindly: after a reboot or a crash the file may hold the id of some other process.
# Expects $try_dir (the folder Socialdesk runs in) and $port.

socialdesk_main_class="org.socialdesk.host.cli.SocialdeskCli"

# Whether process $1 is a Socialdesk server JVM: java running our main class with "run".
try_is_socialdesk() {
  local pid="$1" command
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  command="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$command" == *java* && "$command" == *"$socialdesk_main_class run"* ]]
}

# The id of the process listening on TCP port $1 (empty if none or not visible to us).
try_port_listener() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -n 1
}

# Whether anything listens on TCP port $1.
try_port_taken() {
  [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

# Our Socialdesk's pid: the pid file's if that really is Socialdesk; else the Socialdesk JVM
# listening on the port; else a Socialdesk JVM running in $try_dir. Empty if there is none.
try_socialdesk_pid() {
  local pid
  if [[ -f "$try_dir/socialdesk.pid" ]]; then
    pid="$(cat "$try_dir/socialdesk.pid")"
    if try_is_socialdesk "$pid"; then echo "$pid"; return; fi
  fi
  pid="$(try_port_listener "$port")"
  if [[ -n "$pid" ]] && try_is_socialdesk "$pid"; then echo "$pid"; return; fi
  for pid in $(pgrep -f "$socialdesk_main_class run" || true); do
    if try_is_socialdesk "$pid" && [[ "$(readlink "/proc/$pid/cwd")" == "$try_dir" ]]; then echo "$pid"; return; fi
  done
}

# Starts Socialdesk in the background in $try_dir with $launcher and socialdesk.yml, writing its
# pid file. The background job is the launcher alone (it execs the JVM), so the pid is the JVM's:
# backgrounding "cd ... && launcher" would record a subshell's id instead, whose death leaves
# the JVM running.
try_start_socialdesk() {
  cd "$try_dir" || return 1
  nohup "$launcher" run --config socialdesk.yml >"$try_dir/socialdesk.log" 2>&1 &
  echo $! >"$try_dir/socialdesk.pid"
  cd - >/dev/null || return 1
}

# Whether process $1 is a Socialdesk running in $try_dir (not one started from elsewhere).
try_runs_here() {
  [[ -n "$1" ]] && try_is_socialdesk "$1" && [[ "$(readlink "/proc/$1/cwd")" == "$try_dir" ]]
}

# Stops our Socialdesk (SIGTERM, then SIGKILL after 30 s) and removes the pid file.
try_stop_socialdesk() {
  local pid
  pid="$(try_socialdesk_pid)"
  rm -f "$try_dir/socialdesk.pid"
  if [[ -z "$pid" ]]; then
    echo "Socialdesk is not running"
    return 0
  fi
  echo "stopping Socialdesk (pid $pid)"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  echo "Socialdesk (pid $pid) did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}
