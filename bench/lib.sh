# Shared by bench/throughput.sh and bench/baseline.sh: the same file, the same clients and options, the same
# timing, so that Wharf and the reference servers are measured alike. Sourced; expects H (the host) and work
# (a scratch folder) to be set.

port_open() { (exec 3<>"/dev/tcp/$H/$1") 2>/dev/null; }

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

transfers() { # label prefix, user, password, explicit FTPS port, SFTP port
  local who=$1 user=$2 pw=$3 ftp_port=$4 ssh_port=$5
  local lftp="set ssl:verify-certificate no; set ftp:ssl-force true; set ftp:ssl-protect-data true; set net:max-retries 1; open -u $user,$pw -p $ftp_port $H"
  measure "$who FTPS upload (lftp, explicit TLS)" lftp -c "$lftp; put $work/src.bin -o bench.bin"
  cold
  measure "$who FTPS download (lftp, explicit TLS)" lftp -c "$lftp; get bench.bin -o $work/ftps.bin"
  check "$work/ftps.bin"
  measure "$who FTPS upload (curl, explicit TLS)" curl -sS -k --ssl-reqd -T "$work/src.bin" "ftp://$user:$pw@$H:$ftp_port/bench.bin"
  cold
  measure "$who FTPS download (curl, explicit TLS)" curl -sS -k --ssl-reqd -o "$work/curl.bin" "ftp://$user:$pw@$H:$ftp_port/bench.bin"
  check "$work/curl.bin"

  # -oBatchMode=no before -b: batch mode otherwise turns off the password prompt sshpass answers
  local sftp=(sshpass -p "$pw" sftp -q -oBatchMode=no -oStrictHostKeyChecking=no -oUserKnownHostsFile=/dev/null -oPubkeyAuthentication=no -P "$ssh_port")
  printf 'put %s bench.bin\n' "$work/src.bin" >"$work/put"
  printf 'get bench.bin %s\nrm bench.bin\n' "$work/sftp.bin" >"$work/get"
  measure "$who SFTP upload (OpenSSH sftp)" "${sftp[@]}" -b "$work/put" "$user@$H"
  cold
  measure "$who SFTP download (OpenSSH sftp)" "${sftp[@]}" -b "$work/get" "$user@$H"
  check "$work/sftp.bin"
}
