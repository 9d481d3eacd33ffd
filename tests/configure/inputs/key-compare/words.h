/* SPDX-License-Identifier: MIT */
/* words.h - the stateless WORD impls of tests/configure/inputs/key-compare. */
#ifndef WORDS_H
#define WORDS_H
#endif
