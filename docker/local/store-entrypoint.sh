#!/usr/bin/env bash
# Entrypoint of polyshop-local/stores (made by base-images.sh): runs one store from Debian's
# packages, taking the variables and data folders of the official image it stands in for, so that
# compose.local.yaml only changes images, ports and health checks. Local substitutes only.
#   store-entrypoint postgres   POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB; data in PGDATA
#   store-entrypoint mariadb    MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD, MYSQL_ROOT_PASSWORD
#   store-entrypoint redis|nats <the official image's command, as compose.yaml gives it>
# PORT is the TCP port to listen on (127.0.0.1: these run with host networking).
set -euo pipefail

store=${1:?usage: store-entrypoint postgres|mariadb|redis|nats [arguments]}
shift

case "$store" in
  postgres)
    bin=/usr/lib/postgresql/15/bin
    data=${PGDATA:-/var/lib/postgresql/data}
    mkdir -p "$data" /run/postgresql && chown -R postgres:postgres "$data" /run/postgresql
    as_postgres() { runuser -u postgres -- "$@"; }
    if [[ ! -s $data/PG_VERSION ]]; then
      pwfile=$(mktemp) && printf '%s' "$POSTGRES_PASSWORD" >"$pwfile" && chown postgres "$pwfile"
      as_postgres "$bin/initdb" -D "$data" -U "$POSTGRES_USER" --pwfile="$pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
      rm -f "$pwfile"
      as_postgres "$bin/pg_ctl" -D "$data" -w start \
        -o "-c listen_addresses='' -c unix_socket_directories=/run/postgresql" >/dev/null
      as_postgres "$bin/psql" -h /run/postgresql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
        -c "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\"" >/dev/null
      as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi
    exec runuser -u postgres -- "$bin/postgres" -D "$data" -c listen_addresses=127.0.0.1 \
      -c port="${PORT:?}" -c unix_socket_directories=/run/postgresql
    ;;
  mariadb)
    data=/var/lib/mysql
    mkdir -p "$data" /run/mysqld && chown -R mysql:mysql "$data" /run/mysqld
    if [[ ! -d $data/mysql ]]; then
      mariadb-install-db --user=mysql --datadir="$data" --auth-root-authentication-method=socket >/dev/null
      mariadbd --user=mysql --datadir="$data" --skip-networking --socket=/run/mysqld/init.sock &
      init=$!
      for _ in $(seq 60); do mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1 && break; sleep 0.5; done
      # As the official image does: no anonymous accounts (they would shadow user@'%' locally).
      mariadb --socket=/run/mysqld/init.sock -u root <<SQL
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
CREATE DATABASE \`$MYSQL_DATABASE\`;
CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '$MYSQL_PASSWORD';
GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'%';
ALTER USER 'root'@'localhost' IDENTIFIED BY '$MYSQL_ROOT_PASSWORD';
SQL
      kill "$init" && wait "$init" || true
    fi
    exec mariadbd --user=mysql --datadir="$data" --bind-address=127.0.0.1 --port="${PORT:?}" \
      --socket=/run/mysqld/mysqld.sock
    ;;
  redis)
    mkdir -p /data && chown redis:redis /data
    cd /data && exec runuser -u redis -- "$@" --bind 127.0.0.1 --port "${PORT:?}"
    ;;
  nats)
    exec "$@" --addr 127.0.0.1 --port "${PORT:?}" --http_port "${MONITOR_PORT:?}"
    ;;
  *)
    echo "store-entrypoint: unknown store $store" >&2
    exit 2
    ;;
esac
