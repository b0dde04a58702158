#!/usr/bin/env bash
# What the audit spool costs per event: AuditSpool.append (write + fsync, group commit) latency with 1-64 writers.
# Usage: bench/spool-fsync.sh [directory on the disk to measure] [events per writer]
# Not part of ./mvnw verify. Compiles wharf-audit in this worktree (no install) and runs bench/spool-fsync/SpoolFsync.java.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-wharf-audit/target/spool-fsync}"
events="${2:-2000}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
nice -n 5 ./mvnw -B -q -o -pl wharf-audit -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
. bin/find-jdk.sh # the JDK ./mvnw uses (21+), whatever java is on the PATH
wharf_find_jdk
java_bin="$JAVA_HOME/bin/java"
"$java_bin" -cp "wharf-audit/target/classes:wharf-core/target/classes:$(cat "$cp_file")" \
    bench/spool-fsync/SpoolFsync.java "$dir" "$events"
