#!/usr/bin/env bash
# Tenants as Keycloak Organizations in one realm (issue 17's alternative to one realm per tenant), measured on a
# throwaway Keycloak: creates N organizations in realm `wharf` (each with a domain, Wharf's site-setting attributes
# and one member user `<org>.alice` with a password), printing per 100 the p50 / p99 of creating the organization,
# the user and the membership, then at N: the password grant (the cold password check) over 50 random users, a page
# of 100 organizations, the lookup of an organization by domain (the gateways' host-name lookup) and the full list.
#
# Usage: bench/organizations.sh N [PORT]   (Keycloak from the launcher's cache, ~/.cache/wharf; `./wharf up` or
#        `./wharf build` once first). Same Keycloak options as ./wharf up (H2, local cache), heap 2 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: bench/organizations.sh N [PORT]}
PORT=${2:-9380}
KC_HOME=$(ls -d "$HOME"/.cache/wharf/keycloak-*/ 2>/dev/null | grep -v -- '-build' | head -1)
[ -n "$KC_HOME" ] || { echo "no Keycloak under ~/.cache/wharf: run ./wharf build first"; exit 1; }
JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/*-2[1-9]* /usr/lib/jvm/*-2[1-9]-* 2>/dev/null | head -1)}
work=$(mktemp -d /tmp/wharf-bench-orgs.XXXXXX)
echo "Keycloak $KC_HOME on port $PORT, data in $work"
mkdir -p "$work"/{h2,tmp,tl}
PW="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
echo "$PW" >"$work/admin-password"
env -u JAVA_OPTS JAVA_HOME="$JAVA_HOME" JAVA_OPTS_KC_HEAP="-Xms512m -Xmx2g" KC_BOOTSTRAP_ADMIN_USERNAME=admin \
  KC_BOOTSTRAP_ADMIN_PASSWORD="$PW" /bin/sh "$KC_HOME/bin/kc.sh" start --optimized \
  "-Dquarkus.transaction-manager.object-store.directory=$work/tl" "-Djava.io.tmpdir=$work/tmp" \
  "--db-url=jdbc:h2:file:$work/h2/keycloakdb;NON_KEYWORDS=VALUE" --http-host=127.0.0.1 --http-port="$PORT" \
  --http-enabled=true --hostname-strict=false --cache=local --http-management-port=$((PORT + 10000)) \
  >"$work/keycloak.log" 2>&1 &
KC_PID=$!
trap 'kill $KC_PID 2>/dev/null || true; pkill -f "$work" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/realms/master" && break; sleep 2; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/realms/master" || { echo "Keycloak did not start"; tail "$work/keycloak.log"; exit 1; }
python3 bench/organizations.py "$N" "http://127.0.0.1:$PORT" "$work/admin-password"
