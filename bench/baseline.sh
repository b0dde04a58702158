#!/usr/bin/env bash
# The same transfers as bench/throughput.sh against the reference servers on the same machine: vsftpd (explicit
# FTPS) and OpenSSH's sshd (SFTP subsystem), both on loopback, serving a local folder. Compare the two outputs, or
# run bench/side-by-side.sh, which runs both alternately and prints the ratios.
#
# Usage (root, Debian): apt-get install -y vsftpd openssh-server; bench/baseline.sh [size-in-MiB]   (default 1024)
# It creates a throw-away local user `wharfbench` and a folder under /tmp, starts both servers on high ports in
# the foreground of this script (never as system services), and removes user, folder and servers at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
H=127.0.0.1
work=$(mktemp -d "${TMPDIR:-/tmp}/wharf-baseline.XXXXXX")
. bench/lib.sh
. bench/peers.sh
cleanup() {
  stop_peers
  rm -rf "$work"
}
trap cleanup EXIT
start_peers

make_test_file "$SIZE_MIB"
echo "file: $BYTES bytes; machine: $(nproc) cores; $(date -u +%FT%TZ); $(peer_versions)"

transfers "vsftpd/sshd" "$PEER_USER" "$PEER_PW" "$PEER_FTP_PORT" "$PEER_SSH_PORT"
