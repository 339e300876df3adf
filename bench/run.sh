#!/usr/bin/env bash
# Side-by-side benchmark of whole processes on the same generated files, in one invocation:
#   mailtriage ingest (events Parquet written, JVM + Spark start included) vs pflogsumm, with
#   `grep -c status=bounced` and `cat` as the I/O ceiling. Every tool runs --runs times per size;
#   the table gives median wall time, spread (min..max), MB/s at the median and peak RSS.
#
#   bench/run.sh [--sizes "1024 4096"] [--runs 3] [--work /tmp/mailtriage-bench] [--smoke]
#
# Needs: Java 17, Maven, pflogsumm (Debian package pflogsumm), GNU time (/usr/bin/time).
# Results go to stdout as a Markdown section; paste it into BENCHMARKS.md with the date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="1024 4096"
runs=3
work="${TMPDIR:-/tmp}/mailtriage-bench"
tools="pflogsumm cat grep mailtriage"
while (($#)); do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --smoke) sizes="8"; runs=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
if [[ ! -f "$here/bench/target/benchmarks.jar" || ! -f "$here/jobs/target/mailtriage.jar" ]]; then
  (cd "$here" && mvn -q -B -DskipTests package) >&2
fi
for tool in $tools; do
  if [[ "$tool" == pflogsumm ]] && ! command -v pflogsumm >/dev/null; then
    echo "pflogsumm is missing: apt-get install pflogsumm" >&2; exit 2
  fi
done

# Runs one command, prints "seconds max_rss_kb".
measure() {
  local stats="$work/.time"
  # Output to a file, not /dev/null: GNU grep stops at the first match when its output is /dev/null.
  if ! /usr/bin/time -o "$stats" -f "%e %M" "$@" >"$work/.stdout" 2>"$work/.stderr"; then
    # grep -c exits 1 when it counts nothing; anything else is a failure.
    [[ "$1" == grep ]] || { echo "command failed: $* ($(tail -3 "$work/.stderr"))" >&2; exit 1; }
  fi
  tail -1 "$stats"
}

run_tool() {
  local tool="$1" log="$2"
  case "$tool" in
    cat) measure cat "$log" ;;
    grep) measure grep -c status=bounced "$log" ;;
    pflogsumm) measure pflogsumm --problems-first "$log" ;;
    mailtriage)
      rm -rf "$work/warehouse"
      measure "$here/mailtriage" ingest --input "$log" --warehouse "$work/warehouse" --reference-date 2026-11-27 ;;
  esac
}

echo "### Log ingest, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo
echo "Command: \`bench/run.sh --sizes \"$sizes\" --runs $runs\`"
echo
echo "| input | tool | median s | min..max s | MB/s (median) | peak RSS MB | vs pflogsumm |"
echo "|---|---|---|---|---|---|---|"
for size in $sizes; do
  log="$work/postfix-${size}MB.log"
  if [[ ! -f "$log" ]]; then
    java -cp "$here/bench/target/benchmarks.jar" org.mailtriage.bench.PostfixLogGenerator "$log" "$size" >&2
  fi
  bytes=$(stat -c %s "$log")
  cat "$log" >/dev/null  # same page-cache state for every tool
  declare -A median=()
  for tool in $tools; do
    times=(); peak=0
    for ((run = 1; run <= runs; run++)); do
      read -r seconds rss < <(run_tool "$tool" "$log")
      times+=("$seconds"); ((rss > peak)) && peak=$rss
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -g))
    med=${sorted[$(((${#sorted[@]} - 1) / 2))]}
    median[$tool]=$med
    mbps=$(awk -v b="$bytes" -v s="$med" 'BEGIN{if (s > 0) printf "%.1f", b / 1048576 / s; else print "(too fast to time)"}')
    ratio="-"
    if [[ -n "${median[pflogsumm]:-}" && "$tool" != pflogsumm ]]; then
      ratio=$(awk -v p="${median[pflogsumm]}" -v s="$med" 'BEGIN{printf "%.1fx", (s > 0 ? p / s : 0)}')
    fi
    echo "| ${size} MB | $tool | $med | ${sorted[0]}..${sorted[-1]} | $mbps | $((peak / 1024)) | $ratio |"
  done
  unset median
done
