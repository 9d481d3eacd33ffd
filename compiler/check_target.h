/* SPDX-License-Identifier: MIT */
/*
 * check_target.h - the checks that need the target's descriptor
 * (backends/NAME/backend.json): where each impl is available, before
 * evaluation, and what the evaluated graph asks of the chosen target,
 * after it.
 */
#ifndef MIRC_CHECK_TARGET_H
#define MIRC_CHECK_TARGET_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "sema.h"
#include "util.h"

/*
 * After check_decls: each impl that some backend's "provides" names is
 * available exactly on those backends (impl_info.targets, which the
 * unavailable-on-target check of evaluation reads); a `targets` field on
 * such an impl must list the same targets (provides-mismatch).  Impls
 * that no backend provides keep their `targets` field (without one: a
 * program's impl is available everywhere, the library's nowhere).
 */
void check_target_provides(struct program *p);

/*
 * After evaluation: the backend's key_limits (bad-literal) and the Solo5
 * manifest's devices into m->solo5, with their names checked (bad-name,
 * limit).  False when it reported errors.
 */
bool check_target(struct model *m, struct diag_ctx *d, struct arena *a);

#endif
