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
. bench/lib.sh
cleanup() {
  rm -rf "$work"
  if [ -n "$WHARF_STARTED_HERE" ]; then ./wharf down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
ensure_wharf

make_test_file "$SIZE_MIB"
echo "file: $BYTES bytes; machine: $(nproc) cores; $(date -u +%FT%TZ)"
sync
measure "local disk write (cp + fsync)" sh -c "cp '$work/src.bin' '$work/disk.bin' && sync '$work/disk.bin'"
cold
measure "local disk read (cat)" sh -c "cat '$work/disk.bin' > /dev/null"
rm -f "$work/disk.bin"

transfers Wharf demo "$WHARF_PW" 2121 2222
