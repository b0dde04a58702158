# Shared by bench/throughput.sh, bench/baseline.sh and bench/side-by-side.sh: the same file, the same clients and options, the same
# timing, so that Wharf and the reference servers are measured alike. Sourced; expects H (the host) and work
# (a scratch folder) to be set.

port_open() { (exec 3<>"/dev/tcp/$H/$1") 2>/dev/null; }

# Uses a running `./wharf up` when there is one, else starts it (WHARF_STARTED_HERE=1: stop it with ./wharf down);
# sets WHARF_PW to the demo user's password.
WHARF_STARTED_HERE=
ensure_wharf() {
  if ! port_open 2121 || ! port_open 2222; then
    echo "starting the platform (./wharf up) ..."
    ./wharf up >"$work/up.log" 2>&1 </dev/null &
    WHARF_STARTED_HERE=1
    for _ in $(seq 1 300); do
      port_open 2121 && port_open 2222 && [ -s .wharf/demo-password ] && break
      sleep 2
    done
    port_open 2121 || { echo "platform did not come up:"; tail -20 "$work/up.log"; exit 1; }
  fi
  WHARF_PW=${WHARF_DEMO_PASSWORD:-$(cat .wharf/demo-password)}
}

# the JVM of a component `./wharf up` started (its pid file names the guard shell that runs it)
wharf_jvm() {
  local guard
  guard=$(tr -dc '0-9' < ".wharf/run/$1.pid")
  pgrep -P "$guard" -x java || echo "$guard"
}

now() { date +%s.%N; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%8.1f MB/s (%.2f s)", b / 1e6 / s, s }'; }
measure() { # label, command...
  local label=$1; shift
  local t0 t1
  t0=$(now); "$@" >"$work/cmd.log" 2>&1 || { echo "$label: FAILED"; tail -5 "$work/cmd.log"; return 1; }; t1=$(now)
  printf '%-46s %s\n' "$label" "$(rate "$BYTES" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")"
}

# every download reads from the disk, not from the page cache the upload just filled (dropping caches needs root)
cold() { (sync && echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null || echo "(cannot drop the page cache: the next read may come from memory)"; }

make_test_file() { # size in MiB -> $work/src.bin, BYTES, SHA
  echo "creating a $1 MiB test file ..."
  head -c $(($1 * 1024 * 1024)) /dev/urandom >"$work/src.bin"
  chmod 644 "$work/src.bin"
  BYTES=$(stat -c %s "$work/src.bin")
  SHA=$(sha256sum "$work/src.bin" | cut -d' ' -f1)
}
check() { [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA" ] || { echo "CONTENT MISMATCH in $1"; exit 1; }; rm -f "$1"; }

# the six transfers every side-by-side run compares, in the order they run (each download reads the upload before it)
ROWS=(ftps-up-lftp ftps-down-lftp ftps-up-curl ftps-down-curl sftp-up sftp-down)
row_label() {
  case $1 in
    ftps-up-lftp) echo "FTPS upload (lftp, explicit TLS)" ;;
    ftps-down-lftp) echo "FTPS download (lftp, explicit TLS)" ;;
    ftps-up-curl) echo "FTPS upload (curl, explicit TLS)" ;;
    ftps-down-curl) echo "FTPS download (curl, explicit TLS)" ;;
    sftp-up) echo "SFTP upload (OpenSSH sftp)" ;;
    sftp-down) echo "SFTP download (OpenSSH sftp)" ;;
  esac
}
is_download() { case $1 in *-down*) return 0 ;; *) return 1 ;; esac; }

run_row() { # row, user, password, explicit FTPS port, SFTP port: one transfer; downloads land in $work/got.bin
  local row=$1 user=$2 pw=$3 ftp_port=$4 ssh_port=$5
  local lftp="set ssl:verify-certificate no; set ftp:ssl-force true; set ftp:ssl-protect-data true; set net:max-retries 1; open -u $user,$pw -p $ftp_port $H"
  # -oBatchMode=no before -b: batch mode otherwise turns off the password prompt sshpass answers
  local sftp=(sshpass -p "$pw" sftp -q -oBatchMode=no -oStrictHostKeyChecking=no -oUserKnownHostsFile=/dev/null -oPubkeyAuthentication=no -P "$ssh_port")
  case $row in
    ftps-up-lftp) lftp -c "$lftp; put $work/src.bin -o bench.bin" ;;
    ftps-down-lftp) lftp -c "$lftp; get bench.bin -o $work/got.bin" ;;
    ftps-up-curl) curl -sS -k --ssl-reqd -T "$work/src.bin" "ftp://$user:$pw@$H:$ftp_port/bench.bin" ;;
    ftps-down-curl) curl -sS -k --ssl-reqd -o "$work/got.bin" "ftp://$user:$pw@$H:$ftp_port/bench.bin" ;;
    sftp-up) printf 'put %s bench.bin\n' "$work/src.bin" >"$work/put"; "${sftp[@]}" -b "$work/put" "$user@$H" ;;
    sftp-down) printf 'get bench.bin %s\nrm bench.bin\n' "$work/got.bin" >"$work/get"; "${sftp[@]}" -b "$work/get" "$user@$H" ;;
  esac
}

transfers() { # label prefix, user, password, explicit FTPS port, SFTP port
  local who=$1 row
  for row in "${ROWS[@]}"; do
    if is_download "$row"; then cold; rm -f "$work/got.bin"; fi
    measure "$who $(row_label "$row")" run_row "$row" "$2" "$3" "$4" "$5"
    if is_download "$row"; then check "$work/got.bin"; fi
  done
}
