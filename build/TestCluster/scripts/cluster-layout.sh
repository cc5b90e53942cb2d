# Names, addresses and ports of the test cluster, shared by ClusterUp and ClusterDown. Sourced.
state=$(state_dir)
node_name=mooc-local-node
service_cidr=10.0.0.0/24
kubernetes_service_ip=10.0.0.1
dns_service_ip=10.0.0.10
apiserver_port=6443
etcd_client_port=12379
etcd_peer_port=12380
# Started in this order, stopped in the reverse one.
components=(etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy dnsmasq dns-sync hairpin)
# What the kubelet and kube-proxy may change on the host, restored by ClusterDown.
recorded_sysctls=(vm.overcommit_memory kernel.panic kernel.panic_on_oops net.ipv4.conf.all.route_localnet
  net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_tcp_timeout_established
  net.netfilter.nf_conntrack_tcp_timeout_close_wait net.bridge.bridge-nf-call-iptables net.ipv4.ip_forward)
# The pod sandbox image of the binaries in folder $1: the pause program imported as a local image, never pulled.
pause_image_of() { printf 'mooc-local/pause:%s\n' "$(basename "$1" | sha256sum | cut -c1-12)"; }
