#!/usr/bin/env bash
# The webhook intake benchmark for line: bench/webhook.sh line [N] [DURATION] [CONNECTIONS...]
exec "$(dirname "${BASH_SOURCE[0]}")/webhook.sh" line "$@"
