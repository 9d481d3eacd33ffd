/* SPDX-License-Identifier: MIT */
/* stdnoreturn.h - for mirc's freestanding C library (rt/libc; see stddef.h). */
#ifndef MIRC_LIBC_STDNORETURN_H
#define MIRC_LIBC_STDNORETURN_H

#define noreturn _Noreturn

#endif
