#!/usr/bin/env bash
# A pod calling its own Service is sent back to itself through docker0; without a network plugin
# the bridge drops that unless the pod's port is in hairpin mode. Sets it for every pod sandbox:
# those running now, then on each container start event and every 5 s (a start during this
# script's own start-up, before it listens to events, is caught by the next sweep).
set -uo pipefail

# Sets hairpin mode on the docker0 port of a sandbox; fails when that port is not found yet.
hairpin() {
  local pid peer port
  pid=$(docker inspect -f '{{.State.Pid}}' "$1" 2>/dev/null) || return 1
  # eth0@ifN inside the pod: N is the host end's interface index.
  peer=$(nsenter -t "$pid" -n ip -o link show eth0 2>/dev/null | sed -n 's/^[0-9]*: eth0@if\([0-9]*\):.*/\1/p')
  [[ -n $peer ]] || return 1
  for port in /sys/class/net/docker0/brif/*; do
    if [[ $(cat "/sys/class/net/${port##*/}/ifindex" 2>/dev/null) == "$peer" ]]; then
      echo 1 > "$port/hairpin_mode"
      return 0
    fi
  done
  return 1
}

declare -A done_before
sweep() {
  local -A done_now=()
  local id
  for id in $(docker ps -q --no-trunc --filter name=^k8s_POD_); do
    if [[ -n ${done_before[$id]:-} ]] || hairpin "$id"; then done_now[$id]=1; fi
  done
  done_before=()
  for id in "${!done_now[@]}"; do done_before[$id]=1; done
}

while true; do
  exec {events}< <(docker events --filter type=container --filter event=start --format '{{.ID}}')
  events_pid=$!
  while kill -0 "$events_pid" 2>/dev/null; do
    sweep
    read -r -t 5 -u "$events" _ || true
  done
  # The event stream ended (the engine restarted): listen again.
  exec {events}<&-
  sleep 1
done
