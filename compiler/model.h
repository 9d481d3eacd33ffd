/* SPDX-License-Identifier: MIT */
/*
 * model.h - the checked program as the emitters see it: the chosen keys,
 * the runtime args and the device graph (evaluated, or with its choices).
 *
 * Emitters (emit_*.c, query.c) work only from this, never from the AST;
 * the `decl` pointers are there for names, docs and source locations.
 * Each emitter is declared next to its file (emit_text.h, emit_json.h,
 * emit_dot.h; codegen.h for the generated files), all with one shape:
 * emit_X(FILE *out, struct arena *, const struct model *).
 */
#ifndef MIRC_MODEL_H
#define MIRC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ast.h"
#include "util.h"

/* A configure-time value: a key's value or a functor's value argument. */
enum value_kind { VAL_BOOL, VAL_INT, VAL_STRING, VAL_ENUM };

struct value {
	enum value_kind kind;
	bool b;
	int64_t i;
	const char *s;		/* VAL_STRING (len bytes), VAL_ENUM (the name) */
	size_t len;
	int enum_index;		/* VAL_ENUM */
};

struct keyval {
	struct decl *key;	/* NULL for the built-in `target` key */
	const char *name;	/* "target" or the key's name */
	const char *type;	/* "bool", "int", "string" or "enum" */
	const char **enum_values;	/* enum keys: every value, in order */
	size_t nenum;
	struct value value;
	bool is_default;	/* not set on the command line nor the context */
	const char *doc;	/* or NULL */
};

enum gnode_kind { GN_DEVICE, GN_CHOICE };

struct gnode;

/* One argument of an application, in the callee's parameter order. */
struct garg {
	const char *param;
	struct gnode *node;	/* device argument (a choice when not evaluated) */
	const struct value *value;	/* value argument */
};

struct gbranch {
	const char **values;	/* the key values (or "true"/"false") it covers */
	size_t nvalues;
	struct gnode *node;
};

/* A signature as code generation needs it: parents first in model.sigs. */
struct msig {
	struct decl *decl;
	struct msig **parents;
	size_t nparents;
	/* The type of a device parameter of an impl or a job: user code
	 * holds handles of it, so mirc.h gives it helpers for inherited
	 * operations and upcasts to every ancestor, not only its own
	 * operations and its parents. */
	bool handle;
};

/* An impl or job of the evaluated graph, with its fields resolved. */
struct mimpl {
	struct decl *decl;
	const char *prefix;		/* C prefix: `prefix` or the name */
	struct msig *result;		/* NULL for jobs */
	bool is_job, connect, stateless;
	int embed_param;		/* index of the `embed` param, or -1 */
	struct msig **param_sigs;	/* per parameter; NULL: a value param */
	/* Paths relative to the project directory when inside it,
	 * absolute otherwise. */
	const char **headers, **sources;
	size_t nheaders, nsources;
	const char **packages, **cflags, **ldflags;
	size_t npackages, ncflags, nldflags;
	struct decl **runtime_args;
	size_t nruntime_args;
};

struct gnode {
	enum gnode_kind kind;
	const char *id;		/* unique, a C identifier: "time_posix_1" */
	size_t index;		/* position in graph.nodes */
	struct srcpos pos;	/* the application, or the impl for a bare name */

	/* GN_DEVICE */
	struct decl *impl;	/* DECL_IMPL or DECL_JOB; NULL for noop */
	const char *signature;	/* result signature, "job" for jobs */
	bool is_job;
	struct garg *args;
	size_t nargs;
	struct gnode **deps;	/* the `deps` field, evaluated */
	size_t ndeps;
	struct decl **runtime_args;	/* the `args` field: DECL_ARG decls */
	size_t nruntime_args;
	struct mimpl *mi;		/* evaluated graphs: code generation */

	/* GN_CHOICE (only in a graph that is not evaluated) */
	const char *key;	/* the match subject, or NULL for an `if` */
	const char *label;	/* "match net" or the if condition as text */
	struct gbranch *branches;
	size_t nbranches;
	struct gnode *default_node;	/* branch taken with the current keys */
};

struct graph {
	bool evaluated;
	/* Evaluated: device instances in connect order.
	 * Not evaluated: devices and choices in a deterministic
	 * depth-first order from the registered jobs. */
	VEC(struct gnode *) nodes;
	VEC(struct gnode *) jobs;	/* the registered jobs, in order */
};

struct backend;

/* A device of a Solo5-family manifest (cli.md): its name and type. */
struct solo5_dev {
	const char *name;
	const char *type;	/* "NET_BASIC" or "BLOCK_BASIC" */
	const struct gnode *node;
};

struct model {
	const char *name;		/* the register name */
	const char *root_file;		/* path of the root file as given */
	const char *target;		/* the chosen target */
	const struct backend *backend;
	struct keyval *keys;		/* `target` first, then by declaration */
	size_t nkeys;
	struct decl **args;		/* runtime args used by the graph, in
					 * connect order of first use */
	size_t nargs;
	struct graph *graph;
	/* Evaluated graphs only: what code generation needs. */
	const char *project_dir;	/* the root file's directory */
	const char *home;		/* MIRC_HOME */
	const char *lwip;		/* the lwIP tree when a source is an
					 * "@lwip/" path (lwip.h), else NULL */
	struct msig **sigs;		/* every signature, parents first */
	size_t nsigs;
	struct mimpl **impls;		/* used impls and jobs, first use */
	size_t nimpls;
	struct decl **ctypes;		/* ctypes the signatures' prototypes use */
	size_t nctypes;
	/* The target's Solo5 manifest devices, networks first, each in
	 * connect order (check_target). */
	struct solo5_dev *solo5;
	size_t nsolo5;
};

/* Text of a value as the user would write it (strings unquoted). */
const char *value_text(struct arena *a, const struct value *v);
/* Text of a key or arg type: "bool", "opt ipv4", "enum { a, b }". */
const char *vtype_text(struct arena *a, const struct vtype *t);
/* The name of a key or arg type's kind: "bool", "ipv4_prefix", "list". */
const char *vt_base_name(enum vtype_kind k);
/* "file:line:col" of a position, or "" when it has none. */
const char *srcpos_text(struct arena *a, const struct srcpos *p);

#endif
