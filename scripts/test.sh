#!/usr/bin/env bash
# The whole test suite: installs and starts what the tests need (a JDK 21+, RT 5, PostgreSQL,
# Chromium, from Debian's packages; idempotent), then runs unit and integration tests with Maven.
# The Bluesky ITs start a local AT Protocol network installed by scripts/bluesky/install.sh.
# Usage: scripts/test.sh [extra Maven arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n== %s\n' "$*"; }

step "No machine-specific paths"
scripts/check-no-machine-paths.sh
step "JDK 21+"
scripts/jdk/install.sh
step "PostgreSQL"
scripts/postgres/install.sh
step "Local Bluesky network"
scripts/bluesky/install.sh
step "Request Tracker 5"
scripts/rt/install.sh
scripts/rt/start.sh
step "Chromium"
scripts/chromium/install.sh

# shellcheck source=rt/env.sh
source scripts/rt/env.sh
# shellcheck source=postgres/env.sh
source scripts/postgres/env.sh

step "Maven: unit and integration tests"
./mvnw -B -ntp verify -Dit.skip=false "$@"

step "try.sh: stopping finds Socialdesk's own JVM"
scripts/try-process-test.sh
