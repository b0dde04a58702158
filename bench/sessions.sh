#!/usr/bin/env bash
# Logins per second and memory per idle logged-in session, Wharf and the reference servers (vsftpd, OpenSSH sshd)
# in one run, alternating (bench/sessions.py is the client: Python ftplib with TLS session reuse, and paramiko).
# Rate: C clients start at the same moment (a cold burst of one user) and run N sessions in all, each connect,
# log in, 4 KiB up, 4 KiB down, quit. Memory: K idle logged-in sessions held; for Wharf the gateway's Java heap after
# a full GC (and its resident set), for the peers the proportional set size of the server's session processes.
#
# Usage (root, Debian): bench/sessions.sh [clients] [sessions] [idle]      (defaults 16, 400 and 40; the gateways
# allow 50 connections per client address by default, so idle stays under it)
set -euo pipefail
cd "$(dirname "$0")/.."
C=${1:-16}
N=${2:-400}
K=${3:-40}
H=127.0.0.1
PY=/usr/bin/python3   # Debian's paramiko loads in Debian's Python
. bench/lib.sh
. bench/peers.sh
"$PY" -c 'import paramiko' 2>/dev/null || { echo "python3-paramiko missing: apt-get install -y python3-paramiko" >&2; exit 2; }
both_sides wharf-sessions
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ); peers: $(peer_versions)"

rate() { # label proto port user password
  printf '%-8s ' "$1"; "$PY" bench/sessions.py rate "$2" "$H" "$3" "$4" "$5" "$C" "$N" 300
}
echo "== sessions per second, $C clients, $N sessions each run"
for round in 1 2; do
  rate Wharf ftps 2121 demo "$WHARF_PW"; rate vsftpd ftps "$PEER_FTP_PORT" "$PEER_USER" "$PEER_PW"
  rate sshd sftp "$PEER_SSH_PORT" "$PEER_USER" "$PEER_PW"; rate Wharf sftp 2222 demo "$WHARF_PW"
done

jvm_heap_kib() { # pid -> KiB of Java heap in use after a full GC
  local jcmd; jcmd="$(dirname "$(readlink -f "/proc/$1/exe")")/jcmd"
  "$jcmd" "$1" GC.run >/dev/null
  "$jcmd" "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9'
}
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
pss_tree_kib() { # pid -> KiB proportional set size of it and its descendants
  local total=0 p
  for p in "$1" $(ps -o pid= --ppid "$1" | tr -d ' '); do
    if [ "$p" = "$1" ]; then total=$((total + $(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup")))
    else total=$((total + $(pss_tree_kib "$p"))); fi
  done
  echo "$total"
}
hold() { # proto port user password -> starts K idle sessions; returns when they are all logged in
  mkfifo "$work/hold.in"
  "$PY" bench/sessions.py idle "$1" "$H" "$2" "$3" "$4" "$K" <"$work/hold.in" >"$work/hold.out" 2>&1 &
  HOLDER=$!
  exec 7>"$work/hold.in"
  for _ in $(seq 1 600); do grep -q '^held' "$work/hold.out" && return 0; kill -0 "$HOLDER" 2>/dev/null || break; sleep 0.1; done
  echo "could not hold $K sessions:"; cat "$work/hold.out"; exit 1
}
release() { exec 7>&-; wait "$HOLDER" || true; rm -f "$work/hold.in"; }
per_session() { awk -v a="$1" -v b="$2" -v k="$K" 'BEGIN { printf "%.0f KiB", (b - a) / k }'; }

echo "== memory per idle logged-in session, $K sessions"
for proto in ftps sftp; do
  if [ $proto = ftps ]; then gw=$(wharf_jvm gateway-ftp); port=2121; peer=$VSFTPD_PID; pport=$PEER_FTP_PORT
  else gw=$(wharf_jvm gateway-sftp); port=2222; peer=$SSHD_PID; pport=$PEER_SSH_PORT; fi
  h0=$(jvm_heap_kib "$gw"); r0=$(rss_kib "$gw")
  hold $proto $port demo "$WHARF_PW"
  h1=$(jvm_heap_kib "$gw"); r1=$(rss_kib "$gw")
  release
  p0=$(pss_tree_kib "$peer")
  hold $proto "$pport" "$PEER_USER" "$PEER_PW"
  p1=$(pss_tree_kib "$peer")
  release
  echo "$proto: Wharf heap $(per_session "$h0" "$h1") per session (resident set $(per_session "$r0" "$r1")); peer $(per_session "$p0" "$p1") per session"
done
