#!/usr/bin/env bash
# Fails when a tracked file names a folder of one particular machine (a workspace, a home
# directory). Shared files are found relative to the project root (../shared) or through a
# setting; paths that Debian's packages define (/usr, /etc, /var/lib) are fine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The folders are written in pieces so that this script does not name them itself.
s=/
folders="${s}work${s}|${s}home${s}[a-z]|${s}root${s}|${s}Users${s}|${s}mnt${s}[a-z]|[A-Z]:\\\\Users"
pattern="(^|[^A-Za-z0-9_.~-])(${folders})"
if hits="$(git ls-files -z | xargs -0 grep -nIE "$pattern" -- 2>/dev/null)"; then
  echo "check-no-machine-paths: these lines name a folder of one machine; use a path relative to the project root (../shared) or a setting:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check-no-machine-paths: no machine-specific paths"
