#!/bin/sh
# Renders the nginx configuration from LMS_UPSTREAM at start, then runs nginx. The upstream is
# re-resolved every 10 s through the container's DNS server, so a restarted or rescheduled LMS (a new
# address) is found without restarting nginx.
set -eu
state=/var/lib/mooc-nginx
upstream="${LMS_UPSTREAM:-lms:8000}"
host=${upstream%:*}

resolver=$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf)
case "$resolver" in *:*) resolver="[$resolver]" ;; esac
# nginx's resolver ignores search domains: on Kubernetes, qualify a bare service name with the pod's
# namespace domain, the first search domain of the form <namespace>.svc.<cluster domain>.
cluster_domain=$(awk '$1 == "search" { for (i = 2; i <= NF; i++) if ($i ~ /^[^.]+\.svc\./) { print $i; exit } }' /etc/resolv.conf)
case "$host" in
  *.*) ;;
  *) if [ -n "$cluster_domain" ]; then upstream="$host.$cluster_domain:${upstream##*:}"; fi ;;
esac

sed -e "s|@LMS_UPSTREAM@|$upstream|g" -e "s|@RESOLVER@|${resolver:-127.0.0.11}|g" -e "s|@STATE@|$state|g" \
  /etc/nginx/mooc/nginx.conf.template > "$state/nginx.conf"
echo "nginx: proxying to $upstream (resolver ${resolver:-127.0.0.11}), static files from /usr/share/mooc/static"
exec "$@"
