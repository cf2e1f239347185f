/*
 * fuzz.h - the libFuzzer entry point shared by every fuzz target.
 *
 * Each fuzz_NAME.c defines LLVMFuzzerTestOneInput(). It is linked either
 * with libFuzzer (clang, -fsanitize=fuzzer: NAME_libfuzzer) or with
 * replay_main.c (any compiler: NAME, run by CTest as fuzz.NAME), which
 * replays a seed corpus and deterministic mutations of it.
 *
 * The targets check invariants with assert(), so they must be compiled
 * without NDEBUG (tests/fuzz/CMakeLists.txt adds -UNDEBUG).
 */
#ifndef CONCORD_TESTS_FUZZ_H
#define CONCORD_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#ifdef NDEBUG
#error "fuzz targets check invariants with assert(): build them without NDEBUG"
#endif

/* Run one input; returns 0 (libFuzzer's convention). Fails by aborting. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
