/* SPDX-License-Identifier: MIT */
/*
 * platform.h - what a platform gives the runtime core.
 *
 * The core (rt/src) is plain C11 with only freestanding headers; everything
 * that touches an operating system or hardware goes through the functions
 * below.  Each platform (rt/posix, and one directory per bare-metal target)
 * implements all of them, in C files of its own directory, and nothing
 * else is needed to port the runtime.  A bare-metal board MAY take some
 * from rt/bare instead: platform_fd_check(), platform_watch_set() and
 * platform_watch_clear() from rt/bare/event.c (its devices' event
 * sources, which its platform_wait() MUST then poll with event_poll()),
 * platform_realloc() and platform_strerror() from rt/bare/libc_glue.c
 * (over its C library's malloc and strerror).
 *
 * Rules shared by every function:
 *   - the core calls them from the single thread of the program, never
 *     from an interrupt or signal handler, and never re-entrantly;
 *   - errors are negative errno values of the platform's own C library
 *     (or of its own table where it has none): the core never interprets
 *     them, it only passes them on and prints them with platform_strerror();
 *   - no function may call back into the core, except platform_exit()
 *     which does not return.
 *
 * Device code of the runtime (rt/devices, and rt/bare/devices for the
 * bare-metal boards) MAY call the functions marked "devices may call"
 * (include "platform.h": rt/src is on the bare-metal boards' include
 * path; rt/devices, built for hosted targets too, includes
 * "../src/platform.h"); everything else is reserved for the core and the
 * shared bare-metal layer (rt/bare).  Impls and jobs outside rt/ use rt.h
 * only.
 *
 * Besides these functions a platform links what the compiler itself may
 * call: memcpy, memset, memmove and memcmp (C library or its own), and
 * libgcc where the compiler calls it (the core itself divides 64-bit
 * values with its own routine and formats floating point with integers).
 */
#ifndef MIRC_PLATFORM_H
#define MIRC_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Prepare the platform: console, clocks, signal dispositions.  Called by
 * mirc_rt_init() before anything else, possibly several times in one
 * process (tests do); MUST be idempotent.  Returns 0 or -errno.
 */
int platform_init(void);

/* Release what the platform allocated for the loop (platform_wait, the
 * armed fds, which are all forgotten).  Called when the program ends,
 * and also before platform_init(); never on a platform built with
 * -DMIRC_RT_ONCE (core.h). */
void platform_fini(void);

/*
 * Monotonic nanoseconds since an arbitrary origin (boot on bare metal).
 * MUST never go backwards.
 */
uint64_t platform_now_ns(void);

/*
 * Wall-clock time in nanoseconds since the Unix epoch, or -1 when the
 * platform has no wall clock.  Devices may call (PCLOCK).
 */
int64_t platform_wall_ns(void);

/*
 * Write len bytes to the console: the standard output, or the standard
 * error when `err` (platforms with one console ignore it).  Writes
 * everything or gives up silently (a log line has nowhere else to go).
 * Devices may call (CONSOLE).
 */
void platform_console_write(const char *buf, size_t len, bool err);

/*
 * True when a person is probably reading the standard output (a
 * terminal): the core then prefixes log lines with a timestamp unless
 * --no-log-time says otherwise.  Serial consoles answer false.
 */
bool platform_console_is_tty(void);

/*
 * Fd watches (platforms with fds: the hosted ones, and the boards whose
 * devices are fds through rt/bare/event.c).  The core keeps the watches
 * in a table of its own and tells the platform only what changes:
 * platform_watch_set() when an fd waits for other events than before,
 * platform_watch_clear() when it waits for none, and platform_wait()
 * reports the fds that are ready.  Nothing here may cost time in the
 * number of fds armed, per call or per report (posix: epoll on Linux;
 * its poll() fallback for other systems is the exception).  Like the
 * loop's watches, arming is one-shot: reporting an fd disarms it until
 * the core sets it again, so a watch that fired and was not renewed
 * costs nothing.  A board built with -DMIRC_FD_WATCHES=0 (no fds:
 * cortex_m3) leaves platform_watch_set/clear out; the core then never
 * calls them, and platform_wait() always gets n == 0.
 */

/* One ready fd, as platform_wait() reports it. */
struct platform_event {
	int fd;
	int events;		/* MIRC_FD_READ | MIRC_FD_WRITE */
};

/*
 * 0 when the loop can watch `fd` for `events` (a non-empty subset of
 * MIRC_FD_READ | MIRC_FD_WRITE); otherwise -EINVAL (bad events), -EBADF
 * (not an open fd) or -ENOSYS (the platform has no fds: cortex_m3;
 * riscv64_virt's and virtio's fds are their disks, rt/bare/event.h).
 * The core calls it for every watch, so a platform whose
 * platform_watch_set() finds out itself that fd is not open MAY leave
 * that check to it (posix with epoll: epoll_ctl() says EBADF).
 */
int platform_fd_check(int fd, int events);

/*
 * Arm `fd` (which passed platform_fd_check()) for `events` (non-empty),
 * replacing what it was armed for: platform_wait() reports it, once,
 * when one of them is ready.  The fd may be new to the platform, armed,
 * or disarmed (reported, or cleared); an fd number closed and opened
 * again since the platform last saw it is a new file and must be
 * watched as such.  An fd that is open but cannot be waited on (a
 * regular file for epoll) is reported ready for `events` by the next
 * wait, as poll() would say.  Returns 0, or -errno: -EBADF (fd is not
 * open, where platform_fd_check() left that to it), or no room for it
 * (memory, the kernel's limit on watches); the fd is unchanged then.
 */
int platform_watch_set(int fd, int events);

/*
 * Disarm `fd`: platform_wait() no longer reports it.  The core calls it
 * only for an armed fd, before the fd's owner may close it (an epoll
 * registration can only be removed while the fd is open).
 */
void platform_watch_clear(int fd);

/*
 * Sleep until platform_now_ns() >= deadline, or until an armed fd is
 * ready, whichever comes first; deadline 0 polls without sleeping,
 * UINT64_MAX means no deadline (with n == 0: sleep until something the
 * platform knows of happens, or forever).  Stores up to n ready fds in
 * ev[] (each fd once, with the subset of its armed events that is
 * ready: an error or hang-up on the fd counts as ready for both, so the
 * callback finds out), disarms them, and returns how many it stored;
 * fds ready beyond n stay armed for the next call.  With n == 0 it
 * reports nothing (the core watches nothing, or waits out --delay).
 * MAY return early (a signal, an interrupt with nothing to report): the
 * core re-checks the clock.  Returns -errno only when waiting itself is
 * impossible, which the core treats as fatal.
 */
int platform_wait(uint64_t deadline, struct platform_event *ev, size_t n);

/* Exit the program with `status` (0-255); never returns. */
_Noreturn void platform_exit(int status);

/*
 * Fill buf with len bytes from the platform's entropy source.  Returns 0,
 * or -ENOSYS when there is none (the caller decides whether a seeded
 * generator is good enough), or another -errno.  Devices may call
 * (RANDOM).
 */
int platform_random(void *buf, size_t len);

/*
 * Copy up to len bytes of the seed the board was booted with to buf and
 * return how many were copied: secret, fresh bytes from outside the
 * program, such as the device tree's /chosen/rng-seed (qemu's virt
 * machines put 32 bytes from the host there at every boot).  0 when the
 * board has none: the prelude then keeps RANDOM at random_none (or
 * random_xorshift_unsafe with --insecure-random).  The seed is handed out
 * once: the platform erases its copy, and later calls return 0.  Devices
 * may call (RANDOM: random_chacha20 seeds its generator with it).
 */
size_t platform_seed(void *buf, size_t len);

/*
 * The boot command line ("--port=80 -l debug"), or NULL where there is
 * none (hosted platforms use argv instead).  The string lives as long as
 * the program.
 */
const char *platform_cmdline(void);

/*
 * Resize the block p (NULL: a new block) from `old` to `size` bytes, with
 * realloc's contract: the first min(old, size) bytes are kept; size 0
 * frees p and returns NULL.  Returns NULL when there is no memory; a
 * platform without a heap always does for size > 0 and the core then
 * works within its fixed capacity (MIRC_MAX_TIMERS, ...).  Hosted
 * platforms MAY instead end the program on exhaustion (posix prints
 * "out of memory" and exits with status 1), which is how the runtime's
 * "never fails on hosted platforms" promises are kept.  `old` is passed so
 * that a bump allocator needs no block headers.  Blocks MUST be aligned
 * for any object (alignof(max_align_t)).
 */
void *platform_realloc(void *p, size_t old, size_t size);

/*
 * Human-readable text for the error number err (> 0), like strerror().
 * The string is static.  Devices may call.
 */
const char *platform_strerror(int err);

#endif
