#!/usr/bin/env bash
# Upload and download throughput (MB/s) of one file over explicit FTPS (lftp and curl) and SFTP (OpenSSH sftp)
# through the local platform, with the same file written and read on local disk for reference.
#
# Usage: bench/throughput.sh [size-in-MiB]      (default 1024 = 1 GiB)
# Uses a running `./wharf up` when there is one, else starts it and stops it afterwards.
# Needs: lftp curl sshpass openssh-client (installed by .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
H=127.0.0.1
work=$(mktemp -d "${TMPDIR:-/tmp}/wharf-bench.XXXXXX")
started_here=
cleanup() {
  rm -rf "$work"
  if [ -n "$started_here" ]; then ./wharf down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

port_open() { (exec 3<>"/dev/tcp/$H/$1") 2>/dev/null; }

if ! port_open 2121 || ! port_open 2222; then
  echo "starting the platform (./wharf up) ..."
  ./wharf up >"$work/up.log" 2>&1 </dev/null &
  started_here=1
  for _ in $(seq 1 300); do
    port_open 2121 && port_open 2222 && [ -s .wharf/demo-password ] && break
    sleep 2
  done
  port_open 2121 || { echo "platform did not come up:"; tail -20 "$work/up.log"; exit 1; }
fi
PW=${WHARF_DEMO_PASSWORD:-$(cat .wharf/demo-password)}

now() { date +%s.%N; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%8.1f MB/s (%.2f s)", b / 1e6 / s, s }'; }
measure() { # label, command...
  local label=$1; shift
  local t0 t1
  t0=$(now); "$@" >"$work/cmd.log" 2>&1 || { echo "$label: FAILED"; tail -5 "$work/cmd.log"; return 1; }; t1=$(now)
  printf '%-34s %s\n' "$label" "$(rate "$BYTES" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")"
}

echo "creating a ${SIZE_MIB} MiB test file ..."
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$work/src.bin"
BYTES=$(stat -c %s "$work/src.bin")
SHA=$(sha256sum "$work/src.bin" | cut -d' ' -f1)
check() { [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA" ] || { echo "CONTENT MISMATCH in $1"; exit 1; }; rm -f "$1"; }

echo "file: $BYTES bytes; machine: $(nproc) cores; $(date -u +%FT%TZ)"
sync
measure "local disk write (cp + fsync)" sh -c "cp '$work/src.bin' '$work/disk.bin' && sync '$work/disk.bin'"
# every read comes from the disk, not from the page cache the upload just filled (dropping caches needs root)
cold() { (sync && echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null || echo "(cannot drop the page cache: the next read may come from memory)"; }
cold
measure "local disk read (cat)" sh -c "cat '$work/disk.bin' > /dev/null"
rm -f "$work/disk.bin"

LFTP="set ssl:verify-certificate no; set ftp:ssl-force true; set ftp:ssl-protect-data true; set net:max-retries 1; open -u demo,$PW -p 2121 $H"
measure "FTPS upload (lftp, explicit TLS)" lftp -c "$LFTP; put $work/src.bin -o bench.bin"
cold
measure "FTPS download (lftp, explicit TLS)" lftp -c "$LFTP; get bench.bin -o $work/ftps.bin"
check "$work/ftps.bin"
measure "FTPS upload (curl, explicit TLS)" curl -sS -k --ssl-reqd -T "$work/src.bin" "ftp://demo:$PW@$H:2121/bench.bin"
cold
measure "FTPS download (curl, explicit TLS)" curl -sS -k --ssl-reqd -o "$work/curl.bin" "ftp://demo:$PW@$H:2121/bench.bin"
check "$work/curl.bin"

# -oBatchMode=no before -b: batch mode otherwise turns off the password prompt sshpass answers
SFTP=(sshpass -p "$PW" sftp -q -oBatchMode=no -oStrictHostKeyChecking=no -oUserKnownHostsFile=/dev/null -oPubkeyAuthentication=no -P 2222)
printf 'put %s bench.bin\n' "$work/src.bin" >"$work/put"
printf 'get bench.bin %s\nrm bench.bin\n' "$work/sftp.bin" >"$work/get"
measure "SFTP upload (OpenSSH sftp)" "${SFTP[@]}" -b "$work/put" "demo@$H"
cold
measure "SFTP download (OpenSSH sftp)" "${SFTP[@]}" -b "$work/get" "demo@$H"
check "$work/sftp.bin"
