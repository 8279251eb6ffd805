#!/usr/bin/env bash
# Installs and configures a local Request Tracker 5 for Socialdesk's tests and the
# README's "try it" path: Debian's packages on SQLite, our site configuration, our
# initialdata (rt/initialdata/socialdesk.pl), the service user's token, and a pristine
# copy of the database for reset.sh. Safe to run again; it redoes only what changed.
#
#   sudo scripts/rt/install.sh
#   env: RT_PORT (default 8095), RT_DOORBELL_URL (unset: the doorbell scrip stays quiet)
#
# It does not start RT (start.sh does), but restarts it if it was running and had to
# be stopped. Not for a production RT: see docs/admin/rt-setup.md.
set -euo pipefail
SCRIPT=rt/install
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

INITIALDATA="$REPO_ROOT/rt/initialdata/socialdesk.pl"
export DEBIAN_FRONTEND=noninteractive

install_packages() {
  local missing=() pkg
  for pkg in request-tracker5 rt5-db-sqlite rt5-standalone curl; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    say "packages already installed"
  else
    say "installing ${missing[*]} (takes about 2 minutes)"
    apt-get update -q
    # debconf's defaults create the SQLite database and RT's root user (password 'password').
    apt-get install -y -q "${missing[@]}" </dev/null
  fi
  # w3m gives RT a better HTML-to-text converter; nice to have, not needed.
  if ! command -v w3m >/dev/null; then
    apt-get install -y -q w3m </dev/null >/dev/null 2>&1 || say "note: w3m not installed (optional)"
  fi
}

site_config() {
  cat <<EOF
# Written by scripts/rt/install.sh (Socialdesk): a local RT for development and tests.
# Not for production as is: see docs/admin/rt-setup.md.
Set(\$WebPort, $RT_PORT);
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPath, '');
Set(\$WebBaseURL, 'http://127.0.0.1:$RT_PORT');

# No mail leaves this RT ('testfile' writes it to a temporary file).
Set(\$MailCommand, 'testfile');

# RT bcrypts an auth token on every request at the cost stored in its hash; the
# service token is made at this cost so a request costs ~20 ms instead of ~230 ms.
Set(\$BcryptCost, 4);

# rt-server's stderr goes to $RT_LOG_FILE; there is no syslog daemon here.
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
EOF
  if [[ -n "${RT_DOORBELL_URL:-}" ]]; then
    cat <<EOF

# The doorbell scrip (rt/initialdata/socialdesk.pl) POSTs {ticket_id, txn_id} here.
Set(\$SocialdeskDoorbellURL, '$RT_DOORBELL_URL');
EOF
  fi
  echo '1;'
}

# Sets CONFIG_CHANGED=1 when the drop-in or the recorded port changed.
write_config() {
  local wanted
  wanted="$(site_config)"
  mkdir -p "$RT_STATE_DIR"
  if [[ -f "$RT_SITE_CONFIG" && "$(cat "$RT_SITE_CONFIG")" == "$wanted" ]]; then
    say "site configuration up to date ($RT_SITE_CONFIG)"
  else
    # Same owner and mode as Debian's other drop-ins that RT's user must read.
    printf '%s\n' "$wanted" >"$RT_SITE_CONFIG"
    chown root:www-data "$RT_SITE_CONFIG"
    chmod 0640 "$RT_SITE_CONFIG"
    say "wrote $RT_SITE_CONFIG (port $RT_PORT)"
    CONFIG_CHANGED=1
  fi
  if [[ "$(configured_port)" != "$RT_PORT" ]]; then
    echo "$RT_PORT" >"$RT_PORT_FILE"
    CONFIG_CHANGED=1
  fi
}

initialdata_hash() { sha256sum "$INITIALDATA" | cut -d' ' -f1; }

service_user_exists() {
  [[ -n "$(sqlite3 "$RT_DB" "SELECT id FROM Users WHERE Name = 'socialdesk'" 2>/dev/null)" ]]
}

initialdata_current() {
  service_user_exists && [[ "$(cat "$RT_INITIALDATA_STAMP" 2>/dev/null)" == "$(initialdata_hash)" ]]
}

token_valid() {
  [[ -s "$RT_TOKEN_FILE" ]] && perl "$RT_SCRIPTS_DIR/mktoken.pl" --check "$RT_TOKEN_FILE" socialdesk 2>/dev/null
}

apply_initialdata() {
  # A new version of the initialdata starts from the pristine database, so the new
  # pristine copy holds no tickets made by tests or by hand.
  if service_user_exists && [[ -f "$RT_PRISTINE_DB" ]]; then
    say "initialdata changed: starting again from the pristine database (tickets since the last reset are dropped)"
    restore_pristine
  fi
  say "applying $INITIALDATA"
  local out
  if ! out="$(/usr/sbin/rt-setup-database-5 --action insert --skip-create --datafile "$INITIALDATA" </dev/null 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "rt-setup-database-5 failed"
  fi
  # rt-setup-database exits 0 even when an @Final step dies; ours ends by saying "done".
  if ! grep -q 'socialdesk initialdata: done' <<<"$out" || grep -q '\[\(error\|critical\)\]' <<<"$out"; then
    printf '%s\n' "$out" >&2
    die "applying the initialdata did not finish cleanly"
  fi
  grep 'socialdesk initialdata:' <<<"$out" | sed "s|^|$SCRIPT: |"
  initialdata_hash >"$RT_INITIALDATA_STAMP"
}

create_token() {
  local token
  token="$(perl "$RT_SCRIPTS_DIR/mktoken.pl" socialdesk)" || die "could not create the service token"
  (umask 077 && printf '%s\n' "$token" >"$RT_TOKEN_FILE")
  say "service token written to $RT_TOKEN_FILE"
}

save_pristine() {
  # The server is stopped here, so a plain copy is consistent.
  cp --preserve=mode,ownership "$RT_DB" "$RT_PRISTINE_DB.tmp"
  mv -f "$RT_PRISTINE_DB.tmp" "$RT_PRISTINE_DB"
  say "saved the pristine database to $RT_PRISTINE_DB"
}

main() {
  need_root
  CONFIG_CHANGED=0
  install_packages
  [[ -f "$RT_DB" ]] || die "no RT database at $RT_DB (did debconf skip it? try: dpkg-reconfigure request-tracker5)"
  local old_port
  old_port="$(configured_port)"
  write_config

  local need_data=0 need_token=0 need_pristine=0
  initialdata_current || need_data=1
  token_valid || need_token=1
  [[ -f "$RT_PRISTINE_DB" ]] || need_pristine=1

  local was_running=0 pid
  pid="$(RT_PORT="${old_port:-$RT_PORT}" server_pid || true)"
  if [[ -n "$pid" ]] && ((CONFIG_CHANGED || need_data || need_token || need_pristine)); then
    was_running=1
    say "stopping RT (pid $pid) while I change it"
    RT_PORT="${old_port:-$RT_PORT}" "$RT_SCRIPTS_DIR/stop.sh"
  fi

  if ((need_data)); then
    apply_initialdata
    # Starting from the pristine copy may have brought the token back, or not.
    need_token=0
    token_valid || need_token=1
  else
    say "initialdata already applied"
  fi
  if ((need_token)); then create_token; else say "service token valid ($RT_TOKEN_FILE)"; fi
  if ((need_data || need_token || need_pristine)); then
    save_pristine
  else
    say "pristine database present ($RT_PRISTINE_DB)"
  fi

  if ((was_running)); then "$RT_SCRIPTS_DIR/start.sh"; fi
  if server_pid >/dev/null; then
    say "done; RT is running at $RT_URL"
  else
    say "done. Start RT with scripts/rt/start.sh; it will answer at $RT_URL"
  fi
}

main "$@"
