#!/bin/sh
# Entry point of the offline PostgreSQL image. It honours what the official image and the
# Testcontainers module expect: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB /
# POSTGRES_HOST_AUTH_METHOD / PGDATA, and a command that is `postgres` or only flags. The data folder
# was made when the image was built (PostgreSQL's bootstrap user "postgres"); an empty PGDATA gets a
# copy, and a single-user session names its user, sets the password and creates the database, so a
# start only launches the server.
set -eu
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}" "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

first=${1:-}
if [ "${first#-}" != "$first" ]; then set -- postgres "$@"; fi
if [ "${1:-}" != postgres ]; then exec "$@"; fi
shift

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
# SQL quoting: $1 with every $2 doubled, between $2s ('literal', "identifier").
quote() {
  rest=$1 quoted=
  while :; do
    case $rest in
    *"$2"*) quoted="$quoted${rest%%"$2"*}$2$2" rest=${rest#*"$2"} ;;
    *) break ;;
    esac
  done
  printf '%s%s%s' "$2" "$quoted$rest" "$2"
}
# A line of SQL as it is: dash's echo would take its backslashes as escapes.
sql() { printf '%s\n' "$*"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo "postgres-entrypoint: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 0700 "$PGDATA"
  as_postgres cp -a /var/lib/postgresql/template/. "$PGDATA/"
  echo "host all all all $POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
  user=$(quote "$POSTGRES_USER" '"')
  {
    # The bootstrap user is the session's own and cannot be renamed by ALTER ROLE.
    [ "$POSTGRES_USER" = postgres ] || sql "UPDATE pg_authid SET rolname = $(quote "$POSTGRES_USER" "'") WHERE oid = 10;"
    [ -z "${POSTGRES_PASSWORD:-}" ] || sql "ALTER ROLE $user PASSWORD $(quote "$POSTGRES_PASSWORD" "'");"
    [ "$POSTGRES_DB" = postgres ] || sql "CREATE DATABASE $(quote "$POSTGRES_DB" '"') STRATEGY FILE_COPY;"
  } | as_postgres postgres --single -D "$PGDATA" -c fsync=off -c log_checkpoints=off postgres >/dev/null
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" "$@"
