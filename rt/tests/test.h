/* SPDX-License-Identifier: MIT */
/*
 * test.h - checks and output capture for the runtime's unit tests.
 *
 * Each test is a plain program: it runs its checks, prints SUCCESS and
 * exits 0, or prints the first failed check and exits 1.  The runtime
 * writes to fds 1 and 2 directly, so capture redirects the fds (not
 * stdio) into temporary files.
 */
#ifndef MIRC_TEST_H
#define MIRC_TEST_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK(cond)                                                           \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                             \
			exit(1);                                              \
		}                                                             \
	} while (0)

#define CHECK_STR(got, want)                                                  \
	do {                                                                  \
		const char *g_ = (got), *w_ = (want);                         \
		if (!g_ || strcmp(g_, w_) != 0) {                             \
			fprintf(stderr, "%s:%d: check failed: %s\n"           \
				"  got:  [%s]\n  want: [%s]\n", __FILE__,     \
				__LINE__, #got, g_ ? g_ : "(null)", w_);      \
			exit(1);                                              \
		}                                                             \
	} while (0)

#define CHECK_CONTAINS(got, part)                                             \
	do {                                                                  \
		const char *g_ = (got), *p_ = (part);                         \
		if (!g_ || !strstr(g_, p_)) {                                 \
			fprintf(stderr, "%s:%d: [%s] not found in:\n%s\n",    \
				__FILE__, __LINE__, p_, g_ ? g_ : "(null)");  \
			exit(1);                                              \
		}                                                             \
	} while (0)

/* argc and argv from string literals (mirc_rt_init() takes main()'s). */
#define ARGC(...) ((int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)))
#define ARGV(...) ((char **)(const char *[]){ __VA_ARGS__, NULL })
#define RT_INIT(prog, ...) mirc_rt_init((prog), ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

/* What fds 1 and 2 received between capture_begin() and capture_end(). */
struct captured {
	char *out, *err;
};

/* The capture in progress (a function, so that unused it costs nothing). */
struct capture_state {
	int saved[2];
	FILE *file[2];
};

static inline struct capture_state *capture_state(void)
{
	static struct capture_state st;
	return &st;
}

#define cap_saved (capture_state()->saved)
#define cap_file (capture_state()->file)

static inline void capture_begin(void)
{
	fflush(stdout);
	fflush(stderr);
	for (int i = 0; i < 2; i++) {
		cap_file[i] = tmpfile();
		CHECK(cap_file[i] != NULL);
		cap_saved[i] = dup(i + 1);
		CHECK(cap_saved[i] >= 0);
		CHECK(dup2(fileno(cap_file[i]), i + 1) == i + 1);
	}
}

static inline char *slurp(FILE *f)
{
	long n;
	char *s;

	CHECK(fseek(f, 0, SEEK_END) == 0);
	n = ftell(f);
	CHECK(n >= 0);
	rewind(f);
	s = malloc((size_t)n + 1);
	CHECK(s != NULL);
	CHECK(fread(s, 1, (size_t)n, f) == (size_t)n);
	s[n] = '\0';
	return s;
}

static inline struct captured capture_end(void)
{
	struct captured c;

	for (int i = 0; i < 2; i++) {
		CHECK(dup2(cap_saved[i], i + 1) == i + 1);
		close(cap_saved[i]);
	}
	c.out = slurp(cap_file[0]);
	c.err = slurp(cap_file[1]);
	fclose(cap_file[0]);
	fclose(cap_file[1]);
	return c;
}

static inline void captured_free(struct captured *c)
{
	free(c->out);
	free(c->err);
}

static inline void success(void)
{
	printf("SUCCESS\n");
	fflush(stdout);
}

#endif
