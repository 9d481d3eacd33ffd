/* SPDX-License-Identifier: MIT */
/*
 * www-http.c - unit test of rt/net/http.c (built and run by
 * www-http.sh): the request parser fed whole, byte by byte and split at
 * every offset, its bounds, the target-to-key mapping, content types,
 * dates and response heads.  Prints each failure and "SUCCESS" at the
 * end; exits 1 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

static int failures;

#define CHECK(cond, ...)                                                 \
	do {                                                             \
		if (!(cond)) {                                           \
			failures++;                                      \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);      \
			printf(__VA_ARGS__);                             \
			printf("\n");                                    \
		}                                                        \
	} while (0)

/* What a parse of one buffer came to. */
struct outcome {
	int status;
	size_t used;
	struct http_request req;
};

/* Feed text[0, len) in pieces of `piece` bytes (0: all at once), as the
 * network would, until the parser answers. */
static struct outcome feed(const char *text, size_t len, size_t piece)
{
	static struct http_parser p;	/* 10 KiB: not on the stack */
	struct outcome o = { 0, 0, { 0, 0, false, 0, "" } };

	http_parser_init(&p);
	while (o.used < len) {
		size_t n = piece && piece < len - o.used ? piece : len - o.used;
		size_t got = http_parse(&p, text + o.used, n, &o.status);

		o.used += got;
		if (o.status) {
			/* Once it has answered it consumes nothing more. */
			int again = -1;
			size_t more = http_parse(&p, "x", 1, &again);
			CHECK(more == 0 && again == o.status,
			      "parser moved after answering %d", o.status);
			break;
		}
		CHECK(got == n, "consumed %zu of %zu without answering",
		      got, n);
	}
	o.req = p.req;
	return o;
}

/* Parse text whole, byte by byte and split at every offset; all must
 * agree; the whole-buffer outcome is returned. */
static struct outcome parse(const char *text)
{
	size_t len = strlen(text);
	struct outcome whole = feed(text, len, 0), o;

	o = feed(text, len, 1);
	CHECK(o.status == whole.status && o.used == whole.used,
	      "byte by byte: %d after %zu, whole: %d after %zu (%s)",
	      o.status, o.used, whole.status, whole.used, text);
	for (size_t cut = 1; cut < len; cut++) {
		static struct http_parser p;
		size_t used;
		int st;

		http_parser_init(&p);
		used = http_parse(&p, text, cut, &st);
		if (!st)
			used += http_parse(&p, text + cut, len - cut, &st);
		CHECK(st == whole.status && used == whole.used,
		      "split at %zu: %d after %zu, whole: %d after %zu",
		      cut, st, used, whole.status, whole.used);
	}
	return whole;
}

static void expect_status(const char *text, int status)
{
	struct outcome o = parse(text);

	CHECK(o.status == status, "%d, not %d, for \"%s\"", o.status, status,
	      text);
}

static void test_good(void)
{
	struct outcome o;

	o = parse("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
	CHECK(o.status == 200 && o.req.method == HTTP_GET && o.req.minor == 1 &&
	      o.req.keep_alive && !strcmp(o.req.target, "/index.html"),
	      "plain GET");
	o = parse("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	CHECK(o.status == 200 && o.req.method == HTTP_HEAD &&
	      !o.req.keep_alive, "HEAD with Connection: close");
	o = parse("GET / HTTP/1.0\r\n\r\n");
	CHECK(o.status == 200 && o.req.minor == 0 && !o.req.keep_alive,
	      "HTTP/1.0 closes by default, needs no Host");
	o = parse("GET / HTTP/1.0\r\nconnection: Upgrade, Keep-Alive\r\n\r\n");
	CHECK(o.status == 200 && o.req.keep_alive, "HTTP/1.0 keep-alive");
	o = parse("GET / HTTP/1.1\r\nHost: x\r\nConnection:keep-alive,close \r\n\r\n");
	CHECK(o.status == 200 && !o.req.keep_alive, "close wins");
	o = parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: closed\r\n\r\n");
	CHECK(o.status == 200 && o.req.keep_alive, "closed is not close");
	o = parse("GET / HTTP/1.2\r\nHost: x\r\n\r\n");
	CHECK(o.status == 200 && o.req.minor == 1, "HTTP/1.2 is served as 1.1");
	o = parse("\r\n\nGET /a?b=c HTTP/1.1\nHost: x\n\n");
	CHECK(o.status == 200 && !strcmp(o.req.target, "/a?b=c"),
	      "empty lines first, bare LFs");
	o = parse("GET / HTTP/1.1\r\nHost:\r\nX-Long-Name-That-Is-Longer-Than-32-Bytes: \xc3\xa9\t v\r\n\r\n");
	CHECK(o.status == 200, "empty Host, long name, obs-text, tab");

	/* Pipelining: the parser stops at the end of the first request. */
	{
		const char *two = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
				  "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n";
		o = parse(two);
		CHECK(o.status == 200 && o.used == strlen(two) / 2 &&
		      !strcmp(o.req.target, "/1"), "pipelined: first");
		o = parse(two + o.used);
		CHECK(o.status == 200 && !strcmp(o.req.target, "/2"),
		      "pipelined: second");
	}
	/* A body is dropped, and the next request starts after it. */
	{
		const char *b = "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n"
				"helloGET /";
		o = parse(b);
		CHECK(o.status == 200 && o.used == strlen(b) - 5,
		      "body of 5 dropped: used %zu", o.used);
	}
}

static void test_bad(void)
{
	char *big;

	expect_status("GET /\r\n\r\n", 400);			/* HTTP/0.9 */
	expect_status("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1 \r\nHost: x\r\n\r\n", 400);
	expect_status(" GET / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1x\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / http/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\rHost: x\r\n\r\n", 400);	/* bare CR */
	expect_status("GET / HTTP/1.1\r\n\r\n", 400);		/* no Host */
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: a\x01b\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\n\x7f: y\r\n\r\n", 400);
	expect_status("GET /\x80 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1 2\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
		      "Content-Length: 1\r\n\r\nx", 400);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 65537\r\n\r\n", 413);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: "
		      "99999999999999999999999999999\r\n\r\n", 413);
	expect_status("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 501);
	expect_status("POST / HTTP/1.1\r\nHost: x\r\n\r\n", 405);
	expect_status("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 405);
	expect_status("BREW / HTTP/1.1\r\nHost: x\r\n\r\n", 501);
	expect_status("get / HTTP/1.1\r\nHost: x\r\n\r\n", 501);	/* case */
	expect_status("GETTINGVERYLONGMETHOD / HTTP/1.1\r\n\r\n", 501);
	expect_status("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505);
	expect_status("GET / HTTP/0.9\r\nHost: x\r\n\r\n", 505);
	expect_status("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400);

	/* NUL anywhere is refused (strlen would stop at it: feed()). */
	{
		static const char nul_target[] = "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n";
		static const char nul_value[] = "GET / HTTP/1.1\r\nHost: x\0\r\n\r\n";
		static const char nul_name[] = "GET / HTTP/1.1\r\nHo\0st: x\r\n\r\n";
		CHECK(feed(nul_target, sizeof nul_target - 1, 1).status == 400, "NUL in target");
		CHECK(feed(nul_value, sizeof nul_value - 1, 0).status == 400, "NUL in value");
		CHECK(feed(nul_name, sizeof nul_name - 1, 3).status == 400, "NUL in name");
	}
	/* The HEAD method is known even when the request fails. */
	CHECK(parse("HEAD / HTTP/1.1\r\n\r\n").req.method == HTTP_HEAD,
	      "method of a failed HEAD");

	/* Bounds: a long target is 414, a long head 431, whatever follows;
	 * an endless field is refused after HTTP_HEAD_MAX bytes. */
	big = malloc(100000);
	if (!big)
		abort();
	memcpy(big, "GET /", 5);
	memset(big + 5, 'a', 100000 - 5);
	{
		struct outcome o = feed(big, 100000, 4096);
		CHECK(o.status == 414 && o.used == 5 + HTTP_TARGET_MAX,
		      "long target: %d after %zu", o.status, o.used);
	}
	memcpy(big, "GET / HTTP/1.1\r\nX: ", 19);
	{
		struct outcome o = feed(big, 100000, 1000);
		CHECK(o.status == 431 && o.used == HTTP_HEAD_MAX + 1,
		      "endless field: %d after %zu", o.status, o.used);
	}
	/* Many short fields count as much as one long one. */
	for (size_t i = 19; i + 4 < 100000; i += 4)
		memcpy(big + i, "\r\na:", 4);
	{
		struct outcome o = feed(big, 100000, 0);
		CHECK(o.status == 431 && o.used == HTTP_HEAD_MAX + 1,
		      "many fields: %d after %zu", o.status, o.used);
	}
	/* A head of exactly HTTP_HEAD_MAX bytes is fine. */
	{
		const char *start = "GET / HTTP/1.1\r\nHost: x\r\nX: ";
		size_t n = strlen(start);
		memcpy(big, start, n);
		memset(big + n, 'v', HTTP_HEAD_MAX - n - 4);
		memcpy(big + HTTP_HEAD_MAX - 4, "\r\n\r\n", 4);
		CHECK(feed(big, HTTP_HEAD_MAX, 0).status == 200, "head at the limit");
		CHECK(feed(big, HTTP_HEAD_MAX, 7).status == 200, "head at the limit, 7");
	}
	free(big);
}

static void expect_key(const char *target, int status, const char *key)
{
	char out[HTTP_KEY_MAX + 1];
	int st = http_target_key(target, out);

	CHECK(st == status, "target \"%s\": %d, not %d", target, st, status);
	if (st == 0 && status == 0)
		CHECK(!strcmp(out, key), "target \"%s\": key \"%s\", not \"%s\"",
		      target, out, key);
}

static void test_keys(void)
{
	char t[HTTP_KEY_MAX + 16];

	expect_key("/", 0, "index.html");
	expect_key("/a/b.css", 0, "a/b.css");
	expect_key("/docs/", 0, "docs/index.html");
	expect_key("/docs", 0, "docs");
	expect_key("//a///b//", 0, "a/b/index.html");
	expect_key("/a%20b%41", 0, "a bA");
	expect_key("/x?y=/../z#f", 0, "x");
	expect_key("/x#/../z", 0, "x");
	expect_key("/...", 0, "...");
	expect_key("/.hidden", 0, ".hidden");
	expect_key("http://host:80/a/b", 0, "a/b");
	expect_key("HTTPS://host", 0, "index.html");
	expect_key("/..", 400, NULL);
	expect_key("/../etc/passwd", 400, NULL);
	expect_key("/a/../../b", 400, NULL);
	expect_key("/a/./b", 400, NULL);
	expect_key("/.", 400, NULL);
	expect_key("/%2e%2e/x", 400, NULL);
	expect_key("/%2E%2e/", 400, NULL);
	expect_key("/.%2e", 400, NULL);
	expect_key("/a/%2e", 400, NULL);
	expect_key("/a%2f..", 400, NULL);
	expect_key("/..%2fetc", 400, NULL);
	expect_key("/a%00b", 400, NULL);
	expect_key("/a%0ab", 400, NULL);
	expect_key("/a%7F", 400, NULL);
	expect_key("/a%zz", 400, NULL);
	expect_key("/a%4", 400, NULL);
	expect_key("/a%", 400, NULL);
	expect_key("*", 400, NULL);
	expect_key("host:80", 400, NULL);
	expect_key("", 400, NULL);
	expect_key("http://host/..", 400, NULL);

	/* Locations of dictionaries: always a path of this site. */
	{
		static char loc[HTTP_LOCATION_MAX + 1];
		char k[HTTP_KEY_MAX + 1];
		size_t n;

		n = http_key_location("docs", loc);
		CHECK(n == 6 && !strcmp(loc, "/docs/"), "location %s", loc);
		n = http_key_location("a b/%x\xc3\xa9?#", loc);
		CHECK(!strcmp(loc, "/a%20b/%25x%C3%A9%3F%23/"), "location %s", loc);
		/* the longest key, every byte encoded, fits */
		memset(k, '"', HTTP_KEY_MAX);
		k[HTTP_KEY_MAX] = '\0';
		n = http_key_location(k, loc);
		CHECK(n == HTTP_LOCATION_MAX && strlen(loc) == n, "long location");
	}

	/* The longest key fits; one more byte is 414, "index.html" too. */
	t[0] = '/';
	memset(t + 1, 'k', HTTP_KEY_MAX);
	t[HTTP_KEY_MAX + 1] = '\0';
	expect_key(t, 0, t + 1);
	t[HTTP_KEY_MAX + 1] = 'k';
	t[HTTP_KEY_MAX + 2] = '\0';
	expect_key(t, 414, NULL);
	t[HTTP_KEY_MAX - 8] = '/';
	t[HTTP_KEY_MAX - 7] = '\0';
	expect_key(t, 414, NULL);
}

static void test_types(void)
{
	static const char *const cases[][2] = {
		{ "index.html", "text/html; charset=utf-8" },
		{ "a/B.HTM", "text/html; charset=utf-8" },
		{ "s.css", "text/css; charset=utf-8" },
		{ "x/app.js", "text/javascript; charset=utf-8" },
		{ "r.txt", "text/plain; charset=utf-8" },
		{ "i.png", "image/png" },
		{ "i.jpg", "image/jpeg" },
		{ "i.JPEG", "image/jpeg" },
		{ "i.svg", "image/svg+xml" },
		{ "favicon.ico", "image/vnd.microsoft.icon" },
		{ "d.json", "application/json" },
		{ "blob", "application/octet-stream" },
		{ "a.b/c", "application/octet-stream" },
		{ ".png", "application/octet-stream" },
		{ "x.pngx", "application/octet-stream" },
		{ "x.tar.gz", "application/octet-stream" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(!strcmp(http_content_type(cases[i][0]), cases[i][1]),
		      "type of %s: %s", cases[i][0],
		      http_content_type(cases[i][0]));
}

static void test_responses(void)
{
	static const struct {
		long long secs;
		const char *text;
	} dates[] = {
		{ 0, "Thu, 01 Jan 1970 00:00:00 GMT" },
		{ 784111777, "Sun, 06 Nov 1994 08:49:37 GMT" },
		{ 951782400, "Tue, 29 Feb 2000 00:00:00 GMT" },
		{ 1796310703, "Thu, 03 Dec 2026 15:11:43 GMT" },
		{ 253402300799, "Fri, 31 Dec 9999 23:59:59 GMT" },
		{ 999999999999, "Fri, 31 Dec 9999 23:59:59 GMT" },
		{ -5, "Thu, 01 Jan 1970 00:00:00 GMT" },
	};
	char buf[HTTP_RESPONSE_HEAD_MAX];
	struct http_response r = {
		200, "text/plain; charset=utf-8", 12, NULL, 0, true, false, 784111777,
	};
	size_t n;

	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		http_date(buf, dates[i].secs);
		CHECK(!strcmp(buf, dates[i].text), "date %lld: %s",
		      dates[i].secs, buf);
	}
	n = http_response_head(buf, sizeof buf, &r);
	CHECK(n == strlen(buf) && !strcmp(buf,
	      "HTTP/1.1 200 OK\r\nServer: mirc-www\r\n"
	      "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
	      "Content-Type: text/plain; charset=utf-8\r\n"
	      "Content-Length: 12\r\nConnection: keep-alive\r\n\r\n"),
	      "200 head: %s", buf);
	r = (struct http_response){ 301, NULL, 0, "/docs?x", 5, false, false, -1 };
	n = http_response_head(buf, sizeof buf, &r);
	CHECK(n && !strcmp(buf, "HTTP/1.1 301 Moved Permanently\r\n"
	      "Server: mirc-www\r\nContent-Length: 0\r\n"
	      "Location: /docs\r\nConnection: close\r\n\r\n"),
	      "301 head: %s", buf);
	r = (struct http_response){ 405, NULL, 0, NULL, 0, false, true, -1 };
	n = http_response_head(buf, sizeof buf, &r);
	CHECK(n && strstr(buf, "HTTP/1.1 405 Method Not Allowed\r\n") == buf &&
	      strstr(buf, "\r\nAllow: GET, HEAD\r\n"), "405 head: %s", buf);
	CHECK(http_response_head(buf, 20, &r) == 0, "a head that does not fit");
	CHECK(!strcmp(http_reason(431), "Request Header Fields Too Large") &&
	      !strcmp(http_reason(299), "Error"), "reasons");
}

/* The key's components are neither empty, "." nor ".." (what
 * mirc_kv_key_valid() asks, written again so this test needs only
 * http.c). */
static bool key_ok(const char *key)
{
	const char *c = key;

	if (!*key || strlen(key) > HTTP_KEY_MAX)
		return false;
	for (;;) {
		size_t n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		if (!c[n])
			return true;
		c += n + 1;
	}
}

/* A pseudo-random number (a fixed sequence: failures reproduce). */
static uint32_t rnd(uint32_t n)
{
	static uint32_t seed = 12345;

	seed = seed * 1103515245 + 12345;
	return (seed >> 8) % n;
}

#define PICK(a) (a)[rnd(sizeof (a) / sizeof *(a))]

/* Append s to buf[*len], as far as it fits in 512 bytes. */
static void put(char *buf, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n < 512) {
		memcpy(buf + *len, s, n);
		*len += n;
	}
}

/* Random requests (a request line with a target of random path pieces,
 * fields, the empty line; a quarter with one byte changed), fed in
 * random splits: the parser answers with a status it documents, never
 * consumes more than it was given, and every target it accepts maps to
 * a key that stays inside the store, or is refused. */
static void test_random(void)
{
	static const char *const methods[] = { "GET", "GET", "HEAD", "POST", "BREW" };
	static const char *const path[] = {
		"/", "//", "%2e", "%2E", ".", "..", "%2f", "%00", "%", "a",
		"b.txt", "?", "#", "%41", "%zz", "%2e%2e", ".%2e", "~",
	};
	static const char *const versions[] = {
		"HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1",
	};
	static const char *const fields[] = {
		"Host: x\r\n", "Content-Length: 3\r\n", "Connection: close\r\n",
		"X: y\r\n", "Transfer-Encoding: chunked\r\n", "\r\n",
	};
	static const int statuses[] = { 0, 200, 400, 405, 413, 414, 431, 501, 505 };
	static struct http_parser p;
	static char key[HTTP_KEY_MAX + 1];
	int count[600] = { 0 }, keys = 0;
	char buf[512];

	for (int round = 0; round < 20000; round++) {
		size_t len = 0, used = 0;
		int st = 0;
		bool known = false;

		put(buf, &len, PICK(methods));
		put(buf, &len, " ");
		if (rnd(8) == 0)
			put(buf, &len, "http://h");
		put(buf, &len, "/");
		for (uint32_t n = rnd(8); n--;)
			put(buf, &len, PICK(path));
		put(buf, &len, " ");
		put(buf, &len, PICK(versions));
		put(buf, &len, "\r\n");
		if (rnd(8))
			put(buf, &len, "Host: x\r\n");
		for (uint32_t n = rnd(3); n--;)
			put(buf, &len, PICK(fields));
		put(buf, &len, "\r\nabc");
		if (rnd(4) == 0)
			buf[rnd((uint32_t)len)] = (char)rnd(256);
		http_parser_init(&p);
		while (used < len && !st) {
			size_t n = 1 + rnd((uint32_t)(len - used));
			size_t got = http_parse(&p, buf + used, n, &st);
			CHECK(got <= n, "consumed %zu of %zu", got, n);
			used += got;
		}
		for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
			known |= st == statuses[i];
		CHECK(known, "round %d: status %d", round, st);
		count[known ? st : 0]++;
		if (st != 200)
			continue;
		CHECK(strlen(p.req.target) == p.req.target_len,
		      "round %d: target length", round);
		if (http_target_key(p.req.target, key) == 0) {
			keys++;
			CHECK(key_ok(key), "round %d: target %s gave key %s",
			      round, p.req.target, key);
		}
	}
	/* The generator must reach the interesting outcomes, or this test
	 * tests little. */
	CHECK(count[200] > 2000 && keys > 1000 && count[400] > 1000 &&
	      count[405] && count[501] && count[505],
	      "random requests: %d served, %d keys, %d 400", count[200], keys,
	      count[400]);
}

int main(void)
{
	test_good();
	test_bad();
	test_keys();
	test_types();
	test_responses();
	test_random();
	if (failures) {
		printf("%d failures\n", failures);
		return 1;
	}
	printf("SUCCESS\n");
	return 0;
}
