# shellcheck shell=bash
# Sourced by bin/env-up after env-common.sh: Prometheus on $PROMETHEUS_ADDR and Alertmanager on $ALERTMANAGER_ADDR
# (Debian's prometheus and prometheus-alertmanager) for the metrics and alerts of docs/scaling.md. Prometheus scrapes
# what is listed in .env/monitoring/targets/*.json (file-based discovery: a new file needs no restart; `gantry server
# --prometheus-targets` writes itself there, gantry-*.json, and the nodes of production, nodes-*.json) with the read token in .env/monitoring/gantry-token, evaluates the
# rules in .env/monitoring/rules/*.yml (Gantry's own, monitoring/gantry-rules.yml, among them) every second and sends what fires to the Alertmanager, which routes it as
# .env/monitoring/alertmanager.yml says (no receiver until one is written there). Both reread their files on
# POST /-/reload. Their base URLs go to .env/prometheus-url and .env/alertmanager-url.

PROMETHEUS_ADDR="127.0.0.1:${GANTRY_ENV_PROMETHEUS_PORT:-9090}"
ALERTMANAGER_ADDR="127.0.0.1:${GANTRY_ENV_ALERTMANAGER_PORT:-9093}"
NODE_EXPORTER_ADDR="127.0.0.1:9100"   # the port gantry server lists nodes at (docs/observability.md)
MONITORING_DIR="$ENV_DIR/monitoring"

prometheus_answers() { curl -fsS --noproxy '*' --max-time 2 -o /dev/null "http://$PROMETHEUS_ADDR/-/ready"; }
node_exporter_answers() { curl -fsS --noproxy '*' --max-time 2 -o /dev/null "http://$NODE_EXPORTER_ADDR/metrics"; }
alertmanager_answers() { curl -fsS --noproxy '*' --max-time 2 -o /dev/null "http://$ALERTMANAGER_ADDR/-/ready"; }

# write_monitoring_config: Prometheus' file, written each time (it names this lab's paths and ports); the
# Alertmanager's only when missing, as tests and people write their receivers into it.
write_monitoring_config() {
  mkdir -p "$MONITORING_DIR/targets" "$MONITORING_DIR/rules" "$MONITORING_DIR/prometheus-data" \
    "$MONITORING_DIR/alertmanager-data"
  cat >"$MONITORING_DIR/prometheus.yml.tmp" <<CONFIG
# Written by bin/env-up (bin/lib/env-monitoring.sh); see docs/environment.md.
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: ["$MONITORING_DIR/rules/*.yml"]
alerting:
  alertmanagers: [{static_configs: [{targets: ["$ALERTMANAGER_ADDR"]}]}]
scrape_configs:
  - job_name: gantry
    file_sd_configs: [{files: ["$MONITORING_DIR/targets/gantry-*.json"], refresh_interval: 1s}]
    authorization: {credentials_file: "$MONITORING_DIR/gantry-token"}
  - job_name: node
    scrape_interval: 5s
    file_sd_configs: [{files: ["$MONITORING_DIR/targets/nodes-*.json"], refresh_interval: 1s}]
CONFIG
  mv "$MONITORING_DIR/prometheus.yml.tmp" "$MONITORING_DIR/prometheus.yml"
  # the rules shipped with Gantry, evaluated on the lab's series like any installation's (docs/observability.md)
  cp "$GANTRY_ROOT/monitoring/gantry-rules.yml" "$MONITORING_DIR/rules/gantry.yml.tmp"
  mv "$MONITORING_DIR/rules/gantry.yml.tmp" "$MONITORING_DIR/rules/gantry.yml"
  if [[ ! -s "$MONITORING_DIR/alertmanager.yml" ]]; then
    printf '%s\n' "# No receiver until one is written here (docs/scaling.md#scaling-on-alerts)." \
      "route: {receiver: none}" "receivers: [{name: none}]" >"$MONITORING_DIR/alertmanager.yml"
  fi
  printf 'http://%s\n' "$PROMETHEUS_ADDR" >"$ENV_DIR/prometheus-url"
  printf 'http://%s\n' "$ALERTMANAGER_ADDR" >"$ENV_DIR/alertmanager-url"
}

# Firing alerts are sent to the Alertmanager again every 2s (Prometheus' default is a minute): an alert that fired
# while a reload had the Alertmanager list empty for a moment is dropped, and would otherwise wait that long.
start_prometheus() {
  start_daemon prometheus prometheus --config.file="$MONITORING_DIR/prometheus.yml" \
    --storage.tsdb.path="$MONITORING_DIR/prometheus-data" --storage.tsdb.retention.time=1d \
    --web.listen-address="$PROMETHEUS_ADDR" --web.enable-lifecycle --rules.alert.resend-delay=2s
}

reload_prometheus() { curl -fsS --noproxy '*' --max-time 5 -o /dev/null -X POST "http://$PROMETHEUS_ADDR/-/reload"; }

# The machine's own figures (CPU, memory, disk, network: Debian's prometheus-node-exporter) on the node exporter's
# port: the node a gantry server on this machine's engine lists for Prometheus (job node); each Swarm node has its
# own in its namespace (env-swarm.sh).
# (Its text-file directory is where an operator drops extra .prom files; it names the lab's directory, which is
# how env-down knows the process for its own.)
start_node_exporter() {
  mkdir -p "$MONITORING_DIR/node-textfiles"
  start_daemon node-exporter prometheus-node-exporter --web.listen-address="$NODE_EXPORTER_ADDR" \
    --collector.textfile.directory="$MONITORING_DIR/node-textfiles"
}

# The Alertmanager alone, not a cluster: no gossip port on every address.
start_alertmanager() {
  start_daemon alertmanager prometheus-alertmanager --config.file="$MONITORING_DIR/alertmanager.yml" \
    --storage.path="$MONITORING_DIR/alertmanager-data" --web.listen-address="$ALERTMANAGER_ADDR" \
    --cluster.listen-address=
}
