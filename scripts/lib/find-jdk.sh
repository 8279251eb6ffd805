# Prints the home of a JDK 21 or newer: $JAVA_HOME if it qualifies, else the
# newest one under /usr/lib/jvm. Sourced by mvnw, bin/socialdesk and the scripts.
socialdesk_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

socialdesk_find_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/javac" ]] || continue
    major="$(socialdesk_jdk_major "$candidate")"
    [[ -n "$major" && "$major" -ge 21 ]] || continue
    if [[ "$candidate" == "${JAVA_HOME:-}" ]]; then echo "$candidate"; return 0; fi
    if (( major > best_major )); then best="$candidate"; best_major=$major; fi
  done
  if [[ -z "$best" ]]; then
    echo "socialdesk: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)" >&2
    return 1
  fi
  echo "$best"
}
