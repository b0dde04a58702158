#!/usr/bin/env bash
# The local cluster under the same client load with two gateway replicas and with one, side by side in one run
# through the same HAProxy, then how many concurrent passive FTPS transfers one replica sustains.
#
# Against a running `./wharf up --replicas 2` (start it first; WHARF_RUN_DIR and the WHARF_PORT* variables as for
# it). Replica 1 is taken out of rotation through HAProxy's runtime API (<run>/haproxy/admin.sock) for the
# one-replica figures and the passive test, and put back at the end.
#
# Usage: bench/cluster.sh [SESSIONS] [PARALLEL] [TRANSFERS]     (defaults 200, 8, 30)
#   SESSIONS  FTPS sessions (implicit TLS: connect, TLS, login, EPSV + LIST, quit), then as many SFTP sessions
#             (connect, key exchange, login, list), PARALLEL at a time; once with 2 replicas, once with 1
#   TRANSFERS downloads of a 4 MiB file at 1 MiB/s started at once on the one replica in rotation: each holds a
#             passive port about 4 s. Reported: how many succeeded, how many were refused with 421 (the slice or
#             the login cap sized from it is full), the peak of wharf_ftp_passive_ports_used on that replica, and
#             the slice size. Choose TRANSFERS above gatewayFtp.passive.portsPerReplica (20) to reach the limit.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
C=${2:-8}
T=${3:-30}
RUN=${WHARF_RUN_DIR:-.wharf}
H=127.0.0.1
FTPS=${WHARF_PORTS_FTP_IMPLICIT:-2990}; FTPS=${FTPS%%,*}
SFTP=${WHARF_PORT_SFTP:-2222}
FTP_HTTP=${WHARF_PORT_FTP_HTTP:-8084}
PW=${WHARF_DEMO_PASSWORD:-$(cat "$RUN/demo-password")}
U=demo
SOCK=$RUN/haproxy/admin.sock
[ -S "$SOCK" ] || { echo "no HAProxy runtime socket $SOCK: start ./wharf up --replicas 2 first"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

haproxy_cmd() { # one runtime API command; its answer on stdout
  /usr/bin/python3 - "$SOCK" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode()); out = b""
while chunk := s.recv(65536):
    out += chunk
print(out.decode(), end="")
PY
}
# the balanced gateway backends (ftp-*, ftps-*, sftp-*); the passive-* ones map a slice to its own replica
backends() { haproxy_cmd "show backend" | grep -E '^(ftp|ftps|sftp)-[0-9]+$'; }
replica1() { # enable|disable
  local b
  for b in $(backends); do haproxy_cmd "$1 server $b/replica-1" >/dev/null; done
}
trap 'replica1 enable 2>/dev/null || true; rm -rf "$work"' EXIT

sessions() { # label, url
  local label=$1 url=$2 t0 t1 ok
  export url U PW
  t0=$(date +%s.%N)
  seq "$N" | xargs -P "$C" -I{} sh -c 'curl -sS -k --connect-timeout 30 -u "$U:$PW" -l "$url" >/dev/null 2>&1 && echo ok || echo failed' >"$work/s.log"
  t1=$(date +%s.%N)
  ok=$(grep -c '^ok' "$work/s.log" || true)
  awk -v l="$label" -v n="$N" -v ok="$ok" -v a="$t0" -v b="$t1" \
    'BEGIN { printf "%-22s %d sessions (%d ok) in %5.1f s: %5.1f sessions/s\n", l, n, ok, b - a, n / (b - a) }'
}

echo "load before: $(uptime)"
# warm-up, not reported: freshly started JVMs compile their hot paths first, and whichever configuration ran first
# paid for it (session 8's runs: 2 replicas 4.2 sessions/s before 1 replica's 8.4, both cold-started)
sessions "warm-up FTPS" "ftps://$H:$FTPS/" >/dev/null
sessions "warm-up SFTP" "sftp://$H:$SFTP/" >/dev/null
sessions "FTPS, 2 replicas" "ftps://$H:$FTPS/"
sessions "SFTP, 2 replicas" "sftp://$H:$SFTP/"
replica1 disable
sessions "FTPS, 1 replica" "ftps://$H:$FTPS/"
sessions "SFTP, 1 replica" "sftp://$H:$SFTP/"
replica1 enable
# once more with both, so that a drift of the machine's load shows as a difference between the two 2-replica rows
sessions "FTPS, 2 replicas (again)" "ftps://$H:$FTPS/"
sessions "SFTP, 2 replicas (again)" "sftp://$H:$SFTP/"
replica1 disable
echo "load after sessions: $(uptime)"

# passive transfers on replica 0 alone (replica 1 still out of rotation)
slice=$(awk '/^frontend passive-0/ { getline; print $2 }' "$RUN/haproxy/haproxy.cfg")
head -c $((4 * 1024 * 1024)) /dev/urandom >"$work/src.bin"
curl -sS -k -u "$U:$PW" -T "$work/src.bin" "ftps://$H:$FTPS/bench-passive.bin"
metric() { curl -s --max-time 2 "http://127.0.0.2:$FTP_HTTP/q/metrics" | awk '/^wharf_ftp_passive_ports_used/ { s += $NF } END { print s + 0 }'; }
for i in $(seq "$T"); do
  # -v: the server's replies go to the log. curl reports any 421 as exit 28 "Timeout was reached" (its ftp.c treats
  # 421 as an idle timeout), so only the reply line tells a refusal from a real timeout
  (curl -sS -v -k --connect-timeout 30 --limit-rate 1M -u "$U:$PW" -o "$work/d$i" "ftps://$H:$FTPS/bench-passive.bin" \
     >"$work/d$i.log" 2>&1 && echo ok || { grep -q '^< 421' "$work/d$i.log" && echo refused || echo failed; }) >"$work/r$i" &
done
peak=0
for _ in $(seq 200); do # at most ~60 s of sampling, until every download has ended
  m=$(metric); peak=$(awk -v a="$peak" -v b="$m" 'BEGIN { print (b > a ? b : a) }')
  [ "$(ls "$work"/r* 2>/dev/null | xargs -r cat | wc -l)" -ge "$T" ] && break
  sleep 0.3
done
wait
replica1 enable
printf 'passive, one replica (slice %s): %d downloads at once: %d ok, %d refused (421), %d failed otherwise; peak passive ports in use %s\n' \
  "$slice" "$T" "$(cat "$work"/r* | grep -c '^ok' || true)" "$(cat "$work"/r* | grep -c '^refused' || true)" \
  "$(cat "$work"/r* | grep -c '^failed' || true)" "$peak"
grep -h '^< 421' "$work"/d*.log | sed 's/^/  refused: /' | sort | uniq -c | head -3 || true
for r in "$work"/r*; do # what the other failures said (curl's own message), so they can be told apart
  if grep -q '^failed' "$r"; then grep '^curl:' "${r%/*}/d${r##*/r}.log"; fi
done | sed 's/^/  failed: /' | sort | uniq -c | head -5 || true
echo "load after: $(uptime)"
