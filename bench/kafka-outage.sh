#!/usr/bin/env bash
# Kafka stopped for MINUTES while an FTPS client uploads in a loop, gateway-ftp SIGKILLed half-way (while Kafka is
# down) and started again; after Kafka returns, gateway-ftp's events on wharf.audit are counted by id with kcat:
# spooled ("sent"), on the topic, duplicates, uploads answered 226 without their file.uploaded event.
# Usage: bench/kafka-outage.sh [MINUTES] [RUN_FOLDER]   (default 30 minutes, target/kafka-outage)
# Needs the packaged services (./mvnw -B -o package -DskipTests), curl and kcat. Not part of ./mvnw verify.
# Starts its own platform on free ports (Keycloak gets WHARF_KEYCLOAK_READY_TIMEOUT, default PT600S, to start) and stops
# it at the end. Runs bench/kafka-outage/KafkaOutage.java.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
run="${2:-target/kafka-outage}"
command -v kcat >/dev/null || { echo "kcat is not installed (apt-get install kcat)" >&2; exit 1; }
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
nice -n 5 ./mvnw -B -q -o -pl wharf-launcher -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
. bin/find-jdk.sh # the JDK ./mvnw uses (21+), whatever java is on the PATH
wharf_find_jdk
"$JAVA_HOME/bin/java" -Dwharf.keycloak.ready-timeout="${WHARF_KEYCLOAK_READY_TIMEOUT:-PT600S}" -cp "wharf-launcher/target/classes:$(cat "$cp_file")" \
    bench/kafka-outage/KafkaOutage.java "$minutes" "$run"
