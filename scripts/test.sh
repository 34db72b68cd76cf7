#!/usr/bin/env bash
# The test command (README): builds, starts ONE local stack (Kafka broker + Elasticsearch node, both
# on 127.0.0.1) that every module's integration tests reuse, runs all tests and the format check,
# then stops the stack.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export QW_STACK_DIR="$ROOT/target/qw-test-stack"

echo "== build (no tests)"
mkdir -p target && touch target/.qw-build-stamp.new
mvn -B -q -DskipTests -Dspotless.check.skip=true install
# The full build is done: ./qw below need not rebuild.
mv target/.qw-build-stamp.new target/.qw-build-stamp

echo "== start the shared test stack"
./qw stack start --dir "$QW_STACK_DIR"
trap './qw stack stop --dir "$QW_STACK_DIR" >/dev/null 2>&1 || true' EXIT

echo "== tests"
mvn -B -Dqw.stack.dir="$QW_STACK_DIR" verify "$@"
