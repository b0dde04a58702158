#!/usr/bin/env bash
# MB/s and CPU ms per MB of the SFTP gateway's crypto pieces on one core (issue 15), without JMH: Poly1305 (ours,
# the sessions 2-8 one, the JDK's internal intrinsic for reference, SSHD's), the JDK's ChaCha20 key stream, and
# whole packets of chacha20-poly1305 / AES-GCM / AES-CTR+ETM. Runs CipherCost (gateway-sftp test sources).
# Usage: bench/sftp-crypto.sh [packet-bytes=32768] [seconds-per-round=1] [rounds=5] [case-filter]
# Build first: ./mvnw -B -q -o test-compile -pl gateway-sftp -am (or any package of gateway-sftp).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk.sh
wharf_find_jdk
m=gateway-sftp/target
[ -d "$m/test-classes/dev/wharf/sftp/crypto" ] || { echo "build gateway-sftp's test classes first (see the header)" >&2; exit 1; }
cp="$m/test-classes:$m/classes:$(ls $m/quarkus-app/lib/main/*.jar | tr "\n" ":")"
# --add-opens only so the JDK's internal Poly1305 can be measured beside ours; the gateway never uses it
exec nice -n 5 "$JAVA_HOME/bin/java" -Xmx256m --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED \
  -cp "$cp" dev.wharf.sftp.crypto.CipherCost "$@"
