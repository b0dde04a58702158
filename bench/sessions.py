"""Logins per second and memory per idle session of one FTPS or SFTP server, as a user's client sees it.

rate: C clients at once (they start together: the cold burst), N sessions in all, each one connect, log in,
      4 KiB up, 4 KiB down (checked), quit; prints sessions/s, p50/p99 session time and every error by kind.
idle: opens K logged-in sessions, prints "held K" and keeps them until its standard input closes.
Run with Debian's /usr/bin/python3 (paramiko). Called by bench/sessions.sh.
"""
import ftplib, io, os, ssl, sys, threading, time, collections

def ftps_session(host, port, user, pw, payload):
    class ReusingFTP(ftplib.FTP_TLS):
        # the data connection resumes the control connection's TLS session, as FileZilla and lftp do
        def ntransfercmd(self, cmd, rest=None):
            conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
            if self._prot_p:
                conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
            return conn, size
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    f = ReusingFTP(context=ctx, timeout=60)
    f.connect(host, port)
    f.login(user, pw)
    f.prot_p()
    return f

def ftps_work(f, name, payload):
    f.storbinary('STOR ' + name, io.BytesIO(payload))
    got = io.BytesIO()
    f.retrbinary('RETR ' + name, got.write)
    assert got.getvalue() == payload, 'content differs'
    f.delete(name)

def sftp_session(host, port, user, pw, payload):
    import paramiko
    t = paramiko.Transport((host, port))
    t.banner_timeout = 60
    t.connect(username=user, password=pw)
    return t

def sftp_work(t, name, payload):
    import paramiko
    s = paramiko.SFTPClient.from_transport(t)
    with s.open(name, 'wb') as out:
        out.write(payload)
    with s.open(name, 'rb') as got:
        assert got.read() == payload, 'content differs'
    s.remove(name)
    s.close()

def close(proto, c):
    try:
        c.quit() if proto == 'ftps' else c.close()
    except Exception:
        pass

def rate(proto, host, port, user, pw, clients, total, limit_s):
    payload = os.urandom(4096)
    opened = ftps_session if proto == 'ftps' else sftp_session
    work = ftps_work if proto == 'ftps' else sftp_work
    lock = threading.Lock()
    left = [total]
    times, errors = [], collections.Counter()
    start = threading.Barrier(clients)
    deadline = time.monotonic() + limit_s

    def client(i):
        start.wait()
        n = 0
        while time.monotonic() < deadline:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            n += 1
            t0 = time.monotonic()
            c = None
            try:
                c = opened(host, port, user, pw, payload)
                work(c, 'sess-%d-%d.bin' % (i, n), payload)
                times.append(time.monotonic() - t0)
            except Exception as e:
                errors[type(e).__name__ + ': ' + str(e)[:80]] += 1
            finally:
                if c is not None:
                    close(proto, c)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.monotonic() - t0
    times.sort()
    pct = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000 if times else float('nan')
    print('%s %d clients: %d sessions ok, %d failed in %.1f s: %.1f sessions/s; p50 %.0f ms, p99 %.0f ms'
          % (proto, clients, len(times), sum(errors.values()), secs, len(times) / secs, pct(0.5), pct(0.99)))
    for kind, n in errors.most_common(5):
        print('  error x%d: %s' % (n, kind))

def idle(proto, host, port, user, pw, count):
    opened = ftps_session if proto == 'ftps' else sftp_session
    held = []
    for _ in range(count):
        c = opened(host, port, user, pw, None)
        if proto == 'sftp':
            held.append((c, __import__('paramiko').SFTPClient.from_transport(c)))
        else:
            held.append(c)
    print('held %d' % len(held), flush=True)
    sys.stdin.read()
    for c in held:
        close(proto, c[0] if isinstance(c, tuple) else c)

if __name__ == '__main__':
    mode, proto, host, port, user, pw = sys.argv[1:7]
    if mode == 'rate':
        rate(proto, host, int(port), user, pw, int(sys.argv[7]), int(sys.argv[8]), float(sys.argv[9]))
    else:
        idle(proto, host, int(port), user, pw, int(sys.argv[7]))
