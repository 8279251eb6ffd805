#!/usr/bin/env bash
# Where the local RT is and how to authenticate to it, for tests and the README:
#   source scripts/rt/env.sh          exports RT_URL and RT_TOKEN into this shell
#   eval "$(scripts/rt/env.sh)"       the same, from the printed export lines
#   scripts/rt/env.sh                 prints  export RT_URL=...  export RT_TOKEN=...
# RT_URL is the server's base URL; REST2 is at $RT_URL/REST/2.0.
# Sourced, it must not change the caller's shell options, so no `set -e` here.

_sd_rt_env() {
  local SCRIPT=rt/env
  # common.sh's die() exits; in a sourced file that would close the caller's shell.
  local state_dir="${RT_STATE_DIR:-/var/lib/socialdesk-rt}" port token
  port="${RT_PORT:-$(cat "$state_dir/port" 2>/dev/null || echo 8095)}"
  if ! token="$(cat "$state_dir/token" 2>/dev/null)" || [[ -z "$token" ]]; then
    echo "$SCRIPT: error: no service token in $state_dir/token: run scripts/rt/install.sh (as root)" >&2
    return 1
  fi
  RT_URL="http://127.0.0.1:$port"
  RT_TOKEN="$token"
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  if _sd_rt_env; then
    export RT_URL RT_TOKEN
    unset -f _sd_rt_env
    return 0
  fi
  unset -f _sd_rt_env
  return 1
fi

set -euo pipefail
_sd_rt_env || exit 1
printf 'export RT_URL=%q\nexport RT_TOKEN=%q\n' "$RT_URL" "$RT_TOKEN"
