/* SPDX-License-Identifier: MIT */
/*
 * lsp_rpc.h - the wire of `mirc lsp` (lsp_rpc.c): framed JSON-RPC
 * messages in and out, and file: URIs.
 */
#ifndef MIRC_LSP_RPC_H
#define MIRC_LSP_RPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/* JSON-RPC and LSP error codes. */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_SERVER_NOT_INITIALIZED = -32002,
};

/* Input read from file descriptor fd through a buffer of its own. */
struct lsp_reader;
struct lsp_reader *lsp_rpc_reader_new(int fd);
void lsp_rpc_reader_free(struct lsp_reader *r);
/* Is input waiting, in the buffer or in the pipe?  (Never blocks.) */
bool lsp_rpc_pending(struct lsp_reader *r);
/*
 * One header block and its body.  Returns 1 with *body (malloc'd, NUL
 * terminated, *len bytes), 0 at end of input, -1 for a bad header block
 * or a body over 256 MiB (*why says what; the input is then at the next
 * block).
 */
int lsp_rpc_read(struct lsp_reader *r, char **body, size_t *len,
		 const char **why);

/* A message's body, decoded: json_loadb(body, len, 0, err), faster on
 * long strings.  NULL with *err set when it is not JSON. */
json_t *lsp_rpc_parse(const char *body, size_t len, json_error_t *err);

/* Write msg (adding "jsonrpc") with its header, and release it. */
void lsp_rpc_send(FILE *out, json_t *msg);
/* A response: result (stolen; NULL is null), or an error.  id is
 * borrowed; NULL is null (the request could not be read). */
void lsp_rpc_reply(FILE *out, json_t *id, json_t *result);
void lsp_rpc_error(FILE *out, json_t *id, int code, const char *message);
/* A JSON string of text that may not be UTF-8 (bad bytes become '?'). */
json_t *lsp_rpc_text(const char *text);

/* The path of a file: URI (percent-decoded); other URIs are kept whole
 * as the path.  A heap string. */
char *lsp_rpc_uri_to_path(const char *uri);
/* The file: URI of a path, made absolute (canonical when it exists). */
json_t *lsp_rpc_path_uri(const char *path);

#endif
