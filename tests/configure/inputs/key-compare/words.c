/* SPDX-License-Identifier: MIT */
/* words.c - each WORD impl says its own name. */
#include "mirc.h"

const char *one_text(void) { return "one"; }
const char *few_text(void) { return "few"; }
const char *many_text(void) { return "many"; }
const char *hello_text(void) { return "hello"; }
const char *bonjour_text(void) { return "bonjour"; }
const char *other_text(void) { return "other"; }
