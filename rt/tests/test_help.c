/* SPDX-License-Identifier: MIT */
/*
 * test_help.c - --help (the listing mirc laid out, printed on stdout,
 * status 63) and --version.
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

/*
 * The listing as mirc lays it out (compiler/emit_c.c; the goldens of
 * tests/gen and tests/configure/args-help.sh check the layout): the
 * runtime prints it, expanding \001 to the name, \002, \003 and \004 to
 * 7, 11 and 14 spaces, and \005 X to X as it is.
 */
static const char listing[] =
	"NAME\n"
	"\002\001 - A test program.\n"
	"\n"
	"SYNOPSIS\n"
	"\002\001 --token=STRING [OPTION]...\n"
	"\n"
	"OPTIONS\n"
	"\002--hello=STRING\n"
	"\003How to say hello. (default: Hello World!)\n"
	"\n"
	"\002--odd=STRING\n"
	"\003Control bytes: \005\001\005\005 (default: \"\")\n"
	"\n"
	"EXIT STATUS\n"
	"\002" "1      a device failed to connect, a job to start, or a job stopped the\n"
	"\004program with an error\n";

static const struct mirc_program prog = {
	.name = "help", .version = "0.1.0",
	.args = args, .nargs = sizeof(args) / sizeof(args[0]),
};

/* A program made without mirc: no listing. */
static const struct mirc_program bare = {
	.name = "bare", .version = "0.1.0", .doc = "A bare program.",
	.args = args, .nargs = sizeof(args) / sizeof(args[0]),
};

static const char expanded[] =
	"NAME\n"
	"       help - A test program.\n"
	"\n"
	"SYNOPSIS\n"
	"       help --token=STRING [OPTION]...\n"
	"\n"
	"OPTIONS\n"
	"       --hello=STRING\n"
	"           How to say hello. (default: Hello World!)\n"
	"\n"
	"       --odd=STRING\n"
	"           Control bytes: \001\005 (default: \"\")\n"
	"\n"
	"EXIT STATUS\n"
	"       1      a device failed to connect, a job to start, or a job stopped the\n"
	"              program with an error\n";

/* Run mirc_rt_init() expecting status 63 and no stderr; returns stdout. */
static char *run63(const struct mirc_program *p, int argc, char **argv)
{
	struct captured c;
	int rc;

	capture_begin();
	rc = mirc_rt_init(p, argc, argv);
	c = capture_end();
	CHECK(rc == 63);
	CHECK_STR(c.err, "");
	free(c.err);
	return c.out;
}

static void help(void)
{
	/* No --token: --help works without the required args. */
	char *out;

	mirc_rt_set_help(listing);
	out = run63(&prog, ARGC("help", "--help"), ARGV("help", "--help"));

	CHECK_STR(out, expanded);
	free(out);

	/* -h is the same; --name before it names the program. */
	out = run63(&prog, ARGC("help", "-h"), ARGV("help", "-h"));
	CHECK_STR(out, expanded);
	free(out);
	out = run63(&prog, ARGC("help", "--name=web", "--help"),
		    ARGV("help", "--name=web", "--help"));
	{
		const char *want = "NAME\n       web - A test program.\n\nSYNOPSIS\n"
				   "       web --token=";
		CHECK(strncmp(out, want, strlen(want)) == 0);
	}
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
	/* Without a listing: the name and the doc. */
	mirc_rt_set_help(NULL);
	out = run63(&bare, ARGC("bare", "--help"), ARGV("bare", "--help"));
	CHECK_STR(out, "NAME\n       bare - A bare program.\n");
	free(out);
	mirc_rt_set_help(listing);
}

static void version(void)
{
	char *out = run63(&prog, ARGC("help", "--version"), ARGV("help", "--version"));

	CHECK_STR(out, "help (mirc 0.1.0)\n");
	free(out);
	out = run63(&prog, ARGC("help", "--name=x", "--version", "--port=bad"),
		    ARGV("help", "--name=x", "--version", "--port=bad"));
	CHECK_STR(out, "x (mirc 0.1.0)\n");
	free(out);
}

int main(void)
{
	mirc_rt_use_lists();
	help();
	version();
	success();
	return 0;
}
