#!/bin/sh
# Entry point of the offline MariaDB image. It honours what the official image and the Testcontainers
# module expect: MARIADB_ROOT_PASSWORD or MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, MARIADB_DATABASE,
# MARIADB_USER / MARIADB_PASSWORD (each also by its MYSQL_ name), and a command that is `mariadbd`
# or only flags. The data folder was made when the image was built; an empty /var/lib/mysql gets a
# copy, and one bootstrap session (SQL on stdin, so no password is on a command line) sets the
# users and creates the database, so a start only launches the server.
set -eu
: "${MARIADB_ROOT_PASSWORD:=${MYSQL_ROOT_PASSWORD:-}}" "${MARIADB_DATABASE:=${MYSQL_DATABASE:-}}"
: "${MARIADB_USER:=${MYSQL_USER:-}}" "${MARIADB_PASSWORD:=${MYSQL_PASSWORD:-}}"
: "${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:=${MYSQL_ALLOW_EMPTY_PASSWORD:-}}"
data=/var/lib/mysql

first=${1:-}
if [ "${first#-}" != "$first" ]; then set -- mariadbd "$@"; fi
case ${1:-} in
mariadbd | mysqld) shift ;;
*) exec "$@" ;;
esac

as_mysql() { setpriv --reuid=mysql --regid=mysql --init-groups "$@"; }
# $1 with every $2 replaced by $3.
replace() {
  rest=$1 out=
  while :; do
    case $rest in
    *"$2"*) out="$out${rest%%"$2"*}$3" rest=${rest#*"$2"} ;;
    *) break ;;
    esac
  done
  printf '%s' "$out$rest"
}
literal() { printf "'%s'" "$(replace "$(replace "$1" '\' '\\')" "'" "''")"; }
identifier() { printf '`%s`' "$(replace "$1" '`' '``')"; }
# A line of SQL as it is: dash's echo would take its backslashes as escapes.
sql() { printf '%s\n' "$*"; }

if [ ! -d "$data/mysql" ]; then
  if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ]; then
    echo "mariadb-entrypoint: set MARIADB_ROOT_PASSWORD (or MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1)" >&2
    exit 1
  fi
  mkdir -p "$data"
  chown mysql:mysql "$data"
  chmod 0700 "$data"
  as_mysql cp -a /var/lib/mysql-template/. "$data/"
  root=$(literal "$MARIADB_ROOT_PASSWORD")
  {
    sql "FLUSH PRIVILEGES;"
    sql "ALTER USER 'root'@'localhost' IDENTIFIED BY $root;"
    sql "CREATE USER 'root'@'%' IDENTIFIED BY $root;"
    sql "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    [ -z "$MARIADB_DATABASE" ] || sql "CREATE DATABASE $(identifier "$MARIADB_DATABASE");"
    if [ -n "$MARIADB_USER" ]; then
      sql "CREATE USER $(literal "$MARIADB_USER")@'%' IDENTIFIED BY $(literal "$MARIADB_PASSWORD");"
      [ -z "$MARIADB_DATABASE" ] ||
        sql "GRANT ALL PRIVILEGES ON $(identifier "$MARIADB_DATABASE").* TO $(literal "$MARIADB_USER")@'%';"
    fi
  } | as_mysql mariadbd --bootstrap --datadir="$data" --skip-log-bin --innodb-log-file-size=16M >/tmp/bootstrap.log 2>&1 || {
    cat /tmp/bootstrap.log >&2
    echo "mariadb-entrypoint: setting up the users failed" >&2
    # What was copied goes again, so the next start sets the users up instead of skipping them.
    for entry in /var/lib/mysql-template/*; do rm -rf "$data/${entry##*/}"; done
    exit 1
  }
fi

exec setpriv --reuid=mysql --regid=mysql --init-groups mariadbd --datadir="$data" "$@"
