#!/bin/sh
# Runs at image build: creates the platform's databases with the SQL files beside this script, then
# moves the data directory to the seed. No user or password is created here: the entrypoint does that
# at start from the deployment's secrets.
set -eu
here=$(dirname "$0")
seed=/usr/share/mooc/mysql-seed
socket=/run/mysqld/provision.sock

. "$here/private-server.sh"
install -d -o mysql -g mysql /run/mysqld
start_private_server "$socket" --user=mysql

for sql in "$here"/sql/*.sql; do
  echo "applying $(basename "$sql")"
  mariadb --socket="$socket" < "$sql"
done

stop_private_server

rm -rf "$seed"
install -d -o mysql -g mysql "$seed"
cp -a /var/lib/mysql/. "$seed"/
find /var/lib/mysql -mindepth 1 -delete
echo "seed at $seed: $(du -sh "$seed" | cut -f1)"
