/* SPDX-License-Identifier: MIT */
/*
 * test_kv_mem.c - kv_mem: the KV_RW suite from an empty store, twice
 * (everything removed is really gone).
 */
#include "kv_mem.h"

#define DEV kv_mem
#define KV_RW_SUITE
static struct kv_mem dev;

#include "kv_suite.h"

int main(void)
{
	harness_boot();
	rw_suite();
	CHECK_INT(dev.n, 0);
	rw_suite();

	/* A value read is a copy: changing the key before the callback
	 * runs does not change what it sees. */
	{
		struct res g = {0}, s = {0};
		expect_set("k", "old", 3, 0);
		kv_mem_get(&dev, "k", on_get, &g);
		kv_mem_set(&dev, "k", "new!", 4, on_done, &s);
		settle();
		CHECK_STR(g.data, "old");
		CHECK_INT(s.err, 0);
		free(g.data);
		expect_remove("k", 0);
	}
	free(dev.items);
	res_reset(&r);
	CHECK_INT(mirc_run(), 0);
	printf("SUCCESS\n");
	return 0;
}
