#!/usr/bin/env bash
# Runs Strand's JMH micro-benchmarks (io.strand.benchmarks.jmh) from the module's class path — no fat jar:
# benchmarks/target/classes holds the benchmark list the annotation processor generated, and
# benchmarks/target/classpath.txt the dependencies. Builds the module first when it is missing or stale.
#
#   benchmarks/run-jmh.sh                          # everything (about 10 minutes on 2 cores)
#   benchmarks/run-jmh.sh StorageAppend -p batchSize=1000 -p durability=WAL
#   benchmarks/run-jmh.sh ThriftCodec -rf json -rff /tmp/jmh.json
#   benchmarks/run-jmh.sh -l                       # list the benchmarks
#
# Every argument goes to org.openjdk.jmh.Main (see -h). JVM options for this launcher: JMH_JAVA_OPTS.
# JMH_NO_BUILD=1 skips the staleness check and runs what is built (e.g. while a sibling module is mid-edit).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cpfile="$root/benchmarks/target/classpath.txt"
if [ -z "${JMH_NO_BUILD:-}" ] && { [ ! -f "$cpfile" ] || [ ! -f "$root/benchmarks/target/classes/META-INF/BenchmarkList" ] \
   || [ -n "$(find "$root" -path "$root/.git" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$cpfile" -print -quit)" ]; }; then
  echo "run-jmh: building benchmarks (first use or sources changed) ..." >&2
  (cd "$root" && mvn -q -B -DskipTests -pl benchmarks -am package) >&2
  touch "$cpfile"
fi
exec java ${JMH_JAVA_OPTS:-} -cp "$root/benchmarks/target/classes:$(cat "$cpfile")" org.openjdk.jmh.Main "$@"
