# shellcheck shell=bash
# Shared by bin/env-up and bin/env-down: where the local environment keeps its state,
# and how its daemons are started, found and stopped by pid file. Sourced, not executed.

GANTRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# GANTRY_ENV_DIR and the GANTRY_ENV_*_PORT variables run a second lab beside the first (its own state,
# pid files, credentials and loopback ports), e.g. to try a change of env-up without touching the
# daemons tests are using. Unset, they are the lab every test and doc expects.
ENV_DIR="${GANTRY_ENV_DIR:-$GANTRY_ROOT/.env}"
RUN_DIR="$ENV_DIR/run"
LOG_DIR="$ENV_DIR/log"
# Generated credentials of the registry, etcd and PostgreSQL: owner-only, made once, kept.
SECRETS_DIR="$ENV_DIR/secrets"
# What Gantry and the tests read: GANTRY_* lines, `set -a; . .env/gantry.env; set +a` (docs/environment.md).
# shellcheck disable=SC2034
CREDENTIALS_FILE="$ENV_DIR/gantry.env"

# shellcheck disable=SC2034  # used by the scripts that source this
REGISTRY_ADDR="127.0.0.1:${GANTRY_ENV_REGISTRY_PORT:-5000}"
# shellcheck disable=SC2034
ETCD_CLIENT_URL="http://127.0.0.1:${GANTRY_ENV_ETCD_PORT:-2379}"
# shellcheck disable=SC2034
ETCD_PEER_URL="http://127.0.0.1:${GANTRY_ENV_ETCD_PEER_PORT:-2380}"

# The CD engine: a second dockerd where builds and tests run (docs/environment.md). Its paths are
# the machine's, like the first daemon's: a unix socket path must stay under 108 bytes whatever the
# repo path is, and a data root inside the repo would put image layers under the work tree.
# shellcheck disable=SC2034
CD_RUN_DIR=/run/gantry-cd
# shellcheck disable=SC2034
CD_DOCKER_HOST=unix:///run/gantry-cd/docker.sock
# shellcheck disable=SC2034
CD_DATA_ROOT=/var/lib/gantry-cd-docker
# Its own bridge, apart from docker0 (172.17.0.0/16) and the first daemon's address pools
# (172.18-31.0.0/16, 192.168.0.0/16), so the two daemons' containers never get the same addresses.
# shellcheck disable=SC2034
CD_BRIDGE=gantry-cd0
# shellcheck disable=SC2034
CD_BRIDGE_CIDR=10.213.0.1/24
# Where env-up records the CD engine's address for tests and people: GANTRY_CD_DOCKER_HOST=$(cat it).
# shellcheck disable=SC2034
CD_HOST_FILE="$ENV_DIR/cd-docker-host"

# The lab's first engine is this machine's own dockerd (unix:///var/run/docker.sock). A shell that sourced
# .env/gantry.env has DOCKER_HOST naming the lab's Swarm manager, which env-up must not build or start on.
unset DOCKER_HOST

say() { printf '%s\n' "$*"; }

# secret NAME: print the credential NAME, generated at its first use (32 letters and digits, safe in a
# URL, SQL, JSON and htpasswd) and kept in .env/secrets/NAME, mode 600 in a 700 directory.
secret() {
  local file="$SECRETS_DIR/$1" value
  (umask 077; mkdir -p "$SECRETS_DIR")
  chmod 700 "$SECRETS_DIR"
  if [[ ! -s "$file" ]]; then
    value="$(head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | head -c 32)"
    (umask 077; printf '%s\n' "$value" >"$file.tmp") && mv "$file.tmp" "$file"
  fi
  chmod 600 "$file"
  tr -d '\n' <"$file"
}

# fail MESSAGE [LOG]: report what failed (and the log's tail) on stderr, exit 3.
fail() {
  printf '%s: %s\n' "${0##*/}" "$1" >&2
  if [[ -n "${2:-}" ]]; then
    printf '  log: %s\n' "$2" >&2
    if [[ -s "$2" ]]; then tail -n 5 "$2" | sed 's/^/  | /' >&2; fi
  fi
  exit 3
}

# now_ms: a monotonic-enough clock for deadlines and timings.
now_ms() { date +%s%3N; }

# owned_pid NAME: print the pid from .env/run/NAME.pid if that process is alive and is ours.
# "Ours" means its command line mentions this repo's .env directory (the config, data dir or
# pid file we gave it) — for PostgreSQL, whose data lives outside the checkout when env-up runs as
# root, its data directory — which guards against a stale pid file whose pid was reused.
owned_pid() {
  local file="$RUN_DIR/$1.pid" pid marker="$ENV_DIR/"
  [[ "$1" == postgres && -n "${POSTGRES_DIR:-}" ]] && marker="$POSTGRES_DIR/"
  [[ -s "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] && alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  printf '%s\n' "$pid"
}

# alive PID: the process exists and is not a zombie.
alive() {
  local state
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# start_daemon NAME [--writes-pidfile] COMMAND...: start COMMAND in its own session, detached
# from this shell, output appended to .env/log/NAME.log. The pid goes to .env/run/NAME.pid,
# written by the started process itself (so it is right even if setsid has to fork), or by
# COMMAND when it says it writes that file (dockerd --pidfile refuses a file naming itself).
start_daemon() {
  local name="$1" pidfile="$RUN_DIR/$1.pid"; shift
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  rm -f "$pidfile"   # stale: callers only start when owned_pid found no live process
  printf '\n=== %s starting %s\n' "$(date -Is)" "$name" >>"$LOG_DIR/$name.log"
  if [[ "$1" == --writes-pidfile ]]; then
    shift
    setsid "$@" </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
  else
    # shellcheck disable=SC2016  # $$ and $@ belong to the inner shell
    setsid sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" \
      </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
  fi
}

# wait_until NAME SECONDS CHECK...: poll CHECK until it succeeds; fail if the deadline passes
# or the process named by .env/run/NAME.pid dies first.
wait_until() {
  local name="$1" seconds="$2"; shift 2
  local deadline=$(( $(now_ms) + seconds * 1000 )) started=$(( $(now_ms) + 2000 ))
  until "$@" >/dev/null 2>&1; do
    if (( $(now_ms) > deadline )); then
      fail "$name did not answer within ${seconds}s" "$LOG_DIR/$name.log"
    fi
    # Give the process a moment to write its pid file before judging it dead.
    if (( $(now_ms) > started )) && ! owned_pid "$name" >/dev/null; then
      fail "$name exited while starting" "$LOG_DIR/$name.log"
    fi
    sleep 0.1
  done
}

# ensure NAME LABEL DEADLINE CHECK START: start NAME unless CHECK passes, then wait. CHECK and START are
# a command each, a function and its words (e.g. "lab_answers node2").
ensure() {
  local name="$1" label="$2" seconds="$3" check start pid
  read -ra check <<<"$4"
  read -ra start <<<"$5"
  if "${check[@]}" >/dev/null 2>&1; then say "$label: already running"; return; fi
  if ! pid="$(owned_pid "$name")"; then
    "${start[@]}"
    wait_until "$name" "$seconds" "${check[@]}"
    say "$label: started (pid $(owned_pid "$name" || echo '?'))"
  else
    wait_until "$name" "$seconds" "${check[@]}"   # ours, still starting (an earlier run was cut short)
    say "$label: started earlier (pid $pid), now answering"
  fi
}

# stop_pid NAME PID SECONDS [SIGNAL]: SIGNAL (default TERM), wait up to SECONDS, then SIGKILL.
stop_pid() {
  local name="$1" pid="$2" seconds="$3" signal="${4:-TERM}" deadline
  deadline=$(( $(now_ms) + seconds * 1000 ))
  kill -"$signal" "$pid" 2>/dev/null || return 0
  while alive "$pid"; do
    if (( $(now_ms) > deadline )); then
      say "$name: did not stop within ${seconds}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      return 0
    fi
    sleep 0.1
  done
}

# find_base_jdk: print "FEATURE HOME" of the newest JDK >= 21 with jlink, looking at
# GANTRY_BASE_JDK (only that one, when set), else JAVA_HOME and /usr/lib/jvm/*.
find_base_jdk() {
  local candidates=() home version major best_major=0 best_home=""
  if [[ -n "${GANTRY_BASE_JDK:-}" ]]; then
    candidates=("$GANTRY_BASE_JDK")
  else
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    for home in /usr/lib/jvm/*/; do candidates+=("${home%/}"); done
  fi
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/jlink" && -r "$home/release" ]] || continue
    version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")"
    major="${version%%[.+-]*}"
    [[ "$major" == 1 ]] && major="$(cut -d. -f2 <<<"$version")"   # 1.8.0 style
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major >= 21 && major > best_major )); then best_major="$major" best_home="$home"; fi
  done
  [[ -n "$best_home" ]] || return 1
  printf '%s %s\n' "$best_major" "$best_home"
}

# base_recipe JDK_HOME: what the base image is made of; a change rebuilds it.
base_recipe() {
  { cat "$GANTRY_ROOT/bin/lib/build-base-image"; cat "$1/release"; } | sha256sum | cut -c1-16
}
