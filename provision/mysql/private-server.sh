# Sourced by provision.sh (image build) and the image's entrypoint (every start): a MariaDB that
# listens only on a socket, for the time it takes to change schemas or users, then stops.

# start_private_server SOCKET [mariadbd options...]: starts it and waits up to 60 s until it answers.
start_private_server() {
  private_socket=$1
  shift
  mariadbd "$@" --skip-networking --socket="$private_socket" &
  private_server=$!
  tries=0
  until mariadb-admin --socket="$private_socket" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "mooc: MariaDB did not start within 60 s" >&2; exit 1; }
    sleep 1
  done
}

stop_private_server() {
  mariadb-admin --socket="$private_socket" shutdown
  wait "$private_server" || true
}
