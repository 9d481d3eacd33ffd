/* SPDX-License-Identifier: MIT */
/*
 * errtext.c - the one table of error messages of the bare-metal targets.
 *
 * rt/libc's strerror() is this function, and every board's
 * platform_strerror() calls it too, also on the boards that link
 * picolibc: picolibc's strerror() knows some 130 messages and costs
 * 3.4 KB of flash (text, table and strings), where the runtime and its
 * devices return the 31 numbers below.  The numbers are the C library's
 * (Linux's in rt/libc, newlib's in picolibc): the table is keyed by the
 * E* names, so it fits either.  The texts are glibc's, so that a message
 * reads the same on a board as on the hosted targets.
 *
 * Kept as a byte per error number and one string of NUL-separated texts
 * in the same order: a table of pointers would cost 4 to 8 bytes more per
 * message.
 */
#include <errno.h>

#include "errtext.h"

#define MESSAGES(X) \
	X(EPERM, "Operation not permitted") \
	X(ENOENT, "No such file or directory") \
	X(EINTR, "Interrupted system call") \
	X(EIO, "Input/output error") \
	X(E2BIG, "Argument list too long") \
	X(EBADF, "Bad file descriptor") \
	X(EAGAIN, "Resource temporarily unavailable") \
	X(ENOMEM, "Cannot allocate memory") \
	X(EACCES, "Permission denied") \
	X(EFAULT, "Bad address") \
	X(EBUSY, "Device or resource busy") \
	X(EEXIST, "File exists") \
	X(ENODEV, "No such device") \
	X(ENOTDIR, "Not a directory") \
	X(EISDIR, "Is a directory") \
	X(EINVAL, "Invalid argument") \
	X(EFBIG, "File too large") \
	X(ENOSPC, "No space left on device") \
	X(EROFS, "Read-only file system") \
	X(EPIPE, "Broken pipe") \
	X(EDOM, "Numerical argument out of domain") \
	X(ERANGE, "Numerical result out of range") \
	X(ENOSYS, "Function not implemented") \
	X(ENAMETOOLONG, "File name too long") \
	X(ENOTEMPTY, "Directory not empty") \
	X(ELOOP, "Too many levels of symbolic links") \
	X(EOVERFLOW, "Value too large for defined data type") \
	X(EDESTADDRREQ, "Destination address required") \
	X(EMSGSIZE, "Message too long") \
	X(ENOTSUP, "Operation not supported") \
	X(EAFNOSUPPORT, "Address family not supported by protocol") \
	X(EADDRINUSE, "Address already in use") \
	X(ENETDOWN, "Network is down") \
	X(ENETUNREACH, "Network is unreachable") \
	X(ECONNABORTED, "Software caused connection abort") \
	X(ECONNRESET, "Connection reset by peer") \
	X(ENOBUFS, "No buffer space available") \
	X(EISCONN, "Transport endpoint is already connected") \
	X(ENOTCONN, "Transport endpoint is not connected") \
	X(ETIMEDOUT, "Connection timed out") \
	X(ECONNREFUSED, "Connection refused") \
	X(EHOSTUNREACH, "No route to host") \
	X(EALREADY, "Operation already in progress") \
	X(EINPROGRESS, "Operation now in progress") \
	X(ECANCELED, "Operation canceled") \
	X(EILSEQ, "Invalid or incomplete multibyte or wide character")

/* Every number must fit the byte it is kept in (newlib's largest here,
 * ECANCELED, is 140; Linux's is 125). */
#define FITS(err, text) _Static_assert((err) > 0 && (err) < 256, #err " fits a byte");
MESSAGES(FITS)
#undef FITS

#ifdef MIRC_RUNTIME_SMALL
/* The small runtime (mirc-runtime(3)) keeps no texts: every number is
 * "error N". */
const char *errtext(int err)
{
	static const char prefix[] = "error ";
	static char unknown[sizeof(prefix) + 11];	/* "-2147483648" */
	char digits[10];
	unsigned v = err < 0 ? 0u - (unsigned)err : (unsigned)err;
	unsigned n = 0, len = sizeof(prefix) - 1;
#else
#define CODE(err, text) err,
#define TEXT(err, text) text "\0"
static const unsigned char codes[] = { MESSAGES(CODE) };
static const char texts[] = MESSAGES(TEXT);
#undef CODE
#undef TEXT

const char *errtext(int err)
{
	static const char prefix[] = "Unknown error ";
	static char unknown[sizeof(prefix) + 11];	/* "-2147483648" */
	char digits[10];
	unsigned v = err < 0 ? 0u - (unsigned)err : (unsigned)err;
	unsigned n = 0, len = sizeof(prefix) - 1;
	const char *t = texts;

	for (unsigned i = 0; i < sizeof(codes); i++) {
		if (codes[i] == err)
			return t;
		while (*t++)
			;
	}
#endif
	/* Copied each time: the buffer may hold another number's text. */
	for (unsigned i = 0; i < len; i++)
		unknown[i] = prefix[i];
	if (err < 0)
		unknown[len++] = '-';
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n > 0)
		unknown[len++] = digits[--n];
	unknown[len] = '\0';
	return unknown;
}
