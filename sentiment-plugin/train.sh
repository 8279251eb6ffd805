#!/usr/bin/env bash
# Reproduces the default sentiment model and its evaluation report:
#   sentiment-plugin/src/main/resources/org/socialdesk/sentiment/default-model.bin
#   sentiment-plugin/docs/evaluation.md
# Usage: sentiment-plugin/train.sh [DATA_DIR] [--no-brand]
#   DATA_DIR defaults to the shared sentiment data beside the repository (../shared/data/sentiment),
#   else /work/shared/data/sentiment. --no-brand skips the brand-adaptation check (a second
#   training run on the default data + en-airline-train).
# Needs about 8 GB of heap; takes 5-15 minutes on 2 cores. Training is deterministic.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data=""
extra=()
for arg in "$@"; do
  case "$arg" in
    --*) extra+=("$arg") ;;
    *) data="$arg" ;;
  esac
done
if [[ -z "$data" ]]; then
  for candidate in "$root/../shared/data/sentiment" /work/shared/data/sentiment; do
    if [[ -f "$candidate/en-semeval-train.tsv" ]]; then data="$candidate"; break; fi
  done
fi
[[ -n "$data" && -d "$data" ]] || { echo "train.sh: sentiment data folder not found" >&2; exit 1; }

# shellcheck source=../scripts/lib/find-jdk.sh
source "$root/scripts/lib/find-jdk.sh"
java_home="$(socialdesk_find_jdk)"

cd "$root"
./mvnw -q -pl sentiment-plugin -am -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# Train from a copy of the compiled classes: a build of the checkout while this runs (minutes)
# would otherwise swap classes under the JVM half-way.
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
cp -r sentiment-plugin/target/classes/. "$classes/"
# Resources first, so that the throughput check loads the model just written.
cp="sentiment-plugin/src/main/resources:$classes:$(cat sentiment-plugin/target/classpath.txt)"

"$java_home/bin/java" -Xmx12g -cp "$cp" org.socialdesk.sentiment.model.TrainDefaultModel "$data" \
  sentiment-plugin/src/main/resources/org/socialdesk/sentiment/default-model.bin \
  sentiment-plugin/docs/evaluation.md "${extra[@]}"

# Throughput on one core (language detection + classification), for the model card.
if command -v taskset >/dev/null; then
  taskset -c 0 "$java_home/bin/java" -Xmx1g -cp "$cp" org.socialdesk.sentiment.model.Throughput "$data" 5
else
  "$java_home/bin/java" -XX:ActiveProcessorCount=1 -Xmx1g -cp "$cp" org.socialdesk.sentiment.model.Throughput "$data" 5
fi
