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
};

/*
 * Parse one value of `type` from text into *out (sized for the C type of
 * the table above).  Returns 0, or -1 with *why set to what was expected
 * ("an integer", "an IPv4 address such as 10.0.0.2", ...).
 */
int mirc_arg_parse_value(enum mirc_arg_type type, const char *const *enum_values,
			 size_t nenum, const char *text, void *out,
			 const char **why);

#endif
