/* SPDX-License-Identifier: MIT */
/*
 * The hand-written chain with each link in this separate translation unit
 * (direct.c -DSEPARATE calls d8()): direct calls the compiler cannot
 * inline, as between the modules of a C program built without LTO.
 */
#include <stdint.h>

uint64_t d1(uint64_t x);
uint64_t d2(uint64_t x);
uint64_t d3(uint64_t x);
uint64_t d4(uint64_t x);
uint64_t d5(uint64_t x);
uint64_t d6(uint64_t x);
uint64_t d7(uint64_t x);
uint64_t d8(uint64_t x);
uint64_t d0(uint64_t x);

uint64_t d0(uint64_t x) { return x + 1; }
uint64_t d1(uint64_t x) { return d0(x) + 1; }
uint64_t d2(uint64_t x) { return d1(x) + 1; }
uint64_t d3(uint64_t x) { return d2(x) + 1; }
uint64_t d4(uint64_t x) { return d3(x) + 1; }
uint64_t d5(uint64_t x) { return d4(x) + 1; }
uint64_t d6(uint64_t x) { return d5(x) + 1; }
uint64_t d7(uint64_t x) { return d6(x) + 1; }
uint64_t d8(uint64_t x) { return d7(x) + 1; }
