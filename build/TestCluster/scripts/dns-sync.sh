#!/usr/bin/env bash
# Keeps the cluster DNS's hosts file equal to the cluster's Services, one
# "<clusterIP> <name>.<namespace>.svc.cluster.local" line each: on every Service watch event the
# file is rewritten (a rename, so dnsmasq never reads half of it) and dnsmasq told to reread it.
set -uo pipefail
kubectl=$1 kubeconfig=$2 hosts=$3 dnsmasq_pidfile=$4

write_hosts() {
  "$kubectl" --kubeconfig "$kubeconfig" get services --all-namespaces \
    -o jsonpath='{range .items[*]}{.spec.clusterIP} {.metadata.name}.{.metadata.namespace}.svc.cluster.local{"\n"}{end}' \
    | awk '$1 != "" && $1 != "None"' > "$hosts.tmp" || return 0
  mv "$hosts.tmp" "$hosts"
  kill -HUP "$(cat "$dnsmasq_pidfile")" 2>/dev/null || true
}

# A watch ends when the server closes it (after some minutes) or restarts: watch again.
while true; do
  "$kubectl" --kubeconfig "$kubeconfig" get services --all-namespaces --watch -o name 2>/dev/null \
    | while read -r _; do write_hosts; done
  sleep 1
done
