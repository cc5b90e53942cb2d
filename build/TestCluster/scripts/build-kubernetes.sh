#!/usr/bin/env bash
# Builds the test cluster's Kubernetes binaries from Debian bookworm's `kubernetes` source package
# and caches them. Prints the cache directory holding the binaries on stdout; progress on stderr.
#
# Beyond a plain `go build` it needs: GOPATH mode (module mode refuses the vendor tree), the
# generated OpenAPI definitions (`make gen_openapi`), Debian's reflect2 1.0.2 in place of the
# vendored 1.0.1 (broken with Go >= 1.18: the apiserver faults while encoding maps), and the
# kubelet patch in ../patches. Only the binaries are kept, not Go's build cache (about 2 GB).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/common.sh"

source_package=kubernetes
source_version=1.20.5+really1.20.2-1.1+deb12u1
git_version=v1.20.2
binaries=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
reflect2=/usr/share/gocode/src/github.com/modern-go/reflect2

need_packages golang-go rsync jq dpkg-dev golang-github-modern-go-reflect2-dev

go_version=$(go env GOVERSION)
# The key changes with anything that changes the binaries: the source, the patches and this
# script's recipe (including the pause program), and the compiler.
recipe_hash=$(cat "$here/build-kubernetes.sh" "$here"/../patches/*.patch "$here"/../pause/*.go | sha256sum | cut -c1-12)
key="$source_version-$go_version-$recipe_hash"
out="$(cache_root)/$key"
if [[ -f $out/complete ]]; then
  printf '%s\n' "$out"
  exit 0
fi

ensure_deb_src
mkdir -p "$(cache_root)"
work=$(mktemp -d "$(cache_root)/build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
started=$SECONDS
elapsed() { local s=$((SECONDS - started)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# Runs one step with its output in a log; on failure shows the log's last lines. While it runs,
# a line every 30 s says what is being built and for how long.
step() {
  local name=$1; shift
  local log="$work/logs/$name.log" step_start=$SECONDS
  mkdir -p "$work/logs"
  say "[$(elapsed)] $name ..."
  "$@" >"$log" 2>&1 &
  local pid=$! next_report=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if ((SECONDS >= next_report)); then
      say "[$(elapsed)]   $name: $((SECONDS - step_start)) s so far"
      next_report=$((SECONDS + 30))
    fi
  done
  if ! wait "$pid"; then
    say "error: step '$name' failed; last lines of its log:"
    tail -n 40 "$log" >&2
    exit 1
  fi
  say "[$(elapsed)] $name done in $((SECONDS - step_start)) s"
}

say "Building Kubernetes $git_version from Debian's source package $source_package $source_version with $go_version (about 10 minutes on 2 cores); cache: $out"
cd "$work"
step "download source" apt-get source -qq "$source_package=$source_version"
src=$(find "$work" -maxdepth 1 -type d -name "$source_package-*" | head -n1)
[[ -d $src ]] || die "apt-get source did not unpack a $source_package-* directory in $work"

step "apply kubelet patch" patch -d "$src" -p1 -i "$here/../patches/kubelet-oom-score-adj-floor.patch"
replace_reflect2() {
  local vendored="$src/vendor/github.com/modern-go/reflect2"
  rm -f "$vendored"/*.go "$vendored"/*.s
  cp "$reflect2"/*.go "$reflect2"/*.s "$vendored"/
}
step "replace vendored reflect2 with Debian's" replace_reflect2

export GOPATH="$work/gopath" GOCACHE="$work/gocache" GO111MODULE=off GOPROXY=off CGO_ENABLED=0 GOFLAGS=
mkdir -p "$GOPATH/src/k8s.io"
ln -s "$src" "$GOPATH/src/k8s.io/kubernetes"
cd "$GOPATH/src/k8s.io/kubernetes"
step "generate OpenAPI definitions" env HOME="$work" make gen_openapi

version_vars() {
  local pkg=$1
  printf -- '-X %s.gitVersion=%s -X %s.gitMajor=1 -X %s.gitMinor=20 -X %s.gitTreeState=clean -X %s.buildDate=1970-01-01T00:00:00Z ' \
    "$pkg" "$git_version" "$pkg" "$pkg" "$pkg" "$pkg"
}
ldflags="-s -w $(version_vars k8s.io/kubernetes/vendor/k8s.io/component-base/version)$(version_vars k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version)"
mkdir -p "$work/bin"
for binary in "${binaries[@]}"; do
  step "$binary" go build -trimpath -o "$work/bin/$binary" -ldflags "$ldflags" "k8s.io/kubernetes/cmd/$binary"
done
cd "$here/../pause"
step pause env GO111MODULE=off go build -trimpath -o "$work/bin/pause" -ldflags "-s -w" pause.go

mkdir -p "$(dirname "$out")"
rm -rf "$out.tmp"
mv "$work/bin" "$out.tmp"
printf '%s\n' "$source_version" "$go_version" "$recipe_hash" > "$out.tmp/complete"
rm -rf "$out"
mv "$out.tmp" "$out"
say "[$(elapsed)] Kubernetes binaries cached in $out"
printf '%s\n' "$out"
