#!/usr/bin/env bash
# Side-by-side benchmark of whole processes on the same generated files, in one invocation. Sections:
#   logs     mailtriage ingest (events Parquet written, JVM + Spark start included) vs pflogsumm, with
#            `grep -c status=bounced` and `cat` as the I/O ceiling, on Postfix logs of --sizes MB in each of
#            --shapes (PostfixLogGenerator --shape wide|realistic); wall and CPU-seconds (user + sys) per GB, and
#            both as ratios to pflogsumm; then a linearity line per shape.
#   nightly  ./mailtriage nightly on data-samples/ (README's main command, DNS from the fixture): wall, CPU-s,
#            peak RSS, and the run's own timing line (where the seconds went).
#   bounces  mailtriage ingest of an mbox of --emails bounces (BounceMboxGenerator) in emails/s, vs `cat`
#            and Sisimai (Debian libsisimai-perl) when installed.
#   dns      bench/dns-bench.sh: mailtriage's resolver vs adnshost against one loopback rbldnsd, on a
#            generated question set (DnsSetGenerator). Needs root (adnshost only asks port 53).
# Every tool runs --runs times; tables give median wall time, spread (min..max), throughput at the median,
# peak RSS (GNU time) and, for mailtriage, the JVM's heap: the most used at any GC (before collecting)
# and the most still live after a GC, from -Xlog:gc. In local mode the driver and executors are one JVM.
#
#   bench/run.sh [--sizes "1024 2048 4096"] [--pflogsumm-sizes "1024 4096"] [--runs 3] [--emails 100000]
#                [--shapes "wide realistic"] [--dns-count 100000] [--dns-windows "16 64 256"]
#                [--sections "nightly logs bounces dns"]
#                [--tools "pflogsumm cat grep mailtriage"] [--bounce-tools "cat sisimai mailtriage"]
#                [--driver-heap 1g] [--work DIR] [--smoke]
#
# --smoke: 4 MB of log, 300 emails, 2,000 DNS questions, 1 run each; fails (exit 1) when a tool fails or
#   mailtriage's counts do not balance or yield no events. Tools that are missing are skipped with a note,
#   except under CI=true, where a missing tool fails the run.
# Needs: Java 17, Maven (builds the jars once), GNU time (/usr/bin/time), pflogsumm (Debian pflogsumm);
#   for dns: rbldnsd, adnshost (adns-tools), python3. Output: a Markdown section on stdout for BENCHMARKS.md;
#   progress on stderr. Generated inputs are kept in --work and reused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command_line="bench/run.sh"
for argument in "$@"; do
  [[ "$argument" == *" "* ]] && argument="\"$argument\""
  command_line="$command_line $argument"
done
sizes="1024 4096"
pflogsumm_sizes=""
runs=3
emails=100000
dns_count=100000
dns_windows="16 64 256"
sections="nightly logs bounces dns"
shapes="wide realistic"
tools="pflogsumm cat grep mailtriage"
bounce_tool_choice="cat sisimai mailtriage"
driver_heap=""
smoke=false
work="${TMPDIR:-/tmp}/mailtriage-bench"
while (($#)); do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --pflogsumm-sizes) pflogsumm_sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --emails) emails="$2"; shift 2 ;;
    --dns-count) dns_count="$2"; shift 2 ;;
    --dns-windows) dns_windows="$2"; shift 2 ;;
    --sections) sections="$2"; shift 2 ;;
    --shapes) shapes="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --bounce-tools) bounce_tool_choice="$2"; shift 2 ;;
    --driver-heap) driver_heap="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --smoke) smoke=true; sizes="4"; runs=1; emails=300; dns_count=2000; dns_windows="64"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
pflogsumm_sizes="${pflogsumm_sizes:-$sizes}"
under_ci=false
[[ "${CI:-}" == true ]] && under_ci=true
mkdir -p "$work"
jar="$here/bench/target/benchmarks.jar"
if [[ ! -f "$jar" || ! -f "$here/jobs/target/mailtriage.jar" ]]; then
  (cd "$here" && mvn -q -B -DskipTests package) >&2
fi
failures=0
fail() { echo "FAILED: $*" >&2; echo; echo "**FAILED:** $*"; failures=$((failures + 1)); }
has_section() { [[ " $sections " == *" $1 "* ]]; }
has_tool() { [[ " $tools " == *" $1 "* ]]; }

# A tool that is missing: an error, except in a smoke run outside CI, where it is skipped with a note.
missing() {
  local what="$1"
  if $smoke && ! $under_ci; then
    echo "- $what is missing: skipped in this smoke run." ; return 0
  fi
  echo "$what is missing; install it or leave it out with --tools/--sections" >&2
  exit 2
}
command -v /usr/bin/time >/dev/null || { echo "GNU time (/usr/bin/time, Debian package time) is missing" >&2; exit 2; }

# Runs one command; prints "seconds max_rss_kb cpu_seconds" (cpu = user + sys, children included). Output goes to
# files, never /dev/null: GNU grep stops at the first match when its output is /dev/null.
measure() {
  local stats="$work/.time"
  if ! /usr/bin/time -o "$stats" -f "%e %M %U %S" "$@" >"$work/.stdout" 2>"$work/.stderr"; then
    # grep -c exits 1 when it counts nothing; anything else is a failure.
    if [[ "$1" != grep ]]; then
      echo "command failed: $* ($(tail -3 "$work/.stderr"))" >&2
      return 1
    fi
  fi
  tail -1 "$stats" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
}

# mailtriage ingest with a GC log; after it, $work/.heap holds "most used at a GC, most live after a GC" in MB.
mailtriage_ingest() {
  local input="$1"
  rm -rf "$work/warehouse" "$work/gc.log"
  MAILTRIAGE_DRIVER_MEMORY="${driver_heap:-${MAILTRIAGE_DRIVER_MEMORY:-2g}}" \
    MAILTRIAGE_JAVA_OPTS="${MAILTRIAGE_JAVA_OPTS:-} -Xlog:gc:file=$work/gc.log" \
    measure "$here/mailtriage" ingest --input "$input" --warehouse "$work/warehouse" --reference-date 2026-11-27
  # G1 lines: "... Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(1024M) 4.2ms".
  sed -nE 's/.* ([0-9]+)M->([0-9]+)M\(([0-9]+)M\).*/\1 \2/p' "$work/gc.log" 2>/dev/null \
    | awk 'BEGIN{b = 0; a = 0} {if ($1 > b) b = $1; if ($2 > a) a = $2} END{if (NR == 0) print "- -"; else print b, a}' > "$work/.heap"
}

# Checks mailtriage's summary (in $work/.stdout): counts balance, events produced, emails as expected.
check_counts() {
  local label="$1" expected_emails="${2:-}"
  local summary lines_ok emails_line
  summary=$(cat "$work/.stdout")
  lines_ok=$(sed -nE 's/.*: [0-9]+ files, ([0-9]+) lines read = ([0-9]+) with failure events \+ ([0-9]+) other \+ ([0-9]+) quarantined; ([0-9]+) events written.*/\1 \2 \3 \4 \5/p' <<<"$summary")
  [[ -n "$lines_ok" ]] || { fail "$label: no ingest summary in mailtriage's output: $(head -c 300 <<<"$summary")"; return; }
  read -r read_lines with_events other quarantined events <<<"$lines_ok"
  ((read_lines == with_events + other + quarantined)) || fail "$label: line counts do not balance: $lines_ok"
  ((events > 0)) || fail "$label: no events written"
  emails_line=$(sed -nE 's/^ *([0-9]+) emails read = ([0-9]+) with failure events \+ ([0-9]+) not bounces.* \+ ([0-9]+) quarantined.*/\1 \2 \3 \4/p' <<<"$summary")
  if [[ -n "$emails_line" ]]; then
    read -r read_emails bounces not_bounces quarantined_emails <<<"$emails_line"
    ((read_emails == bounces + not_bounces + quarantined_emails)) || fail "$label: email counts do not balance: $emails_line"
  fi
  if [[ -n "$expected_emails" ]]; then
    [[ -n "$emails_line" && "${read_emails:-0}" == "$expected_emails" ]] || fail "$label: expected $expected_emails emails read, got '${emails_line:-none}'"
  fi
  echo "$summary" | head -2 | sed 's/^/    /' >&2
}

# Times `tool` on `input` --runs times; sets med, spread_text, peak_mb, heap_text; returns 1 if a run failed.
time_tool() {
  local tool="$1" input="$2" expected_emails="${3:-}"
  local times=() cpus=() peak=0 heap_before=0 heap_after=0 run seconds rss cpu result
  for ((run = 1; run <= runs; run++)); do
    case "$tool" in
      cat) result=$(measure cat "$input") || return 1 ;;
      grep) result=$(measure grep -c status=bounced "$input") || return 1 ;;
      pflogsumm) result=$(measure pflogsumm --problems-first "$input") || return 1 ;;
      sisimai) result=$(measure perl -e "$sisimai_script" "$input") || return 1 ;;
      mailtriage)
        result=$(mailtriage_ingest "$input") || return 1
        check_counts "mailtriage ingest $(basename "$input") run $run" "$expected_emails"
        read -r before after < "$work/.heap"
        [[ "$before" != - ]] && ((before > heap_before)) && heap_before=$before
        [[ "$after" != - ]] && ((after > heap_after)) && heap_after=$after
        ;;
    esac
    read -r seconds rss cpu <<<"$result"
    echo "  $tool $(basename "$input") run $run: ${seconds}s, ${cpu} CPU-s, peak RSS $((rss / 1024)) MB" >&2
    times+=("$seconds"); cpus+=("$cpu"); ((rss > peak)) && peak=$rss
  done
  local sorted
  sorted=($(printf '%s\n' "${times[@]}" | sort -g))
  med=${sorted[$(((${#sorted[@]} - 1) / 2))]}
  spread_text="${sorted[0]}..${sorted[-1]}"
  sorted=($(printf '%s\n' "${cpus[@]}" | sort -g))
  med_cpu=${sorted[$(((${#sorted[@]} - 1) / 2))]}
  peak_mb=$((peak / 1024))
  heap_text="-"
  [[ "$tool" == mailtriage ]] && heap_text="$heap_before / $heap_after"
  return 0
}

megabytes() { awk -v b="$1" 'BEGIN{printf "%.3f", b / 1048576}'; }
# What Sisimai->make (v4) / Sisimai->rise (v5) does, one email at a time, so memory stays flat on a large mbox.
# Debian 12 ships v4 or v5 depending on the mirror's date; v5 dropped Sisimai::Data for Sisimai::Fact.
sisimai_script='use Sisimai::Mail;
my ($mail, $emails, $decoded) = (Sisimai::Mail->new($ARGV[0]), 0, 0);
if (eval { require Sisimai::Fact; 1 }) {
  while (my $raw = $mail->data->read) { $emails++; my $facts = Sisimai::Fact->rise({data => $raw}) || []; $decoded += scalar @$facts }
} else {
  require Sisimai::Message; require Sisimai::Data;
  while (my $raw = $mail->read) { $emails++; my $message = Sisimai::Message->new(data => $raw) or next;
    my $data = Sisimai::Data->make(data => $message) || []; $decoded += scalar @$data }
}
print "$emails emails, $decoded bounces decoded\n"'
per_second() {  # amount seconds -> amount/s at the median, one decimal
  awk -v a="$1" -v s="$2" 'BEGIN{if (s <= 0) print "(too fast to time)"; else if (a / s < 10) printf "%.2f", a / s; else printf "%.1f", a / s}'
}

java_version=$(java -version 2>&1 | head -1)
echo "### Benchmarks, $(date -u +%Y-%m-%d) ($(date -u +%H:%M) UTC)"
echo
echo "**Command:** \`$command_line\`"
echo
echo "**Machine:** $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr), $java_version; load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "mailtriage runs \`./mailtriage ingest\` on embedded \`local[*]\` with driver heap -Xmx${driver_heap:-${MAILTRIAGE_DRIVER_MEMORY:-2g}}$([[ -z "$driver_heap" ]] && echo " (launcher default)"); \"heap MB\" = the most heap in use at any GC (before collecting) / the most still live after a GC (-Xlog:gc); in local mode driver and executors share that one JVM. Times are whole processes (JVM and Spark start included), page cache warm."
$smoke && { echo; echo "Smoke run: tiny inputs, one run each; the numbers only show that every tool ran."; }

if has_section nightly; then
  echo
  echo "#### nightly on data-samples/"
  echo
  echo "README's main command (\`./mailtriage nightly --date 2026-11-26 --input data-samples/logs data-samples/bounces --servers data-samples/servers.csv --dns-fixture data-samples/dns/fixture.zone\`), a fresh warehouse per run after one unmeasured run (class-data archive, page cache)."
  echo
  samples="$here/data-samples"
  nightly_run() {
    rm -rf "$work/nightly-warehouse"
    measure "$here/mailtriage" nightly --date 2026-11-26 --input "$samples/logs" "$samples/bounces" --servers "$samples/servers.csv" \
      --dns-fixture "$samples/dns/fixture.zone" --warehouse "$work/nightly-warehouse"
  }
  nightly_run >/dev/null || fail "nightly on data-samples (warm-up run)"
  echo "| run | wall s | CPU-s | peak RSS MB | the run's timing line |"
  echo "|---|---:|---:|---:|---|"
  for ((run = 1; run <= runs; run++)); do
    if result=$(nightly_run); then
      read -r seconds rss cpu <<<"$result"
      timing=$(grep '^Time:' "$work/.stdout" | sed 's/ (the steps.*//')
      grep -q 'lines read = ' "$work/.stdout" || fail "nightly run $run: no summary"
      echo "| $run | $seconds | $cpu | $((rss / 1024)) | $timing |"
      echo "  nightly run $run: ${seconds}s, ${cpu} CPU-s, $((rss / 1024)) MB" >&2
    else
      fail "nightly on data-samples run $run"
    fi
  done
fi

if has_section logs; then
  echo
  echo "#### Postfix log ingest"
  echo
  if has_tool pflogsumm && ! command -v pflogsumm >/dev/null; then
    missing "pflogsumm (Debian package pflogsumm)"
    echo
    tools="${tools/pflogsumm/}"
  fi
  echo "Shapes (\`PostfixLogGenerator --shape\`): **wide** = every message to a new address (pflogsumm's per-address tables grow"
  echo "with the file), 2.3 % failure lines; **realistic** = a fixed population of 20,000 recipients, 300 senders, 1,000 remote"
  echo "clients, retried deferrals, connect/disconnect lines, ~7 % failure lines (pflogsumm's memory grows less than on wide, but grows)."
  echo "CPU-s = user + sys of the whole process (median run); \"per GB\" divides by the input size; ratios are pflogsumm's / the tool's."
  echo
  echo "| input | tool | median wall s | min..max s | MB/s | CPU-s | CPU-s per GB | peak RSS MB | heap MB (used / live) | wall vs pflogsumm | CPU vs pflogsumm |"
  echo "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  declare -A mailtriage_median=()
  for shape in $shapes; do
  for size in $sizes; do
    log="$work/postfix-${shape}-${size}MB.log"
    if [[ ! -f "$log" ]]; then
      echo "generating $log ..." >&2
      java -cp "$jar" org.mailtriage.bench.PostfixLogGenerator --shape "$shape" "$log" "$size" >&2
    fi
    bytes=$(stat -c %s "$log")
    cat "$log" >/dev/null  # same page-cache state for every tool
    pflogsumm_median=""
    pflogsumm_cpu=""
    for tool in $tools; do
      [[ "$tool" == pflogsumm && " $pflogsumm_sizes " != *" $size "* ]] && continue
      if ! time_tool "$tool" "$log"; then
        fail "$tool on $(basename "$log")"; continue
      fi
      mbps=$(per_second "$(megabytes "$bytes")" "$med")
      per_gb=$(awk -v c="$med_cpu" -v b="$bytes" 'BEGIN{printf "%.2f", c / (b / 1073741824)}')
      [[ "$tool" == pflogsumm ]] && { pflogsumm_median=$med; pflogsumm_cpu=$med_cpu; }
      [[ "$tool" == mailtriage ]] && mailtriage_median[$shape-$size]=$med
      ratio="-"; cpu_ratio="-"
      if [[ -n "$pflogsumm_median" && "$tool" != pflogsumm ]]; then
        ratio=$(awk -v p="$pflogsumm_median" -v s="$med" 'BEGIN{if (s > 0) printf "%.1fx", p / s; else print "-"}')
        cpu_ratio=$(awk -v p="$pflogsumm_cpu" -v s="$med_cpu" 'BEGIN{if (s > 0) printf "%.1fx", p / s; else print "-"}')
      fi
      echo "| ${size} MB ${shape} | $tool | $med | $spread_text | $mbps | $med_cpu | $per_gb | $peak_mb | $heap_text | $ratio | $cpu_ratio |"
    done
  done
  done
  for shape in $shapes; do
    first=""
    line=""
    for size in $sizes; do
      [[ -n "${mailtriage_median[$shape-$size]:-}" ]] || continue
      mbps=$(per_second "$size" "${mailtriage_median[$shape-$size]}")
      if [[ -z "$first" ]]; then
        first=$size
        line="${size} MB: $mbps MB/s"
      else
        ratio=$(awk -v a="${mailtriage_median[$shape-$size]}" -v b="${mailtriage_median[$shape-$first]}" 'BEGIN{if (b > 0) printf "%.2f", a / b; else print "-"}')
        line="$line; ${size} MB: $mbps MB/s, time ${size}/${first} MB = $ratio (linear: $(awk -v a="$size" -v b="$first" 'BEGIN{printf "%.2f", a / b}'))"
      fi
    done
    if [[ -n "$line" ]]; then
      echo
      echo "**Linearity (mailtriage ingest, $shape, median):** $line."
    fi
  done
fi

if has_section bounces; then
  echo
  echo "#### Bounce ingest"
  echo
  mbox="$work/bounces-${emails}.mbox"
  if [[ ! -f "$mbox" ]]; then
    echo "generating $mbox ..." >&2
    java -cp "$jar" org.mailtriage.bench.BounceMboxGenerator "$mbox" "$emails" > "$work/bounces-${emails}.summary"
  fi
  [[ -f "$work/bounces-${emails}.summary" ]] || java -cp "$jar" org.mailtriage.bench.BounceMboxGenerator "$mbox" "$emails" > "$work/bounces-${emails}.summary"
  bytes=$(stat -c %s "$mbox")
  echo "Input: \`BounceMboxGenerator\` (seed 20261126): $(cut -d: -f2- "$work/bounces-${emails}.summary" | xargs)."
  bounce_tools=$(tr ' ' '\n' <<<"$bounce_tool_choice" | { grep -vx sisimai || true; } | xargs)
  if [[ " $bounce_tool_choice " != *" sisimai "* ]]; then
    echo "Sisimai: not run (--bounce-tools \"$bounce_tool_choice\")."
  elif perl -MSisimai -e 1 2>/dev/null; then
    bounce_tools=$(xargs <<<"$bounce_tool_choice")
    echo "Sisimai: $(perl -MSisimai -e 'print "Sisimai ", $Sisimai::VERSION') (Debian libsisimai-perl): per email, Sisimai::Fact->rise (v5) or Message + Data->make (v4), what \`Sisimai->rise\`/\`make\` does, one process, one core."
  else
    echo "Sisimai (the reference Perl decoder) is not installed here (Debian package libsisimai-perl): not compared."
  fi
  echo
  echo "| input | tool | median s | min..max s | emails/s (median) | MB/s | CPU-s | peak RSS MB | heap MB (used / live) |"
  echo "|---|---|---:|---|---:|---:|---:|---:|---:|"
  cat "$mbox" >/dev/null
  for tool in $bounce_tools; do
    if ! time_tool "$tool" "$mbox" "$([[ "$tool" == mailtriage ]] && echo "$emails")"; then
      fail "$tool on $(basename "$mbox")"; continue
    fi
    echo "| $emails emails ($(awk -v b="$bytes" 'BEGIN{printf "%.1f", b / 1048576}') MB) | $tool | $med | $spread_text | $(per_second "$emails" "$med") | $(per_second "$(megabytes "$bytes")" "$med") | $med_cpu | $peak_mb | $heap_text |"
  done
fi

if has_section dns; then
  echo
  echo "#### DNS"
  echo
  dns_missing=""
  for tool in rbldnsd adnshost python3; do
    command -v "$tool" >/dev/null || dns_missing="$dns_missing $tool"
  done
  if [[ "$(id -u)" != 0 ]]; then
    echo "DNS section skipped: adnshost only asks port 53, so rbldnsd must bind 127.0.0.8:53, which needs root (run as root, or bench/dns-bench.sh with CAP_NET_BIND_SERVICE)."
    echo "DNS section skipped: not root" >&2
  elif [[ -n "$dns_missing" ]]; then
    missing "DNS tools:$dns_missing (Debian packages rbldnsd adns-tools python3); DNS section"
  else
    echo "\`bench/dns-bench.sh $dns_count \"$dns_windows\"\`: mailtriage's UdpResolver and adnshost ask the same questions of one loopback rbldnsd; \"lost\" = no answer after every retry."
    echo
    if "$here/bench/dns-bench.sh" "$dns_count" "$dns_windows" > "$work/dns.out" 2> "$work/dns.err"; then
      grep '^#' "$work/dns.out" | sed 's/^# */- /'
      echo
      echo "| tool | setting | questions/s | CPU µs/question | NOERROR (listed) | expected listed | lost |"
      echo "|---|---|---:|---:|---:|---:|---:|"
      expected=$(sed -nE 's/.*, ([0-9]+) listed, zone.*/\1/p' "$work/dns.out" | head -1)
      sed -nE 's/^mailtriage UdpResolver: .* = ([0-9]+) questions\/s, CPU .* = ([0-9.]+) us\/question; window ([0-9]+).*; NOERROR ([0-9]+) \(listed ([0-9]+)\).*; lost ([0-9]+)$/| mailtriage | window \3 | \1 | \2 | \5 | EXPECTED | \6 |/p;
               s/^adnshost \((.*)\): .* = ([0-9]+) questions\/s, CPU .* = ([0-9.]+) us\/question; NOERROR ([0-9]+) .*; lost ([0-9]+)$/| adnshost | \1 | \2 | \3 | \4 | EXPECTED | \5 |/p' "$work/dns.out" \
        | sed "s/EXPECTED/$expected/"
      # mailtriage must find exactly the listed IPs when it lost nothing: a wrong count is a wrong answer.
      while read -r listed lost; do
        [[ "$lost" == 0 && "$listed" != "$expected" ]] && fail "mailtriage resolver found $listed listed, expected $expected"
      done < <(sed -nE 's/^mailtriage UdpResolver: .*\(listed ([0-9]+)\).*; lost ([0-9]+)$/\1 \2/p' "$work/dns.out")
      grep -q '^mailtriage UdpResolver' "$work/dns.out" || fail "dns-bench.sh printed no mailtriage result"
    else
      fail "bench/dns-bench.sh: $(tail -3 "$work/dns.err")"
    fi
  fi
fi

if ((failures)); then
  echo "run.sh: $failures failure(s)" >&2
  exit 1
fi
