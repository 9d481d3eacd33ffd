/* SPDX-License-Identifier: MIT */
/*
 * gen.c - mirc-bench-gen: write a synthetic, valid .mir program of about N
 * device instances, for the benchmark (bench/run.sh).
 *
 *	mirc-bench-gen [-s SEED] [-l CHAIN_LEN] N [OUT]
 *
 * The program exercises what makes the front end work: signatures with
 * (multiple) `extends`, leaf impls, functors of 1-3 parameters with device
 * and value parameters and defaults, long chains `let cI_K = f(cI_{K-1})`,
 * applications that are equal and must be merged by sharing, `match` and
 * `if` on keys, annotated lets, runtime args, and several jobs whose
 * applications reach every device.  Every definition comes before its uses.
 *
 * The output depends only on N, the seed and the chain length.  The generator
 * also counts the device instances the evaluated graph must have with the
 * default keys, and writes that count in the file's last comment (and on
 * stderr), so a run can cross-check the sharing of the compiler.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deterministic random numbers (splitmix64) --------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned rng_below(unsigned n)
{
	return (unsigned)(rng_next() % n);
}

/* ---- what the evaluated graph will hold ---------------------------- */

/*
 * Devices that are created once however often they are applied: the leaf
 * impls and the timer applications.  Counting them on first use gives the
 * exact number of instances sharing must leave.
 */
enum shared_dev {
	SH_A0, SH_A1, SH_A2, SH_A3, SH_AB,
	SH_CLOCK, SH_DCLOCK, SH_LOG, SH_ROOT,
	SH_TIMER_ON,		/* bf_timer(bleaf_clock[, true|bflag]) */
	SH_TIMER_OFF,		/* bf_timer(bleaf_dclock, false) */
	SH_COUNT
};

static bool shared_used[SH_COUNT];
static unsigned long chain_devices;	/* new instance per let, or two */
static unsigned long job_devices;

static void use(enum shared_dev d)
{
	shared_used[d] = true;
}

static unsigned long shared_count(void)
{
	unsigned long n = 0;

	for (int i = 0; i < SH_COUNT; i++)
		n += shared_used[i];
	return n;
}

/* ---- the fixed part of the program --------------------------------- */

static void emit_prologue(FILE *out)
{
	fputs("ctype bench_cb from \"bench/cb.h\";\n\n"
	      "/* Signatures: a small lattice with multiple inheritance. */\n"
	      "signature BSIG_ROOT {\n"
	      "\tint broot_ping(int x);\n"
	      "\tvoid broot_close(void);\n"
	      "}\n"
	      "signature BSIG_A extends BSIG_ROOT {\n"
	      "\tssize_t bsig_a_read(const char *key, void *buf, size_t len);\n"
	      "\tint bsig_a_size(const char *key, uint64_t *size);\n"
	      "}\n"
	      "signature BSIG_B extends BSIG_ROOT {\n"
	      "\tint bsig_b_log(const volatile char *msg, long level);\n"
	      "}\n"
	      "signature BSIG_C {\n"
	      "\tvoid bsig_c_sleep_ns(uint64_t ns, bench_cb done, void *arg);\n"
	      "\tunsigned long long bsig_c_now();\n"
	      "}\n"
	      "signature BSIG_D extends BSIG_C {\n"
	      "\t_Bool bsig_d_armed(const void *timer);\n"
	      "}\n"
	      "signature BSIG_AB extends BSIG_A, BSIG_C {\n"
	      "\tint bsig_ab_sync(void);\n"
	      "}\n\n",
	      out);

	fputs("key bmode : enum { fast, slow, safe } = fast"
	      "  doc \"Which variant of the chains to build.\";\n"
	      "key bflag : bool = true;\n"
	      "key bwidth : int = 3  doc \"A configure-time integer.\";\n"
	      "key bname : string = \"bench\";\n\n",
	      out);

	fputs("arg b_port : int = 8080  doc \"TCP port.\""
	      "  section \"BENCH OPTIONS\";\n"
	      "arg b_hello : string = \"Hello \\\"bench\\\"\\n\";\n"
	      "arg b_timeout : duration = \"250ms\";\n"
	      "arg b_addr : ipv4_prefix = \"10.0.0.2/24\";\n"
	      "arg b_gw : opt ipv4;\n"
	      "arg b_peers : list ip = [];\n"
	      "arg b_v6 : opt ipv6_prefix;\n"
	      "arg b_verbose : bool = false;\n"
	      "arg b_level : enum { low, high } = low;\n"
	      "arg b_token : string required;\n\n",
	      out);

	fputs("/* Leaves: impls without parameters are devices themselves. */\n"
	      "impl bleaf_a0 : BSIG_A { connect; doc \"leaf a0\"; }\n"
	      "impl bleaf_a1 : BSIG_A { connect; }\n"
	      "impl bleaf_a2 : BSIG_A { prefix \"bench_a2\"; }\n"
	      "impl bleaf_a3 : BSIG_A { connect; targets unix; }\n"
	      "impl bleaf_ab : BSIG_AB { connect; args b_addr; }\n"
	      "impl bleaf_clock : BSIG_C { connect; }\n"
	      "impl bleaf_dclock : BSIG_D { connect; args b_gw; }\n"
	      "impl bleaf_log : BSIG_B { connect; args b_peers, b_v6; }\n"
	      "impl bleaf_root : BSIG_ROOT { }\n\n",
	      out);

	fputs("/* Functors: 1-3 parameters, device and value ones. */\n"
	      "impl bf_wrap(x: BSIG_A) : BSIG_A { connect; }\n"
	      "impl bf_widen(x: BSIG_A, n: int = 1) : BSIG_AB {\n"
	      "\tconnect;\n\targs b_port;\n\tdoc \"widen\";\n}\n"
	      "impl bf_tick(x: BSIG_ROOT, clock: BSIG_C = bleaf_clock)"
	      " : BSIG_A { connect; }\n"
	      "impl bf_join(x: BSIG_A, y: BSIG_A, tag: string = \"join\")"
	      " : BSIG_A {\n\tconnect;\n\tdeps bleaf_log;\n}\n"
	      "impl bf_timer(c: BSIG_C, on: bool = true) : BSIG_D"
	      " { connect; }\n"
	      "impl bf_sched(x: BSIG_A, t: BSIG_D) : BSIG_AB {\n"
	      "\tconnect;\n\targs b_timeout;\n}\n"
	      "impl bf_name(x: BSIG_A, name: string) : BSIG_A { }\n\n",
	      out);

	fputs("/* Jobs: what the register starts; together they reach all. */\n"
	      "job bjob_main(a: BSIG_A, b: BSIG_A = bleaf_a0,"
	      " t: BSIG_D = bleaf_dclock) {\n"
	      "\targs b_hello, b_port;\n\tdoc \"main job\";\n}\n"
	      "job bjob_pair(a: BSIG_ROOT, b: BSIG_ROOT) { args b_timeout; }\n"
	      "job bjob_root(r: BSIG_ROOT = bleaf_root) {\n"
	      "\targs b_verbose, b_level, b_token;\n}\n\n",
	      out);
}

/* ---- the chains ------------------------------------------------------ */

enum step {
	ST_WRAP, ST_WIDEN_LIT, ST_WIDEN_DEF, ST_TICK, ST_TICK_D, ST_JOIN,
	ST_SHARE, ST_SHARE_DEF, ST_SCHED, ST_SCHED_KEY, ST_SCHED_OFF,
	ST_MATCH, ST_MATCH_WILD, ST_MATCH_BOOL, ST_IF, ST_IF_NOT, ST_NAME_KEY,
	ST_COUNT
};

/*
 * One `let` of chain `ch`, step `k`, applied to the previous link `p` and
 * the one before `q`.  Each step makes exactly one new instance (two for the
 * ST_SHARE kinds), because its arguments include the newest link.
 */
static void emit_step(FILE *out, enum step st, unsigned long ch,
		      unsigned long k, const char *p, const char *q)
{
	char name[64];

	snprintf(name, sizeof(name), "c%lu_%lu", ch, k);
	switch (st) {
	case ST_WRAP:
		fprintf(out, "let %s = bf_wrap(%s);\n", name, p);
		break;
	case ST_WIDEN_LIT:
		/* Alternate decimal and hex, positional and named. */
		if (k & 1)
			fprintf(out, "let %s = bf_widen(%s, n = 0x%lx);\n",
				name, p, k * 7 + ch);
		else
			fprintf(out, "let %s = bf_widen(%s, %lu);\n", name, p,
				k * 7 + ch);
		break;
	case ST_WIDEN_DEF:
		fprintf(out, "let %s : BSIG_A = bf_widen(%s);\n", name, p);
		break;
	case ST_TICK:
		use(SH_CLOCK);
		fprintf(out, "let %s = bf_tick(%s);\n", name, p);
		break;
	case ST_TICK_D:
		use(SH_DCLOCK);
		fprintf(out, "let %s = bf_tick(%s, clock = bleaf_dclock);\n",
			name, p);
		break;
	case ST_JOIN:
		use(SH_LOG);
		fprintf(out, "let %s = bf_join(%s, %s, \"t\\t%lu\\x2f%lu\");\n",
			name, p, q, ch, k);
		break;
	case ST_SHARE:
		/* Three applications of bf_wrap(p) in all: one instance. */
		use(SH_LOG);
		fprintf(out, "let s%s = bf_wrap(%s);\n"
			"let %s = bf_join(s%s, bf_wrap(%s));\n",
			name, p, name, name, p);
		chain_devices++;
		break;
	case ST_SHARE_DEF:
		/* Equal once the default is filled in, however spelt. */
		use(SH_LOG);
		fprintf(out, "let s%s = bf_widen(%s);\n"
			"let %s = bf_join(s%s, bf_widen(%s, n = 1), "
			"tag = \"d\");\n", name, p, name, name, p);
		chain_devices++;
		break;
	case ST_SCHED:
		use(SH_CLOCK);
		use(SH_TIMER_ON);
		fprintf(out, "let %s = bf_sched(%s, bf_timer(bleaf_clock));\n",
			name, p);
		break;
	case ST_SCHED_KEY:
		/* bflag is true by default: the same timer as ST_SCHED. */
		use(SH_CLOCK);
		use(SH_TIMER_ON);
		fprintf(out, "let %s = bf_sched(%s, bf_timer(bleaf_clock, "
			"on = bflag));\n", name, p);
		break;
	case ST_SCHED_OFF:
		use(SH_DCLOCK);
		use(SH_TIMER_OFF);
		fprintf(out, "let %s = bf_sched(%s, bf_timer(bleaf_dclock, "
			"false));\n", name, p);
		break;
	case ST_MATCH:
		/* bmode is fast by default: bf_wrap is taken. */
		fprintf(out, "let %s = match bmode {\n"
			"\tfast => bf_wrap(%s),\n"
			"\tslow => bf_widen(%s, 2),\n"
			"\tsafe => bf_tick(%s),\n};\n", name, p, p, p);
		break;
	case ST_MATCH_WILD:
		fprintf(out, "let %s = match bmode { "
			"slow | safe => bf_tick(%s), "
			"_ => bf_name(%s, \"m%lu\") };\n", name, p, p, k);
		break;
	case ST_MATCH_BOOL:
		fprintf(out, "let %s = match bflag { true => bf_wrap(%s), "
			"false => bf_tick(%s) };\n", name, p, p);
		break;
	case ST_IF:
		/* True with the defaults: the join with the default tag. */
		use(SH_LOG);
		fprintf(out, "let %s = if bflag && (bmode == fast || "
			"!(bmode in [slow, safe]))\n"
			"\tthen bf_join(%s, %s) else bf_wrap(%s);\n",
			name, p, q, p);
		break;
	case ST_IF_NOT:
		fprintf(out, "let %s = if !bflag then bf_wrap(%s) "
			"else bf_widen(%s, bwidth);\n", name, p, p);
		break;
	case ST_NAME_KEY:
		fprintf(out, "let %s = bf_name(%s, bname);\n", name, p);
		break;
	case ST_COUNT:
		break;
	}
	chain_devices++;
}

static const char *const head_leaf[] = {
	"bleaf_a0", "bleaf_a1", "bleaf_a2", "bleaf_a3", "bleaf_ab",
};
static const enum shared_dev head_dev[] = {
	SH_A0, SH_A1, SH_A2, SH_A3, SH_AB,
};

/*
 * A chain of `len` links.  Its head applies bf_name to a leaf with a string
 * unique to the chain, so that no two chains are merged by sharing.
 * Returns the name of the last link in `tail`.
 */
static void emit_chain(FILE *out, unsigned long ch, unsigned long len,
		       char *tail, size_t tailsz)
{
	char p[64], q[64];
	unsigned h = (unsigned)(ch % 5);

	if (ch % 16 == 0)
		fprintf(out, "\n// chain %lu\n", ch);
	else
		fputc('\n', out);
	use(head_dev[h]);
	fprintf(out, "let c%lu_0 = bf_name(%s, \"chain %lu\");\n", ch,
		head_leaf[h], ch);
	chain_devices++;
	snprintf(q, sizeof(q), "%s", head_leaf[h]);
	snprintf(p, sizeof(p), "c%lu_0", ch);
	for (unsigned long k = 1; k < len; k++) {
		/* The first chain shows every kind of step at least once. */
		enum step st = ch == 0 && k <= ST_COUNT ?
			(enum step)(k - 1) : (enum step)rng_below(ST_COUNT);

		emit_step(out, st, ch, k, p, q);
		memcpy(q, p, sizeof(q));
		snprintf(p, sizeof(p), "c%lu_%lu", ch, k);
	}
	snprintf(tail, tailsz, "%s", p);
}

/* ---- the register ---------------------------------------------------- */

/*
 * Hand the chain tails to job applications, in a rotation of the three
 * shapes; every application has distinct arguments, so each is one job.
 */
static void emit_register(FILE *out, char (*tails)[64], unsigned long n)
{
	unsigned long i = 0;
	unsigned shape = 0;

	fputs("\nregister \"bench\" [\n", out);
	while (i < n) {
		switch (shape++ % 3) {
		case 0:
			use(SH_A0);
			use(SH_DCLOCK);
			fprintf(out, "\tbjob_main(%s),\n", tails[i++]);
			break;
		case 1:
			if (i + 1 < n) {
				fprintf(out, "\tbjob_pair(%s, %s),\n",
					tails[i], tails[i + 1]);
				i += 2;
			} else {
				fprintf(out, "\tbjob_pair(%s, bleaf_root),\n",
					tails[i++]);
				use(SH_ROOT);
			}
			break;
		default:
			use(SH_A0);
			use(SH_DCLOCK);
			use(SH_TIMER_OFF);
			fprintf(out, "\tbjob_main(%s, "
				"t = bf_timer(bleaf_dclock, false)),\n",
				tails[i++]);
			break;
		}
		job_devices++;
	}
	/* Reach the leaves that few chains would leave out. */
	use(SH_AB);
	use(SH_A1);
	use(SH_ROOT);
	/* The pair, bjob_root and noop (a node of its own in the graph). */
	job_devices += 3;
	/* All parameters defaulted: the bare name is the application. */
	fputs("\tbjob_pair(bleaf_ab, bleaf_a1),\n\tbjob_root,\n\tnoop\n];\n",
	      out);
}

static void usage(void)
{
	fputs("usage: mirc-bench-gen [-s SEED] [-l CHAIN_LEN] N [OUT]\n"
	      "Write a valid .mir program of about N devices to OUT "
	      "(default stdout).\n", stderr);
	exit(2);
}

static unsigned long parse_num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v == 0)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	unsigned long n, seed = 1, len = 1000, nchains, done = 0;
	const char *outpath = NULL;
	char (*tails)[64];
	FILE *out = stdout;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc)
			seed = parse_num(argv[++i]);
		else if (!strcmp(argv[i], "-l") && i + 1 < argc)
			len = parse_num(argv[++i]);
		else
			usage();
	}
	if (i >= argc || argc - i > 2)
		usage();
	n = parse_num(argv[i]);
	if (i + 1 < argc)
		outpath = argv[i + 1];
	rng_state = seed;

	/* The chains make nearly all devices; jobs and leaves the rest. */
	nchains = (n + len - 1) / len;
	tails = calloc(nchains, sizeof(*tails));
	if (!tails) {
		perror("mirc-bench-gen");
		return 3;
	}
	if (outpath && !(out = fopen(outpath, "w"))) {
		fprintf(stderr, "mirc-bench-gen: %s: %s\n", outpath,
			strerror(errno));
		return 3;
	}
	/* A big buffer: the 100k program is several megabytes. */
	setvbuf(out, NULL, _IOFBF, 1 << 16);

	fprintf(out, "// Generated by mirc-bench-gen: %lu devices requested,"
		" seed %lu, chains of %lu.\n", n, seed, len);
	emit_prologue(out);
	for (unsigned long ch = 0; ch < nchains; ch++) {
		unsigned long l = n - done < len ? n - done : len;

		emit_chain(out, ch, l, tails[ch], sizeof(tails[ch]));
		done += l;
	}
	emit_register(out, tails, nchains);
	fprintf(out, "\n// expect: %lu device instances with the default keys"
		" (%lu chain links, %lu shared leaves and timers,"
		" %lu jobs with noop)\n",
		chain_devices + shared_count() + job_devices, chain_devices,
		shared_count(), job_devices);
	fprintf(stderr, "expect %lu devices, %lu of them jobs with noop\n",
		chain_devices + shared_count() + job_devices, job_devices);
	free(tails);
	if (fflush(out) || (out != stdout && fclose(out))) {
		perror("mirc-bench-gen");
		return 3;
	}
	return 0;
}
