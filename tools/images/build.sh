#!/usr/bin/env bash
# Builds the offline service images from Debian's packages, for machines with no image registry:
#   assay-postgres:15   PostgreSQL 15 (POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, port 5432)
#   assay-redis:7       Redis 7 (port 6379)
# Both come from one debootstrap root (about a minute). Skips images that already exist unless --force.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
force=${1:-}

fail() { echo "images: $*" >&2; exit 1; }
command -v docker >/dev/null || fail "docker not found: install Debian's docker.io"
docker info >/dev/null 2>&1 || fail "no Docker engine answers: start dockerd"
if [[ "$force" != "--force" ]] && docker image inspect assay-postgres:15 assay-redis:7 >/dev/null 2>&1; then
  exit 0
fi
if ! command -v debootstrap >/dev/null; then
  [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null || fail "debootstrap not found: install Debian's debootstrap"
  echo "images: installing Debian's debootstrap" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; } ||
    fail "could not install debootstrap with apt-get"
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
echo "images: debootstrap bookworm with postgresql-15 and redis-server (about a minute)" >&2
debootstrap --variant=minbase --include=postgresql-15,redis-server bookworm "$root" >/dev/null ||
  fail "debootstrap failed: is Debian's package mirror reachable?"
install -m 0755 "$here/postgres-entrypoint.sh" "$root/usr/local/bin/postgres-entrypoint"
install -m 0755 "$here/redis-entrypoint.sh" "$root/usr/local/bin/redis-entrypoint"
rm -rf "$root/var/lib/postgresql/15" "$root/var/cache/apt/archives"/*.deb

tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]' \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'EXPOSE 5432' \
  - assay-postgres:15 >/dev/null
tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/local/bin/redis-entrypoint"]' \
  --change 'CMD ["redis-server", "--save", "", "--appendonly", "no"]' \
  --change 'EXPOSE 6379' \
  - assay-redis:7 >/dev/null
echo "images: built assay-postgres:15 and assay-redis:7" >&2
