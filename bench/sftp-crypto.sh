#!/usr/bin/env bash
# The SFTP gateway's crypto per MB of CPU (issue 15), without JMH. Two modes:
#   bench/sftp-crypto.sh [packet-bytes=32768] [seconds-per-round=1] [rounds=5] [case-filter]
#     CipherCost: MB per CPU-second of each piece on one thread: Poly1305 (ours, the sessions 2-8 one, the JDK's
#     internal intrinsic for reference, SSHD's), the JDK's ChaCha20 key stream, whole packets of chacha20-poly1305 /
#     AES-GCM / AES-CTR+ETM.
#   bench/sftp-crypto.sh ssh [MiB=256] [rounds=3] [ciphers=default,aes128-gcm@openssh.com,...]
#     SshServerCost: an SSHD SFTP server alone (no Wharf storage) and OpenSSH sftp put/get of one file: the server
#     JVM's CPU per MB for each transfer. Needs sshpass; the file is made in /dev/shm and removed.
# WHARF_SFTP_CLASSES: another build's gateway-sftp classes (folder or jar) to measure instead, e.g. an older one.
# Build first: ./mvnw -B -q -o package -DskipTests -pl gateway-sftp -am, then ./mvnw -B -q -o test-compile -pl gateway-sftp.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk.sh
wharf_find_jdk
m=gateway-sftp/target
[ -d "$m/test-classes/dev/wharf/sftp/crypto" ] || { echo "build gateway-sftp and its test classes first (see the header)" >&2; exit 1; }
cp="$m/test-classes:${WHARF_SFTP_CLASSES:-$m/classes}:$(ls $m/quarkus-app/lib/main/*.jar | tr "\n" ":")"
if [ "${1-}" = ssh ]; then
  file=$(mktemp /dev/shm/wharf-ssh-cost.XXXXXX)
  trap 'rm -f "$file"' EXIT
  head -c $((${2:-256} * 1024 * 1024)) /dev/urandom > "$file"
  nice -n 5 "$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" dev.wharf.sftp.crypto.SshServerCost "$file" "${3:-3}" "${4:-default}"
  exit
fi
# --add-opens only so the JDK's internal Poly1305 can be measured beside ours; the gateway never uses it
exec nice -n 5 "$JAVA_HOME/bin/java" -Xmx256m --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED \
  -cp "$cp" dev.wharf.sftp.crypto.CipherCost "$@"
