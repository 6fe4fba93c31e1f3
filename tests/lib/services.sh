# Shared by tests/run.sh and tests/bench.sh: install what is missing, start redis-server on a free loopback port.
# Source it; it sets CC_WORK (a private temp directory) and removes it, and stops what it started, on exit.

CC_WORK=$(mktemp -d -t cc-run.XXXXXX)
cc_redis_pid=""

cc_cleanup() {
  if [ -n "$cc_redis_pid" ]; then kill "$cc_redis_pid" 2>/dev/null; wait "$cc_redis_pid" 2>/dev/null; fi
  # CC_KEEP_WORK=1 keeps the directory (logs of a failed run) and says where it is.
  if [ "${CC_KEEP_WORK:-}" = 1 ]; then echo "kept $CC_WORK" >&2; else rm -rf "$CC_WORK"; fi
}
trap cc_cleanup EXIT

cc_install_missing() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null \
      || echo "could not install ${missing[*]}"
  fi
  if [ -x /usr/bin/chromium ]; then export CC_CHROMIUM=/usr/bin/chromium; fi
}

cc_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

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
