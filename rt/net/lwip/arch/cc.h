/* SPDX-License-Identifier: MIT */
/*
 * arch/cc.h - lwIP's port to mirc's compilers and runtime (lwip/arch.h
 * includes it first; lwipopts.h says how lwIP is configured).
 *
 * The compilers are gcc and clang on every target, so lwIP's defaults
 * cover the types (<stdint.h>, <inttypes.h>), the format strings and
 * packing (__attribute__((packed))).  What is mirc's:
 *
 * - byte order: the compiler's (__BYTE_ORDER__), never a guess;
 * - LWIP_RAND(): mirc_lwip_rand(), which the direct stack defines from
 *   its RANDOM device (TCP initial sequence numbers, local ports, DHCP
 *   transaction ids: network.md 1, the honest-RANDOM rules apply);
 * - diagnostics and assertions: the runtime's log (source "lwip"), not
 *   printf, which bare-metal targets may not have; a failed assertion
 *   logs and aborts, as lwIP's own port does.
 *
 * rt/net/lwip/sys_arch.c defines sys_now() and the two log functions.
 */
#ifndef MIRC_LWIP_ARCH_CC_H
#define MIRC_LWIP_ARCH_CC_H

#include <stdint.h>

#if !defined(__BYTE_ORDER__) || !defined(__ORDER_BIG_ENDIAN__)
#error "mirc's lwIP port takes the byte order from the compiler (__BYTE_ORDER__)"
#endif
/* lwip/arch.h has defined LITTLE_ENDIAN and BIG_ENDIAN (or the C library
 * has, with the same meaning) before it includes this file. */
#ifndef BYTE_ORDER
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define BYTE_ORDER BIG_ENDIAN
#else
#define BYTE_ORDER LITTLE_ENDIAN
#endif
#endif

/* A random 32-bit number; defined by rt/net/direct_stack.c. */
uint32_t mirc_lwip_rand(void);
#define LWIP_RAND() mirc_lwip_rand()

/* LWIP_PLATFORM_DIAG(("fmt", args)): one debug line (a trailing newline
 * dropped) in the runtime's log. */
void mirc_lwip_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define LWIP_PLATFORM_DIAG(x) do { mirc_lwip_diag x; } while (0)

/* A broken invariant of lwIP or of its caller: logged, then abort(). */
_Noreturn void mirc_lwip_assert(const char *msg, const char *file, int line);
#define LWIP_PLATFORM_ASSERT(x) mirc_lwip_assert((x), __FILE__, __LINE__)

#endif /* MIRC_LWIP_ARCH_CC_H */
