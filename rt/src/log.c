/* SPDX-License-Identifier: MIT */
/*
 * log.c - "[LEVEL] [source] message" lines on the platform console, and
 * the -l/--logs rules that decide which ones are printed.
 *
 * A line is formatted straight into a small buffer that is flushed to the
 * console when full, so lines of any length cost no allocation; the
 * runtime is single-threaded, so lines never interleave.
 *
 * The small runtime (MIRC_RUNTIME_SMALL, mirc-runtime(3)) keeps one level
 * for every source, so -l takes only rules that name no source ("debug",
 * "*:debug"), and prints no timestamps (--log-time is accepted and does
 * nothing): the rule matching and the date arithmetic are left out.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

/* One rule of an -l spec: "net:debug", "tcp*:warning", "*:info". */
struct rule {
	const char *name;	/* into spec_copy */
	size_t len;
	bool prefix;		/* "name*": every source starting with name */
	int level;
};

/* The longest -l spec, with its NUL. */
#define SPEC_MAX 256

#ifdef MIRC_RUNTIME_SMALL
static int global_level = MIRC_LOG_INFO;
#else
static char spec_copy[SPEC_MAX];
static struct rule rules[MIRC_MAX_LOG_RULES];
static size_t nrules;
#endif
static const char *cur_src = "main";
static int time_mode = -1;
/* The receiver of every printed line (mirc_log_set_hook), and whether
 * it is running (then lines go to the console only). */
static mirc_log_hook_fn hook_fn;
static void *hook_arg;
static bool in_hook;
/* call_hook() once a hook is set, else NULL: reached through this pointer
 * only, it is linked only into programs that call mirc_log_set_hook(). */
static void (*hook_caller)(int level, const char *src, int64_t wall,
			   const char *fmt, va_list ap);
static void call_hook(int level, const char *src, int64_t wall,
		      const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

/* Indexed by level; also the names -l takes, in any case (one table for
 * both: the image holds each name once). */
static const char *const level_names[] = {
	"QUIET", "ERROR", "WARNING", "INFO", "DEBUG",
};

void mirc_log_reset(void)
{
#ifdef MIRC_RUNTIME_SMALL
	global_level = MIRC_LOG_INFO;
#else
	nrules = 0;
#endif
	cur_src = "main";
	time_mode = -1;
	hook_fn = NULL;
	hook_arg = NULL;
	hook_caller = NULL;
	in_hook = false;
}

int mirc_log_set_hook(mirc_log_hook_fn fn, void *arg)
{
	if (fn && hook_fn)
		return -1;
	hook_fn = fn;
	hook_arg = fn ? arg : NULL;
	hook_caller = fn ? call_hook : NULL;
	return 0;
}

void mirc_log_set_time(int mode)
{
	time_mode = mode;
}

const char *mirc_log_source(void)
{
	return cur_src;
}

const char *mirc_log_set_source(const char *src)
{
	const char *prev = cur_src;

	cur_src = src ? src : "main";
	return prev;
}

/* ---- rules ----------------------------------------------------------------------- */

/* s[0..n) is `upper` in any case. */
static bool word_eq(const char *s, size_t n, const char *upper)
{
	size_t i;

	for (i = 0; i < n && upper[i]; i++) {
		char c = s[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != upper[i])
			return false;
	}
	return i == n && !upper[i];
}

/* A level's name in any case, or "warn" for warning; -1 for anything
 * else. */
static int parse_level(const char *s, size_t n)
{
	for (int l = MIRC_LOG_QUIET; l <= MIRC_LOG_DEBUG; l++)
		if (word_eq(s, n, level_names[l]) ||
		    (l == MIRC_LOG_WARNING && n == 4 && word_eq(s, 4, "WARN")))
			return l;
	return -1;
}

#ifdef MIRC_RUNTIME_SMALL
/*
 * One level for all: "LEVEL" or "*:LEVEL", comma-separated, the last one
 * wins; a rule that names a source is refused, and so is anything the
 * full runtime refuses (the same limits).
 */
int mirc_log_configure(const char *spec)
{
	size_t n = 0, len = rt_strlen(spec);
	int level;

	if (len == 0 || len >= SPEC_MAX)
		return -1;
	for (const char *s = spec; ; s++) {
		const char *item = s;

		while (*s && *s != ',')
			s++;
		if (item[0] == '*' && item[1] == ':')
			item += 2;
		level = parse_level(item, (size_t)(s - item));
		if (level < 0 || ++n > MIRC_MAX_LOG_RULES)
			return -1;
		if (!*s)
			break;
	}
	global_level = level;
	return 0;
}

static int level_of(const char *src)
{
	(void)src;
	return global_level;
}
#else
/*
 * "LEVEL" or "SOURCE:LEVEL", comma-separated; SOURCE is "*", a name, or a
 * name ending in "*".  Parsed into a scratch table first so that a bad
 * spec leaves the rules in force untouched.
 */
int mirc_log_configure(const char *spec)
{
	struct rule tmp[MIRC_MAX_LOG_RULES];
	size_t n = 0, len = rt_strlen(spec);

	if (len == 0 || len >= SPEC_MAX)
		return -1;
	/* The scratch parse points into spec; re-pointed at the copy below. */
	for (const char *s = spec; ; ) {
		const char *item = s, *colon = NULL;
		struct rule r = { 0 };

		while (*s && *s != ',') {
			if (*s == ':' && !colon)
				colon = s;
			s++;
		}
		if (n == MIRC_MAX_LOG_RULES)
			return -1;
		if (!colon) {
			r.name = item;
			r.prefix = true;	/* a bare level is "*:level" */
			r.level = parse_level(item, (size_t)(s - item));
		} else {
			r.name = item;
			r.len = (size_t)(colon - item);
			r.level = parse_level(colon + 1, (size_t)(s - colon - 1));
			if (r.len == 0)
				return -1;
			for (size_t i = 0; i < r.len; i++)
				if (item[i] == '*' && i + 1 != r.len)
					return -1;	/* '*' only at the end */
			if (item[r.len - 1] == '*') {
				r.prefix = true;
				r.len--;
			}
		}
		if (r.level < 0)
			return -1;
		tmp[n++] = r;
		if (!*s)
			break;
		s++;
	}
	rt_memcpy(spec_copy, spec, len + 1);
	for (size_t i = 0; i < n; i++) {
		tmp[i].name = spec_copy + (tmp[i].name - spec);
		rules[i] = tmp[i];
	}
	nrules = n;
	return 0;
}

bool mirc_log_rules_global(void)
{
	for (size_t i = 0; i < nrules; i++)
		if (rules[i].len)
			return false;
	return true;
}

/* "_N" (one or more digits) and nothing after: the instance number of a
 * source named IMPL_N. */
static bool instance_suffix(const char *s)
{
	if (*s++ != '_' || *s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	return !*s;
}

/*
 * The level of src: the most specific matching rule, the last of equals.
 * A device or job is logged under its instance name (cache_2) when its
 * impl has several instances; a rule naming the impl (cache) selects
 * every one of them, less specifically than the instance's own name.
 */
static int level_of(const char *src)
{
	int level = MIRC_LOG_INFO;
	size_t best = 0;
	bool found = false;

	for (size_t i = 0; i < nrules; i++) {
		const struct rule *r = &rules[i];
		size_t k, score;

		for (k = 0; k < r->len && src[k] == r->name[k]; k++)
			;
		if (k < r->len)
			continue;
		if (r->prefix)
			score = r->len;
		else if (!src[k])
			score = SIZE_MAX;
		else if (instance_suffix(src + k))
			score = SIZE_MAX - 1;
		else
			continue;
		if (!found || score >= best) {
			best = score;
			level = r->level;
			found = true;
		}
	}
	return level;
}
#endif /* MIRC_RUNTIME_SMALL */

/* Levels below ERROR count as ERROR, as mirc_logv() prints them. */
bool mirc_log_enabled(int level, const char *src)
{
	if (level < MIRC_LOG_ERROR)
		level = MIRC_LOG_ERROR;
	return level <= level_of(src ? src : cur_src);
}

/* ---- output --------------------------------------------------------------------- */

struct line {
	char buf[256];
	size_t len;
	char last;		/* last byte produced, to end the line once */
	bool err;
};

static void line_flush(struct line *l)
{
	platform_console_write(l->buf, l->len, l->err);
	l->len = 0;
}

static void line_put(void *ctx, const char *s, size_t n)
{
	struct line *l = ctx;

	for (size_t i = 0; i < n; i++) {
		if (l->len == sizeof(l->buf))
			line_flush(l);
		l->buf[l->len++] = s[i];
	}
	if (n)
		l->last = s[n - 1];
}

static size_t line_printf(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static size_t line_printf(struct line *l, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = mirc_vformat(line_put, l, fmt, ap);
	va_end(ap);
	return n;
}

/* "2026-11-22T05:00:00.123Z" from ns since the epoch (days to a civil
 * date with the 400-year-era method: March-based years make February,
 * with its leap day, the last month).  int64 nanoseconds end in 2262,
 * 106751 days after 1970: past the first division, 32 bits suffice. */
int mirc_log_format_time(char *buf, size_t size, int64_t ns)
{
	uint32_t subsec, sod;
	uint32_t days = (uint32_t)mirc_udiv64(mirc_udiv64((uint64_t)ns, 1000000000u,
							   &subsec), 86400, &sod);
	uint32_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	uint32_t mp = (5 * doy + 2) / 153;
	unsigned day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	unsigned month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	unsigned year = (unsigned)(yoe + era * 400 + (month <= 2));

	return mirc_snprintf(buf, size, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
			     year, month, day, (unsigned)(sod / 3600),
			     (unsigned)(sod / 60 % 60), (unsigned)(sod % 60),
			     (unsigned)(subsec / 1000000u));
}

static void put_timestamp(struct line *l, int64_t wall)
{
#ifdef MIRC_RUNTIME_SMALL
	(void)l;
	(void)wall;
#else
	uint64_t now;

	if (time_mode == 0 || (time_mode < 0 && !platform_console_is_tty()))
		return;
	if (wall >= 0) {
		char buf[40];
		mirc_log_format_time(buf, sizeof(buf), wall);
		line_printf(l, "%s ", buf);
		return;
	}
	/* No wall clock: seconds since boot. */
	{
		uint32_t subsec;

		now = mirc_udiv64(platform_now_ns(), 1000000000u, &subsec);
		line_printf(l, "+%llu.%06u ", (unsigned long long)now,
			    (unsigned)(subsec / 1000u));
	}
#endif
}

/* The message again, into a buffer of its own for the hook (the console
 * line was flushed in pieces): formatting twice costs only programs that
 * set a hook. */
struct cut {
	char *buf;
	size_t len;
};

static void cut_put(void *ctx, const char *s, size_t n)
{
	struct cut *c = ctx;

	for (size_t i = 0; i < n && c->len < MIRC_LOG_HOOK_MAX; i++)
		c->buf[c->len++] = s[i];
}

/* The small runtime reads the wall clock for the hook only (mirc_logv()
 * passes -1): a program without a hook links no wall clock for its log. */
static void call_hook(int level, const char *src, int64_t wall,
		      const char *fmt, va_list ap)
{
	static char buf[MIRC_LOG_HOOK_MAX];
	struct cut c = { buf, 0 };
	struct mirc_log_line line;

#ifdef MIRC_RUNTIME_SMALL
	wall = platform_wall_ns();
#endif

	mirc_vformat(cut_put, &c, fmt, ap);
	while (c.len && c.buf[c.len - 1] == '\n')
		c.len--;
	line.level = level;
	line.src = src;
	line.msg = buf;
	line.len = c.len;
	line.wall_ns = wall;
	in_hook = true;
	hook_fn(hook_arg, &line);
	in_hook = false;
}

/* The line is built in pieces (timestamp, prefix, message) but written
 * in one piece when it fits the buffer, which keeps it whole next to
 * other writers of the same fd. */
void mirc_logv(int level, const char *src, const char *fmt, va_list ap)
{
	struct line l = { .len = 0 };
	int64_t wall;

	if (!src)
		src = cur_src;
	if (level < MIRC_LOG_ERROR)
		level = MIRC_LOG_ERROR;
	if (level > MIRC_LOG_DEBUG)
		level = MIRC_LOG_DEBUG;
	if (level > level_of(src))
		return;
#ifdef MIRC_RUNTIME_SMALL
	wall = -1;		/* no timestamp; call_hook() reads it */
#else
	wall = platform_wall_ns();
#endif
	put_timestamp(&l, wall);
	line_printf(&l, "[%s] [%s] ", level_names[level], src);
	l.last = 0;
	if (hook_caller && !in_hook) {
		va_list aq;

		va_copy(aq, ap);
		mirc_vformat(line_put, &l, fmt, aq);
		va_end(aq);
	} else {
		mirc_vformat(line_put, &l, fmt, ap);
	}
	if (l.last != '\n')
		line_put(&l, "\n", 1);
	line_flush(&l);
	if (hook_caller && !in_hook)
		hook_caller(level, src, wall, fmt, ap);
}

void mirc_log(int level, const char *src, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mirc_logv(level, src, fmt, ap);
	va_end(ap);
}

#define SHORTHAND(fn, level)                                                  \
	void fn(const char *fmt, ...)                                         \
	{                                                                     \
		va_list ap;                                                   \
		va_start(ap, fmt);                                            \
		mirc_logv(level, cur_src, fmt, ap);                           \
		va_end(ap);                                                   \
	}
SHORTHAND(mirc_log_err, MIRC_LOG_ERROR)
SHORTHAND(mirc_log_warn, MIRC_LOG_WARNING)
SHORTHAND(mirc_log_info, MIRC_LOG_INFO)
SHORTHAND(mirc_log_debug, MIRC_LOG_DEBUG)
#undef SHORTHAND

void mirc_console_vprint(bool err, const char *head, const char *fmt, va_list ap)
{
	struct line l = { .len = 0, .err = err };

	if (head)
		line_printf(&l, "%s: ", head);
	mirc_vformat(line_put, &l, fmt, ap);
	if (head)
		line_put(&l, "\n", 1);
	line_flush(&l);
}

void mirc_console_print(bool err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mirc_console_vprint(err, NULL, fmt, ap);
	va_end(ap);
}
