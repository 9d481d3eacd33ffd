/* SPDX-License-Identifier: MIT */
/*
 * boot.c - from boot arguments to the program's runtime-arg variables,
 * and the program's life around the loop: mirc_rt_init(), --version,
 * the failure reports of generated main(), cleanup (--help is help.c).
 *
 * Arguments come from up to two sources, parsed in this order: the values
 * baked in at configure time, then argv (hosted) or the platform's command
 * line (bare metal).  A later value overrides an earlier one; for a list,
 * the first occurrence in a source replaces what came before and the
 * following ones append.
 *
 * Memory: lists, copies of list items and the words of a command line
 * come from a small arena of platform_realloc() chunks freed at cleanup;
 * the per-arg bookkeeping uses a static table up to MIRC_MAX_ARGS args.
 */
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

#ifndef MIRC_MAX_ARGS
#define MIRC_MAX_ARGS 32
#endif

#define EXIT_HELP 63
#define EXIT_USAGE 64

/* ---- the arena ------------------------------------------------------------------- */

#ifdef MIRC_RT_ONCE
/* Nothing is ever freed (core.h): each block straight from the
 * platform, which aligns it. */
static void *arena_alloc(size_t size)
{
	return platform_realloc(NULL, 0, size ? size : 1);
}
#else
struct chunk {
	struct chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

static struct chunk *chunks;

static void *arena_alloc(size_t size)
{
	const size_t align = alignof(max_align_t);
	struct chunk *c = chunks;

	if (size > SIZE_MAX / 2)
		return NULL;
	size = (size + align - 1) / align * align;
	if (size == 0)
		size = align;
	if (!c || c->size - c->used < size) {
		size_t want = size > 2048 ? size : 2048;
		if (want > SIZE_MAX - sizeof(*c))
			return NULL;
		c = platform_realloc(NULL, 0, sizeof(*c) + want);
		if (!c)
			return NULL;
		c->size = want;
		c->used = 0;
		c->next = chunks;
		chunks = c;
	}
	c->used += size;
	return c->data + c->used - size;
}

static void arena_free(void)
{
	while (chunks) {
		struct chunk *c = chunks;
		chunks = c->next;
		platform_realloc(c, sizeof(*c) + c->size, 0);
	}
}
#endif

/* ---- state ------------------------------------------------------------------------ */

/* What boot parsing remembers about one runtime arg. */
struct argstate {
	void *items;		/* a list's values so far (arena) */
	size_t len, cap;
	int pass;		/* the source that last touched the list */
	bool given;		/* set at boot, not by a default */
};

/* Room for a value of any type, for opt and list values. */
union value {
	bool b;
	int64_t i;
	const char *s;
	uint64_t d;
	struct mirc_ipv4 v4;
	struct mirc_ipv4_prefix p4;
	struct mirc_ipv6 v6;
	struct mirc_ipv6_prefix p6;
	struct mirc_ip ip;
	int e;
};

/* Where a value of each type goes: its size, and in a mirc_opt_T the
 * offset of `value` and the size of the whole (mirc/types.h).  Every
 * mirc_list_T is { size_t len; const T *items; }. */
#define LAYOUT(name, ctype) \
	{ sizeof(ctype), offsetof(mirc_opt_##name, value), sizeof(mirc_opt_##name) }
static const struct { uint8_t size, opt_off, opt_size; } layout[] = {
	[MIRC_ARG_BOOL] = LAYOUT(bool, bool),
	[MIRC_ARG_INT] = LAYOUT(int, int64_t),
	[MIRC_ARG_STRING] = LAYOUT(string, const char *),
	[MIRC_ARG_DURATION] = LAYOUT(duration, uint64_t),
	[MIRC_ARG_IPV4] = LAYOUT(ipv4, struct mirc_ipv4),
	[MIRC_ARG_IPV4_PREFIX] = LAYOUT(ipv4_prefix, struct mirc_ipv4_prefix),
	[MIRC_ARG_IPV6] = LAYOUT(ipv6, struct mirc_ipv6),
	[MIRC_ARG_IPV6_PREFIX] = LAYOUT(ipv6_prefix, struct mirc_ipv6_prefix),
	[MIRC_ARG_IP] = LAYOUT(ip, struct mirc_ip),
	[MIRC_ARG_ENUM] = LAYOUT(enum, int),
};
#undef LAYOUT

static const struct mirc_program *prog;
static const char *prog_name = "mirc";	/* --name, or the registered name */
static struct argstate state_fixed[MIRC_MAX_ARGS];
static struct argstate *state = state_fixed;
static int pass;			/* 0 defaults, 1 baked, 2 boot */
/* The runtime arg the word being parsed names, -1 for none or a built-in
 * option: mirc_rt_check_args() tells mirc which declaration to point at. */
static long word_arg = -1;
#ifndef MIRC_RUNTIME_SMALL
static bool delay_given;	/* for mirc_rt_check_gave_delay() */
#endif

/* One option as written: "--port" or "-l", for messages. */
struct opt {
	const char *text;	/* the word, e.g. "--port=80" */
	size_t len;		/* of the option part, "--port" */
};

static bool valid_type(enum mirc_arg_type t)
{
	return (unsigned)t <= MIRC_ARG_ENUM;
}

/* ---- messages ------------------------------------------------------------------- */

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mirc_console_vprint(true, prog_name, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* One format for a bad value and a bad default: the image holds it once. */
static const char bad_fmt[] = "option '%s%.*s': invalid %s '%s' (expected %s)";

static int bad_value(const struct opt *o, const char *value, const char *why)
{
	return usage_error(bad_fmt, "", (int)o->len, o->text, "value", value, why);
}

/* A default mirc should have refused: a bug, but reported like a value. */
static int bad_default(const struct mirc_arg_desc *a, const char *value,
		       const char *why)
{
	return usage_error(bad_fmt, "--", -1, a->name, "default", value, why);
}

/* ---- storing values ------------------------------------------------------------------- */

/* *dst = (mirc_opt_T){ true, v }: present is the first member. */
static void store_opt(const struct mirc_arg_desc *a, const union value *v)
{
	*(bool *)a->dst = true;
	rt_memcpy((unsigned char *)a->dst + layout[a->type].opt_off, v,
		  layout[a->type].size);
}

/* *dst = (mirc_list_T){ len, items }: the same layout for every T. */
static void store_list(const struct mirc_arg_desc *a, size_t len, const void *items)
{
	rt_memcpy(a->dst, &len, sizeof(len));
	rt_memcpy((unsigned char *)a->dst + offsetof(mirc_list_int, items), &items,
		  sizeof(items));
}

/*
 * The value before defaults and boot: zero, "" for strings (C code can
 * print it without a NULL check), absent, empty.  Set on every init so a
 * second init in one process (tests) starts from the same place.
 */
static void store_zero(const struct mirc_arg_desc *a)
{
	static const char *const empty = "";

	if (a->flags & MIRC_ARG_LIST)
		store_list(a, 0, NULL);
	else if (a->flags & MIRC_ARG_OPT)
		rt_memset(a->dst, 0, layout[a->type].opt_size);
	else if (a->type == MIRC_ARG_STRING)
		rt_memcpy(a->dst, &empty, sizeof(empty));
	else
		rt_memset(a->dst, 0, layout[a->type].size);
}

/* Append one parsed value to arg i's list.  Growing copies into a new
 * arena block; the old one is left behind, which is cheap for the few
 * values a boot line holds. */
static bool list_append(size_t i, const union value *v)
{
	const struct mirc_arg_desc *a = &prog->args[i];
	struct argstate *st = &state[i];
	size_t size = layout[a->type].size;

	if (st->len == st->cap) {
		size_t ncap = st->cap ? st->cap * 2 : 4;
		void *n;
		if (ncap > SIZE_MAX / size)
			return false;
		n = arena_alloc(ncap * size);
		if (!n)
			return false;
		if (st->len)
			rt_memcpy(n, st->items, st->len * size);
		st->items = n;	/* the old array stays in the arena */
		st->cap = ncap;
	}
	rt_memcpy((unsigned char *)st->items + st->len * size, v, size);
	st->len++;
	return true;
}

/*
 * The next value of a list, from *sp up to the next ',' (where *sp is
 * left) or the end, unescaped into the arena.  In a list of strings a
 * value may be quoted, "a,b" or "" (with \" and \\ inside), which is how
 * a value holding a comma, and a list of one empty string, are written;
 * unquoted, "\," and "\\" stand for ',' and '\'.  NULL with *err set: 1
 * bad quoting, 2 no memory.
 */
static char *list_item(const char **sp, bool strings, int *err)
{
	const char *s = *sp, *p, *q;
	bool quoted = strings && *s == '"';
	char *item, *d;

	/* The extent first, to allocate no more than the value needs. */
	p = s + quoted;
	if (quoted) {
		while (*p && *p != '"')
			p += *p == '\\' && (p[1] == '"' || p[1] == '\\') ? 2 : 1;
		if (*p != '"' || (p[1] && p[1] != ',')) {
			*err = 1;
			return NULL;
		}
	} else {
		while (*p && *p != ',')
			p += strings && *p == '\\' && (p[1] == ',' || p[1] == '\\') ? 2 : 1;
	}
	item = d = arena_alloc((size_t)(p - s) + 1);
	if (!item) {
		*err = 2;
		return NULL;
	}
	for (q = s + quoted; q < p; q++) {
		if (strings && *q == '\\' && q + 1 < p &&
		    (q[1] == '\\' || q[1] == (quoted ? '"' : ',')))
			q++;
		*d++ = *q;
	}
	*d = '\0';
	*sp = p + quoted;
	return item;
}

/* The list part of set_value(), when the program has list args (below). */
static int (*set_list)(size_t i, const struct opt *o, const char *text);

/*
 * Give arg i the value `text`, from option o or, when o is NULL, from
 * its default.  A list takes comma-separated values (list_item()).
 */
static int set_value(size_t i, const struct opt *o, const char *text)
{
	const struct mirc_arg_desc *a = &prog->args[i];
	const char *why;
	union value v;

	if (o)
		state[i].given = true;
	if (a->flags & MIRC_ARG_LIST)
		return set_list(i, o, text);
	if ((why = a->parse(a, text, &v)) != NULL)
		return o ? bad_value(o, text, why) : bad_default(a, text, why);
	if (a->flags & MIRC_ARG_OPT)
		store_opt(a, &v);
	else
		rt_memcpy(a->dst, &v, layout[a->type].size);
	return 0;
}

static int set_list_value(size_t i, const struct opt *o, const char *text)
{
	static const char list_why[] = "values separated by commas, a string "
				       "in double quotes when it holds a comma";
	const struct mirc_arg_desc *a = &prog->args[i];
	struct argstate *st = &state[i];
	bool more = *text != '\0';
	const char *why, *s = text;
	union value v;

	if (st->pass != pass) {	/* first time in this source: replace */
		st->len = 0;
		st->pass = pass;
	}
	while (more) {
		int err = 0;
		char *item = list_item(&s, a->type == MIRC_ARG_STRING, &err);

		if (!item && err == 2)
			return usage_error("option '--%s': out of memory", a->name);
		if (!item)
			return o ? bad_value(o, text, list_why) : bad_default(a, text, list_why);
		if ((why = a->parse(a, item, &v)) != NULL)
			return o ? bad_value(o, item, why) : bad_default(a, item, why);
		if (!list_append(i, &v))
			return usage_error("option '--%s': out of memory", a->name);
		/* "a," ends with an empty value: go round once more. */
		more = *s == ',';
		s += more;
	}
	store_list(a, st->len, st->items);
	return 0;
}

/*
 * Lists are parsed only when generated main() calls this (for programs
 * with list args): the rest link none of their code, a quarter of the
 * boot-argument parser.
 */
void mirc_rt_use_lists(void)
{
	set_list = set_list_value;
}

/* ---- parsing words ------------------------------------------------------------------ */

/* --name: letters, digits, '.', '_', '-'; it is printed in every message. */
static bool valid_name(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char c = s[n], l = (char)(c | 0x20);	/* 'A'-'Z' to lower case */
		if (!((l >= 'a' && l <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return n > 0 && n <= 64;
}

/* In the order of mirc_rt_builtin_names (names.c), --delay last: the
 * small runtime leaves it out, and finds only the others. */
enum builtin { B_NONE, B_HELP, B_VERSION, B_LOGS, B_NAME, B_TIME, B_NOTIME, B_DELAY };

static enum builtin find_builtin(const char *s, size_t n)
{
	for (size_t i = 0; i < MIRC_RT_NBUILTINS; i++)
		if (mirc_rt_name_is(s, n, mirc_rt_builtin_names[i]))
			return (enum builtin)(i + 1);
	return B_NONE;
}

static int run_builtin(enum builtin b, const struct opt *o, const char *value)
{
#ifndef MIRC_RUNTIME_SMALL
	const char *why;
	uint64_t ns;
#endif

	switch (b) {
	case B_HELP:
		mirc_rt_print_help(prog, prog_name);
		return EXIT_HELP;
	case B_VERSION:
		mirc_console_print(false, "%s (mirc %s)\n", prog_name,
				   prog->version ? prog->version : "unknown");
		return EXIT_HELP;
	case B_LOGS:
		if (mirc_log_configure(value) < 0)
			return bad_value(o, value, MIRC_TEXT(
				"rules such as *:info,net:debug "
				"with levels quiet, error, warning, info, debug",
				"one level for every source: small runtime"));
		return 0;
	case B_DELAY:
#ifndef MIRC_RUNTIME_SMALL
		if ((why = mirc_arg_parse_duration(NULL, value, &ns)) != NULL)
			return bad_value(o, value, why);
		delay_given = true;
		mirc_loop_set_delay(ns);
#endif
		return 0;
	case B_NAME:
		if (!valid_name(value))
			return bad_value(o, value, MIRC_TEXT("1 to 64 letters, "
					 "digits, '.', '_' or '-'", "1 to 64 of a-z A-Z 0-9 . _ -"));
		prog_name = value;
		return 0;
	case B_TIME:
		mirc_log_set_time(1);
		return 0;
	case B_NOTIME:
		mirc_log_set_time(0);
		return 0;
	case B_NONE:
		break;
	}
	return 0;
}

/* Built-in options that take no value. */
static bool is_flag(enum builtin b)
{
	return b == B_HELP || b == B_VERSION || b == B_TIME || b == B_NOTIME;
}

/*
 * Parse the words w[0..n): "--opt=value", "--opt value", "--flag",
 * "--no-flag", "-l LEVELS", "-lLEVELS", "-h", and "--" (after which any
 * word is a stray argument).  Returns 0, or the exit status.
 */
static int parse_words(size_t n, char *const *w)
{
	for (size_t i = 0; i < n; i++) {
		const char *word = w[i], *name = word + 2, *value = NULL, *eq;
		enum builtin b = B_NONE;
		size_t ai = 0, nlen;
		bool found = false, negated = false, bare_ok;
		struct opt o = { word, 2 };
		int rc;

		word_arg = -1;

		if (rt_streq(word, "--")) {
			if (i + 1 < n)
				return usage_error("unexpected argument '%s'", w[i + 1]);
			return 0;
		}
		if (word[0] != '-' || word[1] == '\0')
			return usage_error(MIRC_TEXT("unexpected argument '%s' "
				"(options are written --name=VALUE)",
				"unexpected argument '%s'"), word);
		if (word[1] != '-') {
			/* Short options: -h and -l LEVELS, -lLEVELS, -l=LEVELS. */
			if (word[1] == 'h' && !word[2])
				b = B_HELP;
			else if (word[1] == 'l')
				b = B_LOGS;
			else
				return usage_error("unknown option '%.*s'", -1, word);
			if (word[2])
				value = word + 2 + (word[2] == '=');
		} else {
			for (eq = name; *eq && *eq != '='; eq++)
				;
			nlen = (size_t)(eq - name);
			if (*eq)
				value = eq + 1;
			o.len = nlen + 2;
			b = find_builtin(name, nlen);
			for (size_t k = 0; b == B_NONE && !found && k < prog->nargs; k++)
				if (mirc_rt_name_is(name, nlen, prog->args[k].name))
					found = true, ai = k;
			if (b == B_NONE && !found && nlen > 3 && mirc_rt_name_is(name, 3, "no-")) {
				for (size_t k = 0; !found && k < prog->nargs; k++)
					if (prog->args[k].type == MIRC_ARG_BOOL &&
					    !(prog->args[k].flags & MIRC_ARG_LIST) &&
					    mirc_rt_name_is(name + 3, nlen - 3, prog->args[k].name))
						found = true, ai = k;
				negated = found;
			}
			if (b == B_NONE && !found) {
#ifdef MIRC_RUNTIME_SMALL
				return usage_error("unknown option '%.*s'",
						   (int)(nlen + 2), word);
#else
				const char *s = mirc_rt_suggest(prog, name, nlen);
				return usage_error("unknown option '%.*s'%s%s%s",
						   (int)(nlen + 2), word,
						   s ? " (did you mean '--" : "",
						   s ? s : "", s ? "'?)" : "");
#endif
			}
		}
		if (found)
			word_arg = (long)ai;
		/* Flags take no value; a bool arg takes one only after '='. */
		if ((b != B_NONE ? is_flag(b) : negated) && value)
			return usage_error("option '%.*s' takes no value", (int)o.len, word);
		bare_ok = b != B_NONE ? is_flag(b) :
			  negated || prog->args[ai].type == MIRC_ARG_BOOL;
		if (!bare_ok && !value) {
			if (i + 1 >= n)
				return usage_error("option '%.*s' needs a value",
						   (int)o.len, word);
			value = w[++i];
		}
		if (b != B_NONE)
			rc = run_builtin(b, &o, value);
		else
			rc = set_value(ai, &o, negated ? "false" : value ? value : "true");
		if (rc)
			return rc;
	}
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Split a command line into words, in the arena: blanks separate words,
 * '...' is literal, "..." takes \" and \\, and a backslash elsewhere
 * escapes the next character.  Returns 0, or the exit status.
 */
static int parse_text(const char *text)
{
	size_t len = rt_strlen(text), nwords = 0;
	char *buf = arena_alloc(len + 1);
	/* A word and the blank after it take two bytes at least. */
	char **words = arena_alloc((len / 2 + 1) * sizeof(*words));
	const char *s = text;

	if (!buf || !words)
		return usage_error(MIRC_TEXT("boot arguments: out of memory",
					     "out of memory"));
	for (;;) {
		char quote = 0;

		while (is_blank(*s))
			s++;
		if (!*s)
			break;
		words[nwords++] = buf;
		for (; *s && (quote || !is_blank(*s)); s++) {
			if (quote ? *s == quote : *s == '\'' || *s == '"') {
				quote = quote ? 0 : *s;
				continue;
			}
			if (*s == '\\' && quote != '\'' &&
			    (quote ? s[1] == '"' || s[1] == '\\' : s[1] != '\0'))
				s++;
			*buf++ = *s;
		}
		if (quote)
#ifdef MIRC_RUNTIME_SMALL
			return usage_error("unterminated quote");
#else
			return usage_error("boot arguments: unterminated %s quote",
					   quote == '"' ? "double" : "single");
#endif
		*buf++ = '\0';
	}
	return parse_words(nwords, words);
}

/* ---- the program ---------------------------------------------------------------------- */

/* The small runtime prints an errno as its number, "error 19" for
 * -ENODEV: the platform's texts are left out of the image. */
static const char *errtext(int err)
{
	static char buf[32];

#ifndef MIRC_RUNTIME_SMALL
	if (err < 0)
		return platform_strerror(-err);
#endif
	mirc_snprintf(buf, sizeof(buf), "error %d", err < 0 ? -err : err);
	return buf;
}

/* Everything the runtime allocated goes, so that a program ends with no
 * leak for valgrind to report, whichever way main() returns. */
void mirc_rt_cleanup(void)
{
#ifndef MIRC_RT_ONCE
	if (prog) {
		/* The lists point into the arena, which goes now. */
		for (size_t i = 0; i < prog->nargs; i++)
			if ((prog->args[i].flags & MIRC_ARG_LIST) && prog->args[i].dst &&
			    valid_type(prog->args[i].type))
				store_list(&prog->args[i], 0, NULL);
	}
	arena_free();
	if (state != state_fixed) {
		platform_realloc(state, prog->nargs * sizeof(*state), 0);
		state = state_fixed;
	}
	/* --name may live in the arena: back to the registered name. */
	prog_name = prog && prog->name && *prog->name ? prog->name : "mirc";
	prog = NULL;	/* not needed any more, and it may not outlive the run */
	mirc_loop_reset();
	platform_fini();
#endif
}

_Noreturn void mirc_rt_fatal(const char *what)
{
	mirc_log(MIRC_LOG_ERROR, "main", "fatal: %s", what);
	platform_exit(1);
}

const char *mirc_name(void)
{
	return prog_name;
}

/* Start parsing for program p: its name, the log rules at their boot
 * defaults, and no source read yet. */
static void begin(const struct mirc_program *p)
{
#ifndef MIRC_RT_ONCE
	mirc_rt_cleanup();	/* a previous run in the same process (tests) */
#endif
	prog = p;
	prog_name = p->name && *p->name ? p->name : "mirc";
	pass = 0;
	word_arg = -1;
#ifndef MIRC_RUNTIME_SMALL
	delay_given = false;
#endif
#ifndef MIRC_RT_ONCE
	mirc_log_reset();
#endif
}

/* Every arg's bookkeeping, then every arg reset and given its default
 * (pass 0).  Returns 0, or the exit status. */
static int init_args(const struct mirc_program *p)
{
	int rc;

	if (p->nargs > MIRC_MAX_ARGS) {
		state = platform_realloc(NULL, 0, p->nargs * sizeof(*state));
		if (!state) {
			state = state_fixed;
			return usage_error("too many runtime args for this platform");
		}
	}
	rt_memset(state, 0, (p->nargs > MIRC_MAX_ARGS ? p->nargs : MIRC_MAX_ARGS) *
		  sizeof(*state));

	for (size_t i = 0; i < p->nargs; i++) {
		const struct mirc_arg_desc *a = &p->args[i];
		if (!valid_type(a->type) || !a->dst || !a->name || !a->parse ||
		    ((a->flags & MIRC_ARG_LIST) && !set_list))
			return usage_error("runtime arg %zu has a bad description", i);
		store_zero(a);
		if (a->def && (rc = set_value(i, NULL, a->def)) != 0)
			return rc;
	}
	return 0;
}

/*
 * The baked words alone, as mirc_rt_init() parses them, for mirc at
 * configure time (rt/check links the core for it): the same code, so the
 * same verdict and the same message.  Not the required check: the rest
 * may come at boot.
 */
int mirc_rt_check_args(const struct mirc_program *p, const char *text, long *arg)
{
	int rc;

	begin(p);
	rc = init_args(p);
	if (rc == 0) {
		pass = 1;
		rc = parse_text(text);
	}
	*arg = word_arg;
	mirc_rt_cleanup();
	return rc;
}

#ifndef MIRC_RUNTIME_SMALL
bool mirc_rt_check_gave_delay(void)
{
	return delay_given;
}
#endif

/*
 * Order matters: the platform first (the console prints the errors), then
 * every arg reset and given its default, then the baked words, then the
 * boot words, and only then the required check, so that a required arg
 * may come from either source.
 */
int mirc_rt_init(const struct mirc_program *p, int argc, char **argv)
{
	const char *cmdline;
	int rc;

	begin(p);
	rc = platform_init();
	if (rc < 0) {
		mirc_console_print(true, "%s: cannot start: %s\n", prog_name,
				   errtext(rc));
		return 1;
	}
	if ((rc = init_args(p)) != 0)
		goto fail;
	pass = 1;
	if (p->baked_args && (rc = parse_text(p->baked_args)) != 0)
		goto fail;
	pass = 2;
	if (argc > 0 && argv)
		rc = parse_words((size_t)argc - 1, argv + 1);
	else if ((cmdline = platform_cmdline()) != NULL)
		rc = parse_text(cmdline);
	if (rc)
		goto fail;
	for (size_t i = 0; i < p->nargs; i++) {
		if ((p->args[i].flags & MIRC_ARG_REQUIRED) && !state[i].given) {
			rc = usage_error("option '--%s' is required", p->args[i].name);
			goto fail;
		}
	}
	return 0;
fail:
	mirc_rt_cleanup();
	return rc;
}

int mirc_connect_failed(const char *device, int err)
{
	mirc_log(MIRC_LOG_ERROR, "main", "connect of '%s' failed: %s", device,
		 errtext(err));
	mirc_rt_cleanup();
	return 1;
}

int mirc_start_failed(const char *job, int rc)
{
	if (rc < 0)
		mirc_log(MIRC_LOG_ERROR, "main", "start of '%s' failed: returned %d (%s)",
			 job, rc, errtext(rc));
	else
		mirc_log(MIRC_LOG_ERROR, "main", "start of '%s' failed: returned %d",
			 job, rc);
	mirc_rt_cleanup();
	return 1;
}
