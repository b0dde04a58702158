#!/usr/bin/env bash
# Wharf and the reference servers (vsftpd, OpenSSH sshd) in one run, alternating: each round runs the six transfers
# of bench/lib.sh against one side and then the other (the order flips every round), after a warm-up round on both.
# Prints, per transfer, the median MB/s of each side, the ratio, and the server CPU seconds per GiB: for Wharf the
# gateway and storage-service processes on the path, for the peers the server and its session processes.
#
# Usage (root, Debian): bench/side-by-side.sh [size-in-MiB] [rounds]      (defaults 256 and 3)
# Uses a running `./wharf up` when there is one, else starts it and stops it afterwards. Then, for logins per second
# and memory per idle session on both sides: bench/sessions.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-256}
ROUNDS=${2:-3}
H=127.0.0.1
. bench/lib.sh
. bench/peers.sh
both_sides wharf-sbs

FTP_GW=$(wharf_jvm gateway-ftp); SFTP_GW=$(wharf_jvm gateway-sftp); STORAGE=$(wharf_jvm storage-service)
HZ=$(getconf CLK_TCK)

ticks() { # pids... -> user+system ticks of each, its reaped children and its live descendants
  local total=0 p kids
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    # fields after the command name (which may hold spaces): utime stime cutime cstime are 12-15 of the rest
    total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 + $14 + $15 }')))
    kids=$(ps -o pid= --ppid "$p" 2>/dev/null | tr -d ' ' || true)
    [ -n "$kids" ] && total=$((total + $(ticks $kids)))
  done
  echo "$total"
}
settled() { # server pid: its session processes have ended (so their CPU is counted as reaped children)
  for _ in $(seq 1 50); do
    [ -z "$(ps -o pid= --ppid "$1" 2>/dev/null)" ] && return 0
    sleep 0.1
  done
}
side_pids() { # side row -> the server processes a transfer of that row runs through
  case $1:$2 in
    wharf:ftps*) echo "$FTP_GW $STORAGE" ;;
    wharf:sftp*) echo "$SFTP_GW $STORAGE" ;;
    peer:ftps*) echo "$VSFTPD_PID" ;;
    peer:sftp*) echo "$SSHD_PID" ;;
  esac
}
one_side() { # side round: the six transfers, one line per transfer into $work/results
  local side=$1 round=$2 row pids c0 c1 t0 t1
  for row in "${ROWS[@]}"; do
    pids=$(side_pids "$side" "$row")
    if is_download "$row"; then cold; rm -f "$work/got.bin"; fi
    c0=$(ticks $pids); t0=$(now)
    if [ "$side" = wharf ]; then
      run_row "$row" demo "$WHARF_PW" 2121 2222 >"$work/cmd.log" 2>&1 || { echo "$side $row FAILED"; tail -5 "$work/cmd.log"; exit 1; }
    else
      run_row "$row" "$PEER_USER" "$PEER_PW" "$PEER_FTP_PORT" "$PEER_SSH_PORT" >"$work/cmd.log" 2>&1 || { echo "$side $row FAILED"; tail -5 "$work/cmd.log"; exit 1; }
    fi
    t1=$(now)
    [ "$side" = peer ] && settled $pids
    c1=$(ticks $pids)
    if is_download "$row"; then check "$work/got.bin"; fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$side" "$row" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" \
      "$(awk -v t="$((c1 - c0))" -v hz="$HZ" 'BEGIN{print t/hz}')" >>"$work/results"
  done
}

make_test_file "$SIZE_MIB"
echo "file: $BYTES bytes, $ROUNDS rounds after a warm-up; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
echo "peers: $(peer_versions); Wharf: gateway-ftp $FTP_GW, gateway-sftp $SFTP_GW, storage-service $STORAGE"
: >"$work/results"
one_side wharf 0; one_side peer 0   # warm-up (JIT, page cache of the binaries), not counted
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then one_side wharf "$r"; one_side peer "$r"; else one_side peer "$r"; one_side wharf "$r"; fi
  echo "round $r of $ROUNDS done"
done

python3 - "$work/results" "$BYTES" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    rnd, side, row, secs, cpu = line.split('\t')
    if rnd == '0':
        continue
    rows.setdefault(row, {}).setdefault(side, []).append((float(secs), float(cpu)))
size = int(sys.argv[2])
labels = {'ftps-up-lftp': 'FTPS upload, lftp', 'ftps-down-lftp': 'FTPS download, lftp',
          'ftps-up-curl': 'FTPS upload, curl', 'ftps-down-curl': 'FTPS download, curl',
          'sftp-up': 'SFTP upload, OpenSSH sftp', 'sftp-down': 'SFTP download, OpenSSH sftp'}
print()
print('| path | Wharf MB/s (median; all) | peer MB/s (median; all) | ratio | Wharf CPU s/GiB | peer CPU s/GiB |')
print('|---|---|---|---|---|---|')
for row, label in labels.items():
    def fig(side):
        runs = rows[row][side]
        mbs = [size / 1e6 / s for s, _ in runs]
        cpu = statistics.median(c * (1 << 30) / size for _, c in runs)
        return statistics.median(mbs), ' / '.join('%.0f' % m for m in mbs), cpu
    w, wall, wcpu = fig('wharf')
    p, pall, pcpu = fig('peer')
    print('| %s | %.1f (%s) | %.1f (%s) | %.2f | %.2f | %.2f |' % (label, w, wall, p, pall, w / p, wcpu, pcpu))
PY
