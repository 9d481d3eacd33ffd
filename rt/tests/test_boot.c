/* SPDX-License-Identifier: MIT */
/*
 * test_boot.c - mirc_rt_init(): defaults, every arg type in plain, opt
 * and list form, flags, baked arguments, the built-in options, and every
 * rejection with its exact message and exit status; the failure reports
 * of generated main().
 */
#include "test.h"

#include <errno.h>
#include <stdint.h>

#include "core.h"

static const char *hello, *token;
static int64_t port;
static bool verbose, my_flag;
static uint64_t timeout;
static struct mirc_ipv4_prefix ipv4;
static mirc_opt_ipv4 gateway;
static mirc_list_ip peers;
static int mode;
static mirc_list_string tags;
static mirc_list_int nums;
static mirc_opt_bool maybe;
static mirc_opt_duration idle;
static struct mirc_ipv6 v6;
static mirc_list_enum modes;
static mirc_opt_string motd;

static const char *const mode_values[] = { "fast", "slow" };

static const struct mirc_arg_desc args[] = {
	{ "hello", MIRC_ARG_STRING, 0, NULL, 0, "Hello World!", "How to say hello.", NULL, &hello, mirc_arg_parse_string },
	{ "port", MIRC_ARG_INT, 0, NULL, 0, "8080", "TCP port to listen on.", "NETWORK OPTIONS", &port, mirc_arg_parse_int },
	{ "token", MIRC_ARG_STRING, MIRC_ARG_REQUIRED, NULL, 0, NULL, "The secret.", NULL, &token, mirc_arg_parse_string },
	{ "verbose", MIRC_ARG_BOOL, 0, NULL, 0, NULL, NULL, NULL, &verbose, mirc_arg_parse_bool },
	{ "timeout", MIRC_ARG_DURATION, 0, NULL, 0, "2s", NULL, NULL, &timeout, mirc_arg_parse_duration },
	{ "ipv4", MIRC_ARG_IPV4_PREFIX, 0, NULL, 0, "10.0.0.2/24", NULL, "NETWORK OPTIONS", &ipv4, mirc_arg_parse_ipv4_prefix },
	{ "gateway", MIRC_ARG_IPV4, MIRC_ARG_OPT, NULL, 0, NULL, NULL, "NETWORK OPTIONS", &gateway, mirc_arg_parse_ipv4 },
	{ "peers", MIRC_ARG_IP, MIRC_ARG_LIST, NULL, 0, "", NULL, "NETWORK OPTIONS", &peers, mirc_arg_parse_ip },
	{ "mode", MIRC_ARG_ENUM, 0, mode_values, 2, "slow", NULL, NULL, &mode, mirc_arg_parse_enum },
	{ "tags", MIRC_ARG_STRING, MIRC_ARG_LIST, NULL, 0, "a,b", NULL, NULL, &tags, mirc_arg_parse_string },
	{ "nums", MIRC_ARG_INT, MIRC_ARG_LIST, NULL, 0, NULL, NULL, NULL, &nums, mirc_arg_parse_int },
	{ "maybe", MIRC_ARG_BOOL, MIRC_ARG_OPT, NULL, 0, NULL, NULL, NULL, &maybe, mirc_arg_parse_bool },
	{ "idle", MIRC_ARG_DURATION, MIRC_ARG_OPT, NULL, 0, "1m", NULL, NULL, &idle, mirc_arg_parse_duration },
	{ "my-flag", MIRC_ARG_BOOL, 0, NULL, 0, "true", NULL, NULL, &my_flag, mirc_arg_parse_bool },
	{ "v6", MIRC_ARG_IPV6, 0, NULL, 0, "::1", NULL, NULL, &v6, mirc_arg_parse_ipv6 },
	{ "modes", MIRC_ARG_ENUM, MIRC_ARG_LIST, mode_values, 2, "fast", NULL, NULL, &modes, mirc_arg_parse_enum },
	{ "motd", MIRC_ARG_STRING, MIRC_ARG_OPT, NULL, 0, NULL, NULL, NULL, &motd, mirc_arg_parse_string },
};

static const struct mirc_program prog = {
	.name = "boot", .version = "0.1.0", .doc = "A test program.",
	.args = args, .nargs = sizeof(args) / sizeof(args[0]),
};

/* mirc_rt_init() must succeed quietly. */
#define GOOD(...)                                                             \
	do {                                                                  \
		struct captured c_;                                           \
		int rc_;                                                      \
		capture_begin();                                              \
		rc_ = RT_INIT(&prog, "boot", __VA_ARGS__);                    \
		c_ = capture_end();                                           \
		if (rc_ != 0)                                                 \
			fprintf(stderr, "stderr: %s", c_.err);                \
		CHECK(rc_ == 0);                                              \
		CHECK_STR(c_.out, "");                                        \
		CHECK_STR(c_.err, "");                                        \
		captured_free(&c_);                                           \
	} while (0)

/* mirc_rt_init() must fail with status 64 and exactly this on stderr. */
#define BAD(want, ...)                                                        \
	do {                                                                  \
		struct captured c_;                                           \
		int rc_;                                                      \
		capture_begin();                                              \
		rc_ = RT_INIT(&prog, "boot", __VA_ARGS__);                    \
		c_ = capture_end();                                           \
		CHECK(rc_ == 64);                                             \
		CHECK_STR(c_.err, want "\n");                                 \
		CHECK_STR(c_.out, "");                                        \
		captured_free(&c_);                                           \
	} while (0)

static void defaults(void)
{
	GOOD("--token=s3cret");
	CHECK_STR(hello, "Hello World!");
	CHECK_STR(token, "s3cret");
	CHECK(port == 8080);
	CHECK(!verbose);
	CHECK(timeout == MIRC_SEC(2));
	CHECK(ipv4.addr.b[0] == 10 && ipv4.addr.b[3] == 2 && ipv4.len == 24);
	CHECK(!gateway.present);
	CHECK(peers.len == 0);
	CHECK(mode == 1);
	CHECK(tags.len == 2);
	CHECK_STR(tags.items[0], "a");
	CHECK_STR(tags.items[1], "b");
	CHECK(nums.len == 0);
	CHECK(!maybe.present);
	CHECK(idle.present && idle.value == MIRC_SEC(60));
	CHECK(my_flag);
	CHECK(v6.b[15] == 1 && v6.b[0] == 0);
	CHECK(modes.len == 1 && modes.items[0] == 0);
	CHECK(!motd.present);
	CHECK_STR(mirc_name(), "boot");
}

static void every_form(void)
{
	GOOD("--port", "9090", "--hello=Hi there", "--verbose", "--no-my-flag",
	     "--timeout=250ms", "--gateway", "10.0.0.1",
	     "--peers=10.0.0.3,fd00::1", "--peers", "10.0.0.4", "--mode=fast",
	     "--tags=x", "--tags=y,z", "--nums=1,-2,0x3", "--maybe=false",
	     "--idle=5s", "--token", "t", "--v6=fd00::2", "--modes=slow,fast",
	     "--modes", "slow", "--motd=", "--");
	CHECK(port == 9090);
	CHECK_STR(hello, "Hi there");
	CHECK(verbose && !my_flag);
	CHECK(timeout == MIRC_MS(250));
	CHECK(gateway.present && gateway.value.b[0] == 10 && gateway.value.b[3] == 1);
	CHECK(peers.len == 3);
	CHECK(peers.items[0].family == 4 && peers.items[0].u.v4.b[3] == 3);
	CHECK(peers.items[1].family == 6 && peers.items[1].u.v6.b[0] == 0xfd &&
	      peers.items[1].u.v6.b[15] == 1);
	CHECK(peers.items[2].family == 4 && peers.items[2].u.v4.b[3] == 4);
	CHECK(mode == 0);
	/* The first --tags replaces the default, the next ones append. */
	CHECK(tags.len == 3);
	CHECK_STR(tags.items[0], "x");
	CHECK_STR(tags.items[1], "y");
	CHECK_STR(tags.items[2], "z");
	CHECK(nums.len == 3 && nums.items[0] == 1 && nums.items[1] == -2 && nums.items[2] == 3);
	CHECK(maybe.present && !maybe.value);
	CHECK(idle.present && idle.value == MIRC_SEC(5));
	CHECK_STR(token, "t");
	CHECK(v6.b[0] == 0xfd && v6.b[15] == 2);
	CHECK(modes.len == 3 && modes.items[0] == 1 && modes.items[1] == 0 && modes.items[2] == 1);
	CHECK(motd.present);
	CHECK_STR(motd.value, "");

	/* Flags: =true/=false, underscores for dashes, the last one wins. */
	GOOD("--token=t", "--verbose=true", "--my_flag=false", "--maybe",
	     "--verbose=no", "--port=1", "--port=2");
	CHECK(!verbose && !my_flag && maybe.present && maybe.value && port == 2);
	GOOD("--token=t", "--no-maybe", "--my-flag");
	CHECK(maybe.present && !maybe.value && my_flag);
}

static void lists(void)
{
	GOOD("--token=t", "--tags=");
	CHECK(tags.len == 0);
	GOOD("--token=t", "--tags=a\\,b,c");
	CHECK(tags.len == 2);
	CHECK_STR(tags.items[0], "a,b");
	CHECK_STR(tags.items[1], "c");
	/* Quoted strings: a comma inside, an empty string, escapes. */
	GOOD("--token=t", "--tags=\"a,b\",c,\"\",\"q\\\"\\\\\"");
	CHECK(tags.len == 4);
	CHECK_STR(tags.items[0], "a,b");
	CHECK_STR(tags.items[1], "c");
	CHECK_STR(tags.items[2], "");
	CHECK_STR(tags.items[3], "q\"\\");
	GOOD("--token=t", "--tags=\"\"");
	CHECK(tags.len == 1);
	CHECK_STR(tags.items[0], "");
	GOOD("--token=t", "--tags=x\\\\,y\\z");
	CHECK(tags.len == 2);
	CHECK_STR(tags.items[0], "x\\");
	CHECK_STR(tags.items[1], "y\\z");
	GOOD("--token=t", "--tags=a,", "--tags", ",b");
	CHECK(tags.len == 4);
	CHECK_STR(tags.items[0], "a");
	CHECK_STR(tags.items[1], "");
	CHECK_STR(tags.items[2], "");
	CHECK_STR(tags.items[3], "b");
	/* Many values: the list grows. */
	GOOD("--token=t", "--nums=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20",
	     "--nums=21");
	CHECK(nums.len == 21);
	for (int i = 0; i < 21; i++)
		CHECK(nums.items[i] == i + 1);
	/* The loop's end frees the lists and empties them. */
	CHECK(mirc_run() == 0);
	CHECK(nums.len == 0 && nums.items == NULL);
}

static void rejections(void)
{
	BAD("boot: option '--token' is required", "--");
	BAD("boot: option '--token' is required", "--port=1");
	BAD("boot: option '--port': invalid value 'abc' (expected an integer)",
	    "--token=t", "--port=abc");
	BAD("boot: option '--port': invalid value 'abc' (expected an integer)",
	    "--port", "abc", "--token=t");
	BAD("boot: option '--port': invalid value '99999999999999999999' (expected an "
	    "integer from -9223372036854775808 to 9223372036854775807)",
	    "--port=99999999999999999999");
	BAD("boot: unknown option '--prot' (did you mean '--port'?)", "--prot=1");
	BAD("boot: unknown option '--verbsoe' (did you mean '--verbose'?)", "--verbsoe");
	BAD("boot: unknown option '--hepl' (did you mean '--help'?)", "--hepl");
	BAD("boot: unknown option '--zzzzzz'", "--zzzzzz");
	BAD("boot: unknown option '-x'", "-x");
	BAD("boot: unknown option '-hx'", "-hx");
	BAD("boot: unexpected argument 'foo' (options are written --name=VALUE)",
	    "--token=t", "foo");
	BAD("boot: unexpected argument '-' (options are written --name=VALUE)", "-");
	BAD("boot: unexpected argument 'extra'", "--token=t", "--", "extra");
	BAD("boot: option '--port' needs a value", "--token=t", "--port");
	BAD("boot: option '--token' needs a value", "--token");
	BAD("boot: option '--no-verbose' takes no value", "--no-verbose=1");
	BAD("boot: option '--help' takes no value", "--help=x");
	BAD("boot: option '--verbose': invalid value 'maybe' (expected true or false)",
	    "--verbose=maybe");
	BAD("boot: option '--mode': invalid value 'medium' (expected one of fast, slow)",
	    "--mode=medium");
	BAD("boot: option '--modes': invalid value 'medium' (expected one of fast, slow)",
	    "--modes=fast,medium");
	BAD("boot: option '--peers': invalid value '300.1.1.1' (expected an IPv4 or "
	    "IPv6 address such as 10.0.0.2 or fd00::2)", "--peers=10.0.0.1,300.1.1.1");
	BAD("boot: option '--nums': invalid value '' (expected an integer)", "--nums=1,,2");
	BAD("boot: option '--nums': invalid value '\"1\"' (expected an integer)", "--nums=\"1\"");
	BAD("boot: option '--tags': invalid value 'a,\"b' (expected values separated by "
	    "commas, a string in double quotes when it holds a comma)", "--tags=a,\"b");
	BAD("boot: option '--tags': invalid value '\"a\"b' (expected values separated by "
	    "commas, a string in double quotes when it holds a comma)", "--tags=\"a\"b");
	BAD("boot: option '--ipv4': invalid value '10.0.0.2/33' (expected an IPv4 "
	    "prefix length from 0 to 32 after the '/')", "--ipv4=10.0.0.2/33");
	BAD("boot: option '--ipv4': invalid value '010.0.0.2/8' (expected an IPv4 "
	    "prefix such as 10.0.0.2/24)", "--ipv4=010.0.0.2/8");
	BAD("boot: option '--gateway': invalid value '' (expected an IPv4 address "
	    "such as 10.0.0.2)", "--gateway=");
	BAD("boot: option '--v6': invalid value '1::2::3' (expected an IPv6 address "
	    "such as fd00::2)", "--v6=1::2::3");
	BAD("boot: option '--timeout': invalid value '5' (expected a duration such as "
	    "250ms, 2s or 1m (units ns, us, ms, s, m, h))", "--timeout=5");
	BAD("boot: option '--idle': invalid value '999999999h' (expected a duration "
	    "of at most 18446744073709551615ns, about 584 years)", "--idle=999999999h");
	BAD("boot: option '--delay': invalid value 'soon' (expected a duration such as "
	    "250ms, 2s or 1m (units ns, us, ms, s, m, h))", "--delay=soon");
	BAD("boot: option '-l': invalid value 'loud' (expected rules such as "
	    "*:info,net:debug with levels quiet, error, warning, info, debug)",
	    "-l", "loud");
	BAD("boot: option '--logs': invalid value 'net:' (expected rules such as "
	    "*:info,net:debug with levels quiet, error, warning, info, debug)",
	    "--logs=net:");
	BAD("boot: option '-l' needs a value", "-l");
	BAD("boot: option '--name': invalid value 'bad name' (expected 1 to 64 "
	    "letters, digits, '.', '_' or '-')", "--name=bad name");
	BAD("boot: option '--name': invalid value '' (expected 1 to 64 "
	    "letters, digits, '.', '_' or '-')", "--name=");
	/* Messages after --name carry the new name. */
	BAD("inst-1: option '--port': invalid value 'x' (expected an integer)",
	    "--name=inst-1", "--port=x");
	/* A bad value before a missing required one: the first error only. */
	BAD("boot: option '--port': invalid value 'x' (expected an integer)", "--port=x");
}

static void builtins(void)
{
	GOOD("--token=t", "--name=web.1");
	CHECK_STR(mirc_name(), "web.1");
	GOOD("--token=t");
	CHECK_STR(mirc_name(), "boot");

	GOOD("--token=t", "-l", "debug");
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "x"));
	GOOD("--token=t", "-lerror");
	CHECK(!mirc_log_enabled(MIRC_LOG_WARNING, "x"));
	GOOD("--token=t", "-l=net:debug");
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "net") && !mirc_log_enabled(MIRC_LOG_DEBUG, "x"));
	GOOD("--token=t", "--logs", "*:warning,net:debug");
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "net") && !mirc_log_enabled(MIRC_LOG_INFO, "x"));
	GOOD("--token=t");	/* a fresh init: back to info */
	CHECK(mirc_log_enabled(MIRC_LOG_INFO, "x") && !mirc_log_enabled(MIRC_LOG_DEBUG, "x"));
	GOOD("--token=t", "--log-time", "--no-log-time", "--delay", "0s");
}

/* configure --boot-args: parsed first, argv overrides. */
static void baked(void)
{
	static struct mirc_program p;	/* the runtime holds it until the next init */
	struct captured c;

	p = prog;
	p.baked_args = "--port=1 --tags=q \t --hello='a b' --token=\"x\\\"y\" --motd=a\\ b";
	CHECK(mirc_rt_init(&p, 1, ARGV("baked")) == 0);
	CHECK(port == 1);
	CHECK(tags.len == 1);
	CHECK_STR(tags.items[0], "q");
	CHECK_STR(hello, "a b");
	CHECK_STR(token, "x\"y");	/* the required arg came baked */
	CHECK(motd.present);
	CHECK_STR(motd.value, "a b");
	p.baked_args = "--port=1 --tags=q --token=t";
	CHECK(mirc_rt_init(&p, ARGC("baked", "--tags=r", "--port=2"),
			   ARGV("baked", "--tags=r", "--port=2")) == 0);
	CHECK(port == 2);
	CHECK(tags.len == 1);
	CHECK_STR(tags.items[0], "r");

	p.baked_args = "--token=t --hello=\"abc";
	capture_begin();
	CHECK(mirc_rt_init(&p, 1, ARGV("baked")) == 64);
	c = capture_end();
	CHECK_STR(c.err, "boot: boot arguments: unterminated double quote\n");
	captured_free(&c);

	p.baked_args = "   ";
	CHECK(mirc_rt_init(&p, ARGC("b", "--token=t"), ARGV("b", "--token=t")) == 0);
	CHECK(port == 8080);
}

/*
 * mirc_rt_check_args(), what mirc runs on --boot-args at configure time:
 * the verdict and message of the baked pass, the arg the failing word
 * names, no required check (the rest may come at boot), nothing kept.
 */
static void check_args(void)
{
	struct captured c;
	long arg = 99;

	capture_begin();
	CHECK(mirc_rt_check_args(&prog, "--port=1 --tags=q", &arg) == 0);
	c = capture_end();
	CHECK_STR(c.err, "");
	captured_free(&c);

	capture_begin();
	CHECK(mirc_rt_check_args(&prog, "--port=1 --timeout=18446744073709551616ns",
				 &arg) == 64);
	c = capture_end();
	CHECK_STR(c.err, "boot: option '--timeout': invalid value "
		  "'18446744073709551616ns' (expected a duration of at most "
		  "18446744073709551615ns, about 584 years)\n");
	CHECK(arg == 4);	/* args[4] is timeout */
	captured_free(&c);

	capture_begin();
	CHECK(mirc_rt_check_args(&prog, "--port=1 --zzzzzzzz", &arg) == 64);
	c = capture_end();
	CHECK_STR(c.err, "boot: unknown option '--zzzzzzzz'\n");
	CHECK(arg == -1);
	captured_free(&c);

	capture_begin();
	CHECK(mirc_rt_check_args(&prog, "--hello='abc", &arg) == 64);
	c = capture_end();
	CHECK_STR(c.err, "boot: boot arguments: unterminated single quote\n");
	captured_free(&c);

	capture_begin();
	CHECK(mirc_rt_check_args(&prog, "--version", &arg) == 63);
	c = capture_end();
	captured_free(&c);

	/* Nothing of the check stays: the defaults of the next boot. */
	GOOD("--token=t");
	CHECK(port == 8080);
}

/* The largest duration of every unit is accepted at boot, one more is
 * not: the parser mirc checks defaults and --boot-args with. */
static void duration_bounds(void)
{
	GOOD("--token=t", "--timeout=18446744073709551615ns");
	CHECK(timeout == UINT64_MAX);
	GOOD("--token=t", "--timeout=18446744073709551us");
	CHECK(timeout == UINT64_C(18446744073709551000));
	GOOD("--token=t", "--timeout=18446744073709ms");
	CHECK(timeout == UINT64_C(18446744073709000000));
	GOOD("--token=t", "--timeout=18446744073s");
	CHECK(timeout == UINT64_C(18446744073000000000));
	GOOD("--token=t", "--timeout=307445734m");
	CHECK(timeout == UINT64_C(18446744040000000000));
	GOOD("--token=t", "--timeout=5124095h");
	CHECK(timeout == UINT64_C(18446742000000000000));
#define TOO_LONG(v)                                                           \
	BAD("boot: option '--timeout': invalid value '" v "' (expected a "     \
	    "duration of at most 18446744073709551615ns, about 584 years)",    \
	    "--token=t", "--timeout=" v)
	TOO_LONG("18446744073709551616ns");
	TOO_LONG("18446744073709552us");
	TOO_LONG("18446744073710ms");
	TOO_LONG("18446744074s");
	TOO_LONG("307445735m");
	TOO_LONG("5124096h");
#undef TOO_LONG
}

/* A table with a bad default or more args than the static bookkeeping. */
static void tables(void)
{
	static int64_t x;
	static const struct mirc_arg_desc bad_default[] = {
		{ "x", MIRC_ARG_INT, 0, NULL, 0, "zz", NULL, NULL, &x, mirc_arg_parse_int },
	};
	static struct mirc_program p;
	struct captured c;
	static int64_t vals[50];
	static char names[50][8];
	static struct mirc_arg_desc many[50];

	p = (struct mirc_program){ .name = "tbl", .version = "0.1.0",
				   .args = bad_default, .nargs = 1 };
	capture_begin();
	CHECK(mirc_rt_init(&p, 1, ARGV("tbl")) == 64);
	c = capture_end();
	CHECK_STR(c.err, "tbl: option '--x': invalid default 'zz' (expected an integer)\n");
	captured_free(&c);

	for (int i = 0; i < 50; i++) {
		snprintf(names[i], sizeof(names[i]), "a%d", i);
		many[i] = (struct mirc_arg_desc){ .name = names[i], .type = MIRC_ARG_INT,
						  .def = "7", .dst = &vals[i],
						  .parse = mirc_arg_parse_int };
	}
	many[49].flags = MIRC_ARG_REQUIRED;
	p.args = many;
	p.nargs = 50;
	CHECK(mirc_rt_init(&p, ARGC("tbl", "--a49=5", "--a0=1"),
			   ARGV("tbl", "--a49=5", "--a0=1")) == 0);
	CHECK(vals[0] == 1 && vals[1] == 7 && vals[48] == 7 && vals[49] == 5);
	capture_begin();
	CHECK(mirc_rt_init(&p, 1, ARGV("tbl")) == 64);
	c = capture_end();
	CHECK_STR(c.err, "tbl: option '--a49' is required\n");
	captured_free(&c);
	CHECK(mirc_run() == 0);
}

/* List defaults as mirc writes them: string items in double quotes. */
static void list_defaults(void)
{
	static mirc_list_string words, blanks, one, lone, none;
	static const struct mirc_arg_desc defs[] = {
		{ "words", MIRC_ARG_STRING, MIRC_ARG_LIST, NULL, 0, "\"a,b\",\"c\"", NULL, NULL, &words, mirc_arg_parse_string },
		{ "blanks", MIRC_ARG_STRING, MIRC_ARG_LIST, NULL, 0, "\"\",\"x\"", NULL, NULL, &blanks, mirc_arg_parse_string },
		{ "one", MIRC_ARG_STRING, MIRC_ARG_LIST, NULL, 0, "\",\"", NULL, NULL, &one, mirc_arg_parse_string },
		{ "lone", MIRC_ARG_STRING, MIRC_ARG_LIST, NULL, 0, "\"\"", NULL, NULL, &lone, mirc_arg_parse_string },
		{ "none", MIRC_ARG_STRING, MIRC_ARG_LIST, NULL, 0, "", NULL, NULL, &none, mirc_arg_parse_string },
	};
	static const struct mirc_program p = { .name = "defs", .args = defs, .nargs = 5 };

	CHECK(mirc_rt_init(&p, 1, ARGV("defs")) == 0);
	CHECK(words.len == 2);
	CHECK_STR(words.items[0], "a,b");
	CHECK_STR(words.items[1], "c");
	CHECK(blanks.len == 2);
	CHECK_STR(blanks.items[0], "");
	CHECK_STR(blanks.items[1], "x");
	CHECK(one.len == 1);
	CHECK_STR(one.items[0], ",");
	CHECK(lone.len == 1);
	CHECK_STR(lone.items[0], "");
	CHECK(none.len == 0);
	CHECK(mirc_run() == 0);
}

/* What generated main() prints when a device or a job fails. */
static void failures(void)
{
	struct captured c;

	GOOD("--token=t");
	mirc_log_set_source("hello_1");	/* generated code sets it around calls */
	capture_begin();
	CHECK(mirc_connect_failed("net0", -ENOENT) == 1);
	c = capture_end();
	CHECK_STR(c.out, "[ERROR] [main] connect of 'net0' failed: No such file or directory\n");
	captured_free(&c);

	GOOD("--token=t");
	capture_begin();
	CHECK(mirc_start_failed("hello_1", -EIO) == 1);
	CHECK(mirc_start_failed("hello_2", 2) == 1);
	c = capture_end();
	CHECK_STR(c.out, "[ERROR] [main] start of 'hello_1' failed: returned -5 (Input/output error)\n"
		  "[ERROR] [main] start of 'hello_2' failed: returned 2\n");
	captured_free(&c);
}

/* A list arg in a program that did not call mirc_rt_use_lists(). */
static void lists_unused(void)
{
	static mirc_list_int xs;
	static const struct mirc_arg_desc list[] = {
		{ "xs", MIRC_ARG_INT, MIRC_ARG_LIST, NULL, 0, "1", NULL, NULL, &xs, mirc_arg_parse_int },
	};
	static const struct mirc_program p = { .name = "nolists", .args = list, .nargs = 1 };
	struct captured c;

	capture_begin();
	CHECK(mirc_rt_init(&p, 1, ARGV("nolists")) == 64);
	c = capture_end();
	CHECK_STR(c.err, "nolists: runtime arg 0 has a bad description\n");
	captured_free(&c);
}

int main(void)
{
	lists_unused();
	mirc_rt_use_lists();
	defaults();
	every_form();
	lists();
	rejections();
	builtins();
	baked();
	check_args();
	duration_bounds();
	tables();
	list_defaults();
	failures();
	success();
	return 0;
}
