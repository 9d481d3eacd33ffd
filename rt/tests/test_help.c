/* SPDX-License-Identifier: MIT */
/*
 * test_help.c - --help (a man-page-like listing on stdout, status 63)
 * and --version.
 */
#include "test.h"

#include <stdint.h>

#include "core.h"

static const char *hello, *token;
static int64_t port;
static bool verbose;
static int mode;
static mirc_list_ip peers;
static mirc_opt_ipv4 gateway;
static uint64_t timeout;
static const char *empty;

static const char *const mode_values[] = { "fast", "slow" };

static const struct mirc_arg_desc args[] = {
	{ "hello", MIRC_ARG_STRING, 0, NULL, 0, "Hello World!", "How to say hello.", NULL, &hello, mirc_arg_parse_string },
	{ "port", MIRC_ARG_INT, 0, NULL, 0, "8080", "TCP port to listen on.", "NETWORK OPTIONS", &port, mirc_arg_parse_int },
	{ "token", MIRC_ARG_STRING, MIRC_ARG_REQUIRED, NULL, 0, NULL, "The secret.", NULL, &token, mirc_arg_parse_string },
	{ "verbose", MIRC_ARG_BOOL, 0, NULL, 0, NULL, "Say more.", "Extra stuff", &verbose, mirc_arg_parse_bool },
	{ "mode", MIRC_ARG_ENUM, 0, mode_values, 2, "slow", "How fast to go.", NULL, &mode, mirc_arg_parse_enum },
	{ "peers", MIRC_ARG_IP, MIRC_ARG_LIST, NULL, 0, "", "Peers to greet.", "network options", &peers, mirc_arg_parse_ip },
	{ "gateway", MIRC_ARG_IPV4, MIRC_ARG_OPT, NULL, 0, NULL, NULL, "NETWORK OPTIONS", &gateway, mirc_arg_parse_ipv4 },
	{ "timeout", MIRC_ARG_DURATION, 0, NULL, 0, "2s",
	  "A documentation string long enough to need wrapping over more than one "
	  "line of the listing, as man pages do at about eighty columns of text.",
	  NULL, &timeout, mirc_arg_parse_duration },
	{ "empty", MIRC_ARG_STRING, 0, NULL, 0, "", NULL, NULL, &empty, mirc_arg_parse_string },
};

static const struct mirc_program prog = {
	.name = "help", .version = "0.1.0", .doc = "A test program.",
	.args = args, .nargs = sizeof(args) / sizeof(args[0]),
};

/* Run mirc_rt_init() expecting status 63 and no stderr; returns stdout. */
static char *run63(int argc, char **argv)
{
	struct captured c;
	int rc;

	capture_begin();
	rc = mirc_rt_init(&prog, argc, argv);
	c = capture_end();
	CHECK(rc == 63);
	CHECK_STR(c.err, "");
	free(c.err);
	return c.out;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *after(const char *s, const char *part)
{
	const char *p = strstr(s, part);

	CHECK(p != NULL);
	return p + strlen(part);
}

static void help(void)
{
	/* No --token: --help works without the required args. */
	char *out = run63(ARGC("help", "--help"), ARGV("help", "--help"));
	const char *p;

	CHECK(starts(out, "NAME\n       help - A test program.\n\n"
		     "SYNOPSIS\n       help --token=STRING [OPTION]...\n\n"));
	/* Sections in the order of the table, titles in upper case,
	 * the common options and exit statuses last. */
	p = after(out, "\nOPTIONS\n");
	p = after(p, "\nNETWORK OPTIONS\n");
	p = after(p, "\nEXTRA STUFF\n");
	p = after(p, "\nCOMMON OPTIONS\n");
	p = after(p, "\nEXIT STATUS\n");
	/* "network options" joined "NETWORK OPTIONS": one section. */
	CHECK(strstr(after(out, "NETWORK OPTIONS"), "NETWORK OPTIONS") == NULL);
	CHECK_CONTAINS(out, "\nOPTIONS\n"
		       "       --hello=STRING\n"
		       "           How to say hello. (default: Hello World!)\n\n"
		       "       --token=STRING\n"
		       "           The secret. (required)\n\n"
		       "       --mode=fast|slow\n"
		       "           How fast to go. (default: slow)\n\n");
	CHECK(strstr(out, "\n\n\n") == NULL);	/* one blank line between items */
	CHECK_CONTAINS(out, "\nNETWORK OPTIONS\n"
		       "       --port=INT\n"
		       "           TCP port to listen on. (default: 8080)\n\n"
		       "       --peers=IP,...\n"
		       "           Peers to greet. Values are separated by commas; repeating the option\n"
		       "           adds more.\n\n"
		       "       --gateway=IPV4\n\n"
		       "EXTRA STUFF\n");
	CHECK_CONTAINS(out, "       --verbose, --no-verbose\n           Say more.\n");
	CHECK_CONTAINS(out, "       --timeout=DURATION\n"
		       "           A documentation string long enough to need wrapping over more than\n"
		       "           one line of the listing, as man pages do at about eighty columns of\n"
		       "           text. (default: 2s)\n\n");
	CHECK_CONTAINS(out, "       --empty=STRING\n           (default: \"\")\n");
	CHECK_CONTAINS(out, "       -h, --help\n");
	CHECK_CONTAINS(out, "       --version\n");
	CHECK_CONTAINS(out, "       -l LEVELS, --logs=LEVELS\n");
	CHECK_CONTAINS(out, "       --delay=DURATION\n");
	CHECK_CONTAINS(out, "       --name=NAME\n");
	CHECK_CONTAINS(out, "       --log-time, --no-log-time\n");
	CHECK_CONTAINS(out, "       63     after --help or --version\n");
	CHECK_CONTAINS(out, "       --version\n"
		       "           Print the name and version and exit with status 63.\n\n"
		       "EXIT STATUS\n");
	CHECK(strcmp(out + strlen(out) - 33, "       64     bad boot arguments\n") == 0);
	/* Nothing wider than a terminal. */
	for (const char *line = out; *line; ) {
		const char *nl = strchr(line, '\n');
		CHECK(nl != NULL);
		CHECK(nl - line <= 79);
		line = nl + 1;
	}
	free(out);

	/* -h is the same; --name before it names the program. */
	out = run63(ARGC("help", "-h"), ARGV("help", "-h"));
	CHECK(starts(out, "NAME\n       help - A test program.\n"));
	free(out);
	out = run63(ARGC("help", "--name=web", "--help"), ARGV("help", "--name=web", "--help"));
	CHECK(starts(out, "NAME\n       web - A test program.\n"));
	free(out);
	/* Options before --help are still checked. */
	{
		struct captured c;
		capture_begin();
		CHECK(RT_INIT(&prog, "help", "--port=x", "--help") == 64);
		c = capture_end();
		CHECK_STR(c.out, "");
		CHECK_STR(c.err, "help: option '--port': invalid value 'x' (expected an integer)\n");
		captured_free(&c);
	}
}

static void version(void)
{
	char *out = run63(ARGC("help", "--version"), ARGV("help", "--version"));

	CHECK_STR(out, "help (mirc 0.1.0)\n");
	free(out);
	out = run63(ARGC("help", "--name=x", "--version", "--port=bad"),
		    ARGV("help", "--name=x", "--version", "--port=bad"));
	CHECK_STR(out, "x (mirc 0.1.0)\n");
	free(out);
}

int main(void)
{
	help();
	version();
	success();
	return 0;
}
