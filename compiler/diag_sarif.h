/* SPDX-License-Identifier: MIT */
/*
 * diag_sarif.h - diagnostics as a SARIF 2.1.0 log (--diagnostics=sarif).
 */
#ifndef MIRC_DIAG_SARIF_H
#define MIRC_DIAG_SARIF_H

#include <stdio.h>

#include "diag.h"

/*
 * Write d's diagnostics, already sorted and with the quiet ones dropped
 * (diag_flush), as one SARIF log with one run: the rules are every check
 * of diag_check_table in its order, the results follow the sorted list and
 * the same per-check limit as the other formats.  Written even when there
 * is no diagnostic, so a CI step always finds a log.
 */
void diag_sarif_write(struct diag_ctx *d, FILE *out);

#endif
