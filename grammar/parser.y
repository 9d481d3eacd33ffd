/* SPDX-License-Identifier: MIT */
/*
 * parser.y - the grammar of .mir files (language.md, sections 2 and 3).
 *
 * A pure parser over the reentrant scanner of lexer.l.  Actions only call
 * the ast_* builders of ast.c, which also do the checks that need more than
 * one token of context (contextual words such as `from`, the tail of key and
 * arg declarations, C prototypes).  Every list rule is left-recursive, so the
 * parser stack only grows with real nesting, and bison's "memory exhausted"
 * (nesting deeper than YYMAXDEPTH) is reported as a `limit` diagnostic.
 *
 * Error recovery: an item that fails to parse is skipped up to its `;` (or
 * the `}` that closes it); inside signature and impl bodies a bad entry is
 * skipped up to its `;`, or up to the `}` that ends the body.
 */

%define api.pure full
%define api.prefix {mirc_yy}
%define api.token.prefix {TOK_}
%define api.location.type {struct srcpos}
%define parse.error detailed
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {struct parse_ctx *ctx}

%code requires {
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/*
 * State shared by the scanner (as its yyextra), the parser and the
 * builders: one per parsed file, on parse_file's stack.
 */
struct parse_ctx {
	struct arena *arena;
	struct diag_ctx *diag;
	struct srcfile *src;
	struct ast_file *file;
	int line, col;		/* scanner position of the next byte */
	size_t nitems;		/* items seen so far, for `require` */
	unsigned nerrors;	/* diagnostics reported for this file */
	bool gave_up;		/* too many errors: the rest is skipped */
};

/* A growable list of node pointers, for the left-recursive list rules. */
struct ast_list {
	void **items;
	size_t len, cap;
};

struct tok_str {		/* a decoded string literal */
	const char *s;
	size_t len;
};

struct tok_int {		/* an integer literal and its spelling */
	int64_t v;
	const char *text;
};

/* One piece of the tail of a `key`/`arg` declaration (after the ':'). */
enum ka_part_kind { KAP_WORD, KAP_STRING, KAP_ENUM, KAP_DEFAULT };

struct ka_part {
	enum ka_part_kind kind;
	struct srcpos pos;
	const char *word;		/* KAP_WORD */
	struct tok_str str;		/* KAP_STRING */
	struct ast_list *values;	/* KAP_ENUM: struct name_ref * */
	struct expr *def;		/* KAP_DEFAULT */
};

/* ---- reporting and builders (ast.c), the driver (lexer.l) ---- */

void parse_report(struct parse_ctx *ctx, enum check chk,
		  const struct srcpos *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void parse_run(struct parse_ctx *ctx);

struct ast_list *ast_list_new(struct parse_ctx *ctx, void *first);
struct ast_list *ast_list_push(struct parse_ctx *ctx, struct ast_list *l,
			       void *x);

void ast_require(struct parse_ctx *ctx, const char *what,
		 const struct srcpos *what_pos, struct ast_list *cons,
		 const struct srcpos *pos);
struct constraint *ast_constraint(struct parse_ctx *ctx, int op,
				  const char *version,
				  const struct srcpos *pos);
const char *ast_int_version(struct parse_ctx *ctx, const struct tok_int *t,
			    const struct srcpos *pos);
void ast_import(struct parse_ctx *ctx, const struct tok_str *path,
		const struct srcpos *path_pos, const struct srcpos *pos);
void ast_ctype(struct parse_ctx *ctx, const char *name,
	       const struct srcpos *name_pos, const char *from,
	       const struct srcpos *from_pos, const struct tok_str *header,
	       const struct srcpos *header_pos, const struct srcpos *pos);
struct name_ref *ast_name_ref(struct parse_ctx *ctx, const char *name,
			      const struct srcpos *pos);
void ast_signature(struct parse_ctx *ctx, const char *name,
		   const struct srcpos *name_pos, struct ast_list *parents,
		   struct ast_list *ops, const struct srcpos *pos);
struct ctok *ast_ctok(struct parse_ctx *ctx, const char *text,
		      const struct srcpos *pos);
struct cdecl *ast_cparam(struct parse_ctx *ctx, struct ast_list *words,
			 const struct srcpos *pos);
struct op *ast_op(struct parse_ctx *ctx, struct ast_list *words,
		  const struct srcpos *words_pos, struct ast_list *params,
		  const struct srcpos *pos);
struct param *ast_param(struct parse_ctx *ctx, const char *name,
			const struct srcpos *name_pos, const char *type,
			const struct srcpos *type_pos, struct expr *def,
			const struct srcpos *pos);
struct field *ast_field(struct parse_ctx *ctx, const char *name,
			const struct srcpos *name_pos, struct ast_list *values,
			const struct srcpos *pos);
void ast_impl(struct parse_ctx *ctx, enum decl_kind kind, const char *name,
	      const struct srcpos *name_pos, struct ast_list *params,
	      const char *result, const struct srcpos *result_pos,
	      struct ast_list *fields, const struct srcpos *pos);
struct ka_part *ast_ka_word(struct parse_ctx *ctx, const char *word,
			    const struct srcpos *pos);
struct ka_part *ast_ka_string(struct parse_ctx *ctx, const struct tok_str *s,
			      const struct srcpos *pos);
struct ka_part *ast_ka_enum(struct parse_ctx *ctx, struct ast_list *values,
			    const struct srcpos *pos);
struct ka_part *ast_ka_default(struct parse_ctx *ctx, struct expr *def,
			       const struct srcpos *pos);
void ast_keyarg(struct parse_ctx *ctx, enum decl_kind kind, const char *name,
		const struct srcpos *name_pos, struct ast_list *parts,
		const struct srcpos *pos);
void ast_let(struct parse_ctx *ctx, const char *name,
	     const struct srcpos *name_pos, struct ast_list *params,
	     const char *type,
	     const struct srcpos *type_pos, struct expr *value,
	     const struct srcpos *pos);
void ast_register(struct parse_ctx *ctx, const struct tok_str *name,
		  const struct srcpos *name_pos, struct ast_list *jobs,
		  const struct srcpos *pos);

struct expr *ast_name(struct parse_ctx *ctx, const char *name,
		      const struct srcpos *pos);
struct expr *ast_apply(struct parse_ctx *ctx, const char *fn,
		       const struct srcpos *fn_pos, struct ast_list *args,
		       const struct srcpos *pos);
struct call_arg *ast_call_arg(struct parse_ctx *ctx, const char *name,
			      const struct srcpos *name_pos,
			      struct expr *value);
struct expr *ast_string(struct parse_ctx *ctx, const struct tok_str *s,
			const struct srcpos *pos);
struct expr *ast_int(struct parse_ctx *ctx, const struct tok_int *t,
		     const struct srcpos *pos);
struct expr *ast_bool(struct parse_ctx *ctx, bool b,
		      const struct srcpos *pos);
struct expr *ast_noop(struct parse_ctx *ctx, const struct srcpos *pos);
struct expr *ast_listx(struct parse_ctx *ctx, struct ast_list *items,
		       const struct srcpos *pos);
struct expr *ast_if(struct parse_ctx *ctx, struct cond *c,
		    struct expr *then_e, struct expr *else_e,
		    const struct srcpos *pos);
struct expr *ast_match(struct parse_ctx *ctx, const char *key,
		       const struct srcpos *key_pos, struct ast_list *arms,
		       const struct srcpos *pos);
struct arm *ast_arm(struct parse_ctx *ctx, struct ast_list *pats,
		    const struct srcpos *pats_pos,
		    const struct srcpos *arrow_pos, struct expr *body);
struct pattern *ast_pattern(struct parse_ctx *ctx, enum pat_kind kind,
			    const char *name, const struct srcpos *pos);

struct cond *ast_cond_bin(struct parse_ctx *ctx, enum cond_kind kind,
			  struct cond *l, struct cond *r,
			  const struct srcpos *pos);
struct cond *ast_cond_not(struct parse_ctx *ctx, struct cond *c,
			  const struct srcpos *pos);
struct cond *ast_cond_paren(struct parse_ctx *ctx, struct cond *c,
			    const struct srcpos *pos);
struct cond *ast_cond_key(struct parse_ctx *ctx, const char *key,
			  const struct srcpos *pos);
struct pattern *ast_pattern_lit(struct parse_ctx *ctx, struct expr *lit);
struct cond *ast_cond_cmp(struct parse_ctx *ctx, int op, const char *key,
			  const struct srcpos *key_pos, struct expr *rhs,
			  const struct srcpos *pos);
struct cond *ast_cond_in(struct parse_ctx *ctx, const char *key,
			 const struct srcpos *key_pos, struct ast_list *values,
			 const struct srcpos *pos);
}

%code provides {
/* The scanner, generated by flex from lexer.l with the same prefix. */
#define YYSTYPE MIRC_YYSTYPE
#define YYLTYPE MIRC_YYLTYPE
int mirc_yylex(MIRC_YYSTYPE *lval, MIRC_YYLTYPE *lloc, yyscan_t scanner);
}

%code {
#include <string.h>

/*
 * The parser stack bounds the nesting of the input, hence the depth of the
 * tree that later passes walk recursively: keep it well within a C stack.
 */
#define YYMAXDEPTH 2000

/* Like bison's default, but the location also carries its file. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)					\
	do {								\
		if (N) {						\
			(Cur).first_line = YYRHSLOC(Rhs, 1).first_line;	\
			(Cur).first_column = YYRHSLOC(Rhs, 1).first_column; \
			(Cur).last_line = YYRHSLOC(Rhs, N).last_line;	\
			(Cur).last_column = YYRHSLOC(Rhs, N).last_column; \
			(Cur).file = YYRHSLOC(Rhs, 1).file;		\
		} else {						\
			(Cur).first_line = (Cur).last_line =		\
				YYRHSLOC(Rhs, 0).last_line;		\
			(Cur).first_column = (Cur).last_column =	\
				YYRHSLOC(Rhs, 0).last_column;		\
			(Cur).file = YYRHSLOC(Rhs, 0).file;		\
		}							\
	} while (0)

static void mirc_yyerror(const struct srcpos *loc, yyscan_t scanner,
			 struct parse_ctx *ctx, const char *msg);
}

%initial-action {
	@$.first_line = @$.last_line = 1;
	@$.first_column = @$.last_column = 1;
	@$.file = ctx->src;
}

%union {
	const char *id;
	struct tok_str str;
	struct tok_int num;
	int ival;
	struct ast_list *list;
	struct expr *expr;
	struct cond *cond;
	struct ctok *ctok;
	struct op *op;
	struct param *param;
	struct field *field;
	struct ka_part *kapart;
	struct call_arg *carg;
	struct arm *arm;
	struct pattern *pat;
	struct constraint *cons;
	struct name_ref *nref;
}

%token <id> IDENT "identifier"
%token <str> STRING "string"
%token <num> INT "integer"
%token <id> VERSION "version number"

/* Keywords carry their spelling: inside C prototypes they are plain words. */
%token <id> REQUIRE "'require'" IMPORT "'import'" CTYPE "'ctype'"
%token <id> SIGNATURE "'signature'" EXTENDS "'extends'" IMPL "'impl'"
%token <id> JOB "'job'" KEY "'key'" ARG "'arg'" LET "'let'"
%token <id> REGISTER "'register'" MATCH "'match'" IF "'if'" THEN "'then'"
%token <id> ELSE "'else'" IN "'in'" NOOP "'noop'" TRUE "'true'"
%token <id> FALSE "'false'"

%token ARROW "'=>'" OROR "'||'" ANDAND "'&&'" EQEQ "'=='" NEQ "'!='"
%token LE "'<='" GE "'>='"

%type <id> version keyword type_name
%type <ival> relop
%type <list> constraints parents name_list ops cwords cparams cparam_list
%type <list> impl_params params body fields ka_parts enum_values
%type <list> exprs exprs_opt cargs cargs_opt arms pats in_values
%type <cons> constraint
%type <op> op
%type <ctok> cword
%type <param> param
%type <field> field
%type <kapart> ka_part
%type <expr> expr literal
%type <carg> carg
%type <arm> arm
%type <pat> pat
%type <cond> cond and_cond not_cond cond_atom
%type <nref> name

%%

file
	: items
	;

items
	: %empty
	| items item			{ ctx->nitems++; }
	;

item
	: REQUIRE IDENT constraints ';'
		{ ast_require(ctx, $2, &@2, $3, &@$); }
	| IMPORT STRING ';'
		{ ast_import(ctx, &$2, &@2, &@$); }
	| CTYPE IDENT IDENT STRING ';'
		{ ast_ctype(ctx, $2, &@2, $3, &@3, &$4, &@4, &@$); }
	| SIGNATURE IDENT parents '{' ops '}'
		{ ast_signature(ctx, $2, &@2, $3, $5, &@$); }
	| SIGNATURE IDENT parents '{' ops error '}'
		{ ast_signature(ctx, $2, &@2, $3, $5, &@$); }
	| IMPL IDENT impl_params ':' IDENT body
		{ ast_impl(ctx, DECL_IMPL, $2, &@2, $3, $5, &@5, $6, &@$); }
	| JOB IDENT impl_params body
		{ ast_impl(ctx, DECL_JOB, $2, &@2, $3, "job", &@1, $4, &@$); }
	| KEY IDENT ':' ka_parts ';'
		{ ast_keyarg(ctx, DECL_KEY, $2, &@2, $4, &@$); }
	| ARG IDENT ':' ka_parts ';'
		{ ast_keyarg(ctx, DECL_ARG, $2, &@2, $4, &@$); }
	| LET IDENT impl_params '=' expr ';'
		{ ast_let(ctx, $2, &@2, $3, NULL, NULL, $5, &@$); }
	| LET IDENT impl_params ':' type_name '=' expr ';'
		{ ast_let(ctx, $2, &@2, $3, $5, &@5, $7, &@$); }
	| REGISTER STRING '[' exprs_opt ']' ';'
		{ ast_register(ctx, &$2, &@2, $4, &@$); }
	| error ';'
	| error '}'
	;

/* ---- require ---- */

constraints
	: constraint			{ $$ = ast_list_new(ctx, $1); }
	| constraints '&' constraint	{ $$ = ast_list_push(ctx, $1, $3); }
	;

constraint
	: relop version			{ $$ = ast_constraint(ctx, $1, $2, &@$); }
	;

/* Also the operator of a key comparison in a condition. */
relop
	: EQEQ	{ $$ = VOP_EQ; }
	| NEQ	{ $$ = VOP_NE; }
	| '<'	{ $$ = VOP_LT; }
	| LE	{ $$ = VOP_LE; }
	| '>'	{ $$ = VOP_GT; }
	| GE	{ $$ = VOP_GE; }
	;

version
	: VERSION
	| INT				{ $$ = ast_int_version(ctx, &$1, &@1); }
	;

/* ---- signatures and C prototypes ---- */

parents
	: %empty			{ $$ = ast_list_new(ctx, NULL); }
	| EXTENDS name_list		{ $$ = $2; }
	;

name_list
	: name				{ $$ = ast_list_new(ctx, $1); }
	| name_list ',' name		{ $$ = ast_list_push(ctx, $1, $3); }
	;

name
	: IDENT				{ $$ = ast_name_ref(ctx, $1, &@1); }
	;

ops
	: %empty			{ $$ = ast_list_new(ctx, NULL); }
	| ops op			{ $$ = ast_list_push(ctx, $1, $2); }
	| ops error ';'			{ $$ = $1; }
	;

op
	: cwords '(' cparams ')' ';'	{ $$ = ast_op(ctx, $1, &@1, $3, &@$); }
	;

cwords
	: cword				{ $$ = ast_list_new(ctx, $1); }
	| cwords cword			{ $$ = ast_list_push(ctx, $1, $2); }
	;

cword
	: IDENT				{ $$ = ast_ctok(ctx, $1, &@1); }
	| keyword			{ $$ = ast_ctok(ctx, $1, &@1); }
	| '*'				{ $$ = ast_ctok(ctx, "*", &@1); }
	;

keyword
	: REQUIRE | IMPORT | CTYPE | SIGNATURE | EXTENDS | IMPL | JOB | KEY
	| ARG | LET | REGISTER | MATCH | IF | THEN | ELSE | IN | NOOP | TRUE
	| FALSE
	;

cparams
	: %empty			{ $$ = ast_list_new(ctx, NULL); }
	| cparam_list
	;

cparam_list
	: cwords
		{ $$ = ast_list_new(ctx, ast_cparam(ctx, $1, &@1)); }
	| cparam_list ',' cwords
		{ $$ = ast_list_push(ctx, $1, ast_cparam(ctx, $3, &@3)); }
	;

/* ---- impls and jobs ---- */

impl_params
	: %empty			{ $$ = NULL; }
	| '(' ')'			{ $$ = ast_list_new(ctx, NULL); }
	| '(' params ')'		{ $$ = $2; }
	;

params
	: param				{ $$ = ast_list_new(ctx, $1); }
	| params ',' param		{ $$ = ast_list_push(ctx, $1, $3); }
	;

param
	: IDENT ':' type_name
		{ $$ = ast_param(ctx, $1, &@1, $3, &@3, NULL, &@$); }
	| IDENT ':' type_name '=' expr
		{ $$ = ast_param(ctx, $1, &@1, $3, &@3, $5, &@$); }
	;

body
	: '{' fields '}'		{ $$ = $2; }
	| '{' fields error '}'		{ $$ = $2; }
	;

fields
	: %empty			{ $$ = ast_list_new(ctx, NULL); }
	| fields field			{ $$ = ast_list_push(ctx, $1, $2); }
	| fields error ';'		{ $$ = $1; }
	;

field
	: IDENT ';'		{ $$ = ast_field(ctx, $1, &@1, NULL, &@$); }
	| IDENT exprs ';'	{ $$ = ast_field(ctx, $1, &@1, $2, &@$); }
	;

/* ---- keys and runtime args: a flat tail, interpreted by ast_keyarg ---- */

ka_parts
	: ka_part			{ $$ = ast_list_new(ctx, $1); }
	| ka_parts ka_part		{ $$ = ast_list_push(ctx, $1, $2); }
	;

ka_part
	: IDENT				{ $$ = ast_ka_word(ctx, $1, &@1); }
	| STRING			{ $$ = ast_ka_string(ctx, &$1, &@1); }
	| '{' '}'			{ $$ = ast_ka_enum(ctx, NULL, &@$); }
	| '{' enum_values '}'		{ $$ = ast_ka_enum(ctx, $2, &@$); }
	| '{' enum_values ',' '}'	{ $$ = ast_ka_enum(ctx, $2, &@$); }
	| '=' expr			{ $$ = ast_ka_default(ctx, $2, &@$); }
	;

enum_values
	: name				{ $$ = ast_list_new(ctx, $1); }
	| enum_values ',' name		{ $$ = ast_list_push(ctx, $1, $3); }
	;

/* A signature name; `job` is the built-in one and also a keyword. */
type_name
	: IDENT
	| JOB
	;

/* ---- expressions ---- */

expr
	: IF cond THEN expr ELSE expr
		{ $$ = ast_if(ctx, $2, $4, $6, &@$); }
	| MATCH IDENT '{' arms '}'
		{ $$ = ast_match(ctx, $2, &@2, $4, &@$); }
	| MATCH IDENT '{' arms ',' '}'
		{ $$ = ast_match(ctx, $2, &@2, $4, &@$); }
	| IDENT '(' cargs_opt ')'
		{ $$ = ast_apply(ctx, $1, &@1, $3, &@$); }
	| IDENT				{ $$ = ast_name(ctx, $1, &@1); }
	| literal
	| TRUE				{ $$ = ast_bool(ctx, true, &@1); }
	| FALSE				{ $$ = ast_bool(ctx, false, &@1); }
	| NOOP				{ $$ = ast_noop(ctx, &@1); }
	| '[' exprs_opt ']'		{ $$ = ast_listx(ctx, $2, &@$); }
	;

exprs_opt
	: %empty			{ $$ = ast_list_new(ctx, NULL); }
	| exprs
	| exprs ','
	;

exprs
	: expr				{ $$ = ast_list_new(ctx, $1); }
	| exprs ',' expr		{ $$ = ast_list_push(ctx, $1, $3); }
	;

cargs_opt
	: %empty			{ $$ = ast_list_new(ctx, NULL); }
	| cargs
	| cargs ','
	;

cargs
	: carg				{ $$ = ast_list_new(ctx, $1); }
	| cargs ',' carg		{ $$ = ast_list_push(ctx, $1, $3); }
	;

carg
	: expr				{ $$ = ast_call_arg(ctx, NULL, NULL, $1); }
	| IDENT '=' expr		{ $$ = ast_call_arg(ctx, $1, &@1, $3); }
	;

arms
	: arm				{ $$ = ast_list_new(ctx, $1); }
	| arms ',' arm			{ $$ = ast_list_push(ctx, $1, $3); }
	;

arm
	: pats ARROW expr		{ $$ = ast_arm(ctx, $1, &@1, &@2, $3); }
	;

pats
	: pat				{ $$ = ast_list_new(ctx, $1); }
	| pats '|' pat			{ $$ = ast_list_push(ctx, $1, $3); }
	;

pat
	: IDENT		{ $$ = ast_pattern(ctx, PAT_NAME, $1, &@1); }
	| TRUE		{ $$ = ast_pattern(ctx, PAT_TRUE, NULL, &@1); }
	| FALSE		{ $$ = ast_pattern(ctx, PAT_FALSE, NULL, &@1); }
	| literal	{ $$ = ast_pattern_lit(ctx, $1); }
	;

literal
	: INT				{ $$ = ast_int(ctx, &$1, &@1); }
	| STRING			{ $$ = ast_string(ctx, &$1, &@1); }
	;

/* Conditions, by precedence: || below && below !. */
cond
	: and_cond
	| cond OROR and_cond
		{ $$ = ast_cond_bin(ctx, COND_OR, $1, $3, &@$); }
	;

and_cond
	: not_cond
	| and_cond ANDAND not_cond
		{ $$ = ast_cond_bin(ctx, COND_AND, $1, $3, &@$); }
	;

not_cond
	: cond_atom
	| '!' not_cond			{ $$ = ast_cond_not(ctx, $2, &@$); }
	;

cond_atom
	: '(' cond ')'			{ $$ = ast_cond_paren(ctx, $2, &@$); }
	| IDENT				{ $$ = ast_cond_key(ctx, $1, &@$); }
	| IDENT relop IDENT
		{ $$ = ast_cond_cmp(ctx, $2, $1, &@1, ast_name(ctx, $3, &@3),
				    &@$); }
	| IDENT relop literal
		{ $$ = ast_cond_cmp(ctx, $2, $1, &@1, $3, &@$); }
	| IDENT IN '[' in_values ']'
		{ $$ = ast_cond_in(ctx, $1, &@1, $4, &@$); }
	| IDENT IN '[' in_values ',' ']'
		{ $$ = ast_cond_in(ctx, $1, &@1, $4, &@$); }
	;

in_values
	: name				{ $$ = ast_list_new(ctx, $1); }
	| in_values ',' name		{ $$ = ast_list_push(ctx, $1, $3); }
	;

%%

/*
 * Bison's own messages.  "memory exhausted" means the parser stack passed
 * YYMAXDEPTH: the input is nested too deeply, which is a limit of ours, not
 * a syntax error of the user's.
 */
static void mirc_yyerror(const struct srcpos *loc, yyscan_t scanner,
			 struct parse_ctx *ctx, const char *msg)
{
	(void)scanner;
	if (strcmp(msg, "memory exhausted") == 0)
		parse_report(ctx, CHK_LIMIT, loc, "input nested too deeply");
	else
		parse_report(ctx, CHK_SYNTAX, loc, "%s", msg);
}
