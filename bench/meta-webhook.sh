#!/usr/bin/env bash
# The webhook intake benchmark for meta: bench/webhook.sh meta [N] [DURATION] [CONNECTIONS...]
exec "$(dirname "${BASH_SOURCE[0]}")/webhook.sh" meta "$@"
