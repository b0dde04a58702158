#!/usr/bin/env bash
# The cost per operation of a folder rule check and a quota check (issue 14), without JMH: runs
# bench/access-cost/AccessCost.java on the built classes. Build first: ./mvnw -q -pl storage-service -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk.sh
wharf_find_jdk
cp="wharf-core/target/classes:storage-service/target/classes:$(ls storage-service/target/quarkus-app/lib/main/*.jar storage-service/target/quarkus-app/lib/boot/*.jar | tr "\n" ":")"
exec nice -n 5 "$JAVA_HOME/bin/java" -cp "$cp" bench/access-cost/AccessCost.java
