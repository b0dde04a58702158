"""Tenants as Keycloak Organizations in one realm, measured (issue 17). Run by bench/organizations.sh."""
import json, random, statistics, sys, time, urllib.request, urllib.parse, urllib.error

N = int(sys.argv[1])
KC = sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:9380"
PW = open(sys.argv[3] if len(sys.argv) > 3 else "admin-password").read().strip()
REALM = "wharf"
USER_PW = "Spike-pw-4711-xyz"
tok = {"t": None, "at": 0}


def token():
    if time.time() - tok["at"] > 40:
        d = urllib.parse.urlencode({"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                                    "password": PW}).encode()
        tok["t"] = json.load(urllib.request.urlopen(KC + "/realms/master/protocol/openid-connect/token", d))[
            "access_token"]
        tok["at"] = time.time()
    return tok["t"]


def call(method, path, body=None, raw=False):
    data = None if body is None else (body.encode() if raw else json.dumps(body).encode())
    req = urllib.request.Request(KC + path, method=method, data=data,
                                 headers={"Authorization": "Bearer " + token(), "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as r:
        loc = r.headers.get("Location")
        d = r.read()
        return (json.loads(d) if d else None), loc


def timed(f):
    t = time.time()
    out = f()
    return out, time.time() - t


def pct(xs):
    xs = sorted(xs)
    if not xs:
        return "-"
    return "%.0f / %.0f ms" % (1000 * xs[int(0.5 * (len(xs) - 1))], 1000 * xs[min(len(xs) - 1, int(0.99 * len(xs)))])


def grant(user):
    d = urllib.parse.urlencode({"grant_type": "password", "client_id": "wharf-password-check", "username": user,
                                "password": USER_PW}).encode()
    t = time.time()
    try:
        urllib.request.urlopen(KC + "/realms/%s/protocol/openid-connect/token" % REALM, d).read()
        ok = True
    except urllib.error.HTTPError as e:
        ok = False
    return ok, time.time() - t


try:
    call("POST", "/admin/realms", {"realm": REALM, "enabled": True, "organizationsEnabled": True})
    call("POST", "/admin/realms/%s/clients" % REALM, {"clientId": "wharf-password-check", "publicClient": True,
                                                      "directAccessGrantsEnabled": True,
                                                      "standardFlowEnabled": False})
except urllib.error.HTTPError as e:
    print("setup:", e.code)

existing = len(call("GET", "/admin/realms/%s/organizations?first=0&max=100000&briefRepresentation=true" % REALM)[0])
print("existing orgs", existing, flush=True)
create_times = []
t_run = time.time()
for i in range(existing + 1, N + 1):
    alias = "org-%05d" % i
    body = {"name": alias, "alias": alias, "enabled": True,
            "domains": [{"name": "%s.files.example.com" % alias, "verified": True}],
            "attributes": {"wharf.allowedCidrs": ["10.0.0.0/8"], "wharf.otpGraceSeconds": ["0"],
                           "wharf.plainFtp": ["false"]}}
    (_, loc), c1 = timed(lambda: call("POST", "/admin/realms/%s/organizations" % REALM, body))
    org_id = loc.rsplit("/", 1)[1]
    user = {"username": "%s.alice" % alias, "enabled": True, "firstName": "Alice", "lastName": alias, "email": "alice@%s.files.example.com" % alias, "emailVerified": True,
            "credentials": [{"type": "password", "value": USER_PW, "temporary": False}]}
    (_, uloc), c2 = timed(lambda: call("POST", "/admin/realms/%s/users" % REALM, user))
    uid = uloc.rsplit("/", 1)[1]
    _, c3 = timed(lambda: call("POST", "/admin/realms/%s/organizations/%s/members" % (REALM, org_id),
                               json.dumps(uid), raw=True))
    create_times.append((i, c1, c2, c3))
    if i % 100 == 0:
        last = create_times[-100:]
        print("%d orgs: org create %s, user create %s, add member %s (elapsed %.0f s)" % (
            i, pct([x[1] for x in last]), pct([x[2] for x in last]), pct([x[3] for x in last]),
            time.time() - t_run), flush=True)

# measurements at N
n = N
sample = random.Random(7).sample(range(1, n + 1), min(50, n))
lat = [grant("org-%05d.alice" % i) for i in sample]
print("password grant over %d users at %d orgs: ok=%d p50/p99 %s" % (len(lat), n, sum(1 for ok, _ in lat if ok),
                                                                      pct([t for _, t in lat])), flush=True)
pages = [timed(lambda: call("GET", "/admin/realms/%s/organizations?first=%d&max=100&briefRepresentation=false" % (
    REALM, f)))[1] for f in (0, n // 2, max(0, n - 100))]
print("org list page of 100 (first, middle, last):", ", ".join("%.0f ms" % (1000 * p) for p in pages), flush=True)
lookups = [timed(lambda: call("GET", "/admin/realms/%s/organizations?search=org-%05d.files.example.com&exact=true"
                                     % (REALM, i)))[1] for i in sample[:20]]
print("org by domain (search exact):", pct(lookups), flush=True)
allorgs = timed(lambda: call("GET", "/admin/realms/%s/organizations?first=0&max=100000&briefRepresentation=true"
                                    % REALM))[1]
print("all orgs, brief: %.0f ms" % (1000 * allorgs), flush=True)
