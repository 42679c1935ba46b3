#!/bin/sh
# A streaming replica (hot standby) of the primary: on its first start the data directory is
# empty, so it is copied from the primary with pg_basebackup -R (which writes standby.signal and
# primary_conninfo); then, and on every later start, the postgres image's own entrypoint runs it.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -U replicator -q; do sleep 1; done
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream -P
  chmod 700 "$PGDATA"
fi
exec docker-entrypoint.sh postgres
