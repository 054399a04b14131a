#!/bin/sh
# Entry point of the offline Redis image, like the official one: a command that is only flags, or
# redis-server with flags, runs redis-server reachable from outside the container (protected mode off).
set -eu
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "${1:-}" = redis-server ]; then
  shift
  exec redis-server --protected-mode no "$@"
fi
exec "$@"
