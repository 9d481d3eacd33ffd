/* SPDX-License-Identifier: MIT */
/*
 * lsp_rpc.c - the wire of `mirc lsp`: JSON-RPC 2.0 messages framed by
 * Content-Length headers (reading, writing, errors), the JSON strings of
 * text that may not be UTF-8, and file: URIs.
 *
 * Reading never trusts the input: header lines are bounded, a body's
 * length is checked before anything is allocated, and a bad header block
 * is skipped whole so that the next message is read from its start.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp_rpc.h"
#include "util.h"

#define LSP_MAX_BODY ((size_t)256 << 20)
#define LSP_MAX_HEADER 4096

/* ---- framing ------------------------------------------------------------- */

/*
 * Standard input read through a buffer of our own rather than stdio's:
 * the server must know whether another message is already waiting
 * (lsp_rpc_pending), so that a burst of edits is checked once, for the last
 * text, instead of once per keystroke.
 */
struct lsp_reader {
	int fd;
	char buf[1 << 16];
	size_t pos, len;
	bool eof;
};

struct lsp_reader *lsp_rpc_reader_new(int fd)
{
	struct lsp_reader *r = xmalloc(sizeof(*r));

	memset(r, 0, sizeof(*r));
	r->fd = fd;
	return r;
}

void lsp_rpc_reader_free(struct lsp_reader *r)
{
	free(r);
}

static bool rd_fill(struct lsp_reader *r)
{
	while (r->pos == r->len && !r->eof) {
		ssize_t n = read(r->fd, r->buf, sizeof(r->buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			r->eof = true;
		else
			r->pos = 0, r->len = (size_t)n;
	}
	return r->pos < r->len;
}

static int rd_getc(struct lsp_reader *r)
{
	return rd_fill(r) ? (unsigned char)r->buf[r->pos++] : EOF;
}

/* Is input waiting, in the buffer or in the pipe? */
bool lsp_rpc_pending(struct lsp_reader *r)
{
	struct pollfd p = {r->fd, POLLIN, 0};

	return r->pos < r->len || (!r->eof && poll(&p, 1, 0) > 0);
}

/* A header line without its end of line, into line[size]; *long_line
 * when it did not fit (the rest is dropped).  False at end of input. */
static bool rd_line(struct lsp_reader *r, char *line, size_t size,
		    bool *long_line)
{
	size_t n = 0;
	int c;

	*long_line = false;
	while ((c = rd_getc(r)) != EOF && c != '\n') {
		if (n + 1 < size && c != '\0')
			line[n++] = (char)c;
		else
			*long_line = true;
	}
	line[n] = '\0';
	return c != EOF || n > 0;
}

/*
 * One header block and its body.  Returns 1 with *body (malloc'd, NUL
 * terminated), 0 at end of input, -1 for a bad header block (*why says
 * what; the stream is then at the next block).
 */
int lsp_rpc_read(struct lsp_reader *r, char **body, size_t *len,
		 const char **why)
{
	char line[LSP_MAX_HEADER];
	long long clen = -1;
	bool bad = false, any = false, long_line;

	for (;;) {
		if (!rd_line(r, line, sizeof(line), &long_line))
			return 0;
		size_t n = strlen(line);
		if (long_line) {
			bad = true;
			*why = "header line too long";
			continue;
		}
		while (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (!n) {
			if (any)
				break;
			continue;	/* blank lines between messages */
		}
		any = true;
		if (!strncasecmp(line, "Content-Length:", 15)) {
			char *end;
			errno = 0;
			long long v = strtoll(line + 15, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
			if (errno || *end || v < 0 || end == line + 15) {
				bad = true;
				*why = "bad Content-Length";
			} else {
				clen = v;
			}
		} else if (!strchr(line, ':')) {
			bad = true;
			*why = "malformed header line";
		}
	}
	if (!bad && clen < 0) {
		*why = "no Content-Length header";
		return -1;
	}
	/* A body whose length is known is skipped with its bad headers,
	 * so the next message is read from its start. */
	if (bad || (size_t)clen > LSP_MAX_BODY) {
		for (long long i = 0; i < clen; i++)
			if (rd_getc(r) == EOF)
				return 0;
		if (!bad)
			*why = "message larger than 256 MiB";
		return -1;
	}
	*body = malloc((size_t)clen + 1);
	if (!*body) {
		*why = "out of memory";
		return -1;
	}
	for (size_t got = 0; got < (size_t)clen;) {
		if (!rd_fill(r)) {
			free(*body);
			return 0;
		}
		size_t n = r->len - r->pos;
		if (n > (size_t)clen - got)
			n = (size_t)clen - got;
		memcpy(*body + got, r->buf + r->pos, n);
		r->pos += n;
		got += n;
	}
	(*body)[clen] = '\0';
	*len = (size_t)clen;
	return 1;
}

static int hexval(int c);

/* ---- decoding ------------------------------------------------------------ */

/*
 * A JSON decoder for the common case, much faster than jansson's on the
 * long strings of didOpen and didChange (the whole text of a file):
 * strings are scanned a run of plain bytes at a time instead of through
 * jansson's per-character stream.  It accepts only a subset of what
 * jansson accepts and builds the same values; on anything else (a real
 * number, an integer that could overflow, \u0000, a top level that is
 * not an object or array, deep nesting, any error) it gives up and
 * lsp_rpc_parse asks jansson, whose answer, or error message, is then
 * the one given.  So the result never differs from json_loadb's.
 */
struct jdec {
	const unsigned char *p, *end;
	int depth;
};

#define JDEC_MAX_DEPTH 256

static void jd_ws(struct jdec *d)
{
	while (d->p < d->end && (*d->p == ' ' || *d->p == '\t' ||
				 *d->p == '\n' || *d->p == '\r'))
		d->p++;
}

/* The length of the well-formed UTF-8 sequence at p (a byte >= 0x80),
 * as jansson checks it (no overlong forms, surrogates or values over
 * U+10FFFF), or 0. */
static int jd_utf8(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], min;
	int n;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2, c &= 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, c &= 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (end - p < n)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return n;
}

static int jd_hex4(const unsigned char *p, const unsigned char *end)
{
	int v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int h = hexval(p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static size_t jd_put_utf8(char *o, unsigned c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3F));
	o[2] = (char)(0x80 | (c >> 6 & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * The string at d->p (after its opening quote), decoded: a heap string
 * of *len bytes, or *raw (not terminated) when it has no escapes and so
 * needs no copy.  NULL when it is one we leave to jansson.
 */
static bool jd_string(struct jdec *d, const char **raw, char **heap,
		      size_t *len)
{
	const unsigned char *start = d->p, *p = d->p;
	char *o = NULL;
	size_t n = 0;

	*heap = NULL;
	for (;;) {
		const unsigned char *run = p;
		/* Eight plain bytes at a time: none below 0x20, none from
		 * 0x80, no '"', no backslash (the usual SWAR tests, exact
		 * for bytes below 0x80). */
		const uint64_t ones = 0x0101010101010101u;
		const uint64_t highs = 0x8080808080808080u;
		while (d->end - p >= 8) {
			uint64_t w, q, b;
			memcpy(&w, p, 8);
			q = w ^ (ones * '"');
			b = w ^ (ones * '\\');
			if ((w | ((w - ones * 0x20) & ~w) |
			     ((q - ones) & ~q) | ((b - ones) & ~b)) & highs)
				break;
			p += 8;
		}
		while (p < d->end && *p >= 0x20 && *p < 0x80 && *p != '"' &&
		       *p != '\\')
			p++;
		if (o) {
			memcpy(o + n, run, (size_t)(p - run));
			n += (size_t)(p - run);
		}
		if (p == d->end || *p < 0x20)
			goto fail;
		if (*p == '"')
			break;
		if (*p >= 0x80) {
			int k = jd_utf8(p, d->end);
			if (!k)
				goto fail;
			if (o)
				memcpy(o + n, p, (size_t)k), n += (size_t)k;
			p += k;
			continue;
		}
		/* A backslash: from here on the string is decoded into a
		 * copy, never longer than the source. */
		if (!o) {
			o = malloc((size_t)(d->end - start) + 1);
			if (!o)
				return false;
			n = (size_t)(p - start);
			memcpy(o, start, n);
		}
		if (d->end - p < 2)
			goto fail;
		switch (p[1]) {
		case '"': case '\\': case '/':
			o[n++] = (char)p[1];
			break;
		case 'b': o[n++] = '\b'; break;
		case 'f': o[n++] = '\f'; break;
		case 'n': o[n++] = '\n'; break;
		case 'r': o[n++] = '\r'; break;
		case 't': o[n++] = '\t'; break;
		case 'u': {
			int c = jd_hex4(p + 2, d->end), lo;
			if (c <= 0 || (c >= 0xDC00 && c <= 0xDFFF))
				goto fail;
			if (c >= 0xD800 && c <= 0xDBFF) {
				if (d->end - p < 12 || p[6] != '\\' ||
				    p[7] != 'u' ||
				    (lo = jd_hex4(p + 8, d->end)) < 0xDC00 ||
				    lo > 0xDFFF)
					goto fail;
				c = 0x10000 + ((c - 0xD800) << 10) +
				    (lo - 0xDC00);
				p += 6;
			}
			n += jd_put_utf8(o + n, (unsigned)c);
			p += 4;
			break;
		}
		default:
			goto fail;
		}
		p += 2;
	}
	d->p = p + 1;
	if (o) {
		o[n] = '\0';
		*heap = o;
		*len = n;
	} else {
		*raw = (const char *)start;
		*len = (size_t)(p - start);
	}
	return true;
fail:
	free(o);
	return false;
}

static json_t *jd_value(struct jdec *d);

static json_t *jd_container(struct jdec *d, bool object)
{
	json_t *v = object ? json_object() : json_array();
	char close = object ? '}' : ']';

	if (!v || ++d->depth > JDEC_MAX_DEPTH)
		goto fail;
	d->p++;
	jd_ws(d);
	if (d->p < d->end && *d->p == close) {
		d->p++;
		d->depth--;
		return v;
	}
	for (;;) {
		json_t *item;
		jd_ws(d);
		if (object) {
			const char *raw = NULL;
			char *key = NULL;
			size_t klen;
			if (d->p == d->end || *d->p != '"')
				goto fail;
			d->p++;
			if (!jd_string(d, &raw, &key, &klen))
				goto fail;
			if (!key) {
				key = malloc(klen + 1);
				if (!key)
					goto fail;
				memcpy(key, raw, klen);
				key[klen] = '\0';
			}
			jd_ws(d);
			if (d->p == d->end || *d->p != ':' ||
			    (d->p++, !(item = jd_value(d)))) {
				free(key);
				goto fail;
			}
			int bad = json_object_set_new_nocheck(v, key, item);
			free(key);
			if (bad)
				goto fail;
		} else {
			if (!(item = jd_value(d)) ||
			    json_array_append_new(v, item))
				goto fail;
		}
		jd_ws(d);
		if (d->p == d->end)
			goto fail;
		if (*d->p == close)
			break;
		if (*d->p != ',')
			goto fail;
		d->p++;
	}
	d->p++;
	d->depth--;
	return v;
fail:
	json_decref(v);
	return NULL;
}

static json_t *jd_value(struct jdec *d)
{
	const unsigned char *p;
	size_t rest;

	jd_ws(d);
	if (d->p == d->end)
		return NULL;
	p = d->p;
	rest = (size_t)(d->end - p);
	switch (*p) {
	case '{':
	case '[':
		return jd_container(d, *p == '{');
	case '"': {
		const char *raw = NULL;
		char *heap = NULL;
		size_t len;
		json_t *s;
		d->p++;
		if (!jd_string(d, &raw, &heap, &len))
			return NULL;
		s = json_stringn_nocheck(heap ? heap : raw, len);
		free(heap);
		return s;
	}
	case 't':
		if (rest >= 4 && !memcmp(p, "true", 4)) {
			d->p += 4;
			return json_true();
		}
		return NULL;
	case 'f':
		if (rest >= 5 && !memcmp(p, "false", 5)) {
			d->p += 5;
			return json_false();
		}
		return NULL;
	case 'n':
		if (rest >= 4 && !memcmp(p, "null", 4)) {
			d->p += 4;
			return json_null();
		}
		return NULL;
	default: {
		/* Integers of up to 18 digits, which cannot overflow. */
		bool neg = *p == '-';
		long long v = 0;
		int digits = 0;
		if (neg)
			p++;
		if (p == d->end || *p < '0' || *p > '9')
			return NULL;
		if (*p == '0' && p + 1 < d->end && p[1] >= '0' && p[1] <= '9')
			return NULL;
		for (; p < d->end && *p >= '0' && *p <= '9'; p++)
			if (++digits > 18)
				return NULL;
			else
				v = v * 10 + (*p - '0');
		if (p < d->end && (*p == '.' || *p == 'e' || *p == 'E'))
			return NULL;
		d->p = p;
		return json_integer(neg ? -v : v);
	}
	}
}

json_t *lsp_rpc_parse(const char *body, size_t len, json_error_t *err)
{
	struct jdec d = {(const unsigned char *)body,
			 (const unsigned char *)body + len, 0};
	json_t *v;

	jd_ws(&d);
	v = d.p < d.end && (*d.p == '{' || *d.p == '[') ? jd_value(&d) : NULL;
	if (v) {
		jd_ws(&d);
		if (d.p == d.end)
			return v;
		json_decref(v);
	}
	return json_loadb(body, len, 0, err);
}

void lsp_rpc_send(FILE *out, json_t *msg)
{
	char *text;

	json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	text = json_dumps(msg, JSON_COMPACT);
	json_decref(msg);
	if (!text)
		return;
	fprintf(out, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
	fflush(out);
	free(text);
}

void lsp_rpc_reply(FILE *out, json_t *id, json_t *result)
{
	json_t *m = json_object();

	json_object_set(m, "id", id ? id : json_null());
	json_object_set_new(m, "result", result ? result : json_null());
	lsp_rpc_send(out, m);
}

void lsp_rpc_error(FILE *out, json_t *id, int code, const char *message)
{
	json_t *m = json_object();

	json_object_set(m, "id", id ? id : json_null());
	json_object_set_new(m, "error", json_pack("{s:i,s:s}", "code", code,
						  "message", message));
	lsp_rpc_send(out, m);
}

/*
 * A JSON string of text that may not be UTF-8 (a message quoting an
 * imported file's bytes): each byte that does not start a well-formed
 * sequence becomes '?', and if jansson still refuses (an overlong form,
 * a surrogate), every non-ASCII byte does.
 */
json_t *lsp_rpc_text(const char *text)
{
	json_t *j = json_string(text);
	char *copy;

	if (j)
		return j;
	copy = xstrdup(text);
	for (unsigned char *c = (unsigned char *)copy; *c;) {
		int n = *c < 0x80 ? 1 : *c >= 0xC2 && *c <= 0xDF ? 2
			: *c >= 0xE0 && *c <= 0xEF ? 3
			: *c >= 0xF0 && *c <= 0xF4 ? 4 : 0;
		for (int i = 1; i < n; i++)
			if ((c[i] & 0xC0) != 0x80)
				n = 0;
		if (!n) {
			*c++ = '?';
			continue;
		}
		c += n;
	}
	j = json_string(copy);
	for (unsigned char *c = (unsigned char *)copy; !j && *c; c++)
		if (*c >= 0x80)
			*c = '?';
	if (!j)
		j = json_string(copy);
	free(copy);
	return j;
}

/* ---- URIs ---------------------------------------------------------------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The path of a file: URI; other schemes keep the URI itself as the
 * path, so an unsaved buffer still gets diagnostics. */
char *lsp_rpc_uri_to_path(const char *uri)
{
	const char *p = uri;
	struct strbuf sb;

	if (strncmp(p, "file://", 7))
		return strdup(uri);
	p += 7;
	if (!strncmp(p, "localhost/", 10))
		p += 9;
	sb_init(&sb);
	for (; *p; p++) {
		int h, l;
		if (*p == '%' && (h = hexval(p[1])) >= 0 &&
		    (l = hexval(p[2])) >= 0 && (h || l)) {
			sb_putc(&sb, (char)(h * 16 + l));
			p += 2;
		} else {
			sb_putc(&sb, *p);
		}
	}
	sb_putc(&sb, '\0');
	return sb.buf;
}

/* A file: URI for a path of the compilation, made absolute. */
json_t *lsp_rpc_path_uri(const char *path)
{
	char real[PATH_MAX], cwd[PATH_MAX];
	const char *abs = path;
	struct strbuf sb;
	json_t *j;

	if (realpath(path, real))
		abs = real;
	sb_init(&sb);
	sb_puts(&sb, "file://");
	if (abs[0] != '/' && getcwd(cwd, sizeof(cwd))) {
		sb_puts(&sb, cwd);
		sb_putc(&sb, '/');
	}
	for (const unsigned char *c = (const unsigned char *)abs; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~/", *c))
			sb_putc(&sb, (char)*c);
		else
			sb_printf(&sb, "%%%02X", *c);
	}
	sb_putc(&sb, '\0');
	j = json_string(sb.buf);
	sb_free(&sb);
	return j;
}
