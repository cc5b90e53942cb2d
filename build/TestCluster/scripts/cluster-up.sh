#!/usr/bin/env bash
# Starts the single-node test cluster (builds its binaries first when they are not cached).
# Idempotent: components already running are left alone; missing ones are started.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/common.sh"
source "$here/cluster-layout.sh"

[[ $(id -u) -eq 0 ]] || die "the test cluster needs root (iptables, sysctls, the Docker engine's containers); run: sudo ./build.sh ClusterUp"
# A running cluster is left alone, quickly: every component runs and the API server is ready.
all_running() { local c; for c in "${components[@]}"; do running "$c" || return 1; done; }
if all_running && "$(cat "$state/binaries")/kubectl" --kubeconfig "$state/config/admin.kubeconfig" get --raw /readyz >/dev/null 2>&1; then
  say "The test cluster is already running; left as it is. kubectl --context mooc-local get nodes (admin kubeconfig: $state/config/admin.kubeconfig)"
  exit 0
fi

need_packages etcd-server socat conntrack ipset dnsmasq-base iptables openssl curl
docker info >/dev/null 2>&1 || die "the Docker engine does not answer on /var/run/docker.sock; start it (e.g. systemctl start docker) and run ClusterUp again"

bin=$("$here/build-kubernetes.sh")
mkdir -p "$state"/{pki,logs,pids,saved,dns,etcd,kubelet,config}
chmod 700 "$state" "$state/pki"
printf '%s\n' "$bin" > "$state/binaries"
started=$SECONDS

bridge_ip=$(ip -4 -o addr show dev docker0 | awk '{split($4, a, "/"); print a[1]; exit}')
[[ -n $bridge_ip ]] || die "docker0 has no IPv4 address; the test cluster's pods use Docker's default bridge"
bridge_subnet=$(docker network inspect bridge -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}')
printf '%s\n' "$bridge_ip" > "$state/bridge-ip"

# --- what ClusterDown restores: recorded once per up/down cycle, before anything is changed ---
if [[ ! -f $state/saved/sysctls ]]; then
  for key in "${recorded_sysctls[@]}"; do
    value=$(sysctl -n "$key" 2>/dev/null) && printf '%s=%s\n' "$key" "$value"
  done > "$state/saved/sysctls.tmp"
  iptables-save > "$state/saved/iptables-before"
  # The kubelet writes pod logs under /var/log whatever its root directory.
  for dir in /var/log/pods /var/log/containers; do [[ -e $dir ]] || echo "$dir"; done > "$state/saved/new-log-dirs"
  mv "$state/saved/sysctls.tmp" "$state/saved/sysctls"
fi

# --- certificates and keys (made once; kept until ClusterDown --purge) ---
pki=$state/pki
openssl_quiet() { openssl "$@" 2>"$state/logs/openssl.log" || { say "openssl $1 failed:"; tail -n 20 "$state/logs/openssl.log" >&2; exit 1; }; }
if [[ ! -f $pki/ca.crt ]]; then
  say "Creating the cluster's CA, certificates and keys in $pki"
  openssl_quiet genrsa -out "$pki/ca.key" 2048
  openssl_quiet req -x509 -new -nodes -key "$pki/ca.key" -subj "/CN=mooc-local-ca" -days 3650 -out "$pki/ca.crt"
  openssl_quiet genrsa -out "$pki/sa.key" 2048
  openssl_quiet rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub"
fi
# A client or serving certificate signed by the CA: name, subject, optional subjectAltName.
issue() {
  local name=$1 subject=$2 sans=${3:-}
  [[ -f $pki/$name.crt ]] && return 0
  openssl_quiet genrsa -out "$pki/$name.key" 2048
  openssl_quiet req -new -key "$pki/$name.key" -subj "$subject" -out "$pki/$name.csr"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ -n $sans ]]; then echo "extendedKeyUsage=serverAuth,clientAuth"; echo "subjectAltName=$sans"
    else echo "extendedKeyUsage=clientAuth"; fi
  } > "$pki/$name.ext"
  openssl_quiet x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 3650 -extfile "$pki/$name.ext" -out "$pki/$name.crt"
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}
issue apiserver "/CN=kube-apiserver" "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:$bridge_ip,IP:$kubernetes_service_ip"
issue admin "/O=system:masters/CN=mooc-local-admin"
issue apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
issue controller-manager "/CN=system:kube-controller-manager"
issue scheduler "/CN=system:kube-scheduler"
issue kubelet "/O=system:nodes/CN=system:node:$node_name"
issue kube-proxy "/CN=system:kube-proxy"

server="https://$bridge_ip:$apiserver_port"
kubeconfig_for() {
  local name=$1 file=$state/config/$1.kubeconfig
  cat > "$file.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: mooc-local
  cluster:
    server: $server
    certificate-authority: $pki/ca.crt
users:
- name: $name
  user:
    client-certificate: $pki/$name.crt
    client-key: $pki/$name.key
contexts:
- name: mooc-local
  context: {cluster: mooc-local, user: $name}
current-context: mooc-local
YAML
  mv "$file.tmp" "$file"
}
for c in admin controller-manager scheduler kubelet kube-proxy; do kubeconfig_for "$c"; done
admin_kubeconfig=$state/config/admin.kubeconfig
kubectl() { "$bin/kubectl" --kubeconfig "$admin_kubeconfig" "$@"; }

# --- processes ---
port_free() {
  local address=$1 port=$2 proto=${3:-t} holder
  holder=$(ss -H -l"${proto}"np "( sport = :$port )" 2>/dev/null | awk -v a="$address" '$4 ~ "^(" a "|0\\.0\\.0\\.0|\\*|\\[::\\]):"' | head -n1)
  [[ -z $holder ]] || die "port $address:$port is in use ($holder); stop what holds it and run ClusterUp again"
}
# Starts a component in its own session, output to its log, and records its pid.
launch() {
  local name=$1; shift
  say "[$((SECONDS - started)) s] starting $name"
  # Appended, so the log of a run that died is still there after a restart.
  echo "--- $(date -u +%FT%TZ) started by ClusterUp" >>"$state/logs/$name.log"
  setsid "$@" >>"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! > "$state/pids/$name.pid"
}
# Waits until a check passes; when it does not, shows the component's last log lines.
await() {
  local name=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! running "$name"; then
      say "error: $name exited; last lines of $state/logs/$name.log:"; tail -n 30 "$state/logs/$name.log" >&2; exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "error: $name did not become healthy within $timeout s; last lines of $state/logs/$name.log:"; tail -n 30 "$state/logs/$name.log" >&2; exit 1
    fi
    sleep 0.5
  done
  say "[$((SECONDS - started)) s] $name is healthy"
}
healthz() { curl -fsk --max-time 2 "$1" | grep -qx ok; }

if ! running etcd; then
  port_free 127.0.0.1 "$etcd_client_port"; port_free 127.0.0.1 "$etcd_peer_port"
  launch etcd etcd --name mooc-local --data-dir "$state/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_client_port" --advertise-client-urls "http://127.0.0.1:$etcd_client_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "mooc-local=http://127.0.0.1:$etcd_peer_port" --listen-metrics-urls "" --logger zap
fi
await etcd 30 sh -c "curl -fs --max-time 2 http://127.0.0.1:$etcd_client_port/health | grep -q '\"health\":\"true\"'"

if ! running kube-apiserver; then
  port_free "$bridge_ip" "$apiserver_port"
  launch kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_client_port" \
    --bind-address "$bridge_ip" --advertise-address "$bridge_ip" --secure-port "$apiserver_port" --insecure-port 0 \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
    --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range "$service_cidr" --authorization-mode Node,RBAC \
    --kubelet-preferred-address-types InternalIP,Hostname \
    --enable-admission-plugins NodeRestriction --allow-privileged=true --profiling=false
fi

pause_image=$(pause_image_of "$bin")
if ! docker image inspect "$pause_image" >/dev/null 2>&1; then
  say "Importing the pod sandbox image $pause_image"
  tar -C "$bin" -c pause | docker import --change 'ENTRYPOINT ["/pause"]' - "$pause_image" >/dev/null
fi

# A root without CAP_SYS_RESOURCE cannot give containers a negative oom_score_adj, and runc then
# fails every sandbox; the patched dockershim then asks for 0 at the lowest.
oom_floor_env=()
cap_eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
if (( (0x$cap_eff >> 24 & 1) == 0 )); then
  say "No CAP_SYS_RESOURCE here: containers get oom_score_adj 0 at the lowest"
  oom_floor_env=(KUBELET_DOCKERSHIM_OOM_SCORE_ADJ_FLOOR=0)
fi

cat > "$state/config/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $bridge_ip
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $pki/ca.crt}
authorization: {mode: Webhook}
cgroupDriver: cgroupfs
failSwapOn: false
oomScoreAdj: 0
clusterDNS: [$dns_service_ip]
clusterDomain: cluster.local
# The pipeline's images are on this node only: never garbage-collect images, and no disk-pressure
# eviction, which would delete images too.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi"}
serializeImagePulls: false
YAML

if ! running kubelet; then
  port_free "$bridge_ip" 10250; port_free 127.0.0.1 10248
  launch kubelet env "${oom_floor_env[@]}" "$bin/kubelet" \
    --config "$state/config/kubelet.yaml" --kubeconfig "$state/config/kubelet.kubeconfig" \
    --root-dir "$state/kubelet" --cert-dir "$state/kubelet/pki" --experimental-dockershim-root-directory "$state/dockershim" \
    --hostname-override "$node_name" --node-ip "$bridge_ip" \
    --container-runtime docker --pod-infra-container-image "$pause_image" \
    --maximum-dead-containers-per-container 1 --maximum-dead-containers 20 --minimum-container-ttl-duration 10s
fi

cat > "$state/config/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clusterCIDR: $bridge_subnet
hostnameOverride: $node_name
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: [127.0.0.0/8]
oomScoreAdj: 0
# Zeros keep kube-proxy from rewriting the host's nf_conntrack_max and TCP timeouts.
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
clientConnection: {kubeconfig: $state/config/kube-proxy.kubeconfig}
YAML
if ! running kube-proxy; then
  port_free 127.0.0.1 10256; port_free 127.0.0.1 10249
  launch kube-proxy "$bin/kube-proxy" --config "$state/config/kube-proxy.yaml"
fi

# The kubelet and kube-proxy were started without waiting for the API server: they retry until it
# answers. The controller-manager and the scheduler exit when it is not ready yet.
await kube-apiserver 90 sh -c "'$bin/kubectl' --kubeconfig '$admin_kubeconfig' get --raw /readyz | grep -qx ok"
if ! running kube-controller-manager; then
  port_free 127.0.0.1 10257
  launch kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig "$state/config/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$state/config/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$state/config/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --port 0 --leader-elect=false --use-service-account-credentials \
    --root-ca-file "$pki/ca.crt" --service-account-private-key-file "$pki/sa.key" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --service-cluster-ip-range "$service_cidr" --profiling=false
fi
if ! running kube-scheduler; then
  port_free 127.0.0.1 10259
  launch kube-scheduler "$bin/kube-scheduler" \
    --kubeconfig "$state/config/scheduler.kubeconfig" \
    --authentication-kubeconfig "$state/config/scheduler.kubeconfig" \
    --authorization-kubeconfig "$state/config/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --port 0 --leader-elect=false --profiling=false
fi

await kube-controller-manager 60 healthz https://127.0.0.1:10257/healthz
await kube-scheduler 60 healthz https://127.0.0.1:10259/healthz
await kubelet 60 healthz http://127.0.0.1:10248/healthz
# kube-proxy answers with JSON, not "ok": its status code says it all.
await kube-proxy 60 curl -fs --max-time 2 -o /dev/null http://127.0.0.1:10256/healthz

# --- cluster DNS: dnsmasq on the bridge, fed Service names from the API ---
touch "$state/dns/hosts"
if ! running dnsmasq; then
  port_free "$bridge_ip" 53 u; port_free "$bridge_ip" 53 t
  # It runs as root because the hosts file lives under root's state directory, which it rereads.
  launch dnsmasq dnsmasq -k --user=root --conf-file=/dev/null --no-hosts --addn-hosts="$state/dns/hosts" \
    --listen-address="$bridge_ip" --bind-interfaces --domain-needed --local=/cluster.local/ \
    --neg-ttl=5 --local-ttl=5 --pid-file=
fi
await dnsmasq 10 sh -c "ss -H -lun '( sport = :53 )' | grep -q '$bridge_ip:53'"
if ! running dns-sync; then
  launch dns-sync "$here/dns-sync.sh" "$bin/kubectl" "$admin_kubeconfig" "$state/dns/hosts" "$state/pids/dnsmasq.pid"
fi
if ! running hairpin; then
  launch hairpin "$here/hairpin.sh"
fi

await kubelet 60 sh -c "'$bin/kubectl' --kubeconfig '$admin_kubeconfig' get node '$node_name' -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"

# Pods find the cluster DNS through the kubelet's clusterDNS address: a Service without selector
# whose Endpoints are dnsmasq on the bridge.
kubectl apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system, labels: {app.kubernetes.io/managed-by: mooc-local}}
spec:
  clusterIP: $dns_service_ip
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
---
apiVersion: v1
kind: Endpoints
metadata: {name: kube-dns, namespace: kube-system, labels: {app.kubernetes.io/managed-by: mooc-local}}
subsets:
- addresses: [{ip: $bridge_ip}]
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
YAML
# The default ServiceAccount must exist before pods can be created in a namespace.
await kube-controller-manager 60 sh -c "'$bin/kubectl' --kubeconfig '$admin_kubeconfig' -n default get serviceaccount default"

"$here/merge-kubeconfig.sh" "$bin/kubectl" "$server" "$pki"
say "[$((SECONDS - started)) s] the test cluster is up: Kubernetes $("$bin/kubectl" version --short --client | awk '{print $3}'), one node ($node_name), API $server"
