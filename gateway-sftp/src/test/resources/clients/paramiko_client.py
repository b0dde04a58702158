"""paramiko as an SFTP client of the gateway: one login, then a fixed list of operations, one JSON line each.

usage: paramiko_client.py PORT USER (password PASSWORD | key PRIVATE_KEY_FILE)
Lines: {"op": ..., "ok": true, ...} or {"op": ..., "ok": false, "error": "..."}; the first line names the
negotiated algorithms. Exit 0 when logged in (operations may fail individually), 1 when authentication fails.
"""
import hashlib
import json
import logging
import os
import socket
import sys

import paramiko

agreed = {}


class KexAgreed(logging.Handler):
    """paramiko says which algorithms were agreed only in its debug log ("Kex agreed: ...")."""

    def emit(self, record):
        text = record.getMessage()  # "Kex: x", "HostKey: y", "Cipher: local=a, remote=a", ...
        for key in ("Kex", "HostKey", "Cipher", "MAC"):
            if text.startswith(key + ": "):
                agreed[key.lower()] = text.split(": ", 1)[1]


logging.getLogger("paramiko.transport").setLevel(logging.DEBUG)
logging.getLogger("paramiko.transport").addHandler(KexAgreed())
logging.getLogger("paramiko.transport").propagate = False

port, user, method, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]


def out(op, **kw):
    print(json.dumps(dict(op=op, **kw)), flush=True)


def attempt(op, fn):
    try:
        out(op, ok=True, **(fn() or {}))
    except Exception as e:  # the operation's error is the result
        out(op, ok=False, error="%s: %s" % (type(e).__name__, e))


sock = socket.create_connection(("127.0.0.1", port), timeout=20)
t = paramiko.Transport(sock)
try:
    t.start_client(timeout=20)
    try:
        if method == "password":
            t.auth_password(user, secret)
        else:
            t.auth_publickey(user, paramiko.Ed25519Key.from_private_key_file(secret))
    except paramiko.AuthenticationException as e:
        out("login", ok=False, error=str(e))
        sys.exit(1)
    out("login", ok=True, agreed=agreed, cipher=t.remote_cipher, mac=t.remote_mac, hostkey=t.host_key_type)
    sftp = paramiko.SFTPClient.from_transport(t)
    data = os.urandom(300 * 1024)

    def put_get():
        with sftp.open("p.bin", "wb") as f:
            f.write(data)
        with sftp.open("p.bin", "rb") as f:
            back = f.read()
        return {"same": back == data, "size": sftp.stat("p.bin").st_size}

    def resume_upload():
        with sftp.open("r.bin", "wb") as f:  # an upload interrupted after 100 KiB
            f.write(data[:100 * 1024])
        with sftp.open("r.bin", "ab") as f:  # resumed: append the rest
            f.write(data[100 * 1024:])
        with sftp.open("r.bin", "rb") as f:
            return {"same": f.read() == data}

    def resume_download():
        with sftp.open("p.bin", "rb") as f:
            f.seek(200 * 1024)
            rest = f.read()
        return {"same": rest == data[200 * 1024:]}

    def check_file():
        with sftp.open("p.bin", "rb") as f:
            h = f.check("sha256")
        return {"sha256": h.hex(), "expected": hashlib.sha256(data).hexdigest()}

    def check_file_md5():
        with sftp.open("p.bin", "rb") as f:
            return {"md5": f.check("md5").hex()}

    attempt("put_get", put_get)
    attempt("resume_upload", resume_upload)
    attempt("resume_download", resume_download)
    attempt("check_file", check_file)
    attempt("check_file_md5", check_file_md5)
    attempt("listdir", lambda: {"names": sorted(sftp.listdir("."))})
    attempt("symlink", lambda: sftp.symlink("p.bin", "link.bin"))
    attempt("readlink", lambda: {"target": sftp.readlink("p.bin")})
    attempt("rename", lambda: sftp.posix_rename("r.bin", "r2.bin"))
    attempt("remove", lambda: sftp.remove("r2.bin"))
finally:
    t.close()
