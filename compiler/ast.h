/* SPDX-License-Identifier: MIT */
/*
 * ast.h - the syntax tree of a .mir file, as built by the parser.
 *
 * Grammar actions only build these nodes (through the ast_* builders in
 * ast.c); names are resolved and types checked by later passes, which keep
 * their results in the `sema` pointers.  All nodes live in the compilation's
 * arena.
 */
#ifndef MIRC_AST_H
#define MIRC_AST_H

/* The emitters (CMakeLists.txt's MIRC_MODEL_ONLY_SOURCES) read the model,
 * which lowering (lower.c) builds from this tree; they never read it. */
#ifdef MIRC_MODEL_ONLY
#error "an emitter includes ast.h: it must work from model.h only"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

/* ---- expressions --------------------------------------------------- */

enum expr_kind {
	EXPR_NAME,		/* IDENT */
	EXPR_APPLY,		/* IDENT "(" args ")" */
	EXPR_STRING,
	EXPR_INT,
	EXPR_BOOL,		/* true, false */
	EXPR_NOOP,		/* noop */
	EXPR_LIST,		/* [ e, ... ] */
	EXPR_IF,
	EXPR_MATCH,
};

struct call_arg {
	const char *name;	/* NULL for a positional argument */
	struct srcpos name_pos;
	struct expr *value;
};

enum cond_kind {
	COND_OR, COND_AND, COND_NOT,
	COND_KEY,		/* IDENT: a bool key */
	/* IDENT op value, value an enum value (IDENT), INT or STRING; in
	 * the order of enum version_op, which the grammar's relop yields. */
	COND_EQ, COND_NE, COND_LT, COND_LE, COND_GT, COND_GE,
	COND_IN,		/* IDENT in [ IDENT, ... ] */
};

struct cond {
	enum cond_kind kind;
	struct srcpos pos;
	struct cond *l, *r;	/* OR, AND (l, r), NOT (l) */
	const char *key;	/* KEY, EQ, NE, IN */
	struct srcpos key_pos;
	const char **values;	/* an enum value compared (one), IN (several) */
	struct srcpos *value_pos;
	size_t nvalues;
	struct expr *rhs;	/* EQ ... GE: EXPR_NAME, EXPR_INT, EXPR_STRING */
};

enum pat_kind { PAT_NAME, PAT_TRUE, PAT_FALSE, PAT_WILD, PAT_INT, PAT_STRING };

struct pattern {
	enum pat_kind kind;
	const char *name;	/* PAT_NAME */
	struct expr *lit;	/* PAT_INT, PAT_STRING: the literal */
	struct srcpos pos;
};

struct arm {
	struct pattern *pats;
	size_t npats;
	struct expr *body;
	struct srcpos pos;	/* the patterns up to "=>" */
};

struct expr {
	enum expr_kind kind;
	struct srcpos pos;	/* the whole expression */
	union {
		struct {		/* EXPR_NAME */
			const char *name;
			/* The global declaration of the name (or NULL),
			 * once looked up: resolve_name(). */
			struct decl *global;
			bool looked_up;
		} name;
		struct {		/* EXPR_APPLY */
			const char *fn;
			struct srcpos fn_pos;
			struct call_arg *args;
			size_t nargs;
		} apply;
		struct {		/* EXPR_STRING: decoded, may hold NULs */
			const char *s;
			size_t len;
		} str;
		int64_t ival;		/* EXPR_INT */
		bool bval;		/* EXPR_BOOL */
		struct {		/* EXPR_LIST */
			struct expr **items;
			size_t n;
		} list;
		struct {		/* EXPR_IF */
			struct cond *cond;
			struct expr *then_e, *else_e;
		} ifx;
		struct {		/* EXPR_MATCH */
			const char *key;
			struct srcpos key_pos;
			struct arm *arms;
			size_t narms;
		} match;
	} u;
	void *sema;		/* filled by the checker */
};

/* ---- C prototypes inside signatures ---------------------------------- */

/* One token of a C declaration: a word (int, const, struct, a ctype) or "*". */
struct ctok {
	const char *text;
	struct srcpos pos;
};

struct cdecl {			/* a C type followed by a name */
	struct ctok *toks;	/* the type, name excluded */
	size_t ntoks;
	const char *name;
	struct srcpos name_pos;
	struct srcpos pos;
};

struct op {
	struct cdecl ret;	/* return type and operation name */
	struct cdecl *params;	/* "(void)" and "()" give none */
	size_t nparams;
	struct srcpos pos;
};

/* ---- declarations ---------------------------------------------------- */

enum decl_kind {
	DECL_SIGNATURE,
	DECL_IMPL,
	DECL_JOB,
	DECL_KEY,
	DECL_ARG,
	DECL_LET,
	DECL_CTYPE,
};

struct name_ref {		/* a bare name in a list (extends, ...) */
	const char *name;
	struct srcpos pos;
};

struct sig_decl {
	struct name_ref *parents;
	size_t nparents;
	struct op *ops;
	size_t nops;
};

struct param {
	const char *name;
	struct srcpos name_pos;
	const char *type;	/* a signature, or string/int/bool */
	struct srcpos type_pos;
	struct expr *def;	/* default, or NULL */
	struct srcpos pos;
};

/* A body field: `name v1, v2;`.  Values are expressions (names, strings). */
struct field {
	const char *name;
	struct srcpos name_pos;
	struct expr **values;
	size_t nvalues;
	struct srcpos pos;
};

struct impl_decl {		/* impls and jobs */
	bool has_parens;	/* declared as name(...) */
	struct param *params;
	size_t nparams;
	const char *result;	/* the signature; "job" for jobs */
	struct srcpos result_pos;
	struct field *fields;
	size_t nfields;
};

/* Types of keys and runtime args (language.md 2.5, 2.6). */
enum vtype_kind {
	VT_BOOL, VT_INT, VT_STRING, VT_ENUM,
	VT_DURATION, VT_IPV4, VT_IPV4_PREFIX, VT_IPV6, VT_IPV6_PREFIX, VT_IP,
	VT_OPT, VT_LIST,
};

struct vtype {
	enum vtype_kind kind;
	struct vtype *elem;		/* VT_OPT, VT_LIST */
	const char **enum_values;	/* VT_ENUM */
	struct srcpos *enum_pos;
	size_t nenum;
	struct srcpos pos;
};

struct keyarg_decl {		/* keys and runtime args */
	struct vtype *type;
	struct expr *def;	/* default, or NULL */
	const char *doc;	/* or NULL */
	const char *section;	/* args only, or NULL */
	bool required;		/* args only */
	/* keys only: a value other than the default lowers the program's
	 * security, so a saved one never silently follows the project to
	 * another target (eval.c, read_context) */
	bool insecure;
};

struct let_decl {
	bool has_params;	/* declared as name(...): applied like a functor */
	struct param *params;	/* value or device parameters, local to value */
	size_t nparams;
	const char *type;	/* optional annotation (a signature), or NULL */
	struct srcpos type_pos;
	struct expr *value;
};

struct ctype_decl {
	const char *header;
	struct srcpos header_pos;
};

struct decl {
	enum decl_kind kind;
	const char *name;
	struct srcpos name_pos;
	struct srcpos pos;	/* the whole item */
	struct srcfile *file;
	union {
		struct sig_decl sig;
		struct impl_decl impl;	/* DECL_IMPL and DECL_JOB */
		struct keyarg_decl ka;	/* DECL_KEY and DECL_ARG */
		struct let_decl let;
		struct ctype_decl ctype;
	} u;
	void *sema;		/* filled by the checker */
};

/* ---- file-level items ------------------------------------------------- */

enum version_op { VOP_EQ, VOP_NE, VOP_LT, VOP_LE, VOP_GT, VOP_GE };

struct constraint {
	enum version_op op;
	const char *version;	/* "N(.N)*" */
	struct srcpos pos;
};

struct require {
	const char *what;	/* must be "mirc" */
	struct srcpos what_pos;
	struct constraint *cons;
	size_t ncons;
	struct srcpos pos;
};

struct import {
	const char *path;	/* as written */
	struct srcpos pos;
	struct srcfile *file;	/* set by the loader */
	bool used;		/* set by the checker */
};

struct register_item {
	const char *name;
	struct srcpos name_pos;
	struct expr **jobs;
	size_t njobs;
	struct srcpos pos;
};

struct ast_file {
	struct srcfile *src;
	struct require *req;	/* or NULL */
	VEC(struct import *) imports;
	VEC(struct decl *) decls;
	VEC(struct register_item *) registers;
	VEC(const char *) broken;	/* names of declarations that did
					 * not parse (ast_broken) */
	bool incomplete;	/* some of the file was not parsed at all */
};

/* ---- parser entry point and builders ---------------------------------- */

/*
 * Parse one file.  Syntax errors are reported to `diag` (check `syntax`)
 * with recovery; the returned tree holds whatever could be parsed.
 */
struct ast_file *parse_file(struct arena *a, struct diag_ctx *diag,
			    struct srcfile *src);

/* ast.c: the name of a key or arg type's kind ("bool", "ipv4_prefix",
 * "list"), and the text of a whole type ("opt ipv4", "enum { a, b }"). */
const char *ast_vtype_name(enum vtype_kind k);
const char *ast_vtype_text(struct arena *a, const struct vtype *t);

/*
 * ast_copy.c: a copy of a top-level item into arena `a`, its positions in
 * `file` and `dline` lines further down, the checker's results cleared.
 */
struct ast_copy {
	struct arena *a;
	struct srcfile *file;
	int dline;
};

struct decl *ast_copy_decl(const struct ast_copy *c, const struct decl *d);
struct import *ast_copy_import(const struct ast_copy *c,
			       const struct import *im);
struct register_item *ast_copy_register(const struct ast_copy *c,
					const struct register_item *r);
struct require *ast_copy_require(const struct ast_copy *c,
				 const struct require *r);

#endif
