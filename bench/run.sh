#!/usr/bin/env bash
# bench/run.sh BUILD_DIR - dedup throughput and memory: concord vs the datasketch baseline.
#
# For each corpus (reuters21578.jsonl, bbc.jsonl in the shared corpora directory):
#   concord dedup -q --no-progress --threshold 0.8 --shingle 5 --perms 128 (and --perms 256)
#     one untimed warm-up run (page cache; also records the pair counts and the summary),
#     then RUNS (default 5) timed runs: median wall time, peak RSS from GNU time (%M)
#   bench/datasketch_baseline.py (datasketch's MinHash.bulk + MinHashLSH algorithm,
#     re-implemented in Python + NumPy because datasketch is not installable here), once.
# Prints a Markdown report: machine, date, one table per corpus, and the speed ratios.
#
# Environment: CONCORD_CORPORA (default: ../shared/corpora from the repo root),
#              RUNS (default 5), PYTHON (default /usr/bin/python3),
#              BASELINE=0 to skip the (slow) baseline.
# Needs: GNU time (/usr/bin/time, Debian package `time`), python3 + python3-numpy.
# concord is single-threaded and so is the baseline (BLAS/OpenMP threads are set to 1).
# BENCH_PIN=1 pins every run to CPU 0 with taskset (better on an idle machine, worse on a
# shared one, where the scheduler should be free to pick the idle CPU).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

build=${1:-build}
if [[ ! -d $build && -d $root/$build ]]; then build=$root/$build; fi
concord=$(cd "$build" 2>/dev/null && pwd)/concord || true
corpora=${CONCORD_CORPORA:-$root/../shared/corpora}
runs=${RUNS:-5}
python=${PYTHON:-/usr/bin/python3}
baseline=${BASELINE:-1}

if [[ ! -d $corpora ]]; then
    echo "corpora not found at $corpora; skipping benchmarks"
    exit 0
fi
corpora=$(cd "$corpora" && pwd)
if [[ ! -x $concord ]]; then
    echo "bench/run.sh: no concord binary at $build/concord (build it first)" >&2
    exit 2
fi
gnutime=/usr/bin/time
if ! "$gnutime" -f '%M' -o /dev/null true 2>/dev/null; then
    echo "bench/run.sh: GNU time is needed at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi
if [[ $baseline == 1 ]] && ! "$python" -c 'import numpy' 2>/dev/null; then
    echo "bench/run.sh: $python with numpy is needed for the baseline (apt-get install python3-numpy)" >&2
    exit 2
fi

pin=()
if [[ ${BENCH_PIN:-0} == 1 ]] && command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
    pin=(taskset -c 0)
fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { sort -g | tail -n 1; }
fmt() { awk -v x="$1" -v p="$2" 'BEGIN { printf "%." p "f", x }'; }
now() { echo "$EPOCHREALTIME"; }

# run_concord FILE PERMS -> sets c_wall (median s), c_cpu (median user+sys s), c_rss (max KiB),
# c_pairs and its split, c_summary
run_concord() {
    local file=$1 perms=$2 i t0 t1
    local args=(dedup --no-progress --threshold 0.8 --shingle 5 --perms "$perms")
    # warm-up: fills the page cache, records the output and the stderr summary
    "${pin[@]}" "$concord" "${args[@]}" "$file" >"$tmp/out.jsonl" 2>"$tmp/summary"
    c_pairs=$(grep -c '"type":"pair"' "$tmp/out.jsonl" || true)
    c_exact=$(grep -c '"relation":"exact"' "$tmp/out.jsonl" || true)
    c_near=$(grep -c '"relation":"near"' "$tmp/out.jsonl" || true)
    c_contained=$(grep -c '"relation":"contained"' "$tmp/out.jsonl" || true)
    c_summary=$(tr '\n' ' ' <"$tmp/summary")
    : >"$tmp/walls"
    : >"$tmp/rsses"
    : >"$tmp/cpus"
    for ((i = 0; i < runs; i++)); do
        t0=$(now)
        "${pin[@]}" "$gnutime" -f '%U %S %M' -o "$tmp/rss" "$concord" "${args[@]}" -q "$file" >/dev/null
        t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' >>"$tmp/walls"
        tail -n 1 "$tmp/rss" | awk '{ print $3 }' >>"$tmp/rsses"
        tail -n 1 "$tmp/rss" | awk '{ print $1 + $2 }' >>"$tmp/cpus"
    done
    c_wall=$(median <"$tmp/walls")
    c_wall_min=$(sort -g "$tmp/walls" | head -n 1)
    c_wall_max=$(sort -g "$tmp/walls" | tail -n 1)
    c_rss=$(maxof <"$tmp/rsses")
    c_cpu=$(median <"$tmp/cpus")
}

json_field() { "$python" -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

echo "## Dedup throughput: concord vs the datasketch algorithm"
echo
echo "- machine: $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(getconf _NPROCESSORS_ONLN) CPUs" \
     "(runs ${pin[*]:+pinned with }${pin[*]:-not pinned}), $(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)," \
     "Linux $(uname -r)"
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $("$concord" --version 2>/dev/null | head -n 1 || echo "concord ?")" \
     "($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo 'no git')$(cd "$root" && git diff --quiet HEAD 2>/dev/null || echo ', uncommitted changes'))"
echo "- concord: \`concord dedup -q --no-progress --threshold 0.8 --shingle 5 --perms N FILE >/dev/null\`," \
     "median wall of $runs runs after one warm-up; peak RSS = max of GNU time %M"
if [[ $baseline == 1 ]]; then
    echo "- baseline: \`bench/datasketch_baseline.py\` = datasketch's MinHash.bulk + MinHashLSH algorithm re-implemented" \
         "in Python $("$python" -c 'import platform; print(platform.python_version())') + NumPy $("$python" -c 'import numpy; print(numpy.__version__)')" \
         "(datasketch itself is not installable here), 1 run; its time is the job's own perf_counter span" \
         "(read + parse + shingle + MinHash + LSH + query), without interpreter start-up"
fi
echo "- load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared: CPU s = user + sys, median)"
echo "- MB = 10^6 bytes of the input file; pairs = concord's reported pairs (exact / near / contained)," \
     "baseline's = LSH candidate pairs (of which MinHash-estimated J >= 0.8)"

found=0
for name in reuters21578.jsonl bbc.jsonl; do
    file=$corpora/$name
    if [[ ! -r $file ]]; then
        echo
        echo "($name not found in $corpora; skipped)"
        continue
    fi
    found=1
    bytes=$(stat -c %s "$file")
    docs=$(grep -c . "$file" || true)
    mb=$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')

    b_secs='' b_proc='' b_rss='' b_pairs='' b_est=''
    if [[ $baseline == 1 ]]; then
        "${pin[@]}" "$gnutime" -f '%e %U %S %M' -o "$tmp/brss" \
            "$python" "$here/datasketch_baseline.py" --threshold 0.8 --perms 128 --shingle 5 "$file" >"$tmp/base.json"
        bj=$(cat "$tmp/base.json")
        b_secs=$(json_field "$bj" seconds)
        b_pairs=$(json_field "$bj" pairs)
        b_est=$(json_field "$bj" pairs_est_jaccard_ge_threshold)
        b_bands="$(json_field "$bj" bands)x$(json_field "$bj" rows)"
        read -r b_proc b_user b_sys b_rss < <(tail -n 1 "$tmp/brss")
        b_cpu=$(awk -v u="$b_user" -v s="$b_sys" 'BEGIN { print u + s }')
    fi

    echo
    echo "### $name ($(fmt "$mb" 1) MB, $docs articles)"
    echo
    echo "| implementation | perms | wall s | CPU s | MB/s | articles/s | peak RSS MB | pairs | speed vs baseline |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---:|"
    summaries=()
    for perms in 128 256; do
        run_concord "$file" "$perms"
        mbs=$(awk -v m="$mb" -v w="$c_wall" 'BEGIN { print m / w }')
        aps=$(awk -v d="$docs" -v w="$c_wall" 'BEGIN { print d / w }')
        ratio='n/a'
        if [[ -n $b_secs ]]; then ratio="$(fmt "$(awk -v b="$b_secs" -v c="$c_wall" 'BEGIN { print b / c }')" 1)x"; fi
        echo "| concord | $perms | $(fmt "$c_wall" 3) ($(fmt "$c_wall_min" 3)-$(fmt "$c_wall_max" 3)) | $(fmt "$c_cpu" 2) | $(fmt "$mbs" 1)" \
             "| $(fmt "$aps" 0) | $(fmt "$(awk -v k="$c_rss" 'BEGIN { print k / 1024 }')" 1)" \
             "| $c_pairs ($c_exact / $c_near / $c_contained) | **$ratio** |"
        summaries+=("--perms $perms: $c_summary")
    done
    if [[ -n $b_secs ]]; then
        echo "| datasketch algorithm (re-impl.) | 128 | $(fmt "$b_secs" 2) (process $b_proc) | $(fmt "$b_cpu" 2) (process) | $(fmt "$(awk -v m="$mb" -v w="$b_secs" 'BEGIN { print m / w }')" 2)" \
             "| $(fmt "$(awk -v d="$docs" -v w="$b_secs" 'BEGIN { print d / w }')" 0) | $(fmt "$(awk -v k="$b_rss" 'BEGIN { print k / 1024 }')" 1)" \
             "| $b_pairs candidates ($b_est est. J >= 0.8), LSH $b_bands | 1.0x |"
    fi
    echo
    echo "concord's own summary (warm-up run):"
    echo
    for s in "${summaries[@]}"; do echo "    $s"; done
done
[[ $found == 1 ]] || echo "no corpus files found in $corpora"
