#!/usr/bin/env bash
# Benchmark (not a test): ./build.sh Deploy on the test cluster, cold (a new deployment: images
# present, objects, Jobs and pods made) and warm (nothing changed), beside what kubectl does with
# the same objects: 'kubectl apply --server-side' of the files the engine applied, then 'kubectl
# rollout status' of each workload (kubectl built from the same source as the cluster).
# Needs the test cluster (./build.sh ClusterUp). Removes its deployment at the end.
# Usage: perf/bench/kubernetes-deploy.sh [runs of each warm measure, default 5]
# Measured (2 cores, test cluster v1.20.2, 24 objects, 5 workloads; two days, 7 warm runs): cold
# 29-46 s; warm 3.2-14.6 s for the whole command, of which the three targets 0.5-0.6 s and Preflight
# 2.3-13.0 s (its DNS check took 1.0-3.4 s in six runs of Preflight alone, its pod now and then
# far longer to start; --skip Preflight leaves it out);
# kubectl apply --server-side + rollout status 0.62-0.86 s.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs="${1:-5}"
name="bench$(date +%s)"
root="$(mktemp -d /tmp/mooc-bench-volumes.XXXXXX)"
on=(--cluster mooc-local --deployment "$name" --volumes static --volume-root "$root")
kubectl="$(ls -d "$HOME"/.cache/mooc/kubernetes/*/ | head -n 1)kubectl"
log="$(mktemp)"
trap './build.sh Down "${on[@]}" --purge >/dev/null 2>&1 || true; rm -rf "$root" "$log"' EXIT

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }
timed() { local s e; s=$(date +%s.%N); "$@" >"$log" 2>&1 || { tail -n 30 "$log"; exit 1; }; e=$(date +%s.%N); seconds "$s" "$e"; }

./build.sh --help >/dev/null  # compiles the build once, outside the measures
echo "cold ./build.sh Deploy (new deployment, images present):  $(timed ./build.sh Deploy "${on[@]}" --skip SmokeTest) s"
applied=".nuke/temp/applied/$name-$name"
workloads=$(grep -l -E '^kind: (Deployment|StatefulSet)$' "$applied"/*.yaml | xargs -n1 basename | sed -E 's/^3[01]-(deployment|statefulset)-(.*)\.yaml$/\1\/\2/')
kubectl_pair() {
  find "$applied" -name '*.yaml' ! -name '60-job-*' -print0 | sort -z | xargs -0 -I{} echo -f {} | xargs "$kubectl" --context mooc-local apply --server-side --field-manager=mooc-build --force-conflicts >/dev/null
  for w in $workloads; do "$kubectl" --context mooc-local -n "$name" rollout status "$w" --timeout=120s >/dev/null; done
}
# The named targets' own time, from the build summary (not the process start, the image check or
# the rendering into manifests/). Preflight is shown on its own: it runs before every Deploy and its
# DNS check starts a pod, so it can outweigh the rest of a warm run.
targets() { awk -F'│' -v names="$1" '$2 ~ "^ (" names ") " { gsub(/ s/, "", $4); t += $4 } END { printf "%.2f", t }' "$log"; }
for i in $(seq "$runs"); do
  total=$(timed ./build.sh Deploy "${on[@]}" --skip SmokeTest)
  echo "warm ./build.sh Deploy (nothing changed), run $i:          $total s (DataServices + Migrate + Deploy targets: $(targets 'DataServices|Migrate|Deploy') s; Preflight: $(targets Preflight) s)"
done
for i in $(seq "$runs"); do
  echo "kubectl apply --server-side + rollout status, run $i:   $(timed kubectl_pair) s"
done
echo "objects applied: $(ls "$applied" | grep -vc '^60-job-'), workloads: $(echo "$workloads" | wc -w); cores: $(nproc)"
