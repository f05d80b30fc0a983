# shellcheck shell=bash
# Sourced by bin/env-up, bin/env-down and bin/lab after env-common.sh: the Swarm lab, a Docker Swarm of
# GANTRY_LAB_NODES nodes (default 3: node1 the manager, the rest workers) on this one machine
# (docs/swarm.md#the-lab). Each node is a real dockerd in a network namespace of its own
# (gantry-nodeN, address 10.214.0.1N on the bridge gantry-lab0, whose host end is 10.214.0.1), with its
# own hostname, socket, data, state, pid file and cgroup. Nodes pull from the lab registry under the
# name the host uses (127.0.0.1:5000/...): in each namespace a relay listens on loopback :5000 and
# reaches the registry through a Unix socket on the host, so one image name serves every engine.

LAB_NODES="${GANTRY_LAB_NODES:-3}"
LAB_BRIDGE=gantry-lab0
LAB_SUBNET_PREFIX=10.214.0
LAB_BRIDGE_CIDR="$LAB_SUBNET_PREFIX.1/24"
# Machine paths, like the CD engine's: a Unix socket path must stay under 108 bytes.
LAB_RUN_DIR=/run/gantry-lab
LAB_DATA_ROOT=/var/lib/gantry-lab
LAB_REGISTRY_SOCKET="$LAB_RUN_DIR/registry.sock"
# Each node's daemon, its containerd and its containers live in this cgroup tree (pids controller), so
# `bin/lab kill` finds every process a node started without looking at names.
LAB_CGROUP=/sys/fs/cgroup/pids/gantry-lab
# shellcheck disable=SC2034  # read by tests and people: DOCKER_HOST=$(cat .env/swarm-docker-host)
SWARM_HOST_FILE="$ENV_DIR/swarm-docker-host"

lab_node_names() { local i; for (( i = 1; i <= LAB_NODES; i++ )); do printf 'node%d\n' "$i"; done; }
lab_manager() { printf 'node1\n'; }
lab_netns() { printf 'gantry-%s\n' "$1"; }
lab_address() { printf '%s.%d\n' "$LAB_SUBNET_PREFIX" $(( 10 + ${1#node} )); }
lab_host() { printf 'unix://%s/%s/docker.sock\n' "$LAB_RUN_DIR" "$1"; }
lab_docker() { local node="$1"; shift; docker -H "$(lab_host "$node")" "$@"; }
lab_answers() { lab_docker "$1" info >/dev/null 2>&1; }

lab_check_nodes() {
  [[ "$LAB_NODES" =~ ^[1-9]$ ]] || fail "GANTRY_LAB_NODES must be a number of nodes from 1 to 9, was \"$LAB_NODES\""
}

lab_is_node() { lab_node_names | grep -qxF -- "$1"; }

# The lab's bridge and the FORWARD rule that lets nodes reach each other over it: the host's FORWARD
# policy is DROP (its dockerd) and bridged frames go through iptables. Both marked as env-up's own.
lab_ensure_bridge() {
  if ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    ip link add name "$LAB_BRIDGE" type bridge || fail "creating the bridge $LAB_BRIDGE failed"
    : >"$RUN_DIR/lab-bridge"
    ip addr add "$LAB_BRIDGE_CIDR" dev "$LAB_BRIDGE" || fail "giving $LAB_BRIDGE the address $LAB_BRIDGE_CIDR failed"
    ip link set "$LAB_BRIDGE" up || fail "bringing the bridge $LAB_BRIDGE up failed"
  fi
  if ! iptables -C FORWARD -i "$LAB_BRIDGE" -o "$LAB_BRIDGE" -j ACCEPT 2>/dev/null; then
    iptables -I FORWARD 1 -i "$LAB_BRIDGE" -o "$LAB_BRIDGE" -j ACCEPT || fail "allowing traffic between the lab's nodes (iptables FORWARD) failed"
  fi
}

# A node's network: its namespace, a veth whose host end (named like the namespace) is on the bridge,
# and its address. No default route: a node reaches the other nodes and the host's end of the bridge only.
lab_ensure_netns() {
  local node="$1" ns address
  ns="$(lab_netns "$node")"
  address="$(lab_address "$node")"
  if ! ip netns list | grep -qx "$ns\( .*\)\?"; then
    ip netns add "$ns" || fail "creating the network namespace $ns failed"
  fi
  if ! ip link show "$ns" >/dev/null 2>&1; then
    ip link add "$ns" type veth peer name eth0 netns "$ns" || fail "creating the link of $node failed"
    ip link set "$ns" master "$LAB_BRIDGE" up || fail "attaching $ns to $LAB_BRIDGE failed"
    ip -n "$ns" addr add "$address/24" dev eth0 || fail "giving $node the address $address failed"
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
  fi
}

# The host end of the registry relay: the Unix socket every node's relay connects to.
lab_start_registry_relay() {
  mkdir -p "$LAB_RUN_DIR"
  start_daemon lab-registry-relay socat -lf "$LOG_DIR/lab-registry-relay.log" \
    "UNIX-LISTEN:$LAB_REGISTRY_SOCKET,fork,unlink-early,mode=600" "TCP:$REGISTRY_ADDR"
}
lab_registry_relay_answers() { [[ -S "$LAB_REGISTRY_SOCKET" ]] && owned_pid lab-registry-relay >/dev/null; }

lab_start_node_relay() {
  local node="$1"
  start_daemon "$node-registry-relay" nsenter --net="/var/run/netns/$(lab_netns "$node")" \
    socat -lf "$LOG_DIR/$node-registry-relay.log" "TCP-LISTEN:${REGISTRY_ADDR##*:},bind=127.0.0.1,fork,reuseaddr" \
    "UNIX-CONNECT:$LAB_REGISTRY_SOCKET"
}

# lab_start_node NODE: its dockerd, in its namespace and its cgroup, under its own hostname. It manages
# iptables inside its namespace only (publishing a task's port on the node needs that).
lab_start_node() {
  local node="$1" dir="$LAB_RUN_DIR/$1" cgroup="$LAB_CGROUP/$1"
  mkdir -p "$dir" "$cgroup"
  # shellcheck disable=SC2016  # $0 and $@ belong to the inner shell
  start_daemon "$node" --writes-pidfile nsenter --net="/var/run/netns/$(lab_netns "$node")" \
    unshare --uts sh -c 'echo $$ >"$0/cgroup.procs" && hostname "$1" && shift && exec "$@"' "$cgroup" "$node" \
    dockerd --host "$(lab_host "$node")" --pidfile "$RUN_DIR/$node.pid" --data-root "$LAB_DATA_ROOT/$node" \
    --exec-root "$dir/exec" --cgroup-parent "/gantry-lab/$node/containers"
}

# lab_start_node_exporter NODE: a node exporter in the node's namespace, on its address and the exporter's port,
# where gantry server lists it for Prometheus (docs/observability.md#what-prometheus-scrapes). The nodes share this
# machine's kernel, so CPU and memory are the machine's; network and the node's own view are its. Its text-file
# directory names the lab's, which is how env-down knows the process for its own.
lab_start_node_exporter() {
  local node="$1"
  mkdir -p "$ENV_DIR/monitoring/node-textfiles"
  start_daemon "$node-node-exporter" nsenter --net="/var/run/netns/$(lab_netns "$node")" \
    prometheus-node-exporter --web.listen-address="$(lab_address "$node"):9100" \
    --collector.textfile.directory="$ENV_DIR/monitoring/node-textfiles"
}

# lab_ensure_node NODE: network, relay, node exporter and daemon, each started only when it does not answer.
lab_ensure_node() {
  local node="$1"
  lab_ensure_netns "$node"
  if ! owned_pid "$node-registry-relay" >/dev/null; then lab_start_node_relay "$node"; fi
  if ! owned_pid "$node-node-exporter" >/dev/null; then lab_start_node_exporter "$node"; fi
  ensure "$node" "swarm $node $(lab_address "$node")" 60 "lab_answers $node" "lab_start_node $node"
}

lab_swarm_state() { lab_docker "$1" info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.NodeID}}' 2>/dev/null; }

# Nodes report to the manager every LAB_HEARTBEAT; Swarm marks a node down after about three missed
# heartbeats and only then starts its tasks elsewhere. Swarm's default of 5s made that 10-15 s after a
# node was cut; 2s makes it 4-6 s (docs/swarm.md#a-node-that-dies).
LAB_HEARTBEAT=2s

# The manager: a Swarm of its own, made unless it already manages one; its heartbeat set either way.
lab_ensure_manager() {
  local manager state control
  manager="$(lab_manager)"
  read -r state control _ <<<"$(lab_swarm_state "$manager")"
  if [[ "$state" != active || "$control" != true ]]; then
    [[ "$state" == inactive ]] || lab_docker "$manager" swarm leave --force >/dev/null 2>&1 || true
    lab_docker "$manager" swarm init --advertise-addr "$(lab_address "$manager")" >>"$LOG_DIR/$manager.log" 2>&1 \
      || fail "making the Swarm on $manager failed" "$LOG_DIR/$manager.log"
  fi
  lab_docker "$manager" swarm update --dispatcher-heartbeat "$LAB_HEARTBEAT" >>"$LOG_DIR/$manager.log" 2>&1 \
    || fail "setting the Swarm's heartbeat on $manager failed" "$LOG_DIR/$manager.log"
}

# A worker: joined unless the manager already lists it as a member.
lab_ensure_worker() {
  local node="$1" manager state id token
  manager="$(lab_manager)"
  read -r state _ id <<<"$(lab_swarm_state "$node")"
  if [[ "$state" == active ]] && lab_docker "$manager" node inspect "$id" >/dev/null 2>&1; then return; fi
  [[ "$state" == inactive ]] || lab_docker "$node" swarm leave --force >/dev/null 2>&1 || true
  token="$(lab_docker "$manager" swarm join-token -q worker)" || fail "reading the Swarm's join token from $manager failed"
  lab_docker "$node" swarm join --token "$token" --advertise-addr "$(lab_address "$node")" \
    "$(lab_address "$manager"):2377" >>"$LOG_DIR/$node.log" 2>&1 || fail "$node could not join the Swarm" "$LOG_DIR/$node.log"
}

# Nodes the manager still lists that are down and no lab node any more (a node's data made anew).
lab_forget_stale_nodes() {
  local manager id
  manager="$(lab_manager)"
  for id in $(lab_docker "$manager" node ls --filter role=worker --format '{{.ID}} {{.Status}}' | awk '$2 == "Down" {print $1}'); do
    lab_docker "$manager" node rm --force "$id" >/dev/null 2>&1 || true
  done
}

lab_wait_ready() {
  local manager deadline ready
  manager="$(lab_manager)"
  deadline=$(( $(now_ms) + 60000 ))
  until ready="$(lab_docker "$manager" node ls --format '{{.Status}}' | grep -cx Ready)" && (( ready >= LAB_NODES )); do
    (( $(now_ms) < deadline )) || fail "the Swarm has ${ready:-0} of $LAB_NODES nodes ready after 60s (docker -H $(lab_host "$manager") node ls)"
    sleep 0.2
  done
}

lab_up() {
  local node started
  lab_check_nodes
  started="$(now_ms)"
  lab_ensure_bridge
  if ! lab_registry_relay_answers; then lab_start_registry_relay; fi
  for node in $(lab_node_names); do lab_ensure_node "$node"; done
  lab_ensure_manager
  for node in $(lab_node_names | tail -n +2); do lab_ensure_worker "$node"; done
  lab_forget_stale_nodes
  lab_wait_ready
  printf '%s\n' "$(lab_host "$(lab_manager)")" >"$SWARM_HOST_FILE"
  say "swarm: $LAB_NODES nodes ready, manager $(lab_host "$(lab_manager)") ($(( ($(now_ms) - started) / 1000 ))s)"
}

# lab_kill NODE: SIGKILL every process of the node's cgroup tree (its daemon, containerd, containers).
lab_kill() {
  local node="$1" procs pid rounds=0
  while procs="$(cat "$LAB_CGROUP/$node"/cgroup.procs "$LAB_CGROUP/$node"/*/cgroup.procs \
      "$LAB_CGROUP/$node"/*/*/cgroup.procs 2>/dev/null)" && [[ -n "$procs" ]]; do
    for pid in $procs; do kill -KILL "$pid" 2>/dev/null || true; done
    (( ++rounds < 50 )) || fail "processes of $node survive SIGKILL: $(tr '\n' ' ' <<<"$procs")"
    sleep 0.1
  done
}

# lab_down: stop every node's daemon (by pid file, then whatever its cgroup still holds), the relays,
# and remove the namespaces, the bridge and the FORWARD rule env-up made. Node data is kept.
lab_down() {
  local node pid stopped=0
  for node in $({ ls "$LAB_CGROUP" 2>/dev/null; lab_node_names; } | sort -u); do
    if pid="$(owned_pid "$node")"; then
      stop_pid "$node" "$pid" 40
      say "swarm $node: stopped (pid $pid)"
      stopped=$((stopped + 1))
    fi
    lab_kill "$node"
    rm -f "$RUN_DIR/$node.pid"
    if pid="$(owned_pid "$node-registry-relay")"; then stop_pid "$node-registry-relay" "$pid" 5; fi
    rm -f "$RUN_DIR/$node-registry-relay.pid"
    if pid="$(owned_pid "$node-node-exporter")"; then stop_pid "$node-node-exporter" "$pid" 5; fi
    rm -f "$RUN_DIR/$node-node-exporter.pid"
    rmdir "$LAB_CGROUP/$node"/*/* "$LAB_CGROUP/$node"/* "$LAB_CGROUP/$node" 2>/dev/null || true
    if ip netns list | grep -q "^$(lab_netns "$node")\b"; then ip netns delete "$(lab_netns "$node")"; fi
    ip link delete "$(lab_netns "$node")" 2>/dev/null || true
  done
  if pid="$(owned_pid lab-registry-relay)"; then stop_pid lab-registry-relay "$pid" 5; fi
  rm -f "$RUN_DIR/lab-registry-relay.pid" "$LAB_REGISTRY_SOCKET" "$SWARM_HOST_FILE"
  rmdir "$LAB_CGROUP" 2>/dev/null || true
  if [[ -e "$RUN_DIR/lab-bridge" ]]; then
    while iptables -C FORWARD -i "$LAB_BRIDGE" -o "$LAB_BRIDGE" -j ACCEPT 2>/dev/null; do
      iptables -D FORWARD -i "$LAB_BRIDGE" -o "$LAB_BRIDGE" -j ACCEPT
    done
    ip link delete "$LAB_BRIDGE" 2>/dev/null || true
    rm -f "$RUN_DIR/lab-bridge"
    say "swarm: removed the bridge $LAB_BRIDGE, its namespaces and its FORWARD rule"
  fi
  return 0
}
