#!/usr/bin/env bash
# A single-node OpenStack Swift (Debian's swift 2.30, tempauth, with the s3api
# middleware) on 127.0.0.1, for the s3 and swift backend tests.
#
#   scripts/swift-server.sh start [--fresh]   install when missing, start, print the auth URL
#   scripts/swift-server.sh stop              stop only the processes this script started
#   scripts/swift-server.sh status            one line per process; exit 0 when all run
#
# Credentials: user test:tester, key testing (also the S3 access key id / secret).
# Env: SWIFT_STATE (default /tmp/rsyncish-swift), SWIFT_PORT (18080, proxy: Swift and S3),
# SWIFT_OBJ_PORT/SWIFT_CONT_PORT/SWIFT_ACC_PORT (16010/16011/16012), SWIFT_MC_PORT (16211),
# SWIFT_TOKEN_LIFE (86400 s). Stdout is only the auth URL; progress and errors go to
# stderr, server logs to $SWIFT_STATE/log/*.log.
set -euo pipefail

STATE=${SWIFT_STATE:-/tmp/rsyncish-swift}
PORT=${SWIFT_PORT:-18080}
OBJ_PORT=${SWIFT_OBJ_PORT:-16010}
CONT_PORT=${SWIFT_CONT_PORT:-16011}
ACC_PORT=${SWIFT_ACC_PORT:-16012}
MC_PORT=${SWIFT_MC_PORT:-16211}
TOKEN_LIFE=${SWIFT_TOKEN_LIFE:-86400}
ETC=$STATE/etc
RUN=$STATE/run
LOG=$STATE/log
AUTH_URL="http://127.0.0.1:$PORT/auth/v1.0"
SERVERS=(memcached account container object proxy)

say() { echo "swift-server: $*" >&2; }
die() { say "$*"; exit 1; }

# A PID from our pid file that is alive (not a zombie: PID 1 may not reap here)
# and still runs the command line we started.
running_pid() {
  local name=$1 pid
  [[ -f $RUN/$name.pid ]] || return 1
  pid=$(<"$RUN/$name.pid")
  [[ -r /proc/$pid/stat ]] || return 1
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(marker "$name")" || return 1
  echo "$pid"
}

# What identifies our process in its command line.
marker() {
  case $1 in
    memcached) echo "-p $MC_PORT" ;;
    *) echo "$ETC/$1-server.conf" ;;
  esac
}

install_if_missing() {
  local missing=0 cmd
  for cmd in swift-ring-builder swift-proxy-server swift-object-server swift-container-server swift-account-server memcached curl; do
    command -v "$cmd" >/dev/null 2>&1 || missing=1
  done
  ((missing)) || return 0
  say "installing Debian's swift, memcached and curl (apt-get)"
  # Keep the distro's own services (default ports, all interfaces) from starting.
  local policy_added=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  local pkgs=(swift swift-proxy swift-object swift-container swift-account python3-swift memcached curl)
  local ok=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 && ok=1
  if ((!ok)); then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 && ok=1
  fi
  ((policy_added)) && rm -f /usr/sbin/policy-rc.d
  ((ok)) || die "could not install swift with apt-get"
}

write_configs() {
  mkdir -p "$ETC" "$RUN" "$LOG" "$STATE/srv/d1"
  # Swift 2.30 reads the hash prefix/suffix and storage policies from this fixed path.
  if [[ ! -f /etc/swift/swift.conf ]]; then
    mkdir -p /etc/swift
    cat >/etc/swift/swift.conf <<'EOF'
[swift-hash]
swift_hash_path_suffix = rsyncish-test-suffix
swift_hash_path_prefix = rsyncish-test-prefix

[storage-policy:0]
name = Policy-0
default = yes
EOF
  fi
  local user common
  user=$(id -un)
  common="bind_ip = 127.0.0.1
workers = 0
user = $user
swift_dir = $ETC
devices = $STATE/srv
mount_check = false
disable_fallocate = true"
  local kind port extra
  for kind in account container object; do
    case $kind in account) port=$ACC_PORT ;; container) port=$CONT_PORT ;; object) port=$OBJ_PORT ;; esac
    extra=""
    # The rig runs no object-updater, so an object whose container update
    # times out (1 s by default, easily hit on a loaded 2-core CI machine)
    # would stay out of listings for good. Waiting longer keeps listings exact.
    [[ $kind == object ]] && extra="container_update_timeout = 30"
    cat >"$ETC/$kind-server.conf" <<EOF
[DEFAULT]
$common
bind_port = $port

[pipeline:main]
pipeline = $kind-server

[app:$kind-server]
use = egg:swift#$kind
$extra
EOF
  done
  cat >"$ETC/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $PORT
workers = 0
user = $user
swift_dir = $ETC

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl ratelimit s3api tempauth copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin
token_life = $TOKEN_LIFE

[filter:s3api]
use = egg:swift#s3api
location = us-east-1
max_upload_part_num = 10000

[filter:slo]
use = egg:swift#slo
max_manifest_segments = 10000

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MC_PORT

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:ratelimit]
use = egg:swift#ratelimit
[filter:copy]
use = egg:swift#copy
[filter:container-quotas]
use = egg:swift#container_quotas
[filter:account-quotas]
use = egg:swift#account_quotas
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
[filter:symlink]
use = egg:swift#symlink
EOF
}

# Rings are rebuilt only when missing or when the ports they name changed.
build_rings() {
  local want="$ACC_PORT $CONT_PORT $OBJ_PORT"
  if [[ -f $ETC/ring-ports && $(<"$ETC/ring-ports") == "$want" && -f $ETC/object.ring.gz && -f $ETC/container.ring.gz && -f $ETC/account.ring.gz ]]; then
    return 0
  fi
  local kind port
  for kind in account container object; do
    case $kind in account) port=$ACC_PORT ;; container) port=$CONT_PORT ;; object) port=$OBJ_PORT ;; esac
    rm -f "$ETC/$kind.builder" "$ETC/$kind.ring.gz"
    swift-ring-builder "$ETC/$kind.builder" create 8 1 1 >/dev/null
    swift-ring-builder "$ETC/$kind.builder" add "r1z1-127.0.0.1:$port/d1" 100 >/dev/null
    # Exit status 1 is a warning (a one-device ring is "unbalanced"); the ring file is what counts.
    swift-ring-builder "$ETC/$kind.builder" rebalance >/dev/null || true
    [[ -f $ETC/$kind.ring.gz ]] || die "could not build the $kind ring"
  done
  echo "$want" >"$ETC/ring-ports"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_one() {
  local name=$1 port cmd
  running_pid "$name" >/dev/null && return 0
  case $name in
    memcached) port=$MC_PORT ;;
    account) port=$ACC_PORT ;;
    container) port=$CONT_PORT ;;
    object) port=$OBJ_PORT ;;
    proxy) port=$PORT ;;
  esac
  port_in_use "$port" && die "port $port ($name) is taken by a process this script did not start; set SWIFT_*PORT or stop it"
  if [[ $name == memcached ]]; then
    cmd=(memcached -l 127.0.0.1 -p "$MC_PORT" -U 0 -m 64)
    [[ $(id -u) == 0 ]] && cmd+=(-u root)
  else
    cmd=("/usr/bin/swift-$name-server" "$ETC/$name-server.conf" -v)
  fi
  # fd 9 is the start lock: the servers must not keep holding it.
  setsid "${cmd[@]}" >>"$LOG/$name.log" 2>&1 </dev/null 9>&- &
  echo $! >"$RUN/$name.pid"
}

stop_all() {
  local name pid stopped=()
  for name in "${SERVERS[@]}"; do
    if pid=$(running_pid "$name"); then
      kill "$pid" 2>/dev/null || true
      stopped+=("$pid")
    fi
    rm -f "$RUN/$name.pid"
  done
  # Wait for them to go (a zombie counts as gone: its ports are free).
  local i p alive
  for i in $(seq 1 50); do
    alive=0
    for p in "${stopped[@]}"; do
      [[ -r /proc/$p/stat && $(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) != Z ]] && alive=1
    done
    ((alive)) || break
    sleep 0.1
  done
  for p in "${stopped[@]}"; do
    [[ -r /proc/$p/stat && $(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) != Z ]] && kill -9 "$p" 2>/dev/null || true
  done
}

# Ready: tempauth hands out a token and the account answers 2xx to it.
ready() {
  local headers url token
  headers=$(curl -sS -m 3 -D - -o /dev/null -H 'X-Auth-User: test:tester' -H 'X-Auth-Key: testing' "$AUTH_URL" 2>/dev/null) || return 1
  url=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-storage-url"{print $2}')
  token=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
  [[ -n $url && -n $token ]] || return 1
  curl -sS -m 3 -f -I -o /dev/null -H "X-Auth-Token: $token" "$url" 2>/dev/null
}

cmd_start() {
  local fresh=0
  [[ ${1:-} == --fresh ]] && fresh=1
  install_if_missing
  mkdir -p "$STATE"
  exec 9>"$STATE/lock"
  # Test files run in parallel processes; one start at a time.
  flock -w 120 9 || die "timed out waiting for another start to finish ($STATE/lock)"
  if ((fresh)); then
    stop_all
    rm -rf "$STATE/srv"
  fi
  write_configs
  build_rings
  local name all=1
  for name in "${SERVERS[@]}"; do running_pid "$name" >/dev/null || all=0; done
  if ((all)) && ready; then
    echo "$AUTH_URL"
    return 0
  fi
  for name in "${SERVERS[@]}"; do start_one "$name"; done
  local i
  for i in $(seq 1 300); do
    if ready; then
      echo "$AUTH_URL"
      return 0
    fi
    for name in "${SERVERS[@]}"; do
      running_pid "$name" >/dev/null || die "$name exited at start; see $LOG/$name.log: $(tail -n 3 "$LOG/$name.log" 2>/dev/null | tr '\n' ' ')"
    done
    sleep 0.1
  done
  die "not ready after 30 s; see $LOG/*.log"
}

cmd_status() {
  local name pid all=0
  for name in "${SERVERS[@]}"; do
    if pid=$(running_pid "$name"); then
      echo "$name: running (pid $pid)"
    else
      echo "$name: stopped"
      all=3
    fi
  done
  if ((all == 0)) && ready; then echo "ready: $AUTH_URL"; else echo "not ready"; all=3; fi
  return $all
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop)
    mkdir -p "$STATE"
    exec 9>"$STATE/lock"
    flock -w 120 9 || die "timed out waiting for the lock ($STATE/lock)"
    stop_all
    ;;
  status) cmd_status ;;
  *) echo "usage: $0 start [--fresh] | stop | status" >&2; exit 2 ;;
esac
