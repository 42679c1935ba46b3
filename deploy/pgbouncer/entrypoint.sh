#!/bin/sh
# Renders pgbouncer.ini from its template and the environment, writes the auth user's password
# (the only one PgBouncer keeps), and runs PgBouncer in the foreground.
set -eu
export PGBOUNCER_DIR=/tmp/pgbouncer
export PGBOUNCER_LISTEN_ADDR="${PGBOUNCER_LISTEN_ADDR:-0.0.0.0}"
export PGBOUNCER_LISTEN_PORT="${PGBOUNCER_LISTEN_PORT:-6432}"
mkdir -p "$PGBOUNCER_DIR"
envsubst '${PGBOUNCER_DB_HOST} ${PGBOUNCER_DB_PORT} ${PGBOUNCER_AUTH_USER} ${PGBOUNCER_LISTEN_ADDR} ${PGBOUNCER_LISTEN_PORT} ${PGBOUNCER_DIR}' \
  < /etc/pgbouncer/pgbouncer.ini.template > "$PGBOUNCER_DIR/pgbouncer.ini"
printf '"%s" "%s"\n' "$PGBOUNCER_AUTH_USER" "$PGBOUNCER_AUTH_PASSWORD" > "$PGBOUNCER_DIR/userlist.txt"
chmod 600 "$PGBOUNCER_DIR/userlist.txt"
exec pgbouncer "$PGBOUNCER_DIR/pgbouncer.ini"
