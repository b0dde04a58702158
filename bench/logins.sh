#!/usr/bin/env bash
# Logins per second through identity-service (POST /v1/authenticate, the call both gateways make),
# N requests with C in parallel, for the demo user of a running `./wharf up`.
#
# Usage: bench/logins.sh [N] [C]       (defaults 300 and 8)
# Compare with and without the password-check cache by starting the platform with
#   WHARF_IDENTITY_PASSWORD_CACHE_TTL=PT0S ./wharf up      (cache off; default PT30S)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}
C=${2:-8}
URL=${WHARF_IDENTITY_URL:-http://127.0.0.1:8081}
PW=${WHARF_DEMO_PASSWORD:-$(cat .wharf/demo-password)}
# the gateways' service credential (made by ./wharf up in .wharf/secrets/): identity-service answers only gateways
KC=${WHARF_KEYCLOAK_URL:-http://127.0.0.1:8180}
SECRET=${WHARF_GATEWAY_SECRET:-$(cat .wharf/secrets/gateway-client-secret)}
TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=wharf-gateways --data-urlencode "client_secret=$SECRET" \
  "$KC/realms/master/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "no gateway token from $KC (is ./wharf up running?)" >&2; exit 1; }
body=$(printf '{"tenant":"demo","username":"demo","password":"%s","clientIp":"127.0.0.1","protocol":"sftp"}' "$PW")
one() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $TOKEN" -d "$body" "$URL/v1/authenticate"; }
export -f one; export body URL TOKEN
one >/dev/null   # warm-up: token endpoint, JIT
t0=$(date +%s.%N)
seq "$N" | xargs -P "$C" -I{} bash -c one > /tmp/wharf-logins.$$
t1=$(date +%s.%N)
ok=$(grep -c '^200 ' /tmp/wharf-logins.$$ || true)
sort -k2 -n /tmp/wharf-logins.$$ | awk -v n="$N" -v ok="$ok" -v s="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" '
  { t[NR] = $2 }
  END { printf "%d logins (%d answered 200) in %.2f s: %.1f logins/s; latency p50 %.0f ms, p95 %.0f ms, max %.0f ms\n",
        n, ok, s, n / s, t[int(NR*0.5)]*1000, t[int(NR*0.95)]*1000, t[NR]*1000 }'
rm -f /tmp/wharf-logins.$$
