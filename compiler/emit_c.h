/* SPDX-License-Identifier: MIT */
/*
 * emit_c.h - what the two C emitters share (emit_c.c defines it): the
 * C spelling of prototypes and strings, every operation of a signature,
 * parameter names that cannot clash, and the paths from a signature's
 * ops to each ancestor's.  emit_mirc_h.c writes mirc/mirc.h with them,
 * emit_main_c.c mirc/main.c (with emit_help.c).  Internal to those
 * files.
 */
#ifndef MIRC_EMIT_C_H
#define MIRC_EMIT_C_H

#include <stdbool.h>
#include <stddef.h>

#include "codegen.h"

/* An lvalue of some ops type, or (ptr) a pointer to one; `paren`: the
 * pointer is a conversion in parentheses, which a whole expression need
 * not keep.  '@' in the text stands for the handle's name. */
struct emit_c_lval {
	const char *text;
	bool ptr, paren;
};

/* Operations, and the signatures that declare them. */
struct emit_c_opvec {
	const struct mop **items;
	size_t len, cap;
};

struct emit_c_sigvec {
	const struct msig **items;
	size_t len, cap;
};

/* The C names of an operation's parameters. */
struct emit_c_pnames {
	const char **param;	/* one per operation parameter */
	const char *gen;	/* the generated one: "d" or "self" */
};

/* Output that knows its line number, for #line directives. */
struct emit_c_out {
	struct strbuf *sb;
	size_t scanned;		/* bytes of sb already counted */
	size_t lines;		/* newlines in sb[0..scanned) */
};

size_t emit_c_out_line(struct emit_c_out *o);
/* Write sb, made in memory for its line numbers, to out and free it:
 * 0, or -1 on a write error. */
int emit_c_flush(FILE *out, struct strbuf *sb);
void emit_c_put_cdecl(struct strbuf *sb, const struct mcdecl *cd,
		      const char *name);
bool emit_c_returns_void(const struct mop *op);
void emit_c_put_cstring(struct strbuf *sb, const char *s, size_t len);
void emit_c_put_upper(struct strbuf *sb, const char *s);
void emit_c_sig_ops(struct arena *a, const struct msig *s, struct emit_c_opvec *out,
		    struct emit_c_sigvec *owners);
void emit_c_all_ancestors(struct arena *a, const struct msig *s,
			  struct hmap *seen, struct emit_c_sigvec *out);
struct emit_c_pnames emit_c_param_names(struct arena *a, const struct mop *op,
				 const char *gen, const char *fixed);
void emit_c_put_first(struct strbuf *sb, const char *first, const char *gen);
void emit_c_put_params(struct strbuf *sb, const struct mop *op,
		       const struct emit_c_pnames *pn, const char *first);
void emit_c_put_args(struct strbuf *sb, const struct mop *op,
		     const struct emit_c_pnames *pn, const char *first);
const char *emit_c_lv_addr(struct arena *a, const struct emit_c_lval *l);
void emit_c_sig_paths(struct arena *a, const struct msig *s, bool all,
		      struct emit_c_lval base, struct hmap *best);
struct emit_c_lval emit_c_ops_at(struct arena *a, const struct hmap *best,
			  const struct msig *to);
/* The default of a runtime arg in its boot-time text form ("" if none). */
void emit_c_arg_default(struct strbuf *txt, const struct marg *ma);
void emit_c_put_marker(struct strbuf *sb, const struct model *m,
		       const char *what);

#endif
