/* SPDX-License-Identifier: MIT */
/*
 * greeting.h - the state of the two GREETING impls of samples/hello-key.
 * mirc.h includes this header after it has defined the signatures'
 * types, and declares the functions of both impls itself.
 */
#ifndef HELLO_KEY_GREETING_H
#define HELLO_KEY_GREETING_H

/* greeting_plain: the text given at configure time, as it is. */
struct greeting_plain {
	const char *text;
};

/* greeting_loud: the text in capitals followed by '!', made at connect. */
#define GREETING_LOUD_MAX 256
struct greeting_loud {
	char text[GREETING_LOUD_MAX];
};

#endif
