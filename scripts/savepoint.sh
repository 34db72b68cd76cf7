#!/usr/bin/env bash
# savepoint.sh — take a savepoint of the QualityWatch stream job, stop it, and restore it, on a Flink
# cluster (the `flink` CLI of the cluster's version on PATH, or FLINK_HOME set).
#
#   scripts/savepoint.sh list                               running jobs and their ids
#   scripts/savepoint.sh take    JOB_ID [DIR]               savepoint, job keeps running
#   scripts/savepoint.sh stop    JOB_ID [DIR]               savepoint, then stop (exactly-once: the
#                                                           last Kafka transaction is committed)
#   scripts/savepoint.sh restore SAVEPOINT [config.properties] [extra flink run args…]
#                                                           submit the job restored from SAVEPOINT
#   scripts/savepoint.sh latest  CHECKPOINT_DIR             newest retained checkpoint under a dir
#                                                           (restore from it like from a savepoint)
#
# DIR defaults to $QW_SAVEPOINT_DIR, else the cluster's execution.checkpointing.savepoint-dir.
# The local CLI does the same without a cluster:
#   ./qw stream --checkpoint-dir DIR              (retains the last checkpoint when stopped)
#   ./qw stream --from-savepoint DIR|SAVEPOINT    (restores; DIR = newest checkpoint under it)
# See docs/streaming-operations.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

flink_cli() {
  if [[ -n "${FLINK_HOME:-}" ]]; then
    "$FLINK_HOME/bin/flink" "$@"
  elif command -v flink >/dev/null 2>&1; then
    flink "$@"
  else
    echo "savepoint.sh: no flink CLI (set FLINK_HOME or put flink on PATH)" >&2
    exit 2
  fi
}

job_jar() {
  local jar
  jar="$(ls "$ROOT"/streaming-jobs/target/streaming-jobs-*-job.jar 2>/dev/null | head -1 || true)"
  if [[ -z "$jar" ]]; then
    echo "savepoint.sh: no job jar; build it: mvn -q -B -pl streaming-jobs -am package -DskipTests" >&2
    exit 2
  fi
  echo "$jar"
}

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

cmd="${1:-}"
[[ -z "$cmd" ]] && usage 1
shift
case "$cmd" in
  list)
    flink_cli list -r
    ;;
  take)
    [[ $# -ge 1 ]] || usage 1
    job="$1"
    dir="${2:-${QW_SAVEPOINT_DIR:-}}"
    # Prints "Savepoint completed. Path: <path>"; the path is what `restore` takes.
    flink_cli savepoint "$job" ${dir:+"$dir"}
    ;;
  stop)
    [[ $# -ge 1 ]] || usage 1
    job="$1"
    dir="${2:-${QW_SAVEPOINT_DIR:-}}"
    # stop = savepoint + finish the sources without end-of-input (no MAX_WATERMARK: pending
    # quiet/day-end timers stay in the savepoint instead of firing at the end of time).
    flink_cli stop ${dir:+--savepointPath "$dir"} "$job"
    ;;
  restore)
    [[ $# -ge 1 ]] || usage 1
    savepoint="$1"
    shift
    config=()
    if [[ $# -ge 1 && "$1" != -* ]]; then
      config=("$1")
      shift
    fi
    # Operator uids are fixed in the job (every operator has .uid(...)), so a savepoint of one build
    # restores into the next. Add --allowNonRestoredState only when an operator was deliberately removed.
    flink_cli run -d -s "$savepoint" "$@" "$(job_jar)" "${config[@]}"
    ;;
  latest)
    [[ $# -ge 1 ]] || usage 1
    # Retained checkpoints live in <dir>/<job id>/chk-<n>/_metadata; print the newest complete one.
    found="$(find "$1" -maxdepth 3 -name _metadata -path '*chk-*' -printf '%T@ %h\n' 2>/dev/null \
      | sort -n | tail -1 | cut -d' ' -f2-)"
    if [[ -z "$found" ]]; then
      echo "savepoint.sh: no retained checkpoint under $1" >&2
      exit 1
    fi
    echo "$found"
    ;;
  -h | --help | help)
    usage 0
    ;;
  *)
    usage 1
    ;;
esac
