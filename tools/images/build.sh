#!/usr/bin/env bash
# Builds the offline service images from Debian's packages, for machines with no image registry:
#   assay-postgres:15   PostgreSQL 15 (postgres.Dockerfile)
#   assay-redis:7       Redis 7 (redis.Dockerfile)
#   assay-mariadb:10.11 MariaDB 10.11 (mariadb.Dockerfile)
# Each holds its server and the libraries it loads, nothing else. All are cut from one debootstrap
# root, imported as the base image assay-images-base:bookworm (about a minute), which is kept: the
# test-runner image (tools/runner) builds on it. Skips images that already exist unless they were
# built from other files or --force is given.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
force=${1:-}
base=assay-images-base:bookworm

fail() { echo "images: $*" >&2; exit 1; }
command -v docker >/dev/null || fail "docker not found: install Debian's docker.io"
docker info >/dev/null 2>&1 || fail "no Docker engine answers: start dockerd"
# Images carry the hash of the files they were built from, so a changed recipe builds them again.
recipe=$(cat "$here"/*.sh "$here"/*.Dockerfile | sha256sum | cut -c1-16)
# Each image by the Dockerfile it is built from.
images=(assay-postgres:15=postgres.Dockerfile assay-redis:7=redis.Dockerfile assay-mariadb:10.11=mariadb.Dockerfile)
built_from() { docker image inspect --format '{{index .Config.Labels "assay.images.recipe"}}' "$1" 2>/dev/null; }
current=true
[[ $(built_from "$base") == "$recipe" ]] || current=false
for entry in "${images[@]}"; do [[ $(built_from "${entry%%=*}") == "$recipe" ]] || current=false; done
[[ "$force" != "--force" && $current == true ]] && exit 0
if ! command -v debootstrap >/dev/null; then
  [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null || fail "debootstrap not found: install Debian's debootstrap"
  echo "images: installing Debian's debootstrap" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; } ||
    fail "could not install debootstrap with apt-get"
fi

[[ $(id -u) -eq 0 ]] || fail "building the images' Debian base needs root: run 'sudo tools/images/build.sh' once"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
echo "images: debootstrap bookworm with postgresql-15, redis-server, mariadb-server and git (about a minute)" >&2
debootstrap --variant=minbase --include=postgresql-15,redis-server,mariadb-server,git bookworm "$root" >/dev/null ||
  fail "debootstrap failed: is Debian's package mirror reachable?"
rm -rf "$root/var/lib/postgresql/15" "$root/var/lib/mysql" "$root/var/cache/apt/archives"/*.deb
tar -C "$root" -c . | docker import --change "LABEL assay.images.recipe=$recipe" - "$base" >/dev/null

build() { # image dockerfile
  local log
  log=$(DOCKER_BUILDKIT=0 docker build --force-rm --build-arg "BASE=$base" --label "assay.images.recipe=$recipe" --tag "$1" --file "$here/$2" "$here" 2>&1) ||
    { echo "$log" >&2; fail "building $1 from $2 failed"; }
}
for entry in "${images[@]}"; do build "${entry%%=*}" "${entry#*=}"; done
# The build stages (labelled assay.images=build) are what the images were cut from.
docker image prune --force --filter label=assay.images=build >/dev/null
megabytes() { echo "$(($(docker image inspect --format '{{.Size}}' "$1") / 1000000)) MB"; }
built=()
for entry in "${images[@]}"; do built+=("${entry%%=*} ($(megabytes "${entry%%=*}"))"); done
echo "images: built ${built[*]}" >&2
