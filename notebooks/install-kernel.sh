#!/usr/bin/env bash
# Installs the Java kernel the notebooks run on, inside the checkout (never in your home folder):
#   notebooks/.kernel/jars/          rapaio-jupyter-kernel (a runnable Jupyter kernel for Java) and XChart
#   notebooks/.kernel/jupyter/       JUPYTER_PATH: kernels/mailtriage-java/kernel.json
#   notebooks/.kernel/kernel-fix/    notebooks/kernel-fix/ compiled: put before the kernel jar on the kernel's class path
# Both jars come from Maven Central through Maven (your ~/.m2 first). Then:
#   JUPYTER_PATH=notebooks/.kernel/jupyter jupyter notebook notebooks/
# Environment: JAVA (java binary for the kernel, default: java on PATH), MVN (default: mvn).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
kernel_version=3.0.1
xchart_version=3.8.8
home="$here/.kernel"
jars="$home/jars"
spec="$home/jupyter/kernels/mailtriage-java"
mkdir -p "$jars" "$spec" "$home/mima-cache"

fetch() { # groupId:artifactId:version
  local artifact="$1" file
  file="$(cut -d: -f2 <<<"$artifact")-$(cut -d: -f3 <<<"$artifact").jar"
  if [[ ! -s "$jars/$file" ]]; then
    "${MVN:-mvn}" -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory="$jars" >&2
  fi
  [[ -s "$jars/$file" ]] || { echo "install-kernel: could not fetch $artifact" >&2; exit 1; }
}
fetch "io.github.padreati:rapaio-jupyter-kernel:$kernel_version"
# XChart draws the charts (PNG via javax.imageio); its PDF/SVG/GIF encoders are not used, so their libraries are not needed.
fetch "org.knowm.xchart:xchart:$xchart_version"

java_bin="${JAVA:-$(command -v java)}"
kernel_jar="$jars/rapaio-jupyter-kernel-$kernel_version.jar"

# The kernel's LoopThread can end right after it starts: it sets the flag its loop tests only after starting the thread,
# and an exception from one pass (a kernel_info_request read before the handlers exist) ends it. With the shell channel's
# thread gone the kernel never answers and Jupyter waits out its startup timeout. notebooks/kernel-fix/ (see its README)
# holds the class fixed; compiled against the kernel jar (same package) and put before it on the class path.
fix_classes="$home/kernel-fix"
fix_source="$here/kernel-fix/org/rapaio/jupyter/kernel/channels/LoopThread.java"
fix_class="$fix_classes/org/rapaio/jupyter/kernel/channels/LoopThread.class"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2])' "$kernel_jar" \
    org/rapaio/jupyter/kernel/channels/LoopThread.class 2>/dev/null \
  || { echo "install-kernel: $kernel_jar has no LoopThread to replace; see notebooks/kernel-fix/" >&2; exit 1; }
if [[ ! "$fix_class" -nt "$fix_source" ]]; then
  javac_bin="$(dirname "$(readlink -f "$java_bin")")/javac"
  [[ -x "$javac_bin" ]] || javac_bin="$(command -v javac)"
  rm -rf "$fix_classes"
  "$javac_bin" --release 17 -d "$fix_classes" -cp "$kernel_jar" "$fix_source"
fi
# Spark 4 on Java 17 needs these in the kernel's JVM (the notebooks start a local SparkSession in it);
# conf/java17.flags, the list every JVM we start uses.
mapfile -t flags < <(grep -v '^#' "$root/conf/java17.flags")
flags+=(-Djava.awt.headless=true -Xmx${MAILTRIAGE_NOTEBOOK_MEMORY:-2g}
  "-Dlog4j2.configurationFile=$root/conf/log4j2.properties")

python3 - "$spec/kernel.json" "$java_bin" "$fix_classes:$kernel_jar" "$home/mima-cache" "${flags[@]}" <<'PY'
import json, sys
target, java, classpath, cache, *flags = sys.argv[1:]
spec = {
    # -cp with the kernel's main class rather than -jar: the fixed LoopThread comes first (see above).
    "argv": [java, *flags, "-cp", classpath, "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
    "display_name": "Java (mailtriage)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_MIMA_CACHE": cache, "SPARK_LOCAL_IP": "127.0.0.1"},
}
with open(target, "w") as out:
    json.dump(spec, out, indent=1)
PY
echo "installed kernel mailtriage-java: JUPYTER_PATH=$home/jupyter"
