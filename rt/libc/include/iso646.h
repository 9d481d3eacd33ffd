/* SPDX-License-Identifier: MIT */
/* iso646.h - for mirc's freestanding C library (rt/libc; see stddef.h). */
#ifndef MIRC_LIBC_ISO646_H
#define MIRC_LIBC_ISO646_H

#define and &&
#define and_eq &=
#define bitand &
#define bitor |
#define compl ~
#define not !
#define not_eq !=
#define or ||
#define or_eq |=
#define xor ^
#define xor_eq ^=

#endif
