/* SPDX-License-Identifier: MIT */
/*
 * codegen.c - the emit pass for `configure` and `build`: every generated
 * file of a program, in memory (struct genset), from the lowered model.
 *
 * Input: the model (compile.c's passes ran) and the configure options.
 * Output: mirc/mirc.h (emit_mirc_h.c), mirc/main.c (emit_main_c.c), one
 * mirc/embed_<id>.c per embedding device (emit_embed.c), the target's
 * files (emit_target.c), the Makefile and compile_commands.json
 * (emit_make.c).  context.c adds mirc/context, configure.c writes them
 * all into the project.  `describe` and `query` emit to a stream instead
 * (emit_text.c, emit_json.c, emit_dot.c, query.c).
 */
#include <jansson.h>
#include <stdlib.h>

#include "codegen.h"

struct genfile *gen_add(struct arena *a, struct genset *g, const char *path)
{
	struct genfile *f = arena_alloc(a, sizeof(*f));

	f->path = path;
	sb_init(&f->text);
	vec_push(a, &g->files, f);
	return f;
}

void gen_put_json(struct genfile *f, json_t *root)
{
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (s) {
		sb_puts(&f->text, s);
		sb_putc(&f->text, '\n');
		free(s);
	}
	json_decref(root);
}

void gen_free(struct genset *g)
{
	for (size_t i = 0; i < g->files.len; i++)
		sb_free(&g->files.items[i]->text);
	g->files.len = 0;
}

int codegen_program(struct genset *g, struct arena *a, const struct model *m,
		    const struct gen_opts *o, const char **err)
{
	emit_mirc_h(gen_add(a, g, "mirc/mirc.h"), a, m);
	emit_main_c(gen_add(a, g, "mirc/main.c"), a, m, o);
	if (emit_embeds(g, a, m, err) != 0)
		return -1;
	if (emit_target_files(g, a, m, err) != 0)
		return -1;
	emit_makefile(g, a, m);
	emit_compile_commands(g, a, m);
	return 0;
}
