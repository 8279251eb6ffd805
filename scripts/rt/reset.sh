#!/usr/bin/env bash
# Puts the local RT back to its state right after install.sh (our initialdata and the
# service token, no tickets) in a few seconds: stop, copy the pristine database back,
# start. Integration tests run it between test classes.
#
#   scripts/rt/reset.sh
set -euo pipefail
SCRIPT=rt/reset
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

main() {
  need_root
  [[ -f "$RT_PRISTINE_DB" ]] || die "no pristine database at $RT_PRISTINE_DB: run scripts/rt/install.sh first"
  "$RT_SCRIPTS_DIR/stop.sh" --kill
  restore_pristine
  say "restored the pristine database"
  "$RT_SCRIPTS_DIR/start.sh"
}

main "$@"
