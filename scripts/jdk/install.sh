#!/usr/bin/env bash
# Makes sure a JDK 21 or newer is there for the build (the machines' default java is 17):
# $JAVA_HOME or one under /usr/lib/jvm, else Debian's openjdk-25 or openjdk-21 package when the
# configured suites offer one (bookworm does not: there the machine's own JDK must be present).
# Prints the JDK's home. Safe to run again.
#
#   sudo scripts/jdk/install.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/find-jdk.sh
source "$here/../lib/find-jdk.sh"

if home="$(socialdesk_find_jdk 2>/dev/null)"; then
  echo "jdk/install: using $home"
  exit 0
fi
[[ $EUID -eq 0 ]] || { echo "jdk/install: error: no JDK 21+; run me as root to install one" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
for package in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
  if apt-cache show "$package" >/dev/null 2>&1; then
    echo "jdk/install: installing $package"
    apt-get install -y -q "$package" </dev/null >/dev/null
    break
  fi
done
home="$(socialdesk_find_jdk)" || {
  echo "jdk/install: error: no JDK 21 or newer, and no openjdk-21/25 package in the configured apt suites;" \
    "install one under /usr/lib/jvm or set JAVA_HOME" >&2
  exit 1
}
echo "jdk/install: using $home"
