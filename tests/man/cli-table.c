/* SPDX-License-Identifier: MIT */
/*
 * cli-table.c - print mirc's command-line tables (compiler/cli_table.c),
 * one row per line, tab-separated, for check-man.py to hold the man pages
 * against:
 *
 *   command NAME OPERAND|-
 *   option  -C|- --LONG|- COMMANDS|*
 *   query   NAME json|text
 *   check   NAME error|warning   (compiler/diag.c's diag_check_table)
 */
#include <stdio.h>

#include "cli_table.h"
#include "diag.h"

int main(void)
{
	for (size_t i = 0; i < cli_table_ncommands; i++)
		printf("command\t%s\t%s\n", cli_table_commands[i].name,
		       cli_table_commands[i].operand ? cli_table_commands[i].operand : "-");
	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];
		printf("option\t%s%c\t%s%s\t%s\n", o->short_name ? "-" : "",
		       o->short_name ? o->short_name : '-',
		       o->long_name ? "--" : "-",
		       o->long_name ? o->long_name : "",
		       o->commands ? o->commands : "*");
	}
	for (size_t i = 0; i < cli_table_nqueries; i++)
		printf("query\t%s\t%s\n", cli_table_queries[i].name,
		       cli_table_queries[i].json ? "json" : "text");
	for (size_t i = 0; i < CHK_COUNT; i++)
		printf("check\t%s\t%s\n", diag_check_table[i].name,
		       diag_check_table[i].default_severity == SEV_WARNING ? "warning"
								      : "error");
	return fflush(stdout) == 0 ? 0 : 1;
}
