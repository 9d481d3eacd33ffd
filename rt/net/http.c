/* SPDX-License-Identifier: MIT */
/*
 * http.c - the request parser, target mapping, content types and
 * response heads of the prelude's http_server (see http.h).
 *
 * The parser is a byte-at-a-time state machine over the grammar of RFC
 * 9112, strict where leniency has caused request smuggling (no space
 * before a field's colon, no line folding, no bare CR, one Content-Length,
 * no Transfer-Encoding) and lenient where RFC 9112 allows it (empty lines
 * before the request line, a bare LF ending a line).  It acts on four
 * fields only, and only keeps what they mean: Host (present, once),
 * Connection (the options close and keep-alive), Content-Length (a
 * number), Transfer-Encoding (present).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "http.h"

enum state {
	S_START,	/* before the request line: empty lines are skipped */
	S_METHOD,
	S_TARGET,
	S_VERSION,
	S_LINE_LF,	/* CR seen at the end of the request line */
	S_FIELD,	/* at the start of a field line (or the empty line) */
	S_NAME,
	S_OWS,		/* after the colon, before the value */
	S_VALUE,
	S_VALUE_LF,	/* CR seen at the end of a field line */
	S_END_LF,	/* CR seen on the empty line */
	S_BODY,		/* dropping body_left bytes */
	S_DONE,		/* result: 200 */
	S_FAILED,	/* result: the error */
};

enum field { F_OTHER, F_HOST, F_CONNECTION, F_LENGTH, F_TE };

void http_parser_init(struct http_parser *p)
{
	/* The target buffer is the bulk of the structure: clearing it for
	 * every request of a keep-alive connection would cost 2 KiB of
	 * writes, so only its length is reset. */
	memset(p, 0, offsetof(struct http_parser, req));
	p->req.method = HTTP_UNKNOWN;
	p->req.minor = 1;
	p->req.keep_alive = false;
	p->req.target_len = 0;
	p->req.target[0] = '\0';
}

/* RFC 9110 tchar: the bytes of a method or a field name. */
static bool tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c && strchr("!#$%&'*+-.^_`|~", c);
}

/* A visible byte of a field value (VCHAR or obs-text). */
static bool vchar(unsigned char c)
{
	return c > 0x20 && c != 0x7f;
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 'a' - 'A') : c;
}

/* Methods that exist but that a static site does not serve: 405 with
 * Allow; anything else is 501 (RFC 9110, 15.5.6 and 15.6.2). */
static const char *const other_methods[] = {
	"POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
};

static int end_request_line(struct http_parser *p)
{
	const char *v = p->version;

	p->method[p->method_len] = '\0';
	p->req.target[p->req.target_len] = '\0';
	if (p->version_len != 8 || memcmp(v, "HTTP/", 5) != 0 ||
	    v[5] < '0' || v[5] > '9' || v[6] != '.' || v[7] < '0' || v[7] > '9')
		return 400;
	if (!strcmp(p->method, "GET"))
		p->req.method = HTTP_GET;
	else if (!strcmp(p->method, "HEAD"))
		p->req.method = HTTP_HEAD;
	else
		p->req.method = HTTP_OTHER;
	if (v[5] != '1')
		return 505;
	p->req.minor = v[7] == '0' ? 0 : 1;
	if (p->req.method != HTTP_OTHER)
		return 0;
	for (size_t i = 0; i < sizeof other_methods / sizeof *other_methods; i++)
		if (!strcmp(p->method, other_methods[i]))
			return 405;
	return 501;
}

/* The field whose name was just read: which one, and is it allowed. */
static int start_field(struct http_parser *p)
{
	p->name[p->name_len <= HTTP_NAME_MAX ? p->name_len : 0] = '\0';
	p->field = F_OTHER;
	if (!strcmp(p->name, "host")) {
		if (p->has_host)
			return 400;	/* RFC 9112, 3.2: exactly one */
		p->has_host = true;
		p->field = F_HOST;
	} else if (!strcmp(p->name, "connection")) {
		p->field = F_CONNECTION;
		p->token_len = 0;
	} else if (!strcmp(p->name, "content-length")) {
		/* Two lengths are how requests get smuggled: refuse them
		 * even when equal (RFC 9112, 6.3 allows either). */
		if (p->has_length)
			return 400;
		p->has_length = true;
		p->field = F_LENGTH;
	} else if (!strcmp(p->name, "transfer-encoding")) {
		p->has_te = true;
		p->field = F_TE;
	}
	return 0;
}

/* The end of one Connection option. */
static void end_token(struct http_parser *p)
{
	if (p->token_len <= HTTP_TOKEN_MAX) {
		p->token[p->token_len] = '\0';
		if (!strcmp(p->token, "close"))
			p->opt_close = true;
		else if (!strcmp(p->token, "keep-alive"))
			p->opt_keep_alive = true;
	}
	p->token_len = 0;
}

/* A byte of a field's value (whitespace inside it included). */
static int value_byte(struct http_parser *p, unsigned char c)
{
	bool space = c == ' ' || c == '\t';

	if (p->field == F_CONNECTION) {
		if (space || c == ',')
			end_token(p);
		else if (p->token_len < HTTP_TOKEN_MAX)
			p->token[p->token_len++] = (char)lower(c);
		else
			p->token_len = HTTP_TOKEN_MAX + 1;	/* too long */
	} else if (p->field == F_LENGTH) {
		if (space) {
			p->length_digits = -1;	/* only spaces may follow */
		} else if (c < '0' || c > '9' || p->length_digits < 0) {
			return 400;
		} else {
			p->length_digits = 1;
			/* Past the limit the exact number does not matter,
			 * and stopping there keeps it from overflowing. */
			if (p->length <= HTTP_BODY_MAX)
				p->length = p->length * 10 + (uint64_t)(c - '0');
		}
	}
	return 0;
}

static int end_field(struct http_parser *p)
{
	if (p->field == F_CONNECTION)
		end_token(p);
	if (p->field == F_LENGTH && p->length_digits == 0)
		return 400;
	p->state = S_FIELD;
	return 0;
}

static int end_head(struct http_parser *p)
{
	if (p->req.minor >= 1 && !p->has_host)
		return 400;
	if (p->has_te)
		return 501;
	if (p->length > HTTP_BODY_MAX)
		return 413;
	p->req.keep_alive = !p->opt_close &&
			    (p->req.minor >= 1 || p->opt_keep_alive);
	p->body_left = p->length;
	p->state = p->body_left ? S_BODY : S_DONE;
	return p->body_left ? 0 : 200;
}

/* One byte of the head: 0 to go on, 200 at its end, or an error. */
static int step(struct http_parser *p, unsigned char c)
{
	struct http_request *r = &p->req;

	if (++p->seen > HTTP_HEAD_MAX)
		return 431;
	/* A case that moves to the next state with `continue` hands it
	 * the same byte. */
	for (;;) switch (p->state) {
	case S_START:
		if (c == '\r' || c == '\n')
			return 0;
		if (!tchar(c))
			return 400;
		p->state = S_METHOD;
		continue;	/* the same byte, as the method's first */
	case S_METHOD:
		if (c == ' ' && p->method_len) {
			p->state = S_TARGET;
			return 0;
		}
		if (!tchar(c))
			return 400;
		if (p->method_len == HTTP_METHOD_MAX) {
			r->method = HTTP_OTHER;
			return 501;
		}
		p->method[p->method_len++] = (char)c;
		return 0;
	case S_TARGET:
		if (c == ' ' && r->target_len) {
			p->state = S_VERSION;
			return 0;
		}
		if (c <= ' ' || c >= 0x7f)
			return 400;
		if (r->target_len == HTTP_TARGET_MAX)
			return 414;
		r->target[r->target_len++] = (char)c;
		return 0;
	case S_VERSION:
		if (c == '\r') {
			p->state = S_LINE_LF;
			return 0;
		}
		if (c != '\n') {
			if (!vchar(c) || p->version_len == 8)
				return 400;
			p->version[p->version_len++] = (char)c;
			return 0;
		}
		/* A bare LF ends the line too. */
		p->state = S_LINE_LF;
		continue;
	case S_LINE_LF:
		if (c != '\n')
			return 400;
		p->state = S_FIELD;
		return end_request_line(p);
	case S_FIELD:
		if (c == '\r') {
			p->state = S_END_LF;
			return 0;
		}
		if (c == '\n')
			return end_head(p);
		/* A space here would be obsolete line folding. */
		if (!tchar(c))
			return 400;
		p->name_len = 0;
		p->state = S_NAME;
		continue;
	case S_NAME:
		if (c == ':') {
			p->state = S_OWS;
			return start_field(p);
		}
		if (!tchar(c))
			return 400;
		if (p->name_len < HTTP_NAME_MAX)
			p->name[p->name_len++] = (char)lower(c);
		else
			p->name_len = HTTP_NAME_MAX + 1;	/* not ours */
		return 0;
	case S_OWS:
		if (c == ' ' || c == '\t')
			return 0;
		p->state = S_VALUE;
		continue;
	case S_VALUE:
		if (c == '\r') {
			p->state = S_VALUE_LF;
			return 0;
		}
		if (c == '\n')
			return end_field(p);
		if (!vchar(c) && c != ' ' && c != '\t')
			return 400;
		return value_byte(p, c);
	case S_VALUE_LF:
		return c == '\n' ? end_field(p) : 400;
	case S_END_LF:
		return c == '\n' ? end_head(p) : 400;
	default:
		/* not reached: S_BODY and the final states are not stepped */
		return 400;
	}
}

size_t http_parse(struct http_parser *p, const void *data, size_t len,
		  int *status)
{
	const unsigned char *s = data;
	size_t i = 0;

	if (p->state == S_DONE || p->state == S_FAILED) {
		*status = p->result;
		return 0;
	}
	while (i < len) {
		int r;

		if (p->state == S_BODY) {
			size_t n = len - i;
			if (n > p->body_left)
				n = (size_t)p->body_left;
			i += n;
			p->body_left -= n;
			if (p->body_left)
				continue;
			p->state = S_DONE;
			r = 200;
		} else {
			r = step(p, s[i++]);
		}
		if (r) {
			if (r != 200)
				p->state = S_FAILED;
			p->result = r;
			*status = r;
			return i;
		}
	}
	*status = 0;
	return i;
}

/* ---- targets and keys ------------------------------------------------------ */

static int hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower((unsigned char)*s) != (unsigned char)*prefix)
			return false;
	return true;
}

int http_target_key(const char *target, char *key)
{
	const char *t = target, *end;
	size_t n = 0;

	/* absolute-form (RFC 9112, 3.2.2): the path after the authority;
	 * the Host field names the site, and there is only one. */
	if (prefix_ci(t, "http://") || prefix_ci(t, "https://")) {
		t = strchr(strchr(t, ':') + 3, '/');
		if (!t)
			t = "/";
	}
	if (*t != '/')
		return 400;
	end = t + strcspn(t, "?#");
	while (t < end) {
		size_t start = n, seg;

		if (*t == '/') {	/* empty segments are dropped */
			t++;
			continue;
		}
		while (t < end && *t != '/') {
			unsigned char c = (unsigned char)*t++;
			if (c == '%') {
				int hi = end - t >= 2 ? hex((unsigned char)t[0]) : -1;
				int lo = hi >= 0 ? hex((unsigned char)t[1]) : -1;
				if (lo < 0)
					return 400;
				c = (unsigned char)(hi << 4 | lo);
				t += 2;
				/* A decoded '/' would split the segment
				 * after the ".." check saw it whole. */
				if (c == '/')
					return 400;
			}
			if (c < 0x20 || c == 0x7f)
				return 400;
			if (n == HTTP_KEY_MAX)
				return 414;
			key[n++] = (char)c;
		}
		seg = n - start;
		if (key[start] == '.' &&
		    (seg == 1 || (seg == 2 && key[start + 1] == '.')))
			return 400;
		if (t < end) {
			if (n == HTTP_KEY_MAX)
				return 414;
			key[n++] = '/';
			t++;
		}
	}
	if (n == 0 || key[n - 1] == '/') {
		if (n + sizeof "index.html" - 1 > HTTP_KEY_MAX)
			return 414;
		memcpy(key + n, "index.html", sizeof "index.html" - 1);
		n += sizeof "index.html" - 1;
	}
	key[n] = '\0';
	return 0;
}

size_t http_key_location(const char *key, char *buf)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t n = 0;

	buf[n++] = '/';
	for (const unsigned char *k = (const unsigned char *)key; *k; k++) {
		if ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
		    (*k >= '0' && *k <= '9') || strchr("-._~!$&'()*+,;=:@/", *k)) {
			buf[n++] = (char)*k;
		} else {
			buf[n++] = '%';
			buf[n++] = digits[*k >> 4];
			buf[n++] = digits[*k & 15];
		}
	}
	buf[n++] = '/';
	buf[n] = '\0';
	return n;
}

/* ---- content types --------------------------------------------------------- */

static const struct {
	const char *ext, *type;
} types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "htm", "text/html; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },	/* RFC 9239 */
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "json", "application/json" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "svg", "image/svg+xml" },
	{ "ico", "image/vnd.microsoft.icon" },
	{ "webp", "image/webp" },
	{ "wasm", "application/wasm" },
};

const char *http_content_type(const char *key)
{
	const char *base = strrchr(key, '/'), *dot;

	base = base ? base + 1 : key;
	dot = strrchr(base, '.');
	/* ".profile" has no extension, it is a name */
	if (dot && dot != base)
		for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
			const char *a = dot + 1, *b = types[i].ext;
			while (*a && lower((unsigned char)*a) == (unsigned char)*b)
				a++, b++;
			if (!*a && !*b)
				return types[i].type;
		}
	return "application/octet-stream";
}

/* ---- responses ------------------------------------------------------------- */

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default: return "Error";
	}
}

size_t http_response_head(char *buf, size_t size,
			  const struct http_response *r)
{
	char date[30];
	int n;

	if (r->date >= 0)
		http_date(date, r->date);
	n = snprintf(buf, size,
		     "HTTP/1.1 %d %s\r\n"
		     "Server: mirc-www\r\n"
		     "%s%s%s"
		     "%s%s%s"
		     "Content-Length: %" PRIu64 "\r\n"
		     "%s%.*s%s"
		     "%s"
		     "Connection: %s\r\n"
		     "\r\n",
		     r->status, http_reason(r->status),
		     r->date >= 0 ? "Date: " : "", r->date >= 0 ? date : "",
		     r->date >= 0 ? "\r\n" : "",
		     r->type ? "Content-Type: " : "", r->type ? r->type : "",
		     r->type ? "\r\n" : "",
		     r->length,
		     r->location ? "Location: " : "",
		     r->location ? (int)r->location_len : 0,
		     r->location ? r->location : "",
		     r->location ? "\r\n" : "",
		     r->allow ? "Allow: GET, HEAD\r\n" : "",
		     r->keep_alive ? "keep-alive" : "close");
	return n < 0 || (size_t)n >= size ? 0 : (size_t)n;
}

/* The civil date of a day counted from 1970-01-01, by the era
 * arithmetic of the proleptic Gregorian calendar (400-year eras of
 * 146097 days, years starting in March so that leap days come last). */
static void civil(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t z = days + 719468;	/* days from 0000-03-01 */
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void http_date(char *buf, int64_t secs)
{
	static const char wday[][4] = {
		"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed",
	};
	static const char mon[][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	int64_t days, rem, y;
	unsigned m, d;

	/* Four-digit years only: 1970 to 9999. */
	if (secs < 0)
		secs = 0;
	if (secs > INT64_C(253402300799))
		secs = INT64_C(253402300799);
	days = secs / 86400;
	rem = secs % 86400;
	civil(days, &y, &m, &d);
	snprintf(buf, 30, "%s, %02u %s %04d %02d:%02d:%02d GMT",
		 wday[days % 7], d, mon[m - 1], (int)y, (int)(rem / 3600),
		 (int)(rem / 60 % 60), (int)(rem % 60));
}
