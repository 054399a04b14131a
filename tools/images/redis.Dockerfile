# The offline Redis image: Redis 7's server and redis-cli from Debian, and bash, with which
# Testcontainers' port wait looks inside; run as the redis user. Like the
# official image: a command that is only flags runs redis-server with them, port 6379, the log line
# "Ready to accept connections", and protected mode off so the published port answers.
ARG BASE
FROM ${BASE} AS files
LABEL assay.images=build
COPY collect.sh redis-entrypoint.sh /build/
RUN install -D -m 0755 /build/redis-entrypoint.sh /usr/local/bin/redis-entrypoint \
 && /build/collect.sh /slim /bin/sh /bin/bash /usr/local/bin/redis-entrypoint /usr/bin/redis-server /usr/bin/redis-cli \
      /etc/passwd /etc/group \
 && install -d -m 1777 /slim/tmp \
 && install -d -o redis -g redis -m 0755 /slim/data

FROM scratch
COPY --from=files /slim /
ENV PATH=/usr/local/bin:/usr/bin:/bin
USER redis
WORKDIR /data
ENTRYPOINT ["redis-entrypoint"]
CMD ["redis-server"]
EXPOSE 6379
