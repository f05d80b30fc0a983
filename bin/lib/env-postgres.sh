# shellcheck shell=bash
# Sourced by bin/env-up after env-common.sh: a PostgreSQL cluster started by this checkout, for the
# tests that run Gantry's store on PostgreSQL (docs/environment.md). It listens on 127.0.0.1:55432
# only (no Unix socket, so it never meets the system cluster), and it runs as the OS user postgres
# when env-up runs as root (PostgreSQL refuses to run as root). As root its data is in
# /var/lib/gantry-postgres, which the user postgres can always reach (a checkout under /root cannot
# be); otherwise in .env/postgres. Its pid file is in .env/run, like every other service's.
# The role gantry's password is generated (.env/secrets/postgres-password): every process on this
# machine, test containers on the host network included, can reach the port.

POSTGRES_PORT="${GANTRY_ENV_POSTGRES_PORT:-55432}"
# The password of clusters made by env-up before it generated one; such a cluster gets the generated one.
POSTGRES_OLD_PASSWORD=gantry
if [[ -n "${GANTRY_ENV_POSTGRES_DIR:-}" ]]; then
  POSTGRES_DIR="$GANTRY_ENV_POSTGRES_DIR"
elif [[ "$(id -u)" == 0 ]]; then
  POSTGRES_DIR=/var/lib/gantry-postgres
else
  POSTGRES_DIR="$ENV_DIR/postgres"
fi

# postgres_url: the store URL of the role gantry, with its password.
postgres_url() {
  printf 'jdbc:postgresql://127.0.0.1:%s/gantry?user=gantry&password=%s\n' "$POSTGRES_PORT" "$(secret postgres-password)"
}

# postgres_bin: the bin directory of the newest PostgreSQL installed (Debian keeps each major apart).
postgres_bin() {
  local dirs
  dirs="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V)" || true
  [[ -n "$dirs" ]] || return 1
  tail -n 1 <<<"$dirs"
}

# as_postgres COMMAND...: COMMAND as the OS user postgres when we are root, else as ourselves.
as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

# postgres_psql PASSWORD SQL: runs SQL as the role gantry with PASSWORD.
postgres_psql() {
  local bin
  bin="$(postgres_bin)" || return 1
  PGPASSWORD="$1" PGCONNECT_TIMEOUT=2 "$bin/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" \
    -U gantry -d gantry -Atqc "$2" >/dev/null 2>&1
}

# postgres_answers: the cluster takes logins of the role gantry on its database, with the generated password.
postgres_answers() { postgres_psql "$(secret postgres-password)" 'SELECT 1'; }

# postgres_ready: postgres_answers, after giving the role its generated password if the cluster was
# made before env-up generated one and still takes "gantry" (live: no restart; new logins need it).
postgres_ready() {
  postgres_answers && return 0
  postgres_psql "$POSTGRES_OLD_PASSWORD" 'SELECT 1' || return 1
  postgres_psql "$POSTGRES_OLD_PASSWORD" "ALTER ROLE gantry PASSWORD '$(secret postgres-password)'" || return 1
  postgres_answers
}

# init_postgres BIN: a new cluster with the role and database gantry, unless one was made before.
# .env/postgres/initialized is written last, so a cluster whose making was cut short is made anew.
init_postgres() {
  local bin="$1" log="$LOG_DIR/postgres.log"
  [[ -e "$POSTGRES_DIR/initialized" ]] && return 0
  rm -rf "$POSTGRES_DIR"
  mkdir -p "$POSTGRES_DIR/data"
  chmod 700 "$POSTGRES_DIR" "$POSTGRES_DIR/data"
  [[ "$(id -u)" == 0 ]] && chown -R postgres:postgres "$POSTGRES_DIR"
  as_postgres test -w "$POSTGRES_DIR/data" \
    || fail "the OS user postgres cannot reach $POSTGRES_DIR: give it search permission on every directory above it (chmod o+x DIR)"
  printf '\n=== %s initdb %s\n' "$(date -Is)" "$POSTGRES_DIR/data" >>"$log"
  # Locale C: text sorts by bytes, as SQLite's default collation does.
  as_postgres "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres --encoding=UTF8 --locale=C \
    --auth-local=peer --auth-host=scram-sha-256 >>"$log" 2>&1 || fail "initdb failed" "$log"
  # Single-user mode: the role and database exist before the server first listens.
  as_postgres "$bin/postgres" --single -D "$POSTGRES_DIR/data" postgres >>"$log" 2>&1 <<SQL \
    || fail "creating the role and database gantry failed" "$log"
CREATE ROLE gantry LOGIN CREATEDB PASSWORD '$(secret postgres-password)';
CREATE DATABASE gantry OWNER gantry;
SQL
  touch "$POSTGRES_DIR/initialized"
}

# set_postgres_password BIN: gives the role gantry this checkout's generated password, in single-user
# mode before the server starts, so no earlier password is needed: as root the cluster's data is shared
# by every checkout (/var/lib/gantry-postgres), and the last one to start it may have set another.
set_postgres_password() {
  local bin="$1" log="$LOG_DIR/postgres.log"
  as_postgres "$bin/postgres" --single -D "$POSTGRES_DIR/data" postgres >>"$log" 2>&1 <<SQL \
    || fail "giving the role gantry its password failed" "$log"
ALTER ROLE gantry PASSWORD '$(secret postgres-password)';
SQL
}

# The tests' data is thrown away (every test drops its database): no fsync, as every CI's PostgreSQL service
# runs, so that creating a database or committing a row does not wait for the disk. Never for a real store.
THROWAWAY=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)

start_postgres() {
  local bin
  bin="$(postgres_bin)" || fail "no PostgreSQL under /usr/lib/postgresql (the Debian package postgresql installs it)"
  init_postgres "$bin"
  set_postgres_password "$bin"
  if [[ "$(id -u)" == 0 ]]; then
    start_daemon postgres setpriv --reuid=postgres --regid=postgres --init-groups -- \
      "$bin/postgres" -D "$POSTGRES_DIR/data" -c listen_addresses=127.0.0.1 -c port="$POSTGRES_PORT" \
      -c unix_socket_directories= "${THROWAWAY[@]}"
  else
    start_daemon postgres "$bin/postgres" -D "$POSTGRES_DIR/data" -c listen_addresses=127.0.0.1 \
      -c port="$POSTGRES_PORT" -c unix_socket_directories= "${THROWAWAY[@]}"
  fi
}
