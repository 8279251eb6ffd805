#!/usr/bin/env bash
# Installs the local AT Protocol network (PLC, PDS, AppView, a chat mock, a Jetstream emulation)
# that the Bluesky channel's integration tests run against: the build tools and Debian's
# PostgreSQL 15 it needs, then ../shared/tools/bluesky-local/install.sh, which copies its files
# into BSKY_HOME (that folder may be read-only) and runs npm there. Safe to run again: a second
# run finds everything in place in a few seconds.
#
#   sudo scripts/bluesky/install.sh
#   env: BSKY_HOME (default /var/cache/socialdesk-bluesky as root, else
#        ${XDG_CACHE_HOME:-$HOME/.cache}/socialdesk-bluesky), BSKY_LOCAL (the network's sources;
#        default ../shared/tools/bluesky-local beside the project root)
#
# Why not root's ~/.cache: the network's pg.sh runs PostgreSQL as the postgres user on a data
# folder inside BSKY_HOME, and postgres cannot enter /root (mode 700); initdb fails there.
#
# Start one network with "$BSKY_HOME/start-network.sh --exit-on-stdin-close"; the tests do that
# themselves (BlueskyNetwork in the plugin's tests).
set -euo pipefail
say() { echo "bluesky/install: $*"; }
die() { echo "bluesky/install: error: $*" >&2; exit 1; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source_dir="${BSKY_LOCAL:-$root/../shared/tools/bluesky-local}"
[[ -x "$source_dir/install.sh" ]] || die "no $source_dir/install.sh; set BSKY_LOCAL to the bluesky-local folder"
export DEBIAN_FRONTEND=noninteractive
if [[ -z "${BSKY_HOME:-}" && $EUID -eq 0 ]]; then
  export BSKY_HOME=/var/cache/socialdesk-bluesky
fi

install_packages() {
  local missing=() pkg
  for pkg in build-essential python3 postgresql-15 npm; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  # python3 or npm may come from elsewhere than Debian (pyenv, nvm): what counts is the command.
  command -v python3 >/dev/null && missing=("${missing[@]/python3}")
  command -v npm >/dev/null && missing=("${missing[@]/npm}")
  read -r -a missing <<<"${missing[*]}"
  if ((${#missing[@]} == 0)); then
    say "packages already installed"
    return 0
  fi
  [[ $EUID -eq 0 ]] || die "missing ${missing[*]}; run me as root to install them"
  say "installing ${missing[*]}"
  apt-get update -q
  apt-get install -y -q "${missing[@]}" </dev/null
}

install_packages
# The network runs its own PostgreSQL cluster (pg.sh, port BSKY_PG_PORT, default 5499): the
# server binaries are all it needs from Debian's package, not the "main" cluster on 5432.
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || die "PostgreSQL 15's server is missing (/usr/lib/postgresql/15/bin)"
"$source_dir/install.sh"
