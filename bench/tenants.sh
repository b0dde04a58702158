#!/usr/bin/env bash
# Tenants at scale (issue 17): creates tenants through the admin API of a running platform until it holds N
# (bench-00001 ...), each with one user, and measures what grows with the number of tenants: time to create a
# tenant, the operator's token, Keycloak's memory, the password check (cold: first login of a user; cached: the
# same login again within the cache's 30 s), the tenant list, a tenant administrator's calls, the gateways'
# host-name lookup, and with --restart the warm start of `./wharf up` and Keycloak's own start time.
#
# Usage: bench/tenants.sh N [--restart]
#   against `./wharf up` on the ports of WHARF_PORT_* (defaults as in the README) and the run folder
#   WHARF_RUN_DIR (default .wharf); tenants that exist already are kept, so 10 then 100 then 1000 adds up.
#   --restart: afterwards `./wharf down` and `./wharf up` again (same environment), timed.
# Prints one table row (markdown) at the end; the raw timings stay in $work.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: bench/tenants.sh N [--restart]}
RESTART=${2:-}
H=127.0.0.1
RUN=${WHARF_RUN_DIR:-.wharf}
KC="http://$H:${WHARF_PORT_KEYCLOAK:-8180}"
ID="http://$H:${WHARF_PORT_IDENTITY:-8081}"
PW_FILE="$RUN/data/keycloak/admin-password"
USER_PW="Bench-$(date +%s)-pw"
work=$(mktemp -d /tmp/wharf-bench-tenants.XXXXXX)
echo "raw timings in $work"

ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
# p50 and p99 (ms) of the numbers (seconds) in a file
pct() { sort -n "$1" | awk '{ t[NR] = $1 } END { if (NR == 0) { print "- / -"; exit }
  i50 = int((NR + 1) * 0.50); i99 = int((NR * 0.99) + 0.999); if (i99 > NR) i99 = NR; if (i50 < 1) i50 = 1
  printf "%.0f / %.0f", t[i50] * 1000, t[i99] * 1000 }'; }

operator_token() {
  curl -sf -d grant_type=password -d client_id=wharf-admin -d username=admin --data-urlencode "password=$(cat "$PW_FILE")" \
    "$KC/realms/master/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
TOKEN=$(operator_token); TOKEN_AT=$(date +%s)
token() { # a fresh operator token every 45 s (master tokens live 60 s)
  if (( $(date +%s) - TOKEN_AT > 45 )); then TOKEN=$(operator_token); TOKEN_AT=$(date +%s); fi
}
api() { # method path [json] -> "status seconds" on stdout, body in $work/body
  token
  curl -s -o "$work/body" -w '%{http_code} %{time_total}\n' -X "$1" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' ${3:+-d "$3"} "$ID$2"
}
login() { # tenant user password -> "status seconds reason"
  local r
  r=$(curl -s -o "$work/login" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $GW_TOKEN" \
    -d "{\"tenant\":\"$1\",\"username\":\"$2\",\"password\":\"$3\",\"clientIp\":\"127.0.0.1\",\"protocol\":\"sftp\"}" \
    "$ID/v1/authenticate")
  echo "$r $(sed 's/.*"reason":"\([^"]*\)".*/\1/' "$work/login")"
}
id_of() { printf 'bench-%05d' "$1"; }
# the gateways' service credential (issue 11): /v1/authenticate and /v1/hostnames answer only gateways
GW_SECRET=${WHARF_GATEWAY_SECRET:-$(cat "$RUN/secrets/gateway-client-secret")}
gateway_token() {
  curl -sf -d grant_type=client_credentials -d client_id=wharf-gateways --data-urlencode "client_secret=$GW_SECRET" \
    "$KC/realms/master/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
GW_TOKEN=$(gateway_token)

# ---------------------------------------------------------------- create up to N
existing=0
: >"$work/create"
for i in $(seq 1 "$N"); do
  t=$(id_of "$i")
  read -r code secs < <(api POST /v1/admin/tenants "{\"id\":\"$t\"}")
  case $code in
    201) echo "$secs" >>"$work/create"
         api POST "/v1/admin/tenants/$t/users" "{\"username\":\"alice\",\"password\":\"$USER_PW\"}" >/dev/null ;;
    409) existing=$((existing + 1))
         api PUT "/v1/admin/tenants/$t/users/alice/password" "{\"password\":\"$USER_PW\"}" >/dev/null ;;
    *) echo "creating $t: HTTP $code $(cat "$work/body")"; exit 1 ;;
  esac
  (( i % 50 == 0 )) && echo "  $i tenants ..."
done
created=$(wc -l <"$work/create")
tail -n 10 "$work/create" >"$work/create.last10"
echo "created $created tenants ($existing existed)"

# ---------------------------------------------------------------- sizes and memory
token
TOKEN_BYTES=${#TOKEN}
KC_PID=$(cat "$RUN/run/keycloak.pid" 2>/dev/null || true)
rss_tree() { # MiB of a process and all its descendants (kc.sh starts the JVM as a child)
  ps -eo pid=,ppid=,rss= | awk -v root="$1" '{ parent[$1] = $2; rss[$1] = $3 }
    END { for (p in rss) { q = p; for (i = 0; i < 10 && q != ""; i++) { if (q == root) { sum += rss[p]; break } q = parent[q] } }
          printf "%.0f", sum / 1024 }'
}
KC_RSS=$([ -n "$KC_PID" ] && rss_tree "$KC_PID" || echo "?")

# ---------------------------------------------------------------- password checks on up to 50 tenants
# a gateway token lives 15 minutes and creating many tenants takes longer: a fresh one for the logins
GW_TOKEN=$(gateway_token)
: >"$work/cold"; : >"$work/cached"
step=$(( N > 50 ? N / 50 : 1 ))
for i in $(seq 1 "$step" "$N"); do
  t=$(id_of "$i")
  read -r code secs reason < <(login "$t" alice "$USER_PW")
  [ "$reason" = ok ] || { echo "login to $t: $code $reason"; exit 1; }
  echo "$secs" >>"$work/cold"
  read -r code secs reason < <(login "$t" alice "$USER_PW")
  echo "$secs" >>"$work/cached"
done

# ---------------------------------------------------------------- admin calls
: >"$work/list"
for _ in 1 2 3 4 5; do api GET "/v1/admin/tenants?limit=100" | awk '{ print $2 }' >>"$work/list"; done
t0=$(date +%s.%N)
WHARF_RUN_DIR=$RUN ./wharf tenant list --json >"$work/all.json"
t1=$(date +%s.%N)
CLI_LIST=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
LISTED=$(grep -o '"id"' "$work/all.json" | wc -l)

last=$(id_of "$N")
api POST "/v1/admin/tenants/$last/users" "{\"username\":\"boss\",\"password\":\"$USER_PW\"}" >/dev/null
api PUT "/v1/admin/tenants/$last/admins/boss" >/dev/null
# a tenant administrator signs in where the tenant's users live: realm wharf as <tenant>.boss with organizations
if [ "${WHARF_TENANCY:-organizations}" = organizations ]; then BOSS_REALM=wharf BOSS_USER="$last.boss"
else BOSS_REALM=$last BOSS_USER=boss; fi
BOSS=$(curl -sf -d grant_type=password -d client_id=wharf-admin -d "username=$BOSS_USER" -d "password=$USER_PW" \
  "$KC/realms/$BOSS_REALM/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
: >"$work/tadmin"
for _ in $(seq 1 10); do
  for p in "/v1/admin/tenants/$last" "/v1/admin/tenants/$last/users" "/v1/admin/tenants/$last/settings"; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $BOSS" "$ID$p" >>"$work/tadmin"
  done
done

# host-name lookups: a changed host name drops identity's map, so the first lookup reads every realm again
GW_TOKEN=$(gateway_token)   # the logins and admin calls above may have outlived the last one
api PUT "/v1/admin/tenants/$last/settings" "{\"hostnames\":[\"files.$last.example\"]}" >/dev/null
: >"$work/host.cold"; : >"$work/host.warm"
for _ in 1 2 3; do
  api PUT "/v1/admin/tenants/$last/settings" "{\"otpGraceSeconds\":0}" >/dev/null   # drops the map again
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $GW_TOKEN" "$ID/v1/hostnames/files.$last.example" >>"$work/host.cold"
  for _ in $(seq 1 10); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $GW_TOKEN" "$ID/v1/hostnames/files.$last.example" >>"$work/host.warm"
  done
done

# ---------------------------------------------------------------- warm restart
UP="-"; KC_START="-"
if [ "$RESTART" = --restart ]; then
  ./wharf down >/dev/null
  ./wharf up >"$work/up.log" 2>&1 </dev/null &
  for _ in $(seq 1 600); do
    grep -q 'Wharf is up in\|FAILED' "$work/up.log" && break
    sleep 1
  done
  grep -q 'Wharf is up in' "$work/up.log" || { echo "the platform did not come up again:"; tail -20 "$work/up.log"; exit 1; }
  UP=$(sed -n 's/.*Wharf is up in \([0-9.]*\) s.*/\1 s/p' "$work/up.log")
  KC_START=$(grep -o 'started in [0-9.]*s' "$RUN/logs/keycloak.log" | tail -1 | sed 's/started in //')
  KC_PID=$(cat "$RUN/run/keycloak.pid")
  KC_RSS="$KC_RSS ($(rss_tree "$KC_PID") after restart)"
  echo "the platform runs again (./wharf down to stop it)"
fi

echo
echo "| tenants | create p50/p99 ms (last 10) | operator token B | Keycloak RSS MiB | login cold p50/p99 ms | login cached p50/p99 ms | tenant list page ms (p50/p99) | CLI list all s | tenant admin calls p50/p99 ms | host lookup cold / warm p50 ms | ./wharf up warm | Keycloak start |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "| $N ($LISTED listed) | $(pct "$work/create") ($(pct "$work/create.last10")) | $TOKEN_BYTES | $KC_RSS | $(pct "$work/cold") | $(pct "$work/cached") | $(pct "$work/list") | $CLI_LIST | $(pct "$work/tadmin") | $(pct "$work/host.cold" | cut -d' ' -f1) / $(pct "$work/host.warm" | cut -d' ' -f1) | $UP | $KC_START |"
