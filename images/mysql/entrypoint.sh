#!/bin/sh
# Starts MariaDB from the provisioned image. An empty data directory (a fresh volume) is first filled
# from the seed baked into the image; then, at every start, the users and passwords are set from the
# environment (so rotating a secret and restarting works). The image itself holds no password.
set -eu

if [ "${1:-}" != "mariadbd" ]; then exec "$@"; fi
shift

datadir=/var/lib/mysql
seed=/usr/share/mooc/mysql-seed
socket=/run/mysqld/setup.sock
: "${MYSQL_ROOT_PASSWORD:?MYSQL_ROOT_PASSWORD is not set: give the database root password from the deployment secret mysql-root-password}"
: "${MYSQL_PASSWORD:?MYSQL_PASSWORD is not set: give the password of MYSQL_USER from the deployment secret mysql-password}"
: "${MYSQL_USER:=edxapp001}"
: "${MYSQL_DATABASES:=edxapp}"
# The forum's account, on its own database only; left out when no password is given.
: "${MYSQL_FORUM_USER:=forum001}"
: "${MYSQL_FORUM_DATABASE:=forum}"

if [ "$(id -u)" = 0 ]; then
  install -d -o mysql -g mysql /run/mysqld
  chown mysql:mysql "$datadir"
  as_root="--user=mysql"
else
  as_root=""
fi

if [ ! -d "$datadir/mysql" ]; then
  echo "mooc: $datadir holds no database: initialising it from $seed"
  cp -a "$seed"/. "$datadir"/
fi

sql_string() { printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g")"; }
root_password=$(sql_string "$MYSQL_ROOT_PASSWORD")
user=$(sql_string "$MYSQL_USER")
password=$(sql_string "$MYSQL_PASSWORD")
forum_user=$(sql_string "$MYSQL_FORUM_USER")

# A private server without grant checks, so this works whatever the current passwords are.
. /usr/share/mooc/provision/mysql/private-server.sh
start_private_server "$socket" $as_root --skip-grant-tables

{
  echo "FLUSH PRIVILEGES;"
  echo "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD($root_password);"
  echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY $root_password;"
  echo "ALTER USER 'root'@'%' IDENTIFIED BY $root_password;"
  echo "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;"
  echo "CREATE USER IF NOT EXISTS $user@'%' IDENTIFIED BY $password;"
  echo "ALTER USER $user@'%' IDENTIFIED BY $password;"
  for database in $(echo "$MYSQL_DATABASES" | tr ',' ' '); do
    echo "CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    echo "GRANT ALL PRIVILEGES ON \`$database\`.* TO $user@'%';"
    # Django's test runner creates test_<name>; let the platform user do that too.
    echo "GRANT ALL PRIVILEGES ON \`test\\_$database\`.* TO $user@'%';"
  done
  if [ -n "${MYSQL_FORUM_PASSWORD:-}" ]; then
    forum_password=$(sql_string "$MYSQL_FORUM_PASSWORD")
    echo "CREATE USER IF NOT EXISTS $forum_user@'%' IDENTIFIED BY $forum_password;"
    echo "ALTER USER $forum_user@'%' IDENTIFIED BY $forum_password;"
    echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_FORUM_DATABASE\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    echo "GRANT ALL PRIVILEGES ON \`$MYSQL_FORUM_DATABASE\`.* TO $forum_user@'%';"
    echo "GRANT ALL PRIVILEGES ON \`test\\_$MYSQL_FORUM_DATABASE\`.* TO $forum_user@'%';"
  fi
  echo "FLUSH PRIVILEGES;"
} | mariadb --socket="$socket"

stop_private_server
echo "mooc: users and passwords applied; starting MariaDB"
exec mariadbd $as_root "$@"
