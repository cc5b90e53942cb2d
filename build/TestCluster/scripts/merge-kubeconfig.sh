#!/usr/bin/env bash
# Merges the context "mooc-local" (admin credentials, certificates embedded) into the user's
# kubeconfig: the first file of KUBECONFIG, else ~/.kube/config. Other contexts stay as they are;
# the current context changes only when there is none.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
kubectl=$1 server=$2 pki=$3
target=$(user_kubeconfig)
mkdir -p "$(dirname "$target")"
k() { "$kubectl" --kubeconfig "$target" "$@" >/dev/null; }
k config set-cluster mooc-local --server "$server" --certificate-authority "$pki/ca.crt" --embed-certs=true
k config set-credentials mooc-local --client-certificate "$pki/admin.crt" --client-key "$pki/admin.key" --embed-certs=true
k config set-context mooc-local --cluster mooc-local --user mooc-local
chmod 600 "$target"
if [[ -z $("$kubectl" --kubeconfig "$target" config current-context 2>/dev/null) ]]; then k config use-context mooc-local; fi
echo "kubeconfig: context 'mooc-local' merged into $target. Use it with:"
echo "  kubectl --context mooc-local get nodes        (kubectl: $kubectl)"
