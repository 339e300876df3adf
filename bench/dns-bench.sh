#!/usr/bin/env bash
# DNS throughput, side by side: mailtriage's UdpResolver and dnsjava's own asynchronous resolver (both in
# org.mailtriage.bench.DnsBench, one JVM per window) and adnshost (Debian adns-tools) ask the same A questions of the
# same loopback rbldnsd, one after the other. DNS_BENCH_ADNS=0 leaves adnshost out; DNS_BENCH_RESOLVERS=udp,dnsjava,lookupsession
# (the default) picks the JVM resolvers.
# Prints questions/s and lost answers (no answer after every retry) for each.
#   bench/dns-bench.sh [count=100000] [windows="16 64 256"] [listed-share=0.06]
# The question set comes from org.mailtriage.bench.DnsSetGenerator (seeded): count distinct IPs, the chosen share listed.
# Needs: rbldnsd, adnshost (adns-tools), python3, Maven (builds bench/target/benchmarks.jar once), root or CAP_NET_BIND_SERVICE
# (adnshost only talks to port 53, so rbldnsd listens on 127.0.0.8:53). Loopback only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-100000}"
windows="${2:-16 64 256}"
listed_share="${3:-0.06}"
jar="$here/bench/target/benchmarks.jar"
address=127.0.0.8
work="$(mktemp -d)"
chmod 755 "$work"  # rbldnsd started as root drops to its own user, which must read the data
rbldnsd_pid=""
cleanup() { [[ -n "$rbldnsd_pid" ]] && kill "$rbldnsd_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[[ -f "$jar" ]] || (cd "$here" && mvn -q -B -DskipTests package) >&2

for tool in rbldnsd adnshost python3; do
  command -v "$tool" >/dev/null || { echo "dns-bench: $tool is missing (apt-get install rbldnsd adns-tools python3)" >&2; exit 2; }
done

# The question set and the blocklist data: N distinct IPs (documentation ranges: at most 762 IPv4, the rest
# IPv6 in 2001:db8::/32), a chosen share of them listed (answer 127.0.0.2), the rest NXDOMAIN.
summary=$(java -cp "$jar" org.mailtriage.bench.DnsSetGenerator "$work" "$count" "$listed_share")
listed=$(awk '{for (i = 1; i < NF; i++) if ($(i + 1) == "listed,") print $i}' <<<"$summary")
chmod 644 "$work"/*.data
touch -d '10 seconds ago' "$work"/*.data  # rbldnsd skips files modified within the current second

rbldnsd -n -b "$address/53" -r "$work" -p "$work/rbldnsd.pid" bench.test:ip4set:v4.data bench.test:ip6trie:v6.data 2>"$work/rbldnsd.log" &
rbldnsd_pid=$!
sleep 0.5

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other jobs share these cores: throughput is noisy, CPU per question less so)"
echo "# DNSBL questions (A): $summary; rbldnsd $address:53 (loopback)"

# UdpResolver, then dnsjava's sendAsync and its LookupSession (DNS_BENCH_RESOLVERS picks): the benchmark main warms each up on 20k names first. "listed" must equal the listed count above.
for window in $windows; do
  java -cp "$jar" org.mailtriage.bench.DnsBench "$address:53" "$work/names.txt" "$window" 0 1000 3 "${DNS_BENCH_RESOLVERS:-udp,dnsjava,lookupsession}"
done
[[ "${DNS_BENCH_ADNS:-1}" == 0 ]] && { echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 0; }

# adnshost, all questions at once in asynchronous pipe mode (its natural bulk mode). CPU = user+sys of adnshost.
adns_run() {
  local label="$1" command="$2"
  local started ended
  started=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/cpu" bash -c "$command" > "$work/adns.out" 2>/dev/null || true
  ended=$(date +%s.%N)
  python3 - "$work/adns.out" "$count" "$started" "$ended" "$label" "$(tail -1 "$work/cpu")" "$listed" <<'PY'
import sys
path, count, started, ended, label, cpu, listed = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6], int(sys.argv[7])
ok = nx = other = 0
for line in open(path):
    parts = line.split()
    if len(parts) >= 5 and parts[0].isdigit() and parts[1].isdigit():
        if parts[2] == "ok": ok += 1
        elif parts[4] == "nxdomain": nx += 1
        else: other += 1
seconds = ended - started
cpu_seconds = sum(float(x) for x in cpu.split())
print("adnshost %s: %d questions in %.2f s = %.0f questions/s, CPU %.2f s = %.1f us/question; NOERROR %d (listed %d expected), NXDOMAIN %d, failed %d; lost %d"
      % (label, count, seconds, count / seconds, cpu_seconds, cpu_seconds * 1e6 / count, ok, listed, nx, other, count - ok - nx))
PY
}
adns_run "(all at once, -a -f)" "adnshost -a -f --config 'nameserver $address' -t a < '$work/names.txt'"
# adnshost in batches (150 is about its best here): one process per batch, all queries of a batch in flight.
for size in 50 150; do
  rm -f "$work"/batch.*
  split -l "$size" "$work/names.txt" "$work/batch."
  adns_run "(batches of $size)" "for batch in '$work'/batch.*; do adnshost -a -f --config 'nameserver $address' -t a < \"\$batch\"; done"
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
