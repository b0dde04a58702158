#!/usr/bin/env bash
# The same transfers as bench/throughput.sh against the reference servers on the same machine: vsftpd (explicit
# FTPS) and OpenSSH's sshd (SFTP subsystem), both on loopback, serving a local folder. Compare the two outputs.
#
# Usage (root, Debian): apt-get install -y vsftpd openssh-server; bench/baseline.sh [size-in-MiB]   (default 1024)
# It creates a throw-away local user `wharfbench` and a folder under /tmp, starts both servers on high ports in
# the foreground of this script (never as system services), and removes user, folder and servers at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
H=127.0.0.1
FTP_PORT=${BASELINE_FTP_PORT:-21021}
SSH_PORT=${BASELINE_SSH_PORT:-22022}
USER_NAME=wharfbench
[ "$(id -u)" = 0 ] || { echo "baseline.sh: run as root (it adds a temporary local user)" >&2; exit 2; }
for b in /usr/sbin/vsftpd /usr/sbin/sshd lftp curl sshpass sftp openssl; do
  command -v "$b" >/dev/null || { echo "baseline.sh: $b missing: apt-get install -y vsftpd openssh-server lftp curl sshpass openssh-client" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/wharf-baseline.XXXXXX")
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  userdel -r "$USER_NAME" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

PW=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
userdel -r "$USER_NAME" >/dev/null 2>&1 || true
useradd -m -d "$work/home" -s /bin/bash "$USER_NAME"
echo "$USER_NAME:$PW" | chpasswd

# vsftpd: explicit FTPS required for login and data, TLS 1.2+, passive on loopback, a self-signed certificate
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1
mkdir -p "$work/empty"
cat >"$work/vsftpd.conf" <<EOF
listen=YES
listen_address=$H
listen_port=$FTP_PORT
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
pam_service_name=vsftpd
secure_chroot_dir=$work/empty
ssl_enable=YES
force_local_logins_ssl=YES
force_local_data_ssl=YES
ssl_tlsv1=NO
ssl_sslv2=NO
ssl_sslv3=NO
require_ssl_reuse=NO
rsa_cert_file=$work/cert.pem
rsa_private_key_file=$work/key.pem
pasv_enable=YES
pasv_min_port=52000
pasv_max_port=52100
pasv_address=$H
seccomp_sandbox=NO
EOF
/usr/sbin/vsftpd "$work/vsftpd.conf" >"$work/vsftpd.log" 2>&1 &
pids+=($!)

# sshd: its own host key and config, password login for the bench user only, the internal SFTP server
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh_host_ed25519_key"
mkdir -p /run/sshd
cat >"$work/sshd_config" <<EOF
ListenAddress $H
Port $SSH_PORT
HostKey $work/ssh_host_ed25519_key
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM yes
AllowUsers $USER_NAME
Subsystem sftp internal-sftp
PidFile $work/sshd.pid
EOF
/usr/sbin/sshd -D -f "$work/sshd_config" -E "$work/sshd.log" &
pids+=($!)

port_open() { (exec 3<>"/dev/tcp/$H/$1") 2>/dev/null; }
for _ in $(seq 1 50); do port_open "$FTP_PORT" && port_open "$SSH_PORT" && break; sleep 0.2; done
port_open "$FTP_PORT" || { echo "vsftpd did not start:"; cat "$work/vsftpd.log"; exit 1; }
port_open "$SSH_PORT" || { echo "sshd did not start:"; cat "$work/sshd.log"; exit 1; }

now() { date +%s.%N; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%8.1f MB/s (%.2f s)", b / 1e6 / s, s }'; }
measure() { # label, command...
  local label=$1; shift
  local t0 t1
  t0=$(now); "$@" >"$work/cmd.log" 2>&1 || { echo "$label: FAILED"; tail -5 "$work/cmd.log"; return 1; }; t1=$(now)
  printf '%-34s %s\n' "$label" "$(rate "$BYTES" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")"
}
cold() { (sync && echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null || true; }

echo "creating a ${SIZE_MIB} MiB test file ..."
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$work/src.bin"
chmod 644 "$work/src.bin"
BYTES=$(stat -c %s "$work/src.bin")
SHA=$(sha256sum "$work/src.bin" | cut -d' ' -f1)
check() { [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA" ] || { echo "CONTENT MISMATCH in $1"; exit 1; }; rm -f "$1"; }
echo "file: $BYTES bytes; machine: $(nproc) cores; $(date -u +%FT%TZ); vsftpd $(dpkg-query -W -f='${Version}' vsftpd), $(/usr/sbin/sshd -V 2>&1 | head -1)"

LFTP="set ssl:verify-certificate no; set ftp:ssl-force true; set ftp:ssl-protect-data true; set net:max-retries 1; open -u $USER_NAME,$PW -p $FTP_PORT $H"
measure "vsftpd FTPS upload (lftp)" lftp -c "$LFTP; put $work/src.bin -o bench.bin"
cold
measure "vsftpd FTPS download (lftp)" lftp -c "$LFTP; get bench.bin -o $work/ftps.bin"
check "$work/ftps.bin"
measure "vsftpd FTPS upload (curl)" curl -sS -k --ssl-reqd -T "$work/src.bin" "ftp://$USER_NAME:$PW@$H:$FTP_PORT/bench.bin"
cold
measure "vsftpd FTPS download (curl)" curl -sS -k --ssl-reqd -o "$work/curl.bin" "ftp://$USER_NAME:$PW@$H:$FTP_PORT/bench.bin"
check "$work/curl.bin"

SFTP=(sshpass -p "$PW" sftp -q -oBatchMode=no -oStrictHostKeyChecking=no -oUserKnownHostsFile=/dev/null -oPubkeyAuthentication=no -P "$SSH_PORT")
printf 'put %s bench.bin\n' "$work/src.bin" >"$work/put"
printf 'get bench.bin %s\nrm bench.bin\n' "$work/sftp.bin" >"$work/get"
measure "sshd SFTP upload (OpenSSH sftp)" "${SFTP[@]}" -b "$work/put" "$USER_NAME@$H"
cold
measure "sshd SFTP download (OpenSSH sftp)" "${SFTP[@]}" -b "$work/get" "$USER_NAME@$H"
check "$work/sftp.bin"
