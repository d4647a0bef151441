#!/usr/bin/env bash
# `make run`: a server with a fresh self-signed certificate, the browser demo page's URL, and a client pinned to
# the printed certificate hash for a few pongs. From a terminal the server then keeps running, so the demo page
# stays alive, until Enter or Ctrl-C; without one (stdin not a terminal: CI, `make run </dev/null`) it stops
# right after the client, since nobody could press Enter. Either way it stops cleanly (SIGTERM, drain).
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER_JAR=${SERVER_JAR:-pingpong-server/target/pingpong-server.jar}
CLIENT_JAR=${CLIENT_JAR:-pingpong-client/target/pingpong-client.jar}
JAVA=${JAVA:-java}
# The server's heap as the README runs it: 10,000 sessions fit in 512 MiB (docs/reference.md, JVM options).
SERVER_JVM_OPTIONS=${SERVER_JVM_OPTIONS:--Xmx160m}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The demo page is served on the health port: 8080 when free, else the next free one.
health_port=8080
while ! port_is_free "$health_port"; do
  health_port=$((health_port + 1))
  if [ "$health_port" -gt 8180 ]; then echo "run: no free TCP port in 8080..8180 for the demo page" >&2; exit 1; fi
done

server_out=$(mktemp -t pingpong-server.XXXXXX)
server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -f "$server_out"
}
trap stop_server EXIT

"$JAVA" $SERVER_JVM_OPTIONS -jar "$SERVER_JAR" --port 0 --health-port "$health_port" >"$server_out" &
server_pid=$!

for _ in $(seq 1 600); do
  if grep -q '^certificate sha256=' "$server_out"; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "run: the server exited early" >&2; cat "$server_out" >&2; exit 1; fi
  sleep 0.1
done
listening=$(grep -m1 '^listening udp=' "$server_out") || { echo "run: the server printed no 'listening' line" >&2; exit 1; }
hash=$(grep -m1 '^certificate sha256=' "$server_out" | sed 's/^certificate sha256=//')
udp_port=$(sed -E 's/^listening udp=.*:([0-9]+) path=.*/\1/' <<<"$listening")
path=$(sed -E 's/^listening udp=[^ ]+ path=(.*)$/\1/' <<<"$listening")

echo "$listening"
echo "certificate sha256=$hash"
echo
echo "Browser demo page: http://127.0.0.1:$health_port/"
echo
echo "Client: java -jar $CLIENT_JAR --cert-hash $hash -c 5 -i 200ms https://127.0.0.1:$udp_port$path"
status=0
"$JAVA" -jar "$CLIENT_JAR" --cert-hash "$hash" -c 5 -i 200ms "https://127.0.0.1:$udp_port$path" || status=$?
echo
if [ -t 0 ] && kill -0 "$server_pid" 2>/dev/null; then
  # Ctrl-C reaches the whole foreground group; the server drains on its own SIGINT and the EXIT trap waits for it.
  trap 'echo; exit "$status"' INT
  echo "The server keeps running: open http://127.0.0.1:$health_port/ in a browser."
  read -r -p "Press Enter or Ctrl-C to stop it. " _ || true
  echo
else
  echo "No terminal on stdin: stopping the server now (run 'make run' from a terminal to keep it up for the page)."
fi
echo "Stopping the server (SIGTERM: drain, then exit)"
stop_server
trap - EXIT
exit "$status"
