# The offline PostgreSQL image: PostgreSQL 15's server, pg_isready and psql from Debian, the few
# programs its entry point runs, and bash, with which Testcontainers' port wait looks inside. Like
# the official image: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB / POSTGRES_HOST_AUTH_METHOD /
# PGDATA, port 5432, pg_isready, the log line "database system is ready to accept connections" once
# the database exists, and SIGINT to stop.
ARG BASE
FROM ${BASE} AS files
LABEL assay.images=build
ARG PG=/usr/lib/postgresql/15
# The data folder is made here, once: a start copies it and only sets the user, password and database.
# 1 MB WAL segments keep the image small.
RUN install -d -o postgres -g postgres -m 0700 /var/lib/postgresql/template \
 && setpriv --reuid=postgres --regid=postgres --init-groups $PG/bin/initdb \
      --pgdata=/var/lib/postgresql/template --username=postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 --wal-segsize=1 >/dev/null \
 && printf "listen_addresses = '*'\njit = off\n" >> /var/lib/postgresql/template/postgresql.conf
COPY collect.sh postgres-entrypoint.sh /build/
# No JIT: LLVM alone is larger than all the rest.
RUN install -D -m 0755 /build/postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint \
 && rm -rf $PG/lib/llvmjit* $PG/lib/bitcode \
 && /build/collect.sh /slim /bin/sh /bin/bash /usr/local/bin/postgres-entrypoint /usr/bin/mkdir /usr/bin/chown \
      /usr/bin/chmod /usr/bin/cp /usr/bin/setpriv $PG/bin/postgres $PG/bin/pg_isready $PG/bin/psql $PG/lib \
      /usr/share/postgresql/15 /usr/share/zoneinfo /usr/lib/locale/C.utf8 /etc/passwd /etc/group \
      /var/lib/postgresql/template \
 && install -d -m 1777 /slim/tmp \
 && install -d -o postgres -g postgres -m 2775 /slim/run/postgresql \
 && install -d /slim/var && ln -s /run /slim/var/run

FROM scratch
COPY --from=files /slim /
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/bin:/bin PGDATA=/var/lib/postgresql/data LANG=C.UTF-8
ENTRYPOINT ["postgres-entrypoint"]
CMD ["postgres"]
STOPSIGNAL SIGINT
EXPOSE 5432
