/* SPDX-License-Identifier: MIT */
/*
 * mirc/types.h - C types of keys and runtime args (c-interface.md, 4).
 */
#ifndef MIRC_TYPES_H
#define MIRC_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mirc_ipv4 { uint8_t b[4]; };
struct mirc_ipv6 { uint8_t b[16]; };
struct mirc_ipv4_prefix { struct mirc_ipv4 addr; uint8_t len; };
struct mirc_ipv6_prefix { struct mirc_ipv6 addr; uint8_t len; };
struct mirc_ip {
	int family;		/* 4 or 6 */
	union {
		struct mirc_ipv4 v4;
		struct mirc_ipv6 v6;
	} u;
};

/* The element type of string opts and lists: `const mirc_cstr *items`
 * is `const char *const *items`. */
typedef const char *mirc_cstr;

/* opt T and list T for every T: mirc_opt_int, mirc_list_ip, ... */
#define MIRC_OPT_LIST_(name, ctype)                                           \
	typedef struct { bool present; ctype value; } mirc_opt_##name;         \
	typedef struct { size_t len; const ctype *items; } mirc_list_##name;
MIRC_OPT_LIST_(bool, bool)
MIRC_OPT_LIST_(int, int64_t)
MIRC_OPT_LIST_(string, mirc_cstr)
MIRC_OPT_LIST_(duration, uint64_t)
MIRC_OPT_LIST_(ipv4, struct mirc_ipv4)
MIRC_OPT_LIST_(ipv4_prefix, struct mirc_ipv4_prefix)
MIRC_OPT_LIST_(ipv6, struct mirc_ipv6)
MIRC_OPT_LIST_(ipv6_prefix, struct mirc_ipv6_prefix)
MIRC_OPT_LIST_(ip, struct mirc_ip)
MIRC_OPT_LIST_(enum, int)
#undef MIRC_OPT_LIST_

#endif
