/* SPDX-License-Identifier: MIT */
/*
 * test_console_posix.c - console_posix writes everything to fd 1 and
 * reports errors as -errno.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <fcntl.h>
#include <unistd.h>

#include "console_posix.h"
#include "harness.h"

int main(void)
{
	static char big[200000];
	int saved, fds[2];
	char buf[64];

	harness_boot();
	fflush(stdout);
	CHECK((saved = dup(1)) >= 0);

	/* Into a pipe: the bytes come out as given. */
	CHECK(pipe(fds) == 0);
	CHECK(dup2(fds[1], 1) == 1);
	CHECK_INT(console_posix_write("hello\n", 6), 6);
	CHECK_INT(console_posix_write("", 0), 0);
	CHECK_INT(read(fds[0], buf, sizeof(buf)), 6);
	CHECK(!memcmp(buf, "hello\n", 6));
	close(fds[0]);
	/* No reader left: -EPIPE (the runtime ignores SIGPIPE, so the
	 * program is told instead of killed). */
	CHECK_INT(console_posix_write("x", 1), -EPIPE);
	close(fds[1]);

	/* More than a pipe holds, to a file: written in one call. */
	{
		char path[] = "/tmp/mirc-devtest-console-XXXXXX";
		int fd = mkstemp(path);
		CHECK(fd >= 0);
		CHECK(dup2(fd, 1) == 1);
		memset(big, 'z', sizeof(big));
		CHECK_INT(console_posix_write(big, sizeof(big)), (int)sizeof(big));
		CHECK_INT(lseek(fd, 0, SEEK_END), (long long)sizeof(big));
		close(fd);
		unlink(path);
	}

	/* Closed: -EBADF. */
	close(1);
	CHECK_INT(console_posix_write("x", 1), -EBADF);

	CHECK(dup2(saved, 1) == 1);
	close(saved);
	CHECK_INT(console_posix_write("console_posix ok\n", 17), 17);
	CHECK_INT(mirc_run(), 0);
	printf("SUCCESS\n");
	return 0;
}
