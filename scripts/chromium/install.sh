#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver if missing, for browser tests, and
# prints their versions. Safe to run again.
#
#   sudo scripts/chromium/install.sh
set -euo pipefail
SCRIPT=chromium/install
export DEBIAN_FRONTEND=noninteractive

say() { echo "$SCRIPT: $*"; }
die() { echo "$SCRIPT: error: $*" >&2; exit 1; }

main() {
  [[ $EUID -eq 0 ]] || die "run me as root (I install packages)"
  local missing=() pkg
  for pkg in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    say "chromium and chromium-driver already installed"
  else
    say "installing ${missing[*]}"
    apt-get update -q
    apt-get install -y -q "${missing[@]}" </dev/null
  fi
  # Both must come from the same Debian build, or WebDriver refuses the browser.
  local version
  # Debian's chromium wrapper prints a harmless shell warning on stderr on some machines.
  version="$(chromium --version 2>/dev/null)" || die "chromium does not run (try: chromium --version)"
  say "$version"
  version="$(chromedriver --version 2>/dev/null)" || die "chromedriver does not run (try: chromedriver --version)"
  say "$version"
}

main "$@"
