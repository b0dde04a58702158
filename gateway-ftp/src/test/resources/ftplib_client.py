"""Python ftplib (FTP_TLS) against the gateway: login, upload, download, resumed upload and download.

Usage: ftplib_client.py <explicit|implicit> <port> <ca-file> <user> <password> <work-dir> [stock]
Prints one line per step; exits non-zero on the first failure.

Stock ftplib does not resume the control connection's TLS session on data connections (ntransfercmd wraps the
data socket without session=); servers that require TLS session reuse (Wharf by default, vsftpd's
require_ssl_reuse) need the small ReusingSession mix-in below. "stock" runs ftplib as shipped.
"""
import ftplib
import io
import os
import socket
import ssl
import sys


class ReusingSession:
    """Data connections resume the control connection's TLS session (what FileZilla, curl and lftp do)."""

    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        return conn, size


class ReusingFTP_TLS(ReusingSession, ftplib.FTP_TLS):
    pass


class ImplicitFTP_TLS(ftplib.FTP_TLS):
    """FTP_TLS speaks explicit FTPS only; implicit FTPS wraps the socket before the greeting."""

    def connect(self, host="", port=0, timeout=-999, source_address=None):
        self.host, self.port = host, port
        if timeout != -999:
            self.timeout = timeout
        sock = socket.create_connection((host, port), self.timeout)
        self.af = sock.family
        self.sock = self.context.wrap_socket(sock, server_hostname=host)
        self.file = self.sock.makefile("r", encoding=self.encoding)
        self.welcome = self.getresp()
        return self.welcome


class ReusingImplicitFTP_TLS(ReusingSession, ImplicitFTP_TLS):
    pass


def main():
    mode, port, cafile, user, password, work = sys.argv[1:7]
    stock = len(sys.argv) > 7 and sys.argv[7] == "stock"
    ctx = ssl.create_default_context(cafile=cafile)
    if stock:
        cls = ImplicitFTP_TLS if mode == "implicit" else ftplib.FTP_TLS
    else:
        cls = ReusingImplicitFTP_TLS if mode == "implicit" else ReusingFTP_TLS
    ftp = cls(context=ctx, timeout=30)
    ftp.connect("127.0.0.1", int(port))
    ftp.login(user, password)
    ftp.prot_p()
    print("login", ftp.sock.version())
    if stock:
        try:
            ftp.storbinary("STOR stock.bin", io.BytesIO(b"x" * 1000))
            print("stock upload accepted")
        except ftplib.error_temp as e:
            print("stock upload refused:", e)
        ftp.quit()
        return

    content = os.urandom(300_000)
    ftp.storbinary("STOR py.bin", io.BytesIO(content))
    back = io.BytesIO()
    ftp.retrbinary("RETR py.bin", back.write)
    assert back.getvalue() == content, "download differs"
    print("upload+download", len(content))

    # resumed download: the second half only
    half = len(content) // 2
    rest = io.BytesIO()
    ftp.retrbinary("RETR py.bin", rest.write, rest=half)
    assert rest.getvalue() == content[half:], "resumed download differs"
    print("resumed download from", half)

    # resumed upload: an interrupted first part, then REST + STOR with the rest
    ftp.storbinary("STOR py2.bin", io.BytesIO(content[:half]))
    assert ftp.size("py2.bin") == half
    ftp.storbinary("STOR py2.bin", io.BytesIO(content[half:]), rest=half)
    assert ftp.size("py2.bin") == len(content), "resumed upload size"
    again = io.BytesIO()
    ftp.retrbinary("RETR py2.bin", again.write)
    assert again.getvalue() == content, "resumed upload differs"
    print("resumed upload from", half)

    with open(os.path.join(work, "expected.bin"), "wb") as f:
        f.write(content)
    ftp.quit()
    print("ok")


if __name__ == "__main__":
    main()
