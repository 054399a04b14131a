# The offline MariaDB image: MariaDB 10.11's server and mariadb client from Debian, the few programs
# its entry point runs, and bash, with which Testcontainers' port wait looks inside. Like the official
# image: MARIADB_ROOT_PASSWORD (or MARIADB_ALLOW_EMPTY_ROOT_PASSWORD) / MARIADB_DATABASE /
# MARIADB_USER / MARIADB_PASSWORD (and their MYSQL_ names), data in /var/lib/mysql, port 3306, the log
# line "ready for connections" once the users exist, and SIGTERM to stop.
ARG BASE
FROM ${BASE} AS files
LABEL assay.images=build
# The data folder is made here, once, with root@localhost only: a start copies it and sets the users.
# (A bootstrap session takes one statement per line.)
RUN install -d -o mysql -g mysql -m 0700 /var/lib/mysql-template \
 && mariadb-install-db --no-defaults --user=mysql --datadir=/var/lib/mysql-template --skip-test-db \
      --auth-root-authentication-method=normal --skip-name-resolve --innodb-log-file-size=16M >/dev/null \
 && printf '%s\n' 'FLUSH PRIVILEGES;' "DELETE FROM mysql.global_priv WHERE Host <> 'localhost';" \
      "DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost';" \
    | setpriv --reuid=mysql --regid=mysql --init-groups mariadbd --no-defaults --bootstrap \
      --datadir=/var/lib/mysql-template --innodb-log-file-size=16M >/dev/null 2>&1
COPY collect.sh mariadb-entrypoint.sh /build/
RUN install -D -m 0755 /build/mariadb-entrypoint.sh /usr/local/bin/mariadb-entrypoint \
 && /build/collect.sh /slim /bin/sh /bin/bash /usr/local/bin/mariadb-entrypoint /usr/bin/mkdir /usr/bin/chown \
      /usr/bin/chmod /usr/bin/cp /usr/bin/cat /usr/bin/rm /usr/bin/setpriv /usr/sbin/mariadbd /usr/bin/mariadb \
      /usr/share/mysql/charsets /usr/share/mysql/english /etc/passwd /etc/group /var/lib/mysql-template \
 && install -d -m 1777 /slim/tmp \
 && install -d -o mysql -g mysql -m 0755 /slim/run/mysqld /slim/var/lib/mysql

FROM scratch
COPY --from=files /slim /
ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/bin
ENTRYPOINT ["mariadb-entrypoint"]
CMD ["mariadbd"]
STOPSIGNAL SIGTERM
EXPOSE 3306
