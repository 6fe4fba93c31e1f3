# Shared by tests/run.sh, tests/bench.sh, tests/faults.sh and deploy/*.sh: install what is missing, start redis-server
# and PostgreSQL on free loopback ports. Source it; it sets CC_WORK (a private temp directory) and removes it, and stops
# what it started, on exit.

CC_WORK=$(mktemp -d -t cc-run.XXXXXX)
cc_redis_pid=""
cc_cluster_pid=""
cc_pg_dir=""

cc_cleanup() {
  if [ -n "$cc_redis_pid" ]; then kill "$cc_redis_pid" 2>/dev/null; wait "$cc_redis_pid" 2>/dev/null; fi
  if [ -n "$cc_cluster_pid" ]; then kill "$cc_cluster_pid" 2>/dev/null; wait "$cc_cluster_pid" 2>/dev/null; fi
  cc_stop_postgres
  # CC_KEEP_WORK=1 keeps the directory (logs of a failed run) and says where it is.
  if [ "${CC_KEEP_WORK:-}" = 1 ]; then echo "kept $CC_WORK" >&2; else rm -rf "$CC_WORK"; fi
}
trap cc_cleanup EXIT

cc_install_missing() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  [ -n "$(cc_pg_bin)" ] || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null \
      || echo "could not install ${missing[*]}"
  fi
  if [ -x /usr/bin/chromium ]; then export CC_CHROMIUM=/usr/bin/chromium; fi
}

cc_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# A free loopback port P at most 55535 with P + 10000 free too: a Redis Cluster node also listens on its bus port,
# P + 10000, and refuses to start above 55535 (an ephemeral port from cc_free_port is above it about one time in five).
cc_free_cluster_port() {
  python3 -c '
import random, socket
for _ in range(500):
    port, held = random.randint(20000, 45535), []
    try:
        for p in (port, port + 10000):
            s = socket.socket(); held.append(s); s.bind(("127.0.0.1", p))
        print(port); break
    except OSError:
        pass
    finally:
        for s in held: s.close()
'
}

# Starts redis-server with its own directory and AOF on; sets CC_REDIS_ADDRESS=127.0.0.1:PORT.
# (Not a command substitution: the server would hold its output pipe open and the caller would wait forever.)
cc_start_redis() {
  command -v redis-server >/dev/null || return 1
  local port dir="$CC_WORK/redis"
  port=$(cc_free_port)
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --appendfsync everysec \
    --save "" --protected-mode yes --logfile "$dir/redis.log" >/dev/null 2>&1 &
  cc_redis_pid=$!
  for _ in $(seq 1 100); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then CC_REDIS_ADDRESS="127.0.0.1:$port"; return 0; fi
    sleep 0.1
  done
  return 1
}

# A Redis Cluster of one node holding every hash slot: enough to enforce what a cluster enforces on one command (all
# its keys in one slot, else CROSSSLOT), which is what streams per street must live with (docs/decisions/0014).
cc_start_redis_cluster() {
  command -v redis-server >/dev/null || return 1
  local port dir="$CC_WORK/redis-cluster"
  port=$(cc_free_cluster_port)
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --cluster-enabled yes --cluster-config-file nodes.conf \
    --appendonly no --save "" --protected-mode yes --logfile "$dir/redis.log" >/dev/null 2>&1 &
  cc_cluster_pid=$!
  for _ in $(seq 1 100); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then break; fi
    sleep 0.1
  done
  if redis-cli -p "$port" CLUSTER ADDSLOTSRANGE 0 16383 >/dev/null 2>&1; then
    for _ in $(seq 1 100); do
      if redis-cli -p "$port" CLUSTER INFO 2>/dev/null | grep -q 'cluster_state:ok'; then CC_REDIS_CLUSTER_ADDRESS="127.0.0.1:$port"; return 0; fi
      sleep 0.1
    done
  fi
  # Say why: the node's own last words (a port it cannot use, a config it cannot write).
  echo "tests/lib/services.sh: the Redis Cluster node on port $port did not come up: $(tail -n 1 "$dir/redis.log" 2>/dev/null)" >&2
  return 1
}

# The PostgreSQL server programs (initdb, pg_ctl, postgres), newest installed version first; empty when none is.
cc_pg_bin() {
  local bin
  for bin in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn); do
    [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && { echo "$bin"; return 0; }
  done
}

# Starts a PostgreSQL server of its own: a fresh data directory (owned by the postgres user, since root cannot run the
# server), password authentication, listening on 127.0.0.1 only on a free port, no Unix socket. Sets CC_PG_PORT,
# CC_PG_PASSWORD and CC_POSTGRES (an Npgsql connection string to the database "postgres" as the superuser; tests create
# databases of their own from it). Usage: cc_start_postgres [DIR]   (DIR: keep the data there, e.g. for a restart)
cc_start_postgres() {
  local bin; bin=$(cc_pg_bin)
  [ -n "$bin" ] || return 1
  id postgres >/dev/null 2>&1 || return 1
  cc_pg_dir=${1:-$(mktemp -d /tmp/cc-pg.XXXXXX)}
  CC_PG_PORT=$(cc_free_port)
  if [ ! -s "$cc_pg_dir/data/PG_VERSION" ]; then
    CC_PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    mkdir -p "$cc_pg_dir/data"
    echo "$CC_PG_PASSWORD" >"$cc_pg_dir/pwfile"
    chown -R postgres: "$cc_pg_dir"; chmod 700 "$cc_pg_dir"
    su postgres -s /bin/sh -c "$bin/initdb -D '$cc_pg_dir/data' -U postgres --auth=scram-sha-256 --pwfile='$cc_pg_dir/pwfile' -E UTF8 --locale=C.UTF-8" \
      >"$cc_pg_dir/initdb.log" 2>&1 || { cat "$cc_pg_dir/initdb.log" >&2; return 1; }
  else
    CC_PG_PASSWORD=$(cat "$cc_pg_dir/pwfile")
  fi
  su postgres -s /bin/sh -c "$bin/pg_ctl -D '$cc_pg_dir/data' -l '$cc_pg_dir/server.log' -w -t 60 \
      -o \"-p $CC_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c shared_buffers=128MB\" start" \
    >/dev/null 2>&1 || { tail -n 20 "$cc_pg_dir/server.log" >&2; return 1; }
  CC_POSTGRES="Host=127.0.0.1;Port=$CC_PG_PORT;Username=postgres;Password=$CC_PG_PASSWORD;Database=postgres"
  export CC_PG_PORT CC_PG_PASSWORD CC_POSTGRES
}

# The server cc_start_postgres started, stopped as by a crash (immediate: no checkpoint, recovery from the WAL at the
# next start) or started again on the same port and data directory.
cc_crash_postgres() {
  su postgres -s /bin/sh -c "$(cc_pg_bin)/pg_ctl -D '$cc_pg_dir/data' -m immediate -w stop" >/dev/null 2>&1
}
cc_restart_postgres() {
  su postgres -s /bin/sh -c "$(cc_pg_bin)/pg_ctl -D '$cc_pg_dir/data' -l '$cc_pg_dir/server.log' -w -t 60 \
      -o \"-p $CC_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c shared_buffers=128MB\" start" \
    >/dev/null 2>&1
}

# Stops the server cc_start_postgres started (fast shutdown) and removes its directory, unless CC_KEEP_WORK=1.
cc_stop_postgres() {
  [ -n "$cc_pg_dir" ] && [ -d "$cc_pg_dir/data" ] || return 0
  su postgres -s /bin/sh -c "$(cc_pg_bin)/pg_ctl -D '$cc_pg_dir/data' -m fast -w stop" >/dev/null 2>&1
  [ "${CC_KEEP_WORK:-}" = 1 ] || rm -rf "$cc_pg_dir"
  cc_pg_dir=""
}

# psql against the server cc_start_postgres started: cc_psql [DATABASE] [psql arguments...]
cc_psql() {
  local database=${1:-postgres}; shift || true
  PGPASSWORD="$CC_PG_PASSWORD" psql -h 127.0.0.1 -p "$CC_PG_PORT" -U postgres -d "$database" -v ON_ERROR_STOP=1 -qAt "$@"
}
