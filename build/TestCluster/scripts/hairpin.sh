#!/usr/bin/env bash
# A pod calling its own Service is sent back to itself through docker0; without a network plugin
# the bridge drops that unless the pod's port is in hairpin mode. Sets it for every pod sandbox
# running now and for each one that starts.
set -uo pipefail

hairpin() {
  local pid peer port
  pid=$(docker inspect -f '{{.State.Pid}}' "$1" 2>/dev/null) || return 0
  # eth0@ifN inside the pod: N is the host end's interface index.
  peer=$(nsenter -t "$pid" -n ip -o link show eth0 2>/dev/null | sed -n 's/^[0-9]*: eth0@if\([0-9]*\):.*/\1/p')
  [[ -n $peer ]] || return 0
  for port in /sys/class/net/docker0/brif/*; do
    if [[ $(cat "/sys/class/net/${port##*/}/ifindex" 2>/dev/null) == "$peer" ]]; then
      echo 1 > "$port/hairpin_mode"
    fi
  done
}

for id in $(docker ps -q --filter name=^k8s_POD_); do hairpin "$id"; done
docker events --filter type=container --filter event=start --format '{{.ID}} {{.Actor.Attributes.name}}' \
  | while read -r id name; do
      [[ $name == k8s_POD_* ]] && hairpin "$id"
    done
