/* SPDX-License-Identifier: MIT */
/*
 * test_ramdisk.c - ramdisk: zeroed at connect, the BLOCK suite, and the
 * sizes connect refuses.
 */
#include "ramdisk.h"

#define DEV ramdisk
static struct ramdisk dev;

#include "block_suite.h"

int main(void)
{
	static unsigned char buf[2048 * 512];

	harness_boot();
	CHECK_INT(ramdisk_connect(&dev, 2048), 0);
	memset(buf, 0xff, sizeof(buf));
	CHECK_INT(blk_read(0, buf, 2048), 0);
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK(buf[i] == 0);
	block_suite(2048);
	free(dev.data);

	{
		struct ramdisk bad = {0};
		CHECK_INT(ramdisk_connect(&bad, 0), -EINVAL);
		CHECK_INT(ramdisk_connect(&bad, -1), -EINVAL);
		CHECK_INT(ramdisk_connect(&bad, INT64_MAX), -ENOMEM);
		CHECK_INT(ramdisk_connect(&bad, 4), 0);
		free(bad.data);
	}
	CHECK_INT(mirc_run(), 0);
	printf("SUCCESS\n");
	return 0;
}
