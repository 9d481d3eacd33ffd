/* SPDX-License-Identifier: MIT */
/*
 * errtext.h - the one table of error messages of the bare-metal targets:
 * rt/libc's strerror() and every board's platform_strerror() print from
 * it, whichever C library the board links (see errtext.c).
 */
#ifndef MIRC_LIBC_ERRTEXT_H
#define MIRC_LIBC_ERRTEXT_H

/*
 * The message for the error number err, with the texts of glibc (so a
 * board prints what the hosted targets print), or "Unknown error N" in a
 * static buffer for a number the table does not know.  Never NULL.
 */
const char *errtext(int err);

#endif
