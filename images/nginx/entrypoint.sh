#!/bin/sh
# Renders the nginx configuration from LMS_UPSTREAM and SERVER_NAMES at start, then runs nginx. The upstream
# is re-resolved every 10 s through the container's DNS server, so a restarted or rescheduled LMS (a new
# address) is found without restarting nginx. When the deployment's certificate and key are mounted in
# $tls (a secret: the local engine's secret store, a Secret on Kubernetes), the port serves HTTPS and
# answers a plain HTTP request with a redirect to the same address over HTTPS.
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

tls=/run/mooc/tls
server_names=$(echo "${SERVER_NAMES:-*}" | tr ',' ' ')
case " $server_names " in *" * "*) server_names=_ ;; esac
if [ -r "$tls/tls.crt" ] && [ -r "$tls/tls.key" ]; then
  listen="8080 ssl"
  tls_directives="ssl_certificate $tls/tls.crt; ssl_certificate_key $tls/tls.key; ssl_protocols TLSv1.2 TLSv1.3; error_page 497 =301 https://\$http_host\$request_uri;"
  scheme=https
else
  listen=8080
  tls_directives=""
  scheme=http
fi

sed -e "s|@LMS_UPSTREAM@|$upstream|g" -e "s|@RESOLVER@|${resolver:-127.0.0.11}|g" -e "s|@STATE@|$state|g" \
  -e "s|@LISTEN@|$listen|g" -e "s|@SERVER_NAMES@|$server_names|g" -e "s|@TLS@|$tls_directives|g" \
  /etc/nginx/mooc/nginx.conf.template > "$state/nginx.conf"
echo "nginx: $scheme for $server_names, proxying to $upstream (resolver ${resolver:-127.0.0.11}), static files from /usr/share/mooc/static"
exec "$@"
