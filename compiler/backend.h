/* SPDX-License-Identifier: MIT */
/*
 * backend.h - target descriptors, read at run time from
 * backends/NAME/backend.json, so that adding a target is adding a directory.
 */
#ifndef MIRC_BACKEND_H
#define MIRC_BACKEND_H

#include <stddef.h>

#include "util.h"

/* The standard devices every target names a default for (the prelude's
 * default_console ... default_random lets). */
#define BACKEND_NDEFAULTS 5
extern const char *const backend_default_names[BACKEND_NDEFAULTS];
/* The one default that may be missing: "random" (BACKEND_RANDOM). */
#define BACKEND_RANDOM 4

struct backend {
	const char *name;	/* the directory name; a `target` value */
	const char *dir;	/* absolute path of backends/NAME */
	const char *description;
	const char *kind;	/* "hosted" or "bare-metal" */
	const char *artifact_ext;	/* "" or ".elf", ... */
	const char *boot_args;	/* "argv", "cmdline" or "baked" */
	/* How `make run` and `mirc run` run the artefact, or NULL.  Words
	 * are literal but for @ARTIFACT@, @BACKEND@..., @HOME@... and
	 * @RUNFLAGS@: where emulator options go (RUNFLAGS, the manifest's
	 * devices); without it they follow the command. */
	const char **run;
	size_t nrun;
	const char *cc;		/* the C compiler */
	const char **cflags, **ldflags, **libs;
	size_t ncflags, nldflags, nlibs;
	/* Runtime sources, glob patterns relative to MIRC_HOME. */
	const char **runtime;
	size_t nruntime;
	const char *linker_script;	/* in the backend's directory, or NULL */
	/* Added to `run` when boot arguments are given ("-append",
	 * "@CMDLINE@"), or NULL: they follow the command. */
	const char **cmdline_opt;
	size_t ncmdline_opt;
	/* Solo5 family: "solo5": { "devices": { IMPL: { "type":
	 * "BLOCK_BASIC", "name_param": PARAM } } }.  Devices of those impls
	 * are the manifest's, named by their PARAM argument, or by a fixed
	 * "name" for an impl without one (a board's only NIC).
	 * solo5_manifest: "outputs" holds "solo5-manifest". */
	bool solo5_manifest;
	struct backend_solo5_dev {
		const char *impl, *type, *name_param, *name;
	} *solo5_devs;
	size_t nsolo5_devs;
	/* "run": { "device_options": { "BLOCK_BASIC": [...] } }: emulator
	 * options added to `make run` per manifest device (@DEVICE@ is its
	 * name), [0] for BLOCK_BASIC, [1] for NET_BASIC. */
	const char **dev_opts[2];
	size_t ndev_opts[2];
	/* "run": { "absent_options": { "NET_BASIC": [...] } }: emulator
	 * options added instead when the program has no device of that
	 * type (a board's own NIC that would otherwise be left without a
	 * peer), [0] and [1] as above; words taken as they are. */
	const char **absent_opts[2];
	size_t nabsent_opts[2];
	/* "key_limits": { KEY: { "min": N, "multiple_of": N, "zero":
	 * "what 0 means" } }: values of int keys this target can use
	 * (checked by check_target, before its linker script would fail). */
	struct backend_key_limit {
		const char *key, *zero;	/* zero: NULL when 0 is no exception */
		long long min, multiple;
	} *key_limits;
	size_t nkey_limits;
	/* "libvirt": a template in the backend's directory for
	 * mirc/NAME_libvirt.xml ("libvirt-domain" in "outputs"), or NULL. */
	const char *libvirt;
	/* "outputs": names of extra files from the compiler's table of
	 * target outputs (emit_target.c), e.g. "solo5-manifest". */
	const char **outputs;
	size_t noutputs;
	/* "provides": the impls available on this target.  The one source
	 * of an impl's availability (check_target.c). */
	const char **provides;
	size_t nprovides;
	/* "defaults": the impl of each default_NAME let (console, time,
	 * mclock, pclock, random), indexed like backend_default_names;
	 * random may be NULL (no entropy source).  insecure_random: what
	 * default_random is with --insecure-random, or NULL. */
	const char *defaults[BACKEND_NDEFAULTS];
	const char *insecure_random;
	/* "defaults.network": the impl of default_network, or NULL (no NIC:
	 * the prelude's marker network_none).  "defaults.stack": what the
	 * key net's value auto means here, "socket" or "direct" (default). */
	const char *network;
	bool socket_stack;
};

struct backend_set {
	struct backend **items;	/* sorted by name */
	size_t len;
};

/*
 * Load every backends/NAME/backend.json under `home`.  Returns 0, or -1
 * with a message in *err (arena string) when a descriptor is malformed or
 * there is none at all.
 */
int backend_load_all(struct arena *a, const char *home,
		     struct backend_set *out, const char **err);
const struct backend *backend_find(const struct backend_set *s,
				   const char *name);

/* Is `impl` in b's "provides"? */
bool backend_provides(const struct backend *b, const char *impl);
/* Does b's "outputs" name `output`? */
bool backend_has_output(const struct backend *b, const char *output);

/*
 * The prelude's default_* lets as .mir text built from every backend's
 * "defaults" (one `match target` per let, targets with the same impl
 * sharing an arm), parsed right after the prelude.  A target without an
 * entropy source gets `random_none` (the prelude's marker that fails with
 * unavailable-on-target), or with "insecure_random" an
 * `if insecure_random then IMPL else ...`.  Then default_network (IMPL,
 * or network_none without one) and default_stack(network), what
 * --net=auto means: socket_stack, or direct_stack(network, dhcp).
 */
const char *backend_defaults_mir(struct arena *a, const struct backend_set *s);

/*
 * Append one word of run.device_options to sb, @DEVICE@ replaced by the
 * device's Solo5 name, @ID@ by its qemu id (BACKEND_QEMU_ID_PREFIX and
 * the name: a qemu id starts with a letter, a Solo5 name may start with a
 * digit) and @NETDEV@ by what netdev(sb, id, first) appends (the
 * Makefile's MIRC_NETDEV call, or mirc run's expansion of it); first: the
 * device is the program's first network, the one HOSTFWD and TAP are for.
 */
#define BACKEND_QEMU_ID_PREFIX "mirc-"
void backend_expand_device_word(struct strbuf *sb, const char *word,
				const char *name, bool first,
				void (*netdev)(struct strbuf *sb,
					       const char *name, bool first));

#endif
