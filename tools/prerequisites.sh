#!/usr/bin/env bash
# Ensures what a test run needs from the machine, beyond the toolchain: a way to run Redis and
# MariaDB for the fixtures (PostgreSQL ships on the npm registry) and, in CI, Chromium for the
# dashboard test. Where it runs as root with apt it installs them from Debian's packages; elsewhere
# it checks, and when a service cannot be had it stops before any test runs with one line naming the
# ways out (exit 2).
# Prints nothing when nothing is missing. `make test-pr`, `make test` and .ci/run all use it.
set -euo pipefail

say() { echo "prerequisites: $*" >&2; }

# Debian packages the run uses, by the program each provides (make and git too, for a bare CI image
# that runs this script directly). Chromium only in CI: elsewhere the
# dashboard test is skipped without it, and a newcomer's first run need not wait for a browser.
wanted=(make:make git:git redis-server:redis-server mariadb-install-db:mariadb-server)
[[ -n "${CI:-}" && "${CI}" != "false" && "${CI}" != "0" ]] && wanted+=(chromium:chromium)
missing=()
for entry in "${wanted[@]}"; do
  command -v "${entry%%:*}" >/dev/null || missing+=("${entry#*:}")
done

if ((${#missing[@]} > 0)) && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  say "installing ${missing[*]} from Debian's packages"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
    say "WARNING: apt-get could not install ${missing[*]}"
fi

# Each service: a URL given, a server for the embedded provider, or a Docker engine for containers.
docker info >/dev/null 2>&1 && exit 0
need() { # name url-variable program package example-url
  [[ -n "${!2:-}" ]] || command -v "$3" >/dev/null && return 0
  echo "assay: the tests need $1 and this machine cannot run it: start a Docker engine, install $4 (apt-get install $4), or set $2=$5" >&2
  exit 2
}
need Redis REDIS_URL redis-server redis-server redis://host:port
need MariaDB MARIADB_URL mariadb-install-db mariadb-server mysql://user:password@host:3306/
