#!/bin/sh
# Run by the postgres image on a new data folder (/docker-entrypoint-initdb.d): lets the replica of
# docker-compose.yml's `replica` profile stream from this server (pg_basebackup, then streaming
# replication), with the same password authentication as every other connection.
echo 'host replication all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
