#!/usr/bin/env bash
# Reproduces the default sentiment model and its evaluation report:
#   sentiment-plugin/src/main/resources/org/socialdesk/sentiment/default-model.bin
#   sentiment-plugin/docs/evaluation.md
# Usage: sentiment-plugin/train.sh [DATA_DIR] [--no-brand]
#   DATA_DIR defaults to the shared sentiment data beside the repository (../shared/data/sentiment
#   from the project root). --no-brand skips the brand-adaptation check (a second training run on
#   the default data + en-airline-train).
# Needs about 8 GB of heap; takes 5-15 minutes on 2 cores. Training is deterministic. The tools
# live in sentiment-tools/, outside the plugin's jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=""
extra=()
for arg in "$@"; do
  case "$arg" in
    --*) extra+=("$arg") ;;
    *) data="$arg" ;;
  esac
done
data="${data:-$root/../shared/data/sentiment}"
[[ -f "$data/en-semeval-train.tsv" ]] || { echo "train.sh: sentiment data folder not found at $data" >&2; exit 1; }

cd "$root"
TOOL_JAVA_OPTS=-Xmx12g sentiment-tools/run.sh TrainDefaultModel "$data" \
  sentiment-plugin/src/main/resources/org/socialdesk/sentiment/default-model.bin \
  sentiment-plugin/docs/evaluation.md "${extra[@]}"

# Throughput on one core (language detection + classification), for the model card.
if command -v taskset >/dev/null; then
  taskset -c 0 sentiment-tools/run.sh Throughput "$data" 5
else
  TOOL_JAVA_OPTS="-XX:ActiveProcessorCount=1 -Xmx1g" sentiment-tools/run.sh Throughput "$data" 5
fi
