#!/bin/sh
# Runs at image build: creates the platform's databases with the SQL files beside this script, then
# moves the data directory to the seed. No user or password is created here: the entrypoint does that
# at start from the deployment's secrets.
set -eu
here=$(dirname "$0")
seed=/usr/share/mooc/mysql-seed
socket=/run/mysqld/provision.sock

install -d -o mysql -g mysql /run/mysqld
mariadbd --user=mysql --skip-networking --socket="$socket" &
server=$!
tries=0
until mariadb-admin --socket="$socket" ping >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "MariaDB did not start within 60 s" >&2; exit 1; }
  sleep 1
done

for sql in "$here"/sql/*.sql; do
  echo "applying $(basename "$sql")"
  mariadb --socket="$socket" < "$sql"
done

mariadb-admin --socket="$socket" shutdown
wait "$server" || true

rm -rf "$seed"
install -d -o mysql -g mysql "$seed"
cp -a /var/lib/mysql/. "$seed"/
find /var/lib/mysql -mindepth 1 -delete
echo "seed at $seed: $(du -sh "$seed" | cut -f1)"
