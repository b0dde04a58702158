"""A user's first SFTP session with paramiko: list the starting folder, upload, list again.

Usage: paramiko_first_session.py HOST PORT USER  (password in WHARF_E2E_PASSWORD)
Prints "listing: [...]" before and after the upload; on a refused login prints "refused: <banner>" and exits 3.
"""
import os
import sys

import paramiko

host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
transport = paramiko.Transport((host, port))
try:
    transport.start_client(timeout=30)
    try:
        transport.auth_password(user, os.environ["WHARF_E2E_PASSWORD"])
    except paramiko.AuthenticationException:
        banner = transport.get_banner()
        print("refused: " + (banner.decode() if isinstance(banner, bytes) else str(banner)).strip())
        sys.exit(3)
    sftp = paramiko.SFTPClient.from_transport(transport)
    print("listing: " + repr(sorted(sftp.listdir("."))))
    with sftp.open("first.txt", "wb") as f:
        f.write(b"first upload\n")
    print("listing: " + repr(sorted(sftp.listdir("."))))
finally:
    transport.close()
