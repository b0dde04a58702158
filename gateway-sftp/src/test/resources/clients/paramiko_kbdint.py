"""Keyboard-interactive login with paramiko, then an SFTP listing: the test client for 2FA prompts.

usage: paramiko_kbdint.py PORT USER PASSWORD CODE
Prints one line per prompt round ("prompts: Password: | Verification code: "), then "ok <listing>".
Exit 0 on success, 1 when authentication fails.
"""
import socket
import sys

import paramiko

port, user, password, code = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]


def answer(title, instructions, prompts):
    print("prompts: " + " | ".join(p for p, _ in prompts), flush=True)
    return [code if p.startswith("Verification code") else password for p, _ in prompts]


sock = socket.create_connection(("127.0.0.1", port), timeout=20)
t = paramiko.Transport(sock)
try:
    t.start_client(timeout=20)
    for attempt in range(3):  # OpenSSH retries keyboard-interactive like this (NumberOfPasswordPrompts)
        try:
            t.auth_interactive(user, answer)
            break
        except paramiko.AuthenticationException as e:
            print("refused: %s" % e, flush=True)
    if not t.is_authenticated():
        sys.exit(1)
    sftp = paramiko.SFTPClient.from_transport(t)
    print("ok " + ",".join(sorted(sftp.listdir("."))), flush=True)
    print("cipher %s mac %s hostkey %s" % (t.remote_cipher, t.remote_mac, t.host_key_type), flush=True)
finally:
    t.close()
