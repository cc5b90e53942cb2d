# Shared by the test cluster's scripts: messages, root-only package installs, and the paths.
# Sourced, never run.

say() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages the cluster needs that are missing, as root; otherwise says what to run.
need_packages() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    die "missing Debian packages: ${missing[*]}. Install them: sudo apt-get install -y ${missing[*]}"
  fi
  say "Installing Debian packages (as root): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The user's kubeconfig the context mooc-local is merged into: the first file of KUBECONFIG, else ~/.kube/config.
user_kubeconfig() { local first=${KUBECONFIG:-}; first=${first%%:*}; printf '%s\n' "${first:-$HOME/.kube/config}"; }

cache_root() { printf '%s\n' "${XDG_CACHE_HOME:-$HOME/.cache}/mooc/kubernetes"; }

state_dir() {
  if [[ -n ${MOOC_CLUSTER_STATE:-} ]]; then printf '%s\n' "$MOOC_CLUSTER_STATE"
  else printf '%s\n' "${XDG_STATE_HOME:-$HOME/.local/state}/mooc/cluster"; fi
}

# apt-get source needs a deb-src entry for the mirror and suites the machine already uses.
# As root on Debian it is added (a file of its own, so it is easy to see and remove).
deb_src_file=/etc/apt/sources.list.d/mooc-deb-src.sources
ensure_deb_src() {
  apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes' && return 0
  local mirror
  mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2; exit}')
  [[ -n $mirror ]] || mirror=$(grep -hs '^deb ' /etc/apt/sources.list | awk '$2 !~ /^\[/ {print $2; exit}')
  local line="Types: deb-src / URIs: ${mirror:-http://deb.debian.org/debian} / Suites: bookworm bookworm-updates / Components: main (in $deb_src_file)"
  if [[ $(id -u) -ne 0 ]] || ! grep -q '^ID=debian' /etc/os-release 2>/dev/null; then
    die "no deb-src entry for Debian's 'kubernetes' source package. Add one for the mirror you use, e.g. as root:
  printf 'Types: deb-src\nURIs: ${mirror:-http://deb.debian.org/debian}\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' > $deb_src_file && apt-get update"
  fi
  say "Adding a deb-src entry (as root) for the mirror and suites already used: $deb_src_file"
  # Each deb822 stanza of type deb again as deb-src (comments dropped).
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ $f == "$deb_src_file" ]] && continue
    awk 'BEGIN{RS=""; ORS="\n\n"} /(^|\n)Types:[^\n]*deb/ && !/Types:[^\n]*deb-src/ { gsub(/\n#[^\n]*/, ""); sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f"
  done > "$deb_src_file.tmp"
  if [[ ! -s $deb_src_file.tmp ]]; then
    rm -f "$deb_src_file.tmp"
    die "could not derive a deb-src entry from /etc/apt/sources.list.d/*.sources; add one by hand: $line, then apt-get update"
  fi
  mv "$deb_src_file.tmp" "$deb_src_file"
  apt-get update -qq
  apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes' \
    || die "after adding $deb_src_file, apt still knows no source package 'kubernetes'; check that file and run apt-get update"
}

# Whether a component recorded in $state/pids still runs: its process exists, is no zombie, and
# is that component (a recorded id may belong to another program after a reboot).
running() {
  local name=$1 pid state
  pid=$(cat "$(state_dir)/pids/$name.pid" 2>/dev/null) || return 1
  state=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
  [[ $state != Z* ]] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$name"
}
