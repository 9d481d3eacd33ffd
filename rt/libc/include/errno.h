/* SPDX-License-Identifier: MIT */
/*
 * errno.h - error numbers of mirc's freestanding C library (rt/libc).
 *
 * The values are Linux's (asm-generic/errno-base.h and errno.h), so that a
 * negative errno means the same on every target mirc supports.  Only the
 * numbers the runtime, its devices and the samples use are defined; add
 * more with Linux's value and a line in strerror.c.
 */
#ifndef MIRC_LIBC_ERRNO_H
#define MIRC_LIBC_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define EWOULDBLOCK	EAGAIN
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define EDOM		33
#define ERANGE		34
#define EDEADLK		35
#define ENAMETOOLONG	36
#define ENOLCK		37
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define ENODATA		61
#define ETIME		62
#define EOVERFLOW	75
#define EILSEQ		84
#define EDESTADDRREQ	89
#define EMSGSIZE	90
#define ENOTSUP		95
#define EOPNOTSUPP	ENOTSUP
#define EAFNOSUPPORT	97
#define EADDRINUSE	98
#define ENETDOWN	100
#define ENETUNREACH	101
#define ECONNABORTED	103
#define ECONNRESET	104
#define ENOBUFS		105
#define EISCONN		106
#define ENOTCONN	107
#define ETIMEDOUT	110
#define ECONNREFUSED	111
#define EHOSTUNREACH	113
#define EALREADY	114
#define EINPROGRESS	115
#define ECANCELED	125

/* One errno for the whole program: the runtime is single-threaded. */
extern int mirc_libc_errno;
#define errno mirc_libc_errno

#endif
