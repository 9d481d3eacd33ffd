/* SPDX-License-Identifier: MIT */
/*
 * sema.h - what the passes after parsing share: the program (all files and
 * the one namespace), semantic info hung on declarations and expressions,
 * and each pass's entry point.
 *
 * Pass order (compile.c's run_passes; compiler/README.md): load (load.c)
 * -> resolve (resolve.c) -> check declarations (check_decl.c,
 * check_sig.c, check_names.c) -> check expressions (check_expr.c,
 * check_choice.c) -> check usage (check_usage.c) -> keys (keys.c) ->
 * evaluate (eval.c) -> order graph (order.c) -> check target -> lower
 * (lower.c) -> the model the emitters work from.
 */
#ifndef MIRC_SEMA_H
#define MIRC_SEMA_H

#include "ast.h"
#include "literal.h"
#include "backend.h"
#include "compile.h"
#include "diag.h"
#include "model.h"
#include "util.h"

/* Recursion through lets and expressions deeper than this is refused. */
#define SEMA_MAX_DEPTH 400000

struct program {
	struct arena *arena;
	struct diag_ctx *diag;
	const struct compile_opts *opts;
	const struct backend_set *backends;
	VEC(struct ast_file *) files;	/* load order; the prelude first */
	struct ast_file *root;
	VEC(struct decl *) decls;	/* every declaration, in load order */
	struct hmap names;		/* name -> struct decl * */
	struct hmap dups;		/* names defined twice: their uses
					 * are not checked (no cascades) */
	struct hmap args;		/* runtime args: a namespace of their
					 * own, as they are only named in
					 * `args` fields and on the boot
					 * command line */
	struct decl *target_key;	/* the built-in `target` key */
	struct decl *job_sig;		/* the built-in `job` signature */
	struct register_item *reg;	/* the program's register */
	int depth;			/* current recursion depth */
	bool depth_reported;
	const char *saved_boot_args;	/* from mirc/context */
	/* The saved keys read_context() used, "a=1, b=x", or NULL; and the
	 * notes about saved keys it did not use (compile.h). */
	const char *saved_keys_used;
	VEC(const char *) context_notes;
	bool parse_failed;		/* errors while loading and parsing */
	bool incomplete;		/* a file or an import could not be
					 * read or parsed to its end: any name
					 * may have been declared there */
	size_t nnodes_created;		/* graph nodes eval.c made */
	size_t nsuggest;		/* "did you mean" searches so far */
	bool *file_referenced;		/* per file: a name of it is used
					 * from another file (unused imports) */
	VEC(struct decl *) let_stack;	/* lets being checked, for cycles */
	struct decl *scope_let;		/* the let with parameters whose value
					 * is being checked: its parameters
					 * are in scope */
};

/* ---- types ------------------------------------------------------------------ */

enum ty_kind {
	TY_ERROR,	/* already reported: stay quiet */
	TY_DEVICE,	/* a device of signature `sig` */
	TY_BOOL, TY_INT, TY_STRING,
	TY_ENUM,	/* the value of an enum key */
	TY_LIST,	/* [ ... ]: only in register */
};

struct ty {
	enum ty_kind kind;
	struct decl *sig;	/* TY_DEVICE */
};

/*
 * decl->sema of a signature.  No set of ancestors is kept: along an
 * `extends` chain of n those sets hold n^2/2 entries.  Subtyping is
 * answered from the numbering of the tree of first parents instead
 * (check_decl.c, check_sig_is_subtype).
 */
struct sig_info {
	int state;			/* 0 new, 1 resolving, 2 done */
	struct decl **parents;		/* resolved extends */
	size_t nparents;
	struct decl **children;		/* the signatures extending it */
	size_t nchildren;
	size_t order;			/* position in resolve order (parents
					 * first), from 1 */
	size_t pre, post;		/* interval in the first-parent tree;
					 * 0: not numbered */
	bool multi;			/* it or an ancestor has two parents */
	size_t slots;			/* operations in its vtable, parents'
					 * copies included (capped) */
	/* scratch of the inherited-operation check */
	unsigned mark;
	struct decl *origin[2];
	bool clash;
};

/* decl->sema of an impl or job: its fields, checked. */
struct impl_info {
	struct decl *result;		/* the result signature */
	struct field *f_header, *f_sources, *f_prefix, *f_connect, *f_args,
		*f_deps, *f_packages, *f_cflags, *f_ldflags, *f_targets,
		*f_doc, *f_stateless, *f_embed;
	int embed_param;		/* index of the `embed` parameter, -1 */
	struct decl **runtime_args;	/* the `args` field, resolved */
	size_t nruntime_args;
	const char **targets;		/* NULL: every target */
	size_t ntargets;
	struct ty *param_types;		/* one per parameter */
	unsigned char *param_state;	/* defaults walked: 0, 1 busy, 2 */
	bool used;
	bool prefix_clash;		/* its C prefix is another's */
};

/* decl->sema of a let. */
struct let_info {
	int state;			/* 0 new, 1 checking, 2 done */
	bool in_cycle;			/* reported as part of a cycle */
	struct ty *param_types;		/* lets with parameters */
	struct ty ty;
	bool used;
	/* evaluation, memoised */
	bool evaluated;
	struct gnode *node;		/* a device */
	struct value *value;		/* or a value */
};

/* decl->sema of a key or runtime arg. */
struct keyarg_info {
	bool used;
	bool ok;			/* the declaration checked fine */
	struct keyval *kv;		/* keys: the chosen value */
	struct marg *marg;		/* args: lowered (lower_arg) */
};

/* expr->sema of an application or an applied bare name. */
struct apply_info {
	struct decl *impl;
	struct expr **bound;		/* one per parameter; NULL: default */
};

/* ---- passes -------------------------------------------------------------------- */

/* load.c: read and parse the prelude, the root file and every import.
 * Returns MIRC_OK, or MIRC_EENV (a file mirc needs could not be read). */
int load_program(struct program *p);
/* resolve.c: the namespace, the built-ins and the register. */
void resolve_program(struct program *p);
/* Look a name up from position `from`, noting cross-file references. */
struct decl *resolve_lookup(struct program *p, const char *name,
			    const struct srcpos *from);
/* resolve_lookup of an EXPR_NAME's name from its position. */
struct decl *resolve_lookup_name(struct program *p, struct expr *e);
/* The global declaration of an EXPR_NAME's name, hmap_get(&p->names):
 * looked up once, then remembered in the expression (the passes after
 * resolve_program ask again and again; the names do not change). */
struct decl *resolve_name(struct program *p, struct expr *e);
/* Is `name`, not found, possibly declared by what could not be loaded
 * (a declaration that did not parse, a file not read to its end)?  Then
 * its uses are not reported, as they would only repeat that error. */
bool resolve_quiet_unknown(struct program *p, const char *name);
/* The closest name to `name` among declarations accepted by `want`
 * (a bit mask of 1 << decl_kind), or NULL. */
const char *resolve_suggest(struct program *p, const char *name, unsigned want);
/* "signature", "impl", ... */
const char *resolve_decl_kind_name(enum decl_kind k);
/* Where a declaration is, for notes ("in the prelude" has a position too). */
const struct srcpos *resolve_decl_where(const struct decl *d);

/* check_decl.c */
void check_decls(struct program *p);
/* check_sig.c: signatures (called by check_decls). */
void check_sigs(struct program *p);
/* Look up a name that must be a signature; reports and returns NULL if
 * not.  `what` names the place, for the message ("'extends'"). */
struct decl *check_sig_lookup(struct program *p, const char *name,
			      const struct srcpos *pos, const char *what);
bool check_sig_is_subtype(struct decl *s, struct decl *t);
/* The most specific signature that each of the n device types is a
 * subtype of; NULL when there is none, or (*ambiguous) several. */
struct decl *check_sig_join(const struct ty *tys, size_t n, bool *ambiguous);
/* Validate a literal for a key/arg type; returns NULL or a reason. */
const char *check_decl_literal(struct arena *a, const struct vtype *t,
			  const struct expr *e);
const char *check_decl_literal_text(struct arena *a, const struct vtype *t,
			       const char *text);

/* check_names.c: clashes between generated C names and boot options. */
/* The handle signatures: those that are the type of a device parameter of
 * some impl or job (mirc.h gives them helpers for inherited operations and
 * upcasts to every ancestor).  Fills `out`, which the caller frees. */
void check_names_handle_sigs(struct program *p, struct hmap *out);
void check_names_c(struct program *p);

/* check_expr.c */
void check_exprs(struct program *p);
/* Helpers shared with check_choice.c: the phrase for a type in messages
 * ("a TIME device"), an unknown name reported (want: as resolve_suggest),
 * the type of a device of signature sig. */
const char *check_expr_phrase(struct program *p, const struct ty *t);
void check_expr_unknown(struct program *p, const char *name,
			const struct srcpos *pos, unsigned want);
struct ty check_expr_device(struct decl *sig);
/* check_choice.c: an `if` or a `match` expression. */
struct ty check_choice_if(struct program *p, struct expr *e,
			  struct decl *expect);
struct ty check_choice_match(struct program *p, struct expr *e,
			     struct decl *expect);
/* check_usage.c: `unused` warnings, from what the register reaches. */
void check_usage(struct program *p);
struct ty check_expr(struct program *p, struct expr *e, struct decl *expect);
const char *check_expr_ty_text(const struct ty *t);
bool check_expr_enter(struct program *p, const struct srcpos *pos);
void check_expr_leave(struct program *p);

/* keys.c: every key's value into m->keys (and each key's keyarg_info).
 * Returns MIRC_OK, or MIRC_EUSAGE for a bad option (already printed). */
int keys_resolve(struct program *p, struct model *m);
/* The chosen value of key k (after keys_resolve). */
struct keyval *keys_kv(struct decl *k);

/* eval.c: the graph for the chosen keys into m->graph; evaluate false
 * keeps if/match as choice nodes.  False when errors were reported. */
bool eval_graph(struct program *p, struct model *m, bool evaluate);

/* order.c: m->graph's nodes in connect order, named; availability and
 * file checks; m->args.  False when errors were reported. */
bool order_graph(struct program *p, struct model *m);

/* lower.c: the model's signatures (with their prototypes), impls and
 * ctypes' headers for the emitters; missing sources.  False when errors
 * were reported. */
bool lower_program(struct program *p, struct model *m);
/* lower.c: runtime args for the model, each lowered once (eval.c lowers
 * the nodes' `args` fields as it builds them). */
struct marg *lower_arg(struct program *p, struct decl *d);
struct marg **lower_args(struct program *p, struct decl **d, size_t n);

/* check_boot.c: report the boot arguments `text` (--boot-args, or the
 * saved ones) that the program's runtime would refuse at boot. */
void check_boot_args(struct program *p, const struct model *m,
		     const char *text, bool saved);

#endif
