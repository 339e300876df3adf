#!/usr/bin/env bash
# Digests of a warehouse's tables (bench/src/main/java/org/mailtriage/bench/TableDigest.java): one line per table,
# row count and SHA-256 of its rows sorted, independent of files and row order. Run it on the warehouses two builds
# wrote from the same input to prove they wrote the same rows.
#   bench/digest.sh WAREHOUSE [TABLE[-COLUMN,...] ...]
# Default tables: events, quarantine without run_id (new each run), failure_summary, server_remediation,
# delisting_requests (the report tables depend on when DNS was asked: compare them on the same dns_answers).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { echo "usage: bench/digest.sh WAREHOUSE [TABLE[-COLUMN,...] ...]" >&2; exit 2; }
warehouse="$1"; shift
tables=("$@")
if ((${#tables[@]} == 0)); then
  tables=()
  for table in events quarantine-run_id failure_summary server_remediation delisting_requests; do
    [[ -d "$warehouse/${table%%-*}" ]] && tables+=("$table")
  done
fi
jar="$here/bench/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$here" && mvn -q -B -DskipTests package) >&2
flags=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)
SPARK_LOCAL_IP=127.0.0.1 java "${flags[@]}" -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
  -cp "$jar:$here/jobs/target/lib/*" org.mailtriage.bench.TableDigest "$warehouse" "${tables[@]}" 2> >(grep -v 'incubator' >&2)
