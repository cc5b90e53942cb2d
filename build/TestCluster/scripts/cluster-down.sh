#!/usr/bin/env bash
# Stops the test cluster: its processes by their recorded ids, the kubelet's containers and
# mounts, the iptables rules kube-proxy and the kubelet added, the cluster DNS; restores the
# sysctls recorded before ClusterUp. With --purge also deletes the cluster's data, its sandbox
# image and the kubeconfig context.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/common.sh"
source "$here/cluster-layout.sh"

purge=false
[[ ${1:-} == --purge ]] && purge=true
[[ $(id -u) -eq 0 ]] || die "stopping the test cluster needs root; run: sudo ./build.sh ClusterDown"
[[ -d $state ]] || { say "No test cluster here ($state does not exist)."; exit 0; }
bin=$(cat "$state/binaries" 2>/dev/null || true)

# Each component was started in a session of its own: the whole group goes (kubectl and docker
# children of the watchers too).
stop() {
  local name=$1 pidfile=$state/pids/$1.pid pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 0
  if running "$name"; then
    say "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do running "$name" || break; sleep 0.25; done
    if running "$name"; then
      say "$name did not stop within 10 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}
for ((i = ${#components[@]} - 1; i >= 0; i--)); do stop "${components[i]}"; done

containers=$(docker ps -aq --filter label=io.kubernetes.docker.type)
if [[ -n $containers ]]; then
  say "removing the kubelet's containers ($(wc -w <<<"$containers"))"
  docker rm -f -v $containers >/dev/null
fi

# The kubelet's mounts outlive it: its root directory bound onto itself (once per start) and the
# pods' volumes (secrets, tokens). Innermost first; a target listed twice is unmounted twice.
findmnt -rn -o TARGET | awk -v root="$state/kubelet" '$0 == root || index($0, root "/") == 1' | sort -r \
  | while read -r target; do umount "$target" 2>/dev/null || umount -l "$target" || true; done

# The kubelet's pod cgroups, innermost first, once they are empty.
for root in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
  [[ -d $root ]] && find "$root" -depth -type d -exec rmdir {} \; 2>/dev/null || true
done

# kube-proxy's rules first by its own cleanup (it needs ipset and conntrack), then whatever
# KUBE- chains remain (its canaries, the kubelet's KUBE-FIREWALL, KUBE-MARK-*, KUBE-POSTROUTING),
# with the jumps into them. Docker's and everyone else's rules are left as they are.
if [[ -x $bin/kube-proxy ]]; then "$bin/kube-proxy" --cleanup >"$state/logs/kube-proxy-cleanup.log" 2>&1 || true; fi
remove_kube_chains() {
  local save=$1 tool=$2 table rule chain
  command -v "$save" >/dev/null || return 0
  "$save" 2>/dev/null | awk '/^\*/ {table = substr($0, 2)} /^-A / && $2 !~ /^KUBE-/ && / -j KUBE-/ {sub(/^-A /, ""); print table "\t" $0}' \
    | while IFS=$'\t' read -r table rule; do eval "$tool -w -t $table -D $rule" || true; done
  "$save" 2>/dev/null | awk '/^\*/ {table = substr($0, 2)} /^:KUBE-/ {print table, substr($1, 2)}' > "$state/saved/kube-chains"
  while read -r table chain; do "$tool" -w -t "$table" -F "$chain"; done < "$state/saved/kube-chains"
  while read -r table chain; do "$tool" -w -t "$table" -X "$chain"; done < "$state/saved/kube-chains"
  rm -f "$state/saved/kube-chains"
}
remove_kube_chains iptables-save iptables
remove_kube_chains ip6tables-save ip6tables

if [[ -f $state/saved/sysctls ]]; then
  while IFS='=' read -r key value; do
    [[ $(sysctl -n "$key" 2>/dev/null) == "$value" ]] || sysctl -qw "$key=$value" >/dev/null || say "warning: could not restore $key=$value"
  done < "$state/saved/sysctls"
fi

# Left behind would be any KUBE- rule that was not there before ClusterUp.
if [[ -f $state/saved/iptables-before ]]; then
  left=$(comm -13 <(grep KUBE- "$state/saved/iptables-before" | sort) <(iptables-save | grep KUBE- | sort) || true)
  [[ -z $left ]] || die "iptables rules of the cluster are left behind:
$left"
fi
if [[ -f $state/saved/new-log-dirs ]]; then
  while read -r dir; do rm -rf "$dir"; done < "$state/saved/new-log-dirs"
fi
rm -f "$state/saved/sysctls" "$state/saved/iptables-before" "$state/saved/new-log-dirs" "$state/dns/hosts"
say "The test cluster is stopped."

if $purge; then
  docker image rm "$(pause_image_of "${bin:-none}")" >/dev/null 2>&1 || true
  if [[ -x $bin/kubectl ]]; then
    target=$(user_kubeconfig)
    if [[ -f $target ]]; then
      if [[ $("$bin/kubectl" --kubeconfig "$target" config current-context 2>/dev/null) == mooc-local ]]; then
        "$bin/kubectl" --kubeconfig "$target" config unset current-context >/dev/null
      fi
      for what in delete-context delete-cluster delete-user; do "$bin/kubectl" --kubeconfig "$target" config "$what" mooc-local >/dev/null 2>&1 || true; done
    fi
  fi
  rm -rf "$state"
  say "Purged: the cluster's data ($state), its sandbox image and the kubeconfig context mooc-local."
fi
