#!/usr/bin/env bash
# Sessions per second through HAProxy, and concurrent passive transfers per replica, against a running
# `./wharf up` or `./wharf up --replicas N` (run both and compare).
#
# Usage: bench/cluster.sh [SESSIONS] [PARALLEL] [TRANSFERS]     (defaults 200, 8, 50)
#   SESSIONS  FTPS sessions (implicit TLS: connect, TLS, login, EPSV + LIST, quit), then as many SFTP sessions
#             (connect, key exchange, login, list), PARALLEL at a time
#   TRANSFERS downloads of a 4 MiB file at 1 MiB/s started at once: each holds a passive port about 4 s; the
#             count that succeeded and the refusals (421) show what the replicas' slices sustain
# Ports from the environment as for ./wharf up (WHARF_PORTS_FTP_IMPLICIT, WHARF_PORT_SFTP), run folder WHARF_RUN_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
C=${2:-8}
T=${3:-50}
RUN=${WHARF_RUN_DIR:-.wharf}
H=127.0.0.1
FTPS=${WHARF_PORTS_FTP_IMPLICIT:-2990}; FTPS=${FTPS%%,*}
SFTP=${WHARF_PORT_SFTP:-2222}
PW=${WHARF_DEMO_PASSWORD:-$(cat "$RUN/demo-password")}
U=demo
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

sessions() { # label, url
  local label=$1 url=$2 t0 t1 ok
  export url U PW
  t0=$(date +%s.%N)
  seq "$N" | xargs -P "$C" -I{} sh -c 'curl -sS -k --connect-timeout 10 -u "$U:$PW" -l "$url" >/dev/null 2>&1 && echo ok || echo failed' >"$work/s.log"
  t1=$(date +%s.%N)
  ok=$(grep -c '^ok' "$work/s.log" || true)
  awk -v l="$label" -v n="$N" -v ok="$ok" -v a="$t0" -v b="$t1" \
    'BEGIN { printf "%-6s %d sessions (%d ok) in %.1f s: %.1f sessions/s\n", l, n, ok, b - a, n / (b - a) }'
}

sessions FTPS "ftps://$H:$FTPS/"
sessions SFTP "sftp://$H:$SFTP/"

head -c $((4 * 1024 * 1024)) /dev/urandom >"$work/src.bin"
curl -sS -k -u "$U:$PW" -T "$work/src.bin" "ftps://$H:$FTPS/bench-passive.bin"
for i in $(seq "$T"); do
  (curl -sS -k --connect-timeout 10 --limit-rate 1M -u "$U:$PW" -o "$work/d$i" "ftps://$H:$FTPS/bench-passive.bin" \
     >"$work/d$i.log" 2>&1 && echo ok || { grep -q '421' "$work/d$i.log" && echo refused || echo failed; }) >"$work/r$i" &
done
wait
printf 'passive: %d downloads at once: %d ok, %d refused (421), %d failed otherwise\n' "$T" \
  "$(cat "$work"/r* | grep -c '^ok' || true)" "$(cat "$work"/r* | grep -c '^refused' || true)" \
  "$(cat "$work"/r* | grep -c '^failed' || true)"
