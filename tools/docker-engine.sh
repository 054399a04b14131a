#!/usr/bin/env bash
# Ensures a Docker engine answers: installs Debian's docker.io and starts dockerd when running as
# root and none is up. Prints nothing on success; one line and exit 1 when no engine can be had.
set -euo pipefail
fail() { echo "docker: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 && exit 0
[[ $(id -u) -eq 0 ]] || fail "no Docker engine answers and starting one needs root"
if ! command -v dockerd >/dev/null; then
  echo "docker: installing Debian's docker.io" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null; } ||
    fail "could not install docker.io with apt-get"
fi
log=${TMPDIR:-/tmp}/assay-dockerd.log
nohup dockerd >"$log" 2>&1 &
for _ in $(seq 1 60); do
  docker info >/dev/null 2>&1 && exit 0
  sleep 0.5
done
fail "dockerd did not start within 30 s (last log line: $(tail -n 1 "$log" 2>/dev/null))"
