# Shared settings and helpers of scripts/rt/*.sh. Sourced, never run.
# Callers set SCRIPT (used as the prefix of every message) before sourcing.

RT_HOME=/usr/share/request-tracker5
RT_SERVER="$RT_HOME/libexec/rt-server"
RT_DB=/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb
RT_SITE_CONFIG=/etc/request-tracker5/RT_SiteConfig.d/99-socialdesk.pm

# Everything our scripts keep about the local RT lives here.
RT_STATE_DIR="${RT_STATE_DIR:-/var/lib/socialdesk-rt}"
RT_PID_FILE="$RT_STATE_DIR/rt-server.pid"
RT_LOG_FILE="$RT_STATE_DIR/rt-server.log"
RT_TOKEN_FILE="$RT_STATE_DIR/token"
RT_PORT_FILE="$RT_STATE_DIR/port"
RT_PRISTINE_DB="$RT_STATE_DIR/rtdb.pristine"
RT_INITIALDATA_STAMP="$RT_STATE_DIR/initialdata.sha256"

# The port: $RT_PORT if given, else the one install.sh configured, else 8095.
if [[ -z "${RT_PORT:-}" ]]; then
  RT_PORT="$(cat "$RT_PORT_FILE" 2>/dev/null || echo 8095)"
fi
RT_URL="http://127.0.0.1:$RT_PORT"

RT_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$RT_SCRIPTS_DIR/../.." && pwd)"

say() { echo "${SCRIPT:-rt}: $*"; }
die() { echo "${SCRIPT:-rt}: error: $*" >&2; exit 1; }

need_root() {
  [[ $EUID -eq 0 ]] || die "run me as root (I manage packages, /etc/request-tracker5 and $RT_STATE_DIR)"
}

# The port install.sh wrote into RT's configuration, or nothing before the first install.
configured_port() { cat "$RT_PORT_FILE" 2>/dev/null || true; }

# Pid of our rt-server: from the pid file if that process is still an rt-server,
# else the rt-server that listens on $RT_PORT (say, started by hand or by an older run).
server_pid() {
  local pid
  pid="$(cat "$RT_PID_FILE" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && is_rt_server "$pid"; then echo "$pid"; return 0; fi
  pid_on_port "$RT_PORT"
}

is_rt_server() {
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'rt-server'
}

# The rt-server master that was started with --port $1. Workers share its command
# line, so take the one whose parent is not itself an rt-server.
pid_on_port() {
  local port="$1" dir pid ppid
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    [[ -r "$dir/cmdline" ]] || continue
    tr '\0' ' ' <"$dir/cmdline" 2>/dev/null | grep -Eq "rt-server .*--port $port( |$)" || continue
    ppid="$(awk '/^PPid:/ {print $2}' "$dir/status" 2>/dev/null || true)"
    [[ -n "$ppid" ]] && is_rt_server "$ppid" && continue
    echo "$pid"
    return 0
  done
  return 1
}

# HTTP status of GET /REST/2.0/rt with the service token ("000" when nothing answers).
rest2_status() {
  local token
  token="$(cat "$RT_TOKEN_FILE" 2>/dev/null || true)"
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    -H "Authorization: token $token" "$RT_URL/REST/2.0/rt" || true
}

# Puts the pristine database in place of the live one. RT must be stopped.
# Copy beside the live file, then rename, so RT never opens half a database; a journal
# left by a killed server would be replayed into the copy, so it goes first.
restore_pristine() {
  cp --preserve=mode,ownership "$RT_PRISTINE_DB" "$RT_DB.socialdesk-tmp"
  rm -f "$RT_DB-journal" "$RT_DB-wal" "$RT_DB-shm"
  mv -f "$RT_DB.socialdesk-tmp" "$RT_DB"
}
