/* SPDX-License-Identifier: MIT */
/* stdbool.h - for mirc's freestanding C library (rt/libc; see stddef.h). */
#ifndef MIRC_LIBC_STDBOOL_H
#define MIRC_LIBC_STDBOOL_H

#define bool _Bool
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif
