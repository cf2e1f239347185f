#!/usr/bin/env bash
# One entry point for building and checking concord on Debian 12.
#   ./build.sh example   install what is missing, build, run `concord dedup examples/`
#   ./build.sh test      install what is missing, build, run the whole suite
#                        (release build, then again under ASan + UBSan)
#   ./build.sh bench     build and run the benchmarks (see BENCHMARKS.md)
#   ./build.sh eval      build and run the quality evaluations (see EVALUATION.md)
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc 2>/dev/null || echo 2)

build() { # build DIR CMAKE-ARGS...
    local dir=$1; shift
    cmake -S . -B "$dir" "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

case "${1:-}" in
example)
    scripts/install-deps.sh
    build build -DCMAKE_BUILD_TYPE=Release
    ./build/concord dedup examples/
    ;;
test)
    scripts/install-deps.sh
    build build -DCMAKE_BUILD_TYPE=Release
    (cd build && ctest --output-on-failure -j "$jobs")
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DCONCORD_SANITIZE=ON
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --output-on-failure -j "$jobs")
    ;;
bench)
    scripts/install-deps.sh --bench
    build build -DCMAKE_BUILD_TYPE=Release
    bench/run.sh build
    ;;
eval)
    scripts/install-deps.sh
    build build -DCMAKE_BUILD_TYPE=Release
    eval/run.sh build
    ;;
*)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
