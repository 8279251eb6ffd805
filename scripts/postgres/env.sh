#!/usr/bin/env bash
# The test database's coordinates, for tests and the README:
#   source scripts/postgres/env.sh      exports the three variables into this shell
#   eval "$(scripts/postgres/env.sh)"   the same, from the printed export lines
#   scripts/postgres/env.sh             prints the export lines
# SOCIALDESK_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/socialdesk_test
# SOCIALDESK_TEST_PG_USER=socialdesk  SOCIALDESK_TEST_PG_PASSWORD=socialdesk
# Sourced, it must not change the caller's shell options, so no `set -e` here.

SOCIALDESK_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/socialdesk_test
SOCIALDESK_TEST_PG_USER=socialdesk
SOCIALDESK_TEST_PG_PASSWORD=socialdesk

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  export SOCIALDESK_TEST_PG_URL SOCIALDESK_TEST_PG_USER SOCIALDESK_TEST_PG_PASSWORD
  return 0
fi

printf 'export %s=%q\n' \
  SOCIALDESK_TEST_PG_URL "$SOCIALDESK_TEST_PG_URL" \
  SOCIALDESK_TEST_PG_USER "$SOCIALDESK_TEST_PG_USER" \
  SOCIALDESK_TEST_PG_PASSWORD "$SOCIALDESK_TEST_PG_PASSWORD"
