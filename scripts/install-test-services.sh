#!/usr/bin/env bash
# Installs the real services that the test suite starts on free local ports (PostgreSQL, Redis,
# headless Chromium), from Debian's packages, when they are missing. CI runs as root on a fresh
# Debian machine, so there this does all the set-up; elsewhere it says loudly what is missing, and
# the suites that need it fail under CI=true and are reported as skipped otherwise.
set -u
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
pg=$(postgres_bin)
{ [ -n "$pg" ] && [ -x "$pg/initdb" ] && [ -x "$pg/postgres" ]; } || need+=(postgresql)
have redis-server || need+=(redis-server)
have chromium || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-test-services: installing ${need[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  status=$?
  if [ $status -ne 0 ]; then
    echo "install-test-services: apt-get install ${need[*]} FAILED (exit $status)" >&2
    exit $status
  fi
  # Debian starts the services it installs; the tests start their own on free ports instead.
  for s in postgresql redis-server; do service "$s" stop >/dev/null 2>&1 || true; done
else
  echo "################################################################################" >&2
  echo "install-test-services: MISSING ${need[*]} and cannot install (not root or no apt-get)." >&2
  echo "The suites that need them will be reported as SKIPPED (and fail when CI=true)." >&2
  echo "################################################################################" >&2
fi
exit 0
