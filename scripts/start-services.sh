#!/usr/bin/env bash
# Installs Debian's postgresql and redis-server when missing, starts both on loopback, and
# makes the PostgreSQL role and database "workbench" (password "workbench", may create the
# test databases). Safe to run again. Prints the URLs to use.
set -euo pipefail
PG_ROLE=${WORKBENCH_PG_ROLE:-workbench}
PG_PASSWORD=${WORKBENCH_PG_PASSWORD:-workbench}
REDIS_PORT=${WORKBENCH_REDIS_PORT:-6379}

if [ "$(id -u)" -ne 0 ]; then
  echo "run this script as root (it installs and starts system services)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL: the packaged cluster listens on localhost only; start it (or create one).
read -r version cluster status < <(pg_lsclusters --no-header | awk 'NR==1 {print $1, $2, $4}') || true
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  cluster=main
  pg_createcluster "$version" "$cluster" >/dev/null
  status=down
fi
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 60); do
  runuser -u postgres -- pg_isready -q -h 127.0.0.1 && break
  sleep 0.5
done
psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "$1"; }
if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" ]; then
  psql_admin "CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
fi
if [ -z "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$PG_ROLE'")" ]; then
  runuser -u postgres -- createdb -O "$PG_ROLE" "$PG_ROLE"
fi

# Redis: a loopback-only server without persistence, unless one answers already.
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' \
    --appendonly no --logfile /tmp/workbench-redis.log
  for _ in $(seq 60); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.5
  done
fi

echo "PostgreSQL $version: DATABASE_URL=postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:5432/$PG_ROLE"
echo "Redis: CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0"
