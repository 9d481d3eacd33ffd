/* SPDX-License-Identifier: MIT */
/*
 * mirc/rt.h - the runtime every mirc program links against.
 *
 * Generated code and the code of impls and jobs use only what is declared
 * here (and in mirc/types.h, mirc/args.h).  The runtime is single-threaded:
 * every callback runs on the event loop, one at a time, never from a
 * signal handler or an interrupt, so callbacks need no locking.  Functions
 * MUST NOT be called before mirc_rt_init() or from another thread.
 */
#ifndef MIRC_RT_H
#define MIRC_RT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mirc/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*mirc_cb)(void *arg);

#define MIRC_US(n) ((uint64_t)(n) * 1000u)
#define MIRC_MS(n) ((uint64_t)(n) * 1000000u)
#define MIRC_SEC(n) ((uint64_t)(n) * 1000000000u)

/* ---- logging ----------------------------------------------------------------
 *
 * A line is "[LEVEL] [source] message", preceded by a timestamp where the
 * platform has a clock.  Lines above the source's level (set at boot with
 * -l/--logs, default info) are dropped.  The mirc_log_* shorthands use the
 * current source: the name of the job or device whose callback is running
 * (set by generated code through mirc_log_set_source()).
 */
enum mirc_log_level {
	MIRC_LOG_QUIET = 0,
	MIRC_LOG_ERROR = 1,
	MIRC_LOG_WARNING = 2,
	MIRC_LOG_INFO = 3,
	MIRC_LOG_DEBUG = 4,
};

void mirc_log(int level, const char *src, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void mirc_logv(int level, const char *src, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void mirc_log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mirc_log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mirc_log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mirc_log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The source of the mirc_log_* shorthands; returns the previous one. */
const char *mirc_log_set_source(const char *src);
/* True when a line of `level` from `src` would be printed. */
bool mirc_log_enabled(int level, const char *src);

/*
 * One receiver of every log line that is printed (the syslog reporter,
 * syslog_udp): fn(arg, line) runs after the line went to the console,
 * with the message alone (no timestamp, level or source prefix, no
 * newline; cut at MIRC_LOG_HOOK_MAX bytes) and the wall clock of the
 * line (-1 on a board without one).  Lines logged while fn runs go to the
 * console only, so fn may log (and call the stack) without recursion.
 * 0, or -1 when another receiver is set; fn NULL removes it.
 */
#define MIRC_LOG_HOOK_MAX 1024
struct mirc_log_line {
	int level;		/* MIRC_LOG_ERROR .. MIRC_LOG_DEBUG */
	const char *src;	/* the source, as in the console line */
	const char *msg;
	size_t len;
	int64_t wall_ns;	/* ns since the epoch, or -1 */
};
typedef void (*mirc_log_hook_fn)(void *arg, const struct mirc_log_line *line);
int mirc_log_set_hook(mirc_log_hook_fn fn, void *arg);

/* ---- the program --------------------------------------------------------------- */

/* Stop the event loop; the program exits with `status` after cleanup.
 * MAY be called from any callback; the first status given wins. */
void mirc_exit(int status);
/* --name at boot, default: the registered name. */
const char *mirc_name(void);

/* ---- time and the event loop ---------------------------------------------------- */

/* Monotonic nanoseconds since an arbitrary origin (boot on bare metal). */
uint64_t mirc_now_ns(void);

/*
 * Call cb(arg) once, from the event loop, `ns` nanoseconds from now.
 * Returns a non-zero id for mirc_timer_cancel().  Timers with the same
 * deadline fire in the order they were set.  Never fails on hosted
 * platforms; on bare metal it returns 0 when MIRC_MAX_TIMERS timers are
 * pending (the caller decides; TIME devices treat it as fatal).
 */
uint64_t mirc_timer_after(uint64_t ns, mirc_cb cb, void *arg);
/* Cancel a pending timer; true if it had not fired yet. */
bool mirc_timer_cancel(uint64_t id);

/* Call cb(arg) from the event loop soon, after the current callback. */
void mirc_defer(mirc_cb cb, void *arg);

/*
 * Platforms with file descriptors (the hosted ones, and virtio, whose
 * disks are fds of its platform): call cb(arg) once when `fd` is readable
 * (MIRC_FD_READ) or writable (MIRC_FD_WRITE).  One watch per fd and
 * direction; watching again replaces it.  Returns 0 or -errno.
 *
 * A watch keeps the event loop (and the program) running until it fires
 * or is dropped: a device driver watches its fd only while it has work
 * outstanding, and drops the watch with mirc_fd_unwatch() when its last
 * request is back, also when that request came back inside a callback
 * that had watched again (otherwise the program never ends).  Close an
 * fd only after unwatching it (a watch that fired is already gone).
 */
#define MIRC_FD_READ 1
#define MIRC_FD_WRITE 2
int mirc_fd_watch(int fd, int events, mirc_cb cb, void *arg);
void mirc_fd_unwatch(int fd, int events);

/* ---- used by generated code ----------------------------------------------------- */

struct mirc_arg_desc;

/* What generated main() tells the runtime about the program. */
struct mirc_program {
	const char *name;		/* the registered name */
	const char *version;		/* of mirc that generated it */
	const char *doc;		/* one line about it, or NULL (mirc puts
					 * it in the --help listing instead) */
	const struct mirc_arg_desc *args;	/* the program's runtime args */
	size_t nargs;
	const char *baked_args;		/* --boot-args of configure, or NULL */
};

/*
 * The listing --help prints, laid out by mirc: generated main() sets it
 * before mirc_rt_init().  It is printed as it is, except for the control
 * bytes below; without one, --help prints a NAME section (the name and
 * the program's doc) only.  The string must live as long as the program.
 */
void mirc_rt_set_help(const char *listing);
/* Generated main() of a program with list args calls this before
 * mirc_rt_init(): without it, the runtime links no list parsing and a
 * list arg is a bad description. */
void mirc_rt_use_lists(void);

/* Control bytes of the --help listing: the program's name (--name), 7,
 * 11 or 14 spaces, and "the next byte as it is" (a byte 1 to 5 of a
 * doc).  Defined here only: mirc includes this header to lay the listing
 * out (compiler/emit_help.c) and rt/src/help.c expands it, so the two
 * cannot drift.  The expansion relies on the order: the three
 * indentations in a row, MIRC_HELP_RAW the highest. */
#define MIRC_HELP_NAME 1
#define MIRC_HELP_IND7 2
#define MIRC_HELP_IND11 3
#define MIRC_HELP_IND14 4
#define MIRC_HELP_RAW 5

/*
 * Initialise the runtime and the platform, then parse the boot arguments
 * (argv on hosted platforms, the platform's command line or baked_args
 * elsewhere).  Returns 0 to go on, or the status main() must exit with:
 * 63 after --help/--version, 64 after a bad or missing argument (the
 * message is printed).
 */
int mirc_rt_init(const struct mirc_program *prog, int argc, char **argv);
/* Log that `device` failed to connect with `err` (a negative errno) and
 * return the exit status for it (1). */
int mirc_connect_failed(const char *device, int err);
/* Log that job `job` returned `rc` from its start function; returns 1. */
int mirc_start_failed(const char *job, int rc);
/* Wait --delay, then run the event loop until nothing is pending or
 * mirc_exit() is called; clean up and return the exit status. */
int mirc_run(void);

#ifdef __cplusplus
}
#endif
#endif
