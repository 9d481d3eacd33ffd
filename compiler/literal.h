/* SPDX-License-Identifier: MIT */
/*
 * literal.h - the textual forms of key and runtime-arg values (literal.c):
 * boot-time value syntax, shared by the key parser and the checks of
 * defaults and boot arguments.
 */
#ifndef MIRC_LITERAL_H
#define MIRC_LITERAL_H

#include <stdbool.h>
#include <stdint.h>

bool literal_parse_duration(const char *s, uint64_t *ns);
/* NULL when s is a duration (into *ns), else what the runtime expected. */
const char *literal_duration_why(const char *s, uint64_t *ns);
bool literal_parse_ipv4(const char *s, unsigned char out[4]);
bool literal_parse_ipv6(const char *s, unsigned char out[16]);
bool literal_parse_prefix(const char *s, int family, unsigned char *addr,
		      unsigned *len);
bool literal_parse_int(const char *s, int64_t *out);

#endif
