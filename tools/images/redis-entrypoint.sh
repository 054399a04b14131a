#!/bin/sh
# Entry point of the offline Redis image, like the official one: a command that is only flags, or
# redis-server with a configuration file and/or flags, runs redis-server reachable from outside the
# container (protected mode off, unless the flags say otherwise).
set -eu
first=${1:-}
if [ "${first#-}" != "$first" ]; then set -- redis-server "$@"; fi
if [ "${1:-}" = redis-server ]; then
  shift
  # A configuration file must come first.
  conf=
  if [ -n "${1:-}" ] && [ "${1#-}" = "$1" ]; then conf=$1; shift; fi
  exec redis-server ${conf:+"$conf"} --protected-mode no "$@"
fi
exec "$@"
