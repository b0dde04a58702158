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

. bench/lib.sh
for _ in $(seq 1 50); do port_open "$FTP_PORT" && port_open "$SSH_PORT" && break; sleep 0.2; done
port_open "$FTP_PORT" || { echo "vsftpd did not start:"; cat "$work/vsftpd.log"; exit 1; }
port_open "$SSH_PORT" || { echo "sshd did not start:"; cat "$work/sshd.log"; exit 1; }

make_test_file "$SIZE_MIB"
echo "file: $BYTES bytes; machine: $(nproc) cores; $(date -u +%FT%TZ); vsftpd $(dpkg-query -W -f='${Version}' vsftpd), $(/usr/sbin/sshd -V 2>&1 | head -1)"

transfers "vsftpd/sshd" "$USER_NAME" "$PW" "$FTP_PORT" "$SSH_PORT"
