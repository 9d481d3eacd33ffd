/* SPDX-License-Identifier: MIT */
/*
 * test_crunch.c - crunch over a hand-written embedded directory (what
 * mirc generates into mirc/embed_<id>.c), and its refusal of tables that
 * are not sorted or hold bad names.
 */
#include "crunch.h"

#define DEV crunch
static struct crunch dev;

#include "kv_suite.h"

static struct mirc_embed_file files[NTREE];

/* connect refuses the table of n files */
static void expect_bad_table(const struct mirc_embed_file *f, size_t n)
{
	struct crunch c = {0};
	struct mirc_embed_dir d = { f, n };

	CHECK_INT(crunch_connect(&c, "bad", &d), -EINVAL);
}

int main(void)
{
	struct mirc_embed_dir dir = { files, NTREE };
	static const unsigned char x[] = "x";

	harness_boot();
	for (size_t i = 0; i < NTREE; i++)
		files[i] = (struct mirc_embed_file){ tree[i].key,
			(const unsigned char *)tree[i].data, tree[i].len };
	CHECK_INT(crunch_connect(&dev, "htdocs", &dir), 0);
	ro_suite();

	/* Values are served from the table itself, not copied. */
	{
		struct res g = {0};
		crunch_get(&dev, "index.html", on_get, &g);
		AWAIT(&g);
		CHECK_STR(g.data, "<h1>hi</h1>");
		free(g.data);
	}

	/* An empty directory is fine: only the root, empty. */
	{
		struct mirc_embed_dir none = { NULL, 0 };
		CHECK_INT(crunch_connect(&dev, "empty", &none), 0);
		expect_list("", "");
		expect_dictionary("");
		expect_absent("index.html");
	}

	/* Tables the binary searches would get wrong. */
	{
		struct mirc_embed_file unsorted[] = {
			{ "b", x, 1 }, { "a", x, 1 },
		};
		struct mirc_embed_file dup[] = {
			{ "a", x, 1 }, { "a", x, 1 },
		};
		struct mirc_embed_file both[] = {	/* value and dictionary */
			{ "a", x, 1 }, { "a-b", x, 1 }, { "a/b", x, 1 },
		};
		struct mirc_embed_file dots[] = { { "a/../b", x, 1 } };
		struct mirc_embed_file abs[] = { { "/etc/passwd", x, 1 } };
		struct mirc_embed_file empty[] = { { "", x, 1 } };
		struct mirc_embed_file trail[] = { { "a/", x, 1 } };
		struct mirc_embed_file nodata[] = { { "a", NULL, 1 } };
		expect_bad_table(unsorted, 2);
		expect_bad_table(dup, 2);
		expect_bad_table(both, 3);
		expect_bad_table(dots, 1);
		expect_bad_table(abs, 1);
		expect_bad_table(empty, 1);
		expect_bad_table(trail, 1);
		expect_bad_table(nodata, 1);
	}
	res_reset(&r);
	CHECK_INT(mirc_run(), 0);
	printf("SUCCESS\n");
	return 0;
}
