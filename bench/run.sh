#!/usr/bin/env bash
# Throughput bench for `patroli scan` and `patroli batch` on a synthetic Indonesian
# social-post corpus.
#
#   bench/run.sh                       # release build, 64 MB corpus, 3 runs per mode
#   BENCH_MB=16 RUNS=1 bench/run.sh    # smaller / quicker
#   PATROLI=/path/to/patroli bench/run.sh   # use that binary, skip the build
#
# Environment (defaults):
#   BENCH_MB=64     corpus size in 10^6 bytes (bench/data/posts.jsonl, regenerated
#                   when the size or seed differs from the existing file's)
#   BENCH_SEED=1    generator seed
#   RUNS=3          timed runs per mode; the table shows the median wall time and
#                   the median peak RSS
#   PATROLI=        binary to measure; when set, `swift build` is skipped
#   SKIP_BUILD=0    1 = do not run `swift build -c release`
#   JOBS_MAX=$(nproc)
#
# Each mode also gets one untimed warm-up run, whose stdout is counted (lines).
# `patroli scan` exits 0 (nothing flagged) or 1 (something flagged); both are
# success here.  Any other status aborts the bench and shows the tool's stderr.
# Mode `batch` runs `patroli batch --plain` into a fresh SQLite queue (a new temp dir
# per run, report included) with --jobs 1 and --jobs $JOBS_MAX; under the table it
# prints the all-cores/one-core ratio and the number of queued items.
# The table is printed on stdout and saved to bench/data/results-<UTC time>.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DATA=bench/data
CORPUS=$DATA/posts.jsonl
BENCH_MB=${BENCH_MB:-64}
BENCH_SEED=${BENCH_SEED:-1}
RUNS=${RUNS:-3}
SKIP_BUILD=${SKIP_BUILD:-0}
NPROC=$(nproc)
JOBS_MAX=${JOBS_MAX:-$NPROC}

die() { echo "bench/run.sh: $*" >&2; exit 2; }

[ -x /usr/bin/time ] && /usr/bin/time -f '%e' true 2>/dev/null ||
  die "GNU time is required at /usr/bin/time (Debian/Ubuntu: apt-get install -y time)"
command -v python3 >/dev/null || die "python3 is required to generate the corpus"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ "$JOBS_MAX" =~ ^[1-9][0-9]*$ ]] || die "JOBS_MAX must be a positive integer (got '$JOBS_MAX')"

# --- 1. binary ---------------------------------------------------------------
if [ -n "${PATROLI:-}" ]; then
  BIN=$PATROLI
  echo "using PATROLI=$BIN (build skipped)" >&2
else
  BIN=$ROOT/.build/release/patroli
  if [ "$SKIP_BUILD" != 1 ]; then
    command -v swift >/dev/null || die "swift not found in PATH (or set PATROLI=/path/to/patroli)"
    echo "building: swift build -c release" >&2
    swift build -c release >&2 || die "swift build -c release failed (see above)"
  fi
fi
if [ ! -x "$BIN" ]; then
  case "$BIN" in
    */*) ;;
    *) BIN=$(command -v "$BIN" || true) ;;
  esac
fi
[ -n "$BIN" ] && [ -f "$BIN" ] && [ -x "$BIN" ] ||
  die "patroli binary not found or not executable: ${BIN:-$PATROLI}
  (the release build has no 'patroli' product yet, or the build failed; set PATROLI=/path/to/binary to override)"

# --- 2. corpus -----------------------------------------------------------------
mkdir -p "$DATA"
PARAMS="gen_posts.py mb=$BENCH_MB seed=$BENCH_SEED sha=$(sha256sum bench/gen_posts.py | cut -c1-16)"
if [ ! -s "$CORPUS" ] || [ "$(cat "$CORPUS.params" 2>/dev/null)" != "$PARAMS" ]; then
  echo "generating $CORPUS ($BENCH_MB MB, seed $BENCH_SEED)" >&2
  rm -f "$CORPUS.params"
  python3 bench/gen_posts.py --mb "$BENCH_MB" --seed "$BENCH_SEED" -o "$CORPUS.tmp"
  mv "$CORPUS.tmp" "$CORPUS"
  echo "$PARAMS" > "$CORPUS.params"
fi
BYTES=$(stat -c %s "$CORPUS")
POSTS=$(wc -l < "$CORPUS")
SHA=$(sha256sum "$CORPUS" | cut -c1-12)
cat "$CORPUS" > /dev/null      # warm the page cache

# --- 3. measure ------------------------------------------------------------------
LOGS=$DATA/logs
mkdir -p "$LOGS"
RES=$LOGS/results.tsv
: > "$RES"

# record_run LABEL RUN RC COMMAND : checks one timed run's exit status (0 or 1 is
# success) and appends "label run wall rss exit" from its GNU time file
record_run() {
  local label=$1 run=$2 rc=$3 command=$4
  local tf=$LOGS/$label-$run.time ef=$LOGS/$label-$run.stderr
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "bench/run.sh: FAILED (exit $rc): $command" >&2
    tail -n 20 "$ef" >&2
    [ -s "$tf" ] && tail -n 2 "$tf" >&2
    exit 2
  fi
  local wall rss
  read -r wall rss < <(tail -n 1 "$tf")
  [[ "$wall" =~ ^[0-9.]+$ && "$rss" =~ ^[0-9]+$ ]] || die "could not parse /usr/bin/time output in $tf"
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$run" "$wall" "$rss" "$rc" >> "$RES"
}

# run_one LABEL RUN OUTFILE ARGS... : one `patroli scan` run under GNU time
run_one() {
  local label=$1 run=$2 out=$3; shift 3
  local rc=0
  /usr/bin/time -f '%e %M' -o "$LOGS/$label-$run.time" "$BIN" scan "$@" "$CORPUS" > "$out" \
    2> "$LOGS/$label-$run.stderr" || rc=$?
  record_run "$label" "$run" "$rc" "$BIN scan $* $CORPUS"
}

# run_batch LABEL RUN JOBS : one `patroli batch` run into a fresh queue (new temp dir)
# under GNU time; its stderr is kept (it names the new queue items)
run_batch() {
  local label=$1 run=$2 jobs=$3
  local rc=0 dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/patroli-bench.XXXXXX")
  /usr/bin/time -f '%e %M' -o "$LOGS/$label-$run.time" "$BIN" batch --plain --jobs "$jobs" --queue "$dir/queue.db" \
    --report "$dir/reports" "$CORPUS" > /dev/null 2> "$LOGS/$label-$run.stderr" || rc=$?
  rm -rf "$dir"
  record_run "$label" "$run" "$rc" "$BIN batch --jobs $jobs $CORPUS"
}

# mode|jobs|extra args
CONFIGS=("flagged|1|" "flagged|$JOBS_MAX|")
[ "$JOBS_MAX" -eq 1 ] && CONFIGS=("flagged|1|")
CONFIGS+=("all|$JOBS_MAX|--all")
BATCH_CONFIGS=("batch|1|" "batch|$JOBS_MAX|")
[ "$JOBS_MAX" -eq 1 ] && BATCH_CONFIGS=("batch|1|")

declare -A OUTLINES EXITS
for cfg in "${CONFIGS[@]}"; do
  IFS='|' read -r mode jobs extra <<< "$cfg"
  label=$mode-j$jobs
  args=(--jobs "$jobs"); [ -n "$extra" ] && args+=("$extra")
  # warm-up (untimed): also checks the tool produced output
  run_one "$label" 0 "$LOGS/$label.out" "${args[@]}"
  OUTLINES[$label]=$(wc -l < "$LOGS/$label.out")
  EXITS[$label]=$(awk -F'\t' -v l="$label" '$1 == l && $2 == 0 { print $5 }' "$RES")
  rm -f "$LOGS/$label.out"
  for run in $(seq 1 "$RUNS"); do
    run_one "$label" "$run" /dev/null "${args[@]}"
    echo "  $label run $run: $(awk -F'\t' -v l="$label" -v r="$run" '$1 == l && $2 == r { print $3 " s, " int($4 / 1024) " MB" }' "$RES")" >&2
  done
done

declare -A QUEUED
for cfg in "${BATCH_CONFIGS[@]}"; do
  IFS='|' read -r mode jobs extra <<< "$cfg"
  label=$mode-j$jobs
  run_batch "$label" 0 "$jobs"     # warm-up (untimed): its stderr names the new queue items
  EXITS[$label]=$(awk -F'\t' -v l="$label" '$1 == l && $2 == 0 { print $5 }' "$RES")
  QUEUED[$label]=$(sed -n 's/.* \([0-9][0-9]*\) new queue items.*/\1/p' "$LOGS/$label-0.stderr" | awk '{ n += $1 } END { print n + 0 }')
  for run in $(seq 1 "$RUNS"); do
    run_batch "$label" "$run" "$jobs"
    echo "  $label run $run: $(awk -F'\t' -v l="$label" -v r="$run" '$1 == l && $2 == r { print $3 " s, " int($4 / 1024) " MB" }' "$RES")" >&2
  done
done
CONFIGS+=("${BATCH_CONFIGS[@]}")

# --- 4. report ---------------------------------------------------------------------
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[ -n "$CPU" ] || CPU=$(uname -m)
SWIFT=$(swift --version 2>&1 | grep -m1 -i 'swift version' || echo "swift: n/a")
TABLE=$(
  echo "Machine: $NPROC CPUs ($CPU); $SWIFT; binary: ${PATROLI:-.build/release/patroli}"
  printf 'Corpus: %s (%d posts, %.1f MB, seed %s, sha256 %s...); %d timed runs per mode, median wall time (GNU time %%e) and peak RSS (%%M); MB = 10^6 bytes of input; warm page cache.\n' \
    "$CORPUS" "$POSTS" "$(awk -v b="$BYTES" 'BEGIN { print b / 1e6 }')" "$BENCH_SEED" "$SHA" "$RUNS"
  echo
  echo "| mode | jobs | wall s | MB/s | posts/s | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|"
  for cfg in "${CONFIGS[@]}"; do
    IFS='|' read -r mode jobs extra <<< "$cfg"
    label=$mode-j$jobs
    awk -F'\t' -v l="$label" -v mode="$mode" -v jobs="$jobs" -v bytes="$BYTES" -v posts="$POSTS" '
      function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      $1 == l && $2 > 0 { n++; w[n] = $3 + 0; m[n] = $4 + 0 }
      END {
        wall = median(w, n); rss = median(m, n) / 1024
        if (wall > 0)
          printf "| %s | %d | %.2f | %.1f | %.0f | %.0f |\n", mode, jobs, wall, bytes / 1e6 / wall, posts / wall, rss
        else   # %e has 10 ms resolution
          printf "| %s | %d | <0.01 | >%.0f | >%.0f | %.0f |\n", mode, jobs, bytes / 1e6 / 0.01, posts / 0.01, rss
      }' "$RES"
  done
  echo
  if [ "$JOBS_MAX" -gt 1 ]; then
    awk -F'\t' -v one="batch-j1" -v all="batch-j$JOBS_MAX" -v jobs="$JOBS_MAX" '
      function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      $1 == one && $2 > 0 { n1++; w1[n1] = $3 + 0 }
      $1 == all && $2 > 0 { n2++; w2[n2] = $3 + 0 }
      END {
        a = median(w1, n1); b = median(w2, n2)
        if (b > 0) printf "Batch throughput, %d jobs / 1 job: %.2fx (median wall %.2f s / %.2f s).\n", jobs, a / b, a, b
      }' "$RES"
  fi
  notes=""
  for cfg in "${CONFIGS[@]}"; do
    IFS='|' read -r mode jobs extra <<< "$cfg"
    label=$mode-j$jobs
    if [ "$mode" = batch ]; then
      notes+="${notes:+; }$label: ${QUEUED[$label]} queued items, exit ${EXITS[$label]}"
    else
      notes+="${notes:+; }$label: ${OUTLINES[$label]} lines, exit ${EXITS[$label]}"
    fi
  done
  echo "Output of the warm-up runs (stdout lines or queued items, exit status): $notes."
  [ "$(awk -F'\t' '$1 ~ /^all-/ && $2 == 0' "$RES" | wc -l)" -gt 0 ] &&
    [ "${OUTLINES[all-j$JOBS_MAX]}" -ne "$POSTS" ] &&
    echo "WARNING: --all printed ${OUTLINES[all-j$JOBS_MAX]} lines for $POSTS posts."
  true
)
echo "$TABLE"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
echo "$TABLE" > "$DATA/results-$STAMP.md"
echo "saved $DATA/results-$STAMP.md" >&2
