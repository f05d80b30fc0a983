# shellcheck shell=bash
# Sourced by bin/env-up after env-common.sh: the image registry (distribution) on $REGISTRY_ADDR, with
# htpasswd authentication. Plain HTTP on loopback, which Docker treats as an insecure registry and
# sends basic credentials to; the registry asks for TLS with htpasswd only in its docs, not at start.
# The user gantry's password is generated (.env/secrets/registry-password).

REGISTRY_USER=gantry

# registry_get [CURL OPTION...]: the status of GET /v2/, 000 when nothing answers.
registry_get() { curl -sS --noproxy '*' --max-time 2 -o /dev/null -w '%{http_code}' "$@" "http://$REGISTRY_ADDR/v2/" 2>/dev/null || true; }

# registry_answers: the registry takes the user gantry's password and refuses a client without one.
registry_answers() {
  [[ "$(registry_get -u "$REGISTRY_USER:$(secret registry-password)")" == 200 ]] && [[ "$(registry_get)" == 401 ]]
}

start_registry() {
  local dir="$ENV_DIR/registry"
  mkdir -p "$dir/data"
  chmod 700 "$dir"
  # bcrypt, the one hash the registry's htpasswd reader accepts
  (umask 077; htpasswd -nbB "$REGISTRY_USER" "$(secret registry-password)" >"$dir/htpasswd") \
    || fail "writing $dir/htpasswd failed (htpasswd is in the Debian package apache2-utils)"
  # Our own config: Debian's default asks for htpasswd auth at a path of its own.
  (umask 077; cat >"$dir/config.yml") <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $REGISTRY_ADDR
auth:
  htpasswd:
    realm: gantry
    path: $dir/htpasswd
YAML
  start_daemon registry docker-registry serve "$dir/config.yml"
}

# upgrade_registry: a registry that answers but not as registry_answers wants (one an older env-up
# started without authentication, or with other credentials) is restarted with the lab's, if env-up
# started it; one it did not start is not touched.
upgrade_registry() {
  local pid status
  status="$(registry_get)"
  [[ "$status" == 000 ]] && return 0   # nothing listens: ensure starts it
  registry_answers && return 0
  pid="$(owned_pid registry)" || fail "the registry on $REGISTRY_ADDR was not started by env-up and does not ask for the lab's credentials (an anonymous request got $status); stop it, or run the lab's on another port (GANTRY_ENV_REGISTRY_PORT)"
  stop_pid registry "$pid" 10
  say "registry $REGISTRY_ADDR: stopped (pid $pid) to restart it with authentication"
}
