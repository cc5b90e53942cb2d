#!/usr/bin/env bash
# Benchmark (not a test): a warm './build.sh Deploy' with nothing to do, beside 'docker-compose up -d'
# with nothing to do on a compose file of the same services and images, in one run.
# Needs Debian's docker-compose. Usage: perf/bench/deploy-vs-compose.sh [rounds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds="${1:-5}"
command -v docker-compose >/dev/null || { echo "install Debian's docker-compose first: apt-get install -y docker-compose" >&2; exit 2; }

./build.sh Deploy >/dev/null            # the deployment and its images exist: what follows is a no-op
image() { docker inspect --format '{{.Config.Image}}' "mooc-reference-$1-1"; }
work="$(mktemp -d)"
trap 'docker-compose -p deploybench -f "$work/compose.yml" down -v >/dev/null 2>&1; rm -rf "$work"' EXIT
cat > "$work/compose.yml" <<YAML
version: "2.4"
services:
  mysql:
    image: $(image mysql)
    environment: {MYSQL_ROOT_PASSWORD: bench-root-pw, MYSQL_USER: edxapp001, MYSQL_PASSWORD: bench-pw}
    volumes: [mysql-data:/var/lib/mysql]
    restart: unless-stopped
  memcached:
    image: $(image memcached)
    restart: unless-stopped
  lms:
    image: $(image lms)
    scale: 2
    environment: {LMS_DB_PASSWORD: bench-pw, LMS_SECRET_KEY: bench-key, LMS_DEMO_PASSWORD: bench-demo}
    depends_on: [mysql, memcached]
    restart: unless-stopped
  nginx:
    image: $(image nginx)
    ports: ["127.0.0.1:18099:8080"]
    depends_on: [lms]
    restart: unless-stopped
volumes:
  mysql-data: {}
YAML
docker-compose -p deploybench -f "$work/compose.yml" up -d >/dev/null 2>&1

seconds() {
  local start end ms
  start=$(date +%s%N); "$@" >"$work/out" 2>&1; end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}
printf '%-8s %-28s %-22s %-22s\n' round "docker-compose up -d (no-op)" "Deploy target (no-op)" "./build.sh Deploy (warm)"
for i in $(seq 1 "$rounds"); do
  compose=$(seconds docker-compose -p deploybench -f "$work/compose.yml" up -d)
  whole=$(seconds ./build.sh Deploy)
  target=$(grep -E '^│ Deploy ' "$work/out" | awk -F'│' '{print $4}' | tr -d ' s')
  printf '%-8s %-28s %-22s %-22s\n' "$i" "${compose} s" "${target} s" "${whole} s"
done
