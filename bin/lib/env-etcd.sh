# shellcheck shell=bash
# Sourced by bin/env-up after env-common.sh: etcd on $ETCD_CLIENT_URL with authentication on. The user
# root (password .env/secrets/etcd-root-password) administers it; the user gantry (password
# .env/secrets/etcd-password) has the role gantry, which may read and write Gantry's keys under
# /gantry/ only. Set up through etcd's JSON gateway (/v3/...), since Debian's etcd-server has no etcdctl.

ETCD_USER=gantry
ETCD_PREFIX=/gantry/

etcd_answers() { curl -fsS --noproxy '*' --max-time 2 -o /dev/null "$ETCD_CLIENT_URL/health"; }

# etcd_call PATH JSON [TOKEN]: POSTs to etcd's gateway; prints the answer, fails on an HTTP error.
etcd_call() {
  curl -fsS --noproxy '*' --max-time 5 -X POST ${3:+-H "Authorization: $3"} -d "$2" "$ETCD_CLIENT_URL$1"
}

b64() { printf '%s' "$1" | base64 -w0; }

# etcd_token USER PASSWORD: a token for USER, or nothing when etcd refuses the password.
etcd_token() {
  etcd_call /v3/auth/authenticate "{\"name\":\"$1\",\"password\":\"$2\"}" 2>/dev/null \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# etcd_auth_on: an anonymous read is refused.
etcd_auth_on() { ! etcd_call /v3/kv/range "{\"key\":\"$(b64 "$ETCD_PREFIX")\"}" >/dev/null 2>&1; }

start_etcd() {
  mkdir -p "$ENV_DIR/etcd"
  chmod 700 "$ENV_DIR/etcd"
  start_daemon etcd etcd --name gantry --data-dir "$ENV_DIR/etcd" \
    --listen-client-urls "$ETCD_CLIENT_URL" --advertise-client-urls "$ETCD_CLIENT_URL" \
    --listen-peer-urls "$ETCD_PEER_URL" --initial-advertise-peer-urls "$ETCD_PEER_URL" \
    --initial-cluster "gantry=$ETCD_PEER_URL" --initial-cluster-state new \
    --logger zap --log-outputs stderr
}

# ensure_etcd_auth: users, role and auth on, unless the user gantry can already log in. Live: etcd
# keeps running; from then on every client needs a user (an etcd of an older env-up is upgraded so).
ensure_etcd_auth() {
  local root gantry prefix_end
  root="$(secret etcd-root-password)" gantry="$(secret etcd-password)"
  if etcd_auth_on && [[ -n "$(etcd_token "$ETCD_USER" "$gantry")" ]]; then
    say "etcd: authentication on"
    return
  fi
  etcd_auth_on && fail "etcd at $ETCD_CLIENT_URL has authentication on but refuses the user $ETCD_USER's password from $SECRETS_DIR/etcd-password; it was set up by hand or with other credentials"
  prefix_end="$(b64 "${ETCD_PREFIX%/}0")"   # the key after every key under /gantry/ ('0' follows '/')
  # "already exists" answers fail with 400 (-f): each step is idempotent, so only the last must pass
  etcd_call /v3/auth/user/add "{\"name\":\"root\",\"password\":\"$root\"}" >/dev/null 2>&1 || true
  etcd_call /v3/auth/role/add '{"name":"root"}' >/dev/null 2>&1 || true
  etcd_call /v3/auth/user/grant '{"user":"root","role":"root"}' >/dev/null 2>&1 || true
  etcd_call /v3/auth/user/add "{\"name\":\"$ETCD_USER\",\"password\":\"$gantry\"}" >/dev/null 2>&1 || true
  etcd_call /v3/auth/role/add "{\"name\":\"$ETCD_USER\"}" >/dev/null 2>&1 || true
  etcd_call /v3/auth/role/grant "{\"name\":\"$ETCD_USER\",\"perm\":{\"permType\":\"READWRITE\",\"key\":\"$(b64 "$ETCD_PREFIX")\",\"range_end\":\"$prefix_end\"}}" >/dev/null \
    || fail "granting the etcd role $ETCD_USER read and write on $ETCD_PREFIX failed" "$LOG_DIR/etcd.log"
  etcd_call /v3/auth/user/grant "{\"user\":\"$ETCD_USER\",\"role\":\"$ETCD_USER\"}" >/dev/null 2>&1 || true
  etcd_call /v3/auth/enable '{}' >/dev/null || fail "enabling etcd's authentication failed" "$LOG_DIR/etcd.log"
  [[ -n "$(etcd_token "$ETCD_USER" "$gantry")" ]] || fail "etcd's user $ETCD_USER cannot log in after setup" "$LOG_DIR/etcd.log"
  say "etcd: authentication enabled (users root and $ETCD_USER, role $ETCD_USER on $ETCD_PREFIX)"
}
