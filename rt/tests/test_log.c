/* SPDX-License-Identifier: MIT */
/*
 * test_log.c - log line format, sources, -l rules and their rejections,
 * timestamps (and the date conversion against gmtime_r()), the hook.
 */
#include "test.h"

#include <stdint.h>
#include <time.h>

#include "core.h"

static const struct mirc_program prog = { .name = "logtest", .version = "0.1.0" };

static void init(void)
{
	CHECK(RT_INIT(&prog, "logtest") == 0);
}

/* Everything the block printed on stdout (nothing on stderr). */
#define OUTPUT(block, want)                                                   \
	do {                                                                  \
		struct captured c_;                                           \
		capture_begin();                                              \
		block;                                                        \
		c_ = capture_end();                                           \
		CHECK_STR(c_.out, want);                                      \
		CHECK_STR(c_.err, "");                                        \
		captured_free(&c_);                                           \
	} while (0)

static void format(void)
{
	init();
	OUTPUT(mirc_log_info("Hello %s!", "World"), "[INFO] [main] Hello World!\n");
	OUTPUT(mirc_log_err("e%d", 1), "[ERROR] [main] e1\n");
	OUTPUT(mirc_log_warn("w"), "[WARNING] [main] w\n");
	OUTPUT(mirc_log_debug("d"), "");	/* default level: info */
	OUTPUT(mirc_log(MIRC_LOG_INFO, "net", "up"), "[INFO] [net] up\n");
	/* One newline at the end, whether the message has one or not. */
	OUTPUT(mirc_log_info("line\n"), "[INFO] [main] line\n");
	OUTPUT(mirc_log_info("two\nlines"), "[INFO] [main] two\nlines\n");
	OUTPUT(mirc_log_info("%s", ""), "[INFO] [main] \n");
	/* Out-of-range levels are clamped, not dropped or crashed on. */
	OUTPUT(mirc_log(99, "x", "hi"), "");
	OUTPUT(mirc_log(-5, "x", "hi"), "[ERROR] [x] hi\n");
	OUTPUT(mirc_log(MIRC_LOG_QUIET, "x", "hi"), "[ERROR] [x] hi\n");
}

static void sources(void)
{
	init();
	CHECK_STR(mirc_log_set_source("hello"), "main");
	OUTPUT(mirc_log_info("hi"), "[INFO] [hello] hi\n");
	OUTPUT(mirc_log(MIRC_LOG_WARNING, NULL, "cur"), "[WARNING] [hello] cur\n");
	CHECK_STR(mirc_log_set_source(NULL), "hello");
	OUTPUT(mirc_log_info("back"), "[INFO] [main] back\n");
}

/* A message longer than the line buffer goes out whole. */
static void long_line(void)
{
	char msg[2000], want[2100];

	init();
	memset(msg, 'm', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	snprintf(want, sizeof(want), "[INFO] [main] %s\n", msg);
	OUTPUT(mirc_log_info("%s", msg), want);
}

static void rules(void)
{
	init();
	CHECK(mirc_log_configure("debug") == 0);
	OUTPUT(mirc_log_debug("d"), "[DEBUG] [main] d\n");
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "anything"));

	CHECK(mirc_log_configure("*:info,net:debug") == 0);
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "net"));
	CHECK(!mirc_log_enabled(MIRC_LOG_DEBUG, "netif"));
	CHECK(!mirc_log_enabled(MIRC_LOG_DEBUG, "main"));
	CHECK(mirc_log_enabled(MIRC_LOG_INFO, "main"));
	OUTPUT((mirc_log(MIRC_LOG_DEBUG, "net", "a"), mirc_log(MIRC_LOG_DEBUG, "tcp", "b")),
	       "[DEBUG] [net] a\n");

	/* Order does not matter: the most specific rule wins. */
	CHECK(mirc_log_configure("net:debug,*:error") == 0);
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "net"));
	CHECK(!mirc_log_enabled(MIRC_LOG_WARNING, "tcp"));
	CHECK(mirc_log_enabled(MIRC_LOG_ERROR, "tcp"));

	/* Prefixes; an exact name beats them, a longer prefix beats a shorter. */
	CHECK(mirc_log_configure("net*:debug,netif:error,n*:warning") == 0);
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "net.tcp"));
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "net"));
	CHECK(!mirc_log_enabled(MIRC_LOG_WARNING, "netif"));
	CHECK(mirc_log_enabled(MIRC_LOG_WARNING, "nfs"));
	CHECK(!mirc_log_enabled(MIRC_LOG_INFO, "nfs"));
	CHECK(mirc_log_enabled(MIRC_LOG_INFO, "other"));

	/* Equal rules: the later one. */
	/* An impl's name selects its instances IMPL_N; the instance's own
	 * name is more specific. */
	CHECK(mirc_log_configure("cache:debug,cache_2:error") == 0);
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "cache"));
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "cache_1"));
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "cache_13"));
	CHECK(!mirc_log_enabled(MIRC_LOG_WARNING, "cache_2"));
	CHECK(!mirc_log_enabled(MIRC_LOG_DEBUG, "cache_"));
	CHECK(!mirc_log_enabled(MIRC_LOG_DEBUG, "cache_2x"));
	CHECK(!mirc_log_enabled(MIRC_LOG_DEBUG, "cache_x_1"));
	CHECK(!mirc_log_enabled(MIRC_LOG_DEBUG, "caches_1"));
	CHECK(mirc_log_configure("cache_2:debug,cache:error") == 0);
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "cache_2"));
	CHECK(!mirc_log_enabled(MIRC_LOG_WARNING, "cache_3"));
	CHECK(mirc_log_configure("net:debug,net:error") == 0);
	CHECK(!mirc_log_enabled(MIRC_LOG_WARNING, "net"));

	/* quiet silences even errors. */
	CHECK(mirc_log_configure("quiet") == 0);
	OUTPUT(mirc_log_err("nothing"), "");
	CHECK(mirc_log_configure("*:quiet,job:warning") == 0);
	OUTPUT((mirc_log_err("x"), mirc_log(MIRC_LOG_WARNING, "job", "y")),
	       "[WARNING] [job] y\n");

	/* Level names: any case, and "warn". */
	CHECK(mirc_log_configure("DEBUG") == 0);
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "x"));
	CHECK(mirc_log_configure("x:Warn") == 0);
	CHECK(mirc_log_enabled(MIRC_LOG_WARNING, "x") && !mirc_log_enabled(MIRC_LOG_INFO, "x"));
}

static void bad_rules(void)
{
	static const char *const bad[] = {
		"", "loud", "net:", ":debug", "net:loud", "a*b:info", "**:info",
		"info,", ",info", "info,,debug", "net:debug:x", "*:info net:debug",
		/* more rules than MIRC_MAX_LOG_RULES */
		("a:info,b:info,c:info,d:info,e:info,f:info,g:info,h:info,i:info,"
		 "j:info,k:info,l:info,m:info,n:info,o:info,p:info,q:info"),
	};
	char huge[600];

	init();
	CHECK(mirc_log_configure("net:debug") == 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (mirc_log_configure(bad[i]) == 0) {
			fprintf(stderr, "accepted log spec '%s'\n", bad[i]);
			exit(1);
		}
	}
	memset(huge, 'a', sizeof(huge) - 7);
	memcpy(huge + sizeof(huge) - 7, ":debug", 7);
	CHECK(mirc_log_configure(huge) < 0);
	/* A rejected spec leaves the rules in force as they were. */
	CHECK(mirc_log_enabled(MIRC_LOG_DEBUG, "net"));
	CHECK(!mirc_log_enabled(MIRC_LOG_DEBUG, "tcp"));
}

/* mirc_log_format_time() against the C library's gmtime_r(). */
static void dates(void)
{
	static const int64_t secs[] = {
		0, 59, 86399, 86400, 951782400 /* 2000-02-29 */, 951868800,
		1078012800 /* 2004-02-29 */, 4107542400 /* 2100-03-01 */,
		4107456000 /* 2100-02-28 */, 1798000000, 9223372035 /* 2262-04-11 */,
		1234567890, 2147483647, 2147483648,
	};
	char got[80], want[80];

	for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]) + 2000; i++) {
		/* The table, then a walk over 2000 days from 1999 on, a day
		 * and 17 seconds apart. */
		int64_t s = i < sizeof(secs) / sizeof(secs[0]) ? secs[i]
			  : 915148800 + (int64_t)(i * 86417);
		time_t t = (time_t)s;
		struct tm tm;
		CHECK(gmtime_r(&t, &tm) != NULL);
		snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec, (int)(i % 1000));
		mirc_log_format_time(got, sizeof(got),
				     s * 1000000000 + (int64_t)(i % 1000) * 1000000 + 999999);
		CHECK_STR(got, want);
	}
}

/* --log-time: the wall clock at the start of the line. */
static void timestamps(void)
{
	struct captured c;
	char before[40], after[40];
	time_t t0, t1;
	struct tm tm;

	init();
	/* Tests write to a file: no timestamp unless asked. */
	OUTPUT(mirc_log_info("plain"), "[INFO] [main] plain\n");
	mirc_log_set_time(1);
	t0 = time(NULL);
	capture_begin();
	mirc_log_info("stamped");
	c = capture_end();
	t1 = time(NULL);
	strftime(before, sizeof(before), "%Y-%m-%dT%H:%M:%S", gmtime_r(&t0, &tm));
	strftime(after, sizeof(after), "%Y-%m-%dT%H:%M:%S", gmtime_r(&t1, &tm));
	CHECK(strlen(c.out) == 24 + 1 + strlen("[INFO] [main] stamped\n"));
	CHECK(strncmp(c.out, before, 19) == 0 || strncmp(c.out, after, 19) == 0);
	CHECK(c.out[19] == '.' && c.out[23] == 'Z' && c.out[24] == ' ');
	CHECK_STR(c.out + 25, "[INFO] [main] stamped\n");
	captured_free(&c);
	mirc_log_set_time(0);
	OUTPUT(mirc_log_info("plain"), "[INFO] [main] plain\n");
}

/* ---- the hook (mirc_log_set_hook) --------------------------------------- */

static struct {
	int calls, level;
	char src[32], msg[MIRC_LOG_HOOK_MAX + 1];
	size_t len;
	bool wall;
} seen;

static void hook(void *arg, const struct mirc_log_line *line)
{
	CHECK(arg == &seen);
	seen.calls++;
	seen.level = line->level;
	snprintf(seen.src, sizeof(seen.src), "%s", line->src);
	memcpy(seen.msg, line->msg, line->len);
	seen.msg[line->len] = '\0';
	seen.len = line->len;
	seen.wall = line->wall_ns > 0;
	/* A line logged by the receiver goes to the console only. */
	mirc_log_warn("from the hook");
}

static void hooked(void)
{
	char big[1500];
	struct captured c;

	init();
	CHECK(mirc_log_set_hook(hook, &seen) == 0);
	CHECK(mirc_log_set_hook(hook, NULL) == -1);	/* one receiver */
	OUTPUT(mirc_log(MIRC_LOG_ERROR, "net", "down %d\n", 2),
	       "[ERROR] [net] down 2\n[WARNING] [main] from the hook\n");
	CHECK(seen.calls == 1 && seen.level == MIRC_LOG_ERROR);
	CHECK_STR(seen.src, "net");
	CHECK_STR(seen.msg, "down 2");	/* no prefix, no newline */
	CHECK(seen.wall);
	/* Lines the rules drop reach neither the console nor the hook. */
	OUTPUT(mirc_log_debug("hidden"), "");
	CHECK(seen.calls == 1);
	/* The message is cut for the hook, not on the console. */
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	capture_begin();
	mirc_log_info("%s", big);
	c = capture_end();
	captured_free(&c);
	CHECK(seen.calls == 2 && seen.len == MIRC_LOG_HOOK_MAX);
	CHECK(mirc_log_set_hook(NULL, NULL) == 0);
	OUTPUT(mirc_log_info("unhooked"), "[INFO] [main] unhooked\n");
	CHECK(seen.calls == 2);
}

int main(void)
{
	format();
	sources();
	long_line();
	rules();
	bad_rules();
	dates();
	timestamps();
	hooked();
	mirc_run();	/* nothing pending: cleans up */
	success();
	return 0;
}
