/*
 * cache.h - written by mirc stubs for impl cache.
 *
 * The state, one per device instance: mirc.h includes this file
 * after the handle types.  Yours to
 * edit: mirc stubs never touches a file that exists.
 */
#ifndef CACHE_H
#define CACHE_H

struct cache {
	struct STORE backing;
	int64_t size;
};

#endif
