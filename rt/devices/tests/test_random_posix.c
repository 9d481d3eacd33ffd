/* SPDX-License-Identifier: MIT */
/*
 * test_random_posix.c - random_posix fills whole buffers, of any size,
 * with bytes that look random: not zero, different each time, every byte
 * value about equally often.  (A statistical smoke test: it catches a
 * broken or unfilled buffer, not a weak generator.)
 */
#include "harness.h"
#include "random_posix.h"

int main(void)
{
	static unsigned char a[4096], b[4096];
	size_t big = (size_t)33554431 + 4096 + 1;	/* > one getrandom() */
	unsigned char *m = malloc(big);
	static size_t count[256];
	size_t zero = 0, same = 0;

	harness_boot();
	random_posix_fill(a, sizeof(a));
	random_posix_fill(b, sizeof(b));
	for (size_t i = 0; i < sizeof(a); i++) {
		zero += a[i] == 0;
		same += a[i] == b[i];
	}
	CHECK(zero < 64);		/* ~16 expected */
	CHECK(same < 64);
	CHECK(memcmp(a, b, sizeof(a)) != 0);

	/* Every byte value about 1/256 of the time: 4096 each, +-10 %
	 * is about 6 standard deviations. */
	CHECK(m);
	memset(m, 0, big);
	random_posix_fill(m, (size_t)1 << 20);
	for (size_t i = 0; i < ((size_t)1 << 20); i++)
		count[m[i]]++;
	for (int v = 0; v < 256; v++)
		CHECK(count[v] > 3686 && count[v] < 4506);

	/* A request the kernel answers in parts is filled to the end. */
	memset(m, 0, big);
	random_posix_fill(m, big);
	zero = 0;
	for (size_t i = big - 4096; i < big; i++)
		zero += m[i] == 0;
	CHECK(zero < 64);
	free(m);

	random_posix_fill(NULL, 0);
	CHECK_INT(mirc_run(), 0);
	printf("SUCCESS\n");
	return 0;
}
