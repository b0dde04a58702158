# The reference servers of the side-by-side benchmarks: vsftpd (explicit FTPS, TLS forced for login and data) and
# OpenSSH's sshd (internal-sftp), both on loopback on high ports, serving the home of a throw-away local user.
# Sourced by bench/baseline.sh and bench/side-by-side.sh (root: it adds the user). Expects H and work to be set;
# sets PEER_USER, PEER_PW, PEER_FTP_PORT, PEER_SSH_PORT, VSFTPD_PID, SSHD_PID; stop_peers undoes everything.
PEER_FTP_PORT=${BASELINE_FTP_PORT:-21021}
PEER_SSH_PORT=${BASELINE_SSH_PORT:-22022}
PEER_USER=wharfbench

start_peers() {
  [ "$(id -u)" = 0 ] || { echo "run as root (the reference servers need a temporary local user)" >&2; exit 2; }
  local b
  for b in /usr/sbin/vsftpd /usr/sbin/sshd lftp curl sshpass sftp openssl; do
    command -v "$b" >/dev/null || { echo "$b missing: apt-get install -y vsftpd openssh-server lftp curl sshpass openssh-client" >&2; exit 2; }
  done
  chmod 755 "$work"
  PEER_PW=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  userdel -r "$PEER_USER" >/dev/null 2>&1 || true
  useradd -m -d "$work/home" -s /bin/bash "$PEER_USER"
  echo "$PEER_USER:$PEER_PW" | chpasswd

  # vsftpd: explicit FTPS required for login and data, TLS 1.2+, passive on loopback, a self-signed certificate
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1
  mkdir -p "$work/empty"
  cat >"$work/vsftpd.conf" <<EOF
listen=YES
listen_address=$H
listen_port=$PEER_FTP_PORT
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
max_clients=0
max_per_ip=0
EOF
  /usr/sbin/vsftpd "$work/vsftpd.conf" >"$work/vsftpd.log" 2>&1 &
  VSFTPD_PID=$!

  # sshd: its own host key and config, password login for the bench user only, the internal SFTP server
  ssh-keygen -q -t ed25519 -N '' -f "$work/ssh_host_ed25519_key"
  mkdir -p /run/sshd
  cat >"$work/sshd_config" <<EOF
ListenAddress $H
Port $PEER_SSH_PORT
HostKey $work/ssh_host_ed25519_key
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM yes
AllowUsers $PEER_USER
Subsystem sftp internal-sftp
PidFile $work/sshd.pid
EOF
  /usr/sbin/sshd -D -f "$work/sshd_config" -E "$work/sshd.log" &
  SSHD_PID=$!

  for _ in $(seq 1 50); do port_open "$PEER_FTP_PORT" && port_open "$PEER_SSH_PORT" && break; sleep 0.2; done
  port_open "$PEER_FTP_PORT" || { echo "vsftpd did not start:"; cat "$work/vsftpd.log"; exit 1; }
  port_open "$PEER_SSH_PORT" || { echo "sshd did not start:"; cat "$work/sshd.log"; exit 1; }
}

peer_versions() { printf 'vsftpd %s, %s' "$(dpkg-query -W -f='${Version}' vsftpd)" "$(/usr/sbin/sshd -V 2>&1 | head -1)"; }

stop_peers() {
  [ -n "${VSFTPD_PID:-}" ] && kill "$VSFTPD_PID" 2>/dev/null
  [ -n "${SSHD_PID:-}" ] && kill "$SSHD_PID" 2>/dev/null
  userdel -r "$PEER_USER" >/dev/null 2>&1 || true
}

# Wharf (a running `./wharf up`, else started here) and the peers, in a scratch folder $work named after $1;
# everything this started is stopped and removed when the script exits.
both_sides() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  trap 'stop_peers; rm -rf "$work"; if [ -n "$WHARF_STARTED_HERE" ]; then ./wharf down >/dev/null 2>&1 || true; fi' EXIT
  ensure_wharf
  start_peers
}
