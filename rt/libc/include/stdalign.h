/* SPDX-License-Identifier: MIT */
/* stdalign.h - for mirc's freestanding C library (rt/libc; see stddef.h). */
#ifndef MIRC_LIBC_STDALIGN_H
#define MIRC_LIBC_STDALIGN_H

#define alignas _Alignas
#define alignof _Alignof
#define __alignas_is_defined 1
#define __alignof_is_defined 1

#endif
