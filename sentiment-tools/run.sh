#!/usr/bin/env bash
# Runs one of the sentiment developer tools from the project root, after compiling it:
#   sentiment-tools/run.sh Throughput [DATA_DIR] [ROUNDS]
#   sentiment-tools/run.sh TuneDefaultModel DATA_DIR ITERATIONS VARIANT...
#   sentiment-tools/run.sh TrainDefaultModel [DATA_DIR [MODEL_OUT [REPORT_OUT]]] [--no-brand]
# DATA_DIR defaults to ../shared/data/sentiment from the project root. JVM options go in
# $TOOL_JAVA_OPTS (default -Xmx1g); prefix the command with `taskset -c 0` to pin it to one core.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
tool="${1:?usage: sentiment-tools/run.sh TOOL [ARGS...]}"
shift

# shellcheck source=../scripts/lib/find-jdk.sh
source "$root/scripts/lib/find-jdk.sh"
java_home="$(socialdesk_find_jdk)"

cd "$root"
./mvnw -q -pl sentiment-tools -am -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# Run from a copy of the compiled classes: a build of the checkout while a tool runs (training
# takes minutes) would otherwise swap classes under the JVM half-way.
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
cp -r sentiment-plugin/target/classes/. sentiment-tools/target/classes/. "$classes/"
# Resources first, so that a tool run after training loads the model just written.
cp="sentiment-plugin/src/main/resources:$classes:$(cat sentiment-tools/target/classpath.txt)"

# shellcheck disable=SC2086
"$java_home/bin/java" ${TOOL_JAVA_OPTS:--Xmx1g} -cp "$cp" "org.socialdesk.sentiment.tools.$tool" "$@"
