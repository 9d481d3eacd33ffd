/* SPDX-License-Identifier: MIT */
/*
 * mirc/args.h - boot arguments: the table generated main() passes to
 * mirc_rt_init() (through struct mirc_program), one entry per runtime arg.
 */
#ifndef MIRC_ARGS_H
#define MIRC_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include "mirc/types.h"

enum mirc_arg_type {
	MIRC_ARG_BOOL,		/* bool */
	MIRC_ARG_INT,		/* int64_t */
	MIRC_ARG_STRING,	/* const char * */
	MIRC_ARG_DURATION,	/* uint64_t, ns */
	MIRC_ARG_IPV4,		/* struct mirc_ipv4 */
	MIRC_ARG_IPV4_PREFIX,	/* struct mirc_ipv4_prefix */
	MIRC_ARG_IPV6,		/* struct mirc_ipv6 */
	MIRC_ARG_IPV6_PREFIX,	/* struct mirc_ipv6_prefix */
	MIRC_ARG_IP,		/* struct mirc_ip */
	MIRC_ARG_ENUM,		/* int, index into enum_values */
};

#define MIRC_ARG_OPT 1u		/* dst is a mirc_opt_T */
#define MIRC_ARG_LIST 2u	/* dst is a mirc_list_T; repeated or a,b,c */
#define MIRC_ARG_REQUIRED 4u	/* must be given at boot */

struct mirc_arg_desc;

/*
 * The parser of one type: text into *out (sized for the type's plain C
 * type, as above); returns NULL, or, leaving *out alone, what was
 * expected ("an integer", ...).  `a` is the arg being parsed: an enum
 * takes its values from it; the other types do not look at it (NULL is
 * fine).  Strings are not copied.
 */
typedef const char *(*mirc_arg_parser)(const struct mirc_arg_desc *a,
				       const char *text, void *out);

struct mirc_arg_desc {
	const char *name;	/* as written at boot, without "--": "my-arg" */
	enum mirc_arg_type type;
	unsigned flags;
	const char *const *enum_values;	/* MIRC_ARG_ENUM */
	size_t nenum;
	/* The default in the boot syntax ("8080", "2s", "10.0.0.2/24",
	 * "a,b" for lists, whose string items mirc writes in double quotes
	 * with \" and \\ escapes: "\"a,b\",\"\""), validated by mirc;
	 * NULL: none. */
	const char *def;
	const char *doc;	/* or NULL */
	const char *section;	/* for --help; NULL: "OPTIONS" */
	void *dst;		/* the C variable the value goes to */
	/* The parser of `type`, one of those below.  Generated code names
	 * the parser of each arg, so that a program links only the parsers
	 * of the types it uses. */
	mirc_arg_parser parse;
};

const char *mirc_arg_parse_bool(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_int(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_string(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_duration(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_ipv4(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_ipv4_prefix(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_ipv6(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_ipv6_prefix(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_ip(const struct mirc_arg_desc *a, const char *text, void *out);
const char *mirc_arg_parse_enum(const struct mirc_arg_desc *a, const char *text, void *out);

/*
 * Parse one value of `type` from text into *out (sized for the C type of
 * the table above).  Returns 0, or -1 with *why set to what was expected
 * ("an integer", "an IPv4 address such as 10.0.0.2", ...).  Links the
 * parsers of every type: the runtime itself calls the per-type ones.
 */
int mirc_arg_parse_value(enum mirc_arg_type type, const char *const *enum_values,
			 size_t nenum, const char *text, void *out,
			 const char **why);

#endif
