/* SPDX-License-Identifier: MIT */
/*
 * core.h - what the files of the runtime core share (not a public API).
 *
 * The core is built for every target, including bare metal without a C
 * library, so it includes only freestanding headers and brings its own
 * string helpers and printf-like formatter.  Cross-file functions carry
 * the mirc_ prefix because they are linked into the program; they are
 * declared here, not in rt.h, and are not for impls or jobs.
 */
#ifndef MIRC_CORE_H
#define MIRC_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/args.h"
#include "mirc/rt.h"
#include "platform.h"

/* Fixed capacities: what the core holds without allocating.  Hosted
 * platforms grow past them with platform_realloc(); bare metal stops
 * there (a board built with -DMIRC_GROW=0 links no code for growing,
 * and keeps its timers in a list rather than a heap: cortex_m3).
 * Override with -D. */
#ifndef MIRC_GROW
#define MIRC_GROW 1
#endif

/*
 * -DMIRC_RT_ONCE: the platform runs the program once, from reset, and
 * stops when main() returns (cortex_m3).  The runtime's state then
 * starts at its static initial values and nothing needs freeing at the
 * end, so mirc_rt_init() resets nothing and mirc_rt_cleanup() does
 * nothing (nor calls platform_fini()): the reset and cleanup code, which
 * the hosted targets need for valgrind and for tests that run a program
 * twice in one process, is not linked.
 */
#ifndef MIRC_MAX_TIMERS
#define MIRC_MAX_TIMERS 64
#endif
#ifndef MIRC_MAX_DEFERRED
#define MIRC_MAX_DEFERRED 64
#endif
#ifndef MIRC_MAX_LOG_RULES
#define MIRC_MAX_LOG_RULES 16
#endif

/* ---- string helpers (no <string.h> on every target) ---------------------- */

static inline size_t rt_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static inline bool rt_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The compiler's own: it inlines small fixed copies and calls memcpy or
 * memset for the rest, which every platform links (platform.h). */
static inline void rt_memcpy(void *dst, const void *src, size_t n)
{
	__builtin_memcpy(dst, src, n);
}

static inline void rt_memset(void *dst, int c, size_t n)
{
	__builtin_memset(dst, c, n);
}

/* ---- fmt.c: the printf-like formatter -------------------------------------- */

/* n / d, with n % d in *rem: 32-bit targets then need no 64-bit division
 * routine (the core divides 64-bit values only through this). */
uint64_t mirc_udiv64(uint64_t n, uint32_t d, uint32_t *rem);

/* What the small runtime prints for %f %e %g %a (mirc-runtime(3)). */
#define MIRC_FMT_FLOAT_MARKER "<float>"

/* Where formatted text goes, piece by piece. */
typedef void (*mirc_fmt_put)(void *ctx, const char *s, size_t n);

/*
 * A runtime message with a shorter wording for the small runtime, where
 * the texts of the boot parser are a good part of the flash (the short
 * ones are listed in mirc-runtime(3), THE SMALL RUNTIME).
 */
#ifdef MIRC_RUNTIME_SMALL
#define MIRC_TEXT(full, small) small
#else
#define MIRC_TEXT(full, small) full
#endif

/*
 * printf-style formatting into put(ctx, ...); returns the number of bytes
 * produced.  Conversions: d i u o x X c s p % f F e E g G (a A print as
 * e E), flags - + space # 0, width and precision (numbers or *), length
 * modifiers hh h l ll j z t L.  %n is not supported (it consumes its
 * argument and writes nothing).  Floating point is exact (the digits of
 * the binary value, rounded to nearest, ties to even), with integer
 * arithmetic only; precisions above 100 are cut to 100.  The small
 * runtime (MIRC_RUNTIME_SMALL) prints MIRC_FMT_FLOAT_MARKER for every
 * floating-point conversion instead (its argument is still consumed).
 */
size_t mirc_vformat(mirc_fmt_put put, void *ctx, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* vsnprintf()/snprintf(): always NUL-terminates when size > 0, returns
 * the length the full text would have. */
int mirc_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int mirc_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- log.c ---------------------------------------------------------------------- */

/* Back to boot defaults: every source at info, no rules, source "main". */
void mirc_log_reset(void);
/* Parse and install an -l/--logs spec; 0, or -1 leaving the rules as
 * they were. */
int mirc_log_configure(const char *spec);
/* Whether every rule installed names no source (a bare level or "*:"),
 * as the small runtime requires: mirc configure checks --boot-args with
 * it (compiler/check_boot.c).  The full runtime only. */
bool mirc_log_rules_global(void);
/* Timestamps: 1 always, 0 never, -1 when the console is a terminal. */
void mirc_log_set_time(int mode);
/* "2026-11-22T05:00:00.123Z" for ns since the epoch (>= 0); returns
 * what snprintf would. */
int mirc_log_format_time(char *buf, size_t size, int64_t ns);
/* The current source, for callbacks to restore. */
const char *mirc_log_source(void);
/* Print "head: MESSAGE\n" to the console (boot errors), or, with head
 * NULL, the message as it is. */
void mirc_console_vprint(bool err, const char *head, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Print text to the console as it is (--help, boot errors). */
void mirc_console_print(bool err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- loop.c --------------------------------------------------------------------- */

/* Forget every timer, deferred callback and watch; free their storage. */
void mirc_loop_reset(void);
#ifndef MIRC_RUNTIME_SMALL
/* --delay, waited by mirc_run() before the first callback (not in the
 * small runtime). */
void mirc_loop_set_delay(uint64_t ns);
#endif
/* Like mirc_timer_after() with an absolute deadline on mirc_now_ns(). */
uint64_t mirc_timer_at(uint64_t deadline, mirc_cb cb, void *arg);

/* ---- help.c --------------------------------------------------------------------- */

/* Print --help for prog, called `name` (its --name): the listing of
 * mirc_rt_set_help(), or a NAME section. */
void mirc_rt_print_help(const struct mirc_program *prog, const char *name);

/* ---- names.c: option names for boot.c ---------------------------------------- */

/* The built-in options, in the order of boot.c's enum builtin; the small
 * runtime leaves out the last, --delay (mirc-runtime(3)). */
#ifdef MIRC_RUNTIME_SMALL
#define MIRC_RT_NBUILTINS 6
#else
#define MIRC_RT_NBUILTINS 7
#endif
extern const char *const mirc_rt_builtin_names[MIRC_RT_NBUILTINS];
/* s[0..n) names `name` ('-' and '_' alike). */
bool mirc_rt_name_is(const char *s, size_t n, const char *name);
#ifndef MIRC_RUNTIME_SMALL
/* The edit distance of a[0..la) and b ('-' and '_' alike), or max + 1
 * when it is larger than max. */
size_t mirc_rt_distance(const char *a, size_t la, const char *b, size_t max);
/* The closest built-in option or arg of prog to s[0..n), or NULL. */
const char *mirc_rt_suggest(const struct mirc_program *prog, const char *s, size_t n);
#endif

/* ---- boot.c --------------------------------------------------------------------- */

/* Free what boot parsing allocated and what the loop holds; called when
 * the program ends (mirc_run, mirc_connect_failed, mirc_start_failed). */
void mirc_rt_cleanup(void);
/* Die with a message: a broken promise of the runtime itself. */
_Noreturn void mirc_rt_fatal(const char *what);
/*
 * Parse `text` as baked boot arguments of p (after its defaults), as
 * mirc_rt_init() would, and forget everything again; for mirc at
 * configure time (rt/check).  Returns 0, or the exit status boot would
 * end with (64 a usage error, 63 --help or --version) with the message
 * printed to the console; *arg is the index in p->args of the arg the
 * last word parsed names, or -1.
 */
int mirc_rt_check_args(const struct mirc_program *p, const char *text, long *arg);
#ifndef MIRC_RUNTIME_SMALL
/* Whether the words of the last mirc_rt_check_args() gave --delay, which
 * the small runtime leaves out: mirc refuses it there (small-runtime). */
bool mirc_rt_check_gave_delay(void);
#endif

#endif
