#!/usr/bin/env bash
# Ingestion benchmark (issue 2): FileIngestor vs a plain kafka-clients producer on the same records,
# against the local stack (started or reused). Writes docs/benchmarks/ingestion.json.
#   scripts/bench-ingestion.sh [--records N] [--rounds R] [--bootstrap HOST:PORT] [--out FILE]
# The JVM runs with the CLI's garbage collector (ParallelGC, as ./qw) and a fixed heap (-Xms = -Xmx):
# a heap that grows during the run collects in full, for up to 0.8 s, inside rounds of 1–3 s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B -o -f ingestion/pom.xml test-compile >&2 || mvn -q -B -f ingestion/pom.xml test-compile >&2
CP_FILE="$ROOT/ingestion/target/bench.classpath"
mvn -q -B -f ingestion/pom.xml dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=test >&2
exec java ${QW_BENCH_JAVA_OPTS:--Xms6g -Xmx6g -XX:+UseParallelGC} -Dqw.repo.root="$ROOT" \
  -cp "$ROOT/ingestion/target/test-classes:$ROOT/ingestion/target/classes:$(cat "$CP_FILE")" \
  io.qualitywatch.ingestion.importer.IngestionBenchmark "$@"
