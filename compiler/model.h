/* SPDX-License-Identifier: MIT */
/*
 * model.h - the checked program as the emitters see it: the chosen keys,
 * the runtime args and the device graph (evaluated, or with its choices).
 *
 * Emitters (emit_*.c, codegen.c, query.c, context.c, ...) work only from
 * this, never from the AST: lowering (lower.c) turns what they need into
 * the types below.  The `struct decl` pointers left in it are for the
 * passes, which include ast.h; to the emitters, which cannot (ast.h
 * refuses MIRC_MODEL_ONLY, CMakeLists.txt), they are opaque.  Each emitter is
 * declared next to its file (emit_text.h, emit_json.h, emit_dot.h,
 * emit_mirc_h.h, emit_main_c.h, ...), all with one shape:
 * emit_X(FILE *out, struct arena *, ..., const struct model *) (codegen.h).
 */
#ifndef MIRC_MODEL_H
#define MIRC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
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

/* A runtime arg (lower.c, lower_arg): its declaration with the type and
 * the default spelled out, and what the generated program needs. */
struct marg {
	const struct decl *decl;	/* for the passes */
	const char *name;
	struct srcpos pos;	/* the declaration's name */
	const char *type;	/* as written: "opt ipv4", "enum { a, b }" */
	const char *ctype;	/* its C type (c-interface.md 4) */
	/* The type without opt or list: "ipv4_prefix", "enum" (with its
	 * values), "string". */
	const char *base;
	const char **enum_values;
	size_t nenum;
	bool opt, list;
	bool marked_required;	/* written `required` */
	/* Must be given at boot: declared so, or nothing else gives it a
	 * value (no default, and not an opt, a list or a flag). */
	bool required;
	/* The default as written, one value or (list) the items. */
	bool has_def;
	const struct value *def;
	size_t ndef;
	const char *doc;	/* or NULL */
	const char *section;	/* or NULL */
};

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

/* A C declaration of a prototype: its type as C spells it, stars to the
 * right ("const char *", "void"), and its name (NULL when unnamed). */
struct mcdecl {
	const char *type;
	const char *name;
};

/* An operation of a signature: ret.name is the operation's name. */
struct mop {
	struct mcdecl ret;
	struct mcdecl *params;	/* "(void)" and "()" give none */
	size_t nparams;
};

/* A signature as code generation needs it: parents first in model.sigs. */
struct msig {
	const char *name;
	struct mop *ops;	/* its own, in declaration order */
	size_t nops;
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
	struct decl *decl;		/* for the passes */
	const char *name;
	const char *doc;		/* the `doc` field, or NULL */
	const char *prefix;		/* C prefix: `prefix` or the name */
	struct msig *result;		/* NULL for jobs */
	bool is_job, connect, stateless;
	int embed_param;		/* index of the `embed` param, or -1 */
	/* Per parameter: its name, its type ("string", "int", "bool" or a
	 * signature) and, for a device parameter, the signature (NULL: a
	 * value parameter). */
	const char **param_names, **param_types;
	struct msig **param_sigs;
	size_t nparams;
	/* Paths relative to the project directory when inside it,
	 * absolute otherwise. */
	const char **headers, **sources;
	size_t nheaders, nsources;
	const char **packages, **cflags, **ldflags;
	size_t npackages, ncflags, nldflags;
	struct marg **runtime_args;
	size_t nruntime_args;
};

struct gnode {
	enum gnode_kind kind;
	const char *id;		/* unique, a C identifier: "time_posix_1" */
	size_t index;		/* position in graph.nodes */
	struct srcpos pos;	/* the application, or the impl for a bare name */

	/* GN_DEVICE */
	struct decl *impl;	/* DECL_IMPL or DECL_JOB; NULL for noop */
	const char *impl_name;	/* its name, "noop" for noop */
	const char *signature;	/* result signature, "job" for jobs */
	bool is_job;
	struct garg *args;
	size_t nargs;
	struct gnode **deps;	/* the `deps` field, evaluated */
	size_t ndeps;
	struct marg **runtime_args;	/* the `args` field */
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
struct decl;
struct vtype;

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
	/* The key `runtime` (the prelude's) chose the small runtime:
	 * configure passes -DMIRC_RUNTIME_SMALL to every object and
	 * main.c carries no --help listing (keys.c). */
	bool runtime_small;
	struct marg **args;		/* runtime args used by the graph, in
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
	/* The headers of the ctypes the signatures' prototypes use. */
	const char **ctype_headers;
	size_t nctypes;
	/* The target's Solo5 manifest devices, networks first, each in
	 * connect order (check_target). */
	struct solo5_dev *solo5;
	size_t nsolo5;
};

#endif
