/* SPDX-License-Identifier: MIT */
/*
 * string.h - string and memory functions of mirc's freestanding C library
 * (rt/libc).  Standard C semantics; see rt/libc/README.md for what is
 * provided and what is not.
 */
#ifndef MIRC_LIBC_STRING_H
#define MIRC_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
/* POSIX 2024 (GNU and BSD before). */
void *memmem(const void *hay, size_t n1, const void *needle, size_t n2);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strcat(char *restrict dst, const char *restrict src);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *restrict s, const char *restrict sep);
/* POSIX: strtok() with its position in *save. */
char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
/* POSIX, allocates with malloc(). */
char *strdup(const char *s);
char *strndup(const char *s, size_t max);

/* Text for an errno value of <errno.h>; "Unknown error N" (in a static
 * buffer) for others. */
char *strerror(int err);

#endif
