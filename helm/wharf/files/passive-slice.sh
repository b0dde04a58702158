#!/bin/sh
# Gives this gateway-ftp replica its own slice of the passive range and the address clients must reach it on,
# from its StatefulSet ordinal (the hostname suffix), so that a PASV data connection lands on the replica that
# holds the control connection. Then runs the given command (the image's run-java.sh).
set -eu
ordinal="${HOSTNAME##*-}"
case "$ordinal" in
  ''|*[!0-9]*) echo "passive-slice: cannot read a replica ordinal from HOSTNAME=$HOSTNAME" >&2; exit 64 ;;
esac
first=$((WHARF_PASSIVE_RANGE_START + ordinal * WHARF_PASSIVE_PORTS_PER_REPLICA))
last=$((first + WHARF_PASSIVE_PORTS_PER_REPLICA - 1))
export WHARF_FTP_PASSIVE_PORTS="$first-$last"
address=""
i=0
for a in $(echo "${WHARF_PASSIVE_ADDRESSES:-}" | tr ',' ' '); do
  if [ "$i" -eq "$ordinal" ]; then address="$a"; fi
  i=$((i + 1))
done
# hostPort mode: the node's address, unless an address is configured for this ordinal
if [ -z "$address" ]; then address="${NODE_IP:-}"; fi
if [ -n "$address" ]; then export WHARF_FTP_PASSIVE_ADDRESS="$address"; fi
echo "passive-slice: replica $ordinal uses passive ports $WHARF_FTP_PASSIVE_PORTS, advertises ${address:-the connected address}"
exec "$@"
