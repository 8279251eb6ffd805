#!/usr/bin/env bash
# Prints the benchmark harness's classpath (bench's classes and every jar it needs, the project's
# own modules as freshly packaged jars), building what is needed first: nothing has to be installed
# into ~/.m2. Build output goes to stderr.
#   classpath="$(bench/classpath.sh)"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# In one reactor run, package makes the sibling modules' jars and build-classpath names them; each
# module writes the file in turn, bench (the last) wins.
"$root/mvnw" -q -B -f "$root/pom.xml" -pl bench -am -DskipTests package \
  dependency:build-classpath -Dmdep.outputFile="$out" -Dmdep.includeScope=runtime >&2
printf '%s:%s\n' "$root/bench/target/classes" "$(cat "$out")"
