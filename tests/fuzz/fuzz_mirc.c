/* SPDX-License-Identifier: MIT */
/*
 * fuzz_mirc.c - libFuzzer harness: the input is the text of a root .mir
 * file; it goes through the whole front end for one of the targets and,
 * when that succeeds, through the text, dot and JSON emitters and, for an
 * evaluated graph, code generation in memory (C, Makefile, linker script,
 * Solo5 manifest, libvirt domain; nothing is written).  Every output goes
 * to /dev/null: only crashes, sanitizer reports, leaks and hangs matter.
 *
 * Built by the top CMakeLists.txt with -DMIRC_FUZZ=ON (clang); run by
 * tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "codegen.h"
#include "compile.h"
#include "emit_dot.h"
#include "emit_json.h"
#include "emit_text.h"
#include "model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Set up once, not per input: opening /dev/null and finding the home
 * (stdlib/, backends/) every time would only slow the fuzzer down.  Both
 * stay reachable from these statics, so LeakSanitizer does not count them.
 */
static FILE *devnull;
static struct arena home_arena;
static const char *home;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	if (!devnull) {
		perror("fuzz_mirc: /dev/null");
		abort();
	}
	arena_init(&home_arena);
	home = compile_home_find(&home_arena);
	if (!home) {
		/* Without the prelude every input fails early: useless. */
		fputs("fuzz_mirc: cannot find mirc's home; set MIRC_HOME\n",
		      stderr);
		abort();
	}
	return 0;
}

/* Embedding reads a directory named by the input (crunch("/") would read
 * the whole file system): such programs skip code generation. */
static int embeds(const struct model *m)
{
	for (size_t i = 0; i < m->nimpls; i++)
		if (m->impls[i]->embed_param >= 0)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int eval_modes[3] = { -1, 0, 1 };
	static const char *const targets[] = { "unix", "cortex_m3",
		"riscv64_virt", "virtio", "linux_aarch64" };
	struct compilation c;
	struct compile_opts o = { 0 };
	int status;

	/*
	 * Take the evaluation mode from the input (without removing any
	 * byte from the text), so both graph shapes and the automatic choice
	 * all get exercised.
	 */
	o.file = "fuzz.mir";
	o.text = (const char *)data;
	o.text_len = size;
	o.home = home;
	o.eval = eval_modes[(size + (size ? data[0] : 0)) % 3];
	o.target = targets[(size > 1 ? data[1] : 0) % 5];
	o.check_files = false;

	compile_init(&c);
	status = compile_program(&c, &o);
	diag_flush(&c.diag, devnull);
	if (status == MIRC_OK && c.model) {
		emit_text(devnull, &c.arena, c.model);
		emit_dot(devnull, &c.arena, c.model);
		emit_json(devnull, &c.arena, c.model);
		if (c.model->graph->evaluated && !embeds(c.model)) {
			struct codegen_opts go = { NULL, "fuzz.mir" };
			struct codegen_set g = { 0 };
			const char *err = NULL;

			if (codegen_program(&g, &c.arena, c.model, &go, true,
					    &err) == 0)
				for (size_t i = 0; i < g.files.len; i++)
					fwrite(g.files.items[i]->text.buf, 1,
					       g.files.items[i]->text.len,
					       devnull);
			codegen_free(&g);
		}
	}
	compile_free(&c);
	return 0;
}
