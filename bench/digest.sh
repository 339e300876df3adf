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
mapfile -t flags < <(grep -v '^#' "$here/conf/java17.flags")
SPARK_LOCAL_IP=127.0.0.1 java "${flags[@]}" -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
  -cp "$jar:$here/jobs/target/lib/*" org.mailtriage.bench.TableDigest "$warehouse" "${tables[@]}" 2> >(grep -v 'incubator' >&2)
