/* SPDX-License-Identifier: MIT */
/*
 * http.h - the parts of http_server that know HTTP/1.1 (RFC 9110, 9112)
 * but nothing of the network or the store: an incremental request parser,
 * the mapping of a request target to a KV_RO key, content types, and the
 * head of a response.  Everything here is pure (no I/O, no allocation, no
 * global state), so tests/net/www-http.c tests it byte by byte.
 *
 * The parser is bounded: it never keeps more than the request target and
 * a few bytes of the fields it acts on, whatever the client sends, and it
 * refuses a head (request line and fields) longer than HTTP_HEAD_MAX.  It
 * reads one byte at a time, so a request may arrive in any split.
 */
#ifndef WWW_HTTP_H
#define WWW_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_HEAD_MAX 8192	/* request line + fields: longer is 431 */
#define HTTP_TARGET_MAX 2048	/* the request target: longer is 414 */
#define HTTP_KEY_MAX 1024	/* a store key (as MIRC_KV_KEY_MAX) */
#define HTTP_BODY_MAX 65536	/* a request body, read and dropped: 413 */
#define HTTP_METHOD_MAX 16	/* longer methods are unknown ones: 501 */
#define HTTP_NAME_MAX 32	/* longer field names are not ours */
#define HTTP_TOKEN_MAX 16	/* longer Connection options are not ours */

/* A Location made by http_key_location: '/', a key with every byte
 * percent-encoded, '/'. */
#define HTTP_LOCATION_MAX (3 * HTTP_KEY_MAX + 2)
/* Room a response head needs at most (with a Location). */
#define HTTP_RESPONSE_HEAD_MAX (HTTP_LOCATION_MAX + 512)

enum http_method {
	HTTP_UNKNOWN = 0,	/* not parsed (yet) */
	HTTP_GET,
	HTTP_HEAD,
	HTTP_OTHER,		/* a method the server does not serve */
};

/* A request, as far as the server needs it. */
struct http_request {
	int method;			/* enum http_method */
	int minor;			/* HTTP/1.minor: 0 or 1 (1.2 and up are 1.1) */
	bool keep_alive;		/* the connection may carry another request */
	size_t target_len;
	char target[HTTP_TARGET_MAX + 1];	/* as sent, NUL-terminated */
};

/* The parser's state between calls: opaque, set up by http_parser_init. */
struct http_parser {
	int state;
	int result;			/* 200 or the error, once known */
	size_t seen;			/* bytes of the head so far */
	uint64_t body_left;		/* bytes of body still to drop */
	char method[HTTP_METHOD_MAX + 1];
	size_t method_len;
	char version[9];		/* "HTTP/1.1" */
	size_t version_len;
	char name[HTTP_NAME_MAX + 1];	/* the field being read, lower case */
	size_t name_len;
	int field;			/* which field it is */
	char token[HTTP_TOKEN_MAX + 1];	/* the Connection option being read */
	size_t token_len;
	uint64_t length;		/* Content-Length */
	int length_digits;		/* 0 none, >0 digits, <0 digits then space */
	bool has_host, has_length, has_te, opt_close, opt_keep_alive;
	struct http_request req;
};

/* Start (or restart, for the next request on a connection) a parser. */
void http_parser_init(struct http_parser *p);

/*
 * Feed len bytes of data to the parser.  Returns how many it consumed and
 * sets *status:
 *   0        every byte was consumed and the request is not complete yet;
 *   200      a request is complete (p->req): the bytes after it, from the
 *            returned count on, belong to the next one (pipelining);
 *            http_parser_init before feeding them;
 *   4xx, 5xx the request is bad and the connection must close after the
 *            response: 400 malformed, 405 a method other than GET and
 *            HEAD, 413 a body above HTTP_BODY_MAX, 414 a target above
 *            HTTP_TARGET_MAX, 431 a head above HTTP_HEAD_MAX, 501 an
 *            unknown method or a Transfer-Encoding, 505 not HTTP/1.x.
 *            p->req.method says whether it was a HEAD, when known.
 * After 200 or an error, further calls consume nothing and repeat it.
 */
size_t http_parse(struct http_parser *p, const void *data, size_t len,
		  int *status);

/*
 * The store key a request target names, into key[HTTP_KEY_MAX + 1]: the
 * path of an origin-form target ("/a/b?q") or of an absolute-form one
 * ("http://host/a/b"), percent-decoded, without its leading '/', empty
 * segments dropped, "index.html" added where it ends with '/'.  Returns
 * 0, 400 when the target is another form, has a bad escape, or decodes
 * to a NUL, a control byte, a '/' inside a segment, or a "." or ".."
 * segment, or 414 when the key would be longer than HTTP_KEY_MAX.
 */
int http_target_key(const char *target, char *key);

/*
 * The Location of a dictionary's index, into buf[HTTP_LOCATION_MAX + 1]:
 * "/" key "/", with the bytes of key that are not unreserved, a
 * sub-delimiter, ':', '@' or '/' percent-encoded.  Made from the key
 * (valid, so it neither starts with '/' nor has empty segments) rather
 * than from the target, so it is always a path on this site, never
 * "//host/..." (another site).  Returns its length.
 */
size_t http_key_location(const char *key, char *buf);

/* The Content-Type for a key, from its extension (case-insensitive). */
const char *http_content_type(const char *key);

/* "Not Found" for 404; "Error" for a status it does not know. */
const char *http_reason(int status);

/* The head of a response. */
struct http_response {
	int status;
	const char *type;		/* Content-Type, or NULL for none */
	uint64_t length;		/* Content-Length */
	const char *location;		/* Location (status 301), or NULL */
	size_t location_len;		/* bytes of location to use */
	bool keep_alive;		/* else "Connection: close" */
	bool allow;			/* "Allow: GET, HEAD" (status 405) */
	int64_t date;			/* seconds since the epoch; < 0: no Date */
};

/* Write the head of r (status line, fields, empty line) into buf: its
 * length, or 0 if it does not fit in size bytes. */
size_t http_response_head(char *buf, size_t size,
			  const struct http_response *r);

/* An HTTP-date, "Sun, 06 Nov 1994 08:49:37 GMT", into buf[30]. */
void http_date(char *buf, int64_t secs);

#endif
