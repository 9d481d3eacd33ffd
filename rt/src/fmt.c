/* SPDX-License-Identifier: MIT */
/*
 * fmt.c - a small printf: the runtime formats its log lines itself
 * because some targets (riscv64_virt) have no C library at all, and the
 * others must print the same bytes as the hosted ones.
 *
 * Text goes out through a put(ctx, s, n) callback in pieces, so a log line
 * of any length needs no buffer of its size.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"

/* <limits.h> is not usable on every freestanding toolchain. */
#define INT_MAX ((int)(~0u >> 1))
#define INT_MIN (-INT_MAX - 1)

/* One conversion specification, as parsed from "%-08.3lld". */
struct spec {
	bool left, plus, space, alt, zero;
	int width;		/* 0: none */
	int prec;		/* -1: none */
	char len;		/* 'H' hh, 'h', 'l', 'L' ll or long double, 'j', 'z', 't', 0 */
	char conv;
};

/* The output and a count that does not wrap on very long output. */
struct out {
	mirc_fmt_put put;
	void *ctx;
	size_t n;
};

static void out_str(struct out *o, const char *s, size_t n)
{
	if (n) {
		o->put(o->ctx, s, n);
		o->n += n;
	}
}

static void out_pad(struct out *o, char c, size_t n)
{
#ifdef MIRC_RUNTIME_SMALL
	/* One put per character: slower, and smaller. */
	for (; n; n--)
		out_str(o, &c, 1);
#else
	char pad[32];

	for (size_t i = 0; i < sizeof(pad); i++)
		pad[i] = c;
	while (n) {
		size_t k = n < sizeof(pad) ? n : sizeof(pad);
		out_str(o, pad, k);
		n -= k;
	}
#endif
}

/*
 * A field: prefix (sign, "0x"), then `zeros` zeros (precision), then the
 * body, padded to the width with spaces, or with zeros after the prefix
 * when the 0 flag applies (`zero_ok`).
 */
static void out_field(struct out *o, const struct spec *sp, const char *prefix,
		      size_t plen, size_t zeros, const char *body, size_t blen,
		      bool zero_ok)
{
	size_t total = plen + zeros + blen;
	size_t fill = (size_t)sp->width > total ? (size_t)sp->width - total : 0;
	size_t before = 0, after = 0;

	/* The fill goes after (-), between prefix and body as zeros (0), or
	 * before everything. */
	if (sp->left)
		after = fill;
	else if (sp->zero && zero_ok)
		zeros += fill;
	else
		before = fill;
	out_pad(o, ' ', before);
	out_str(o, prefix, plen);
	out_pad(o, '0', zeros);
	out_str(o, body, blen);
	out_pad(o, ' ', after);
}

/* ---- integers ------------------------------------------------------------------- */

/*
 * n / d and n % d without a 64-bit division routine on 32-bit targets
 * (libgcc's costs some 750 bytes of flash on Cortex-M3): values that fit
 * 32 bits take one hardware division, larger ones two plus a bit-serial
 * loop for the low word.  64-bit targets divide natively.
 */
uint64_t mirc_udiv64(uint64_t n, uint32_t d, uint32_t *rem)
{
#if UINTPTR_MAX > 0xffffffffu
	*rem = (uint32_t)(n % d);
	return n / d;
#else
	uint32_t hi = (uint32_t)(n >> 32), lo = (uint32_t)n, r;
	uint64_t q;

	if (hi == 0) {
		*rem = lo % d;
		return lo / d;
	}
	q = (uint64_t)(hi / d) << 32;
	r = hi % d;
	for (int i = 31; i >= 0; i--) {
		uint32_t top = r >> 31;	/* r << 1 would lose it */

		r = r << 1 | (lo >> i & 1u);
		if (top || r >= d) {
			r -= d;
			q |= (uint64_t)1 << i;
		}
	}
	*rem = r;
	return q;
#endif
}

#if defined(MIRC_RUNTIME_SMALL) && UINTPTR_MAX <= 0xffffffffu
/* v / 10 for the small runtime on 32-bit targets, where nothing else
 * divides 64 bits: long division by 16-bit digits, each one hardware
 * division, smaller than mirc_udiv64()'s bit-serial loop. */
static uint64_t div10(uint64_t v, uint32_t *rem)
{
	uint16_t h[4] = { (uint16_t)(v >> 48), (uint16_t)(v >> 32),
			  (uint16_t)(v >> 16), (uint16_t)v };
	uint32_t r = 0;

	for (int i = 0; i < 4; i++) {
		uint32_t cur = r << 16 | h[i];
		h[i] = (uint16_t)(cur / 10);
		r = cur % 10;
	}
	*rem = r;
	return (uint64_t)h[0] << 48 | (uint64_t)h[1] << 32 |
	       (uint32_t)h[2] << 16 | h[3];
}
#else
#define div10(v, rem) mirc_udiv64(v, 10, rem)
#endif

/* Digits of v in `base`, written backwards from end; returns the start.
 * Octal and hex shift; decimal divides. */
static char *utoa_rev(char *end, uintmax_t v, unsigned base, bool upper)
{
	/* One table: setting bit 5 makes 'A'-'F' lower case and keeps
	 * '0'-'9' as they are. */
	char lower = upper ? 0 : 0x20;

	do {
		uint32_t d;

		if (base == 10) {
			v = div10(v, &d);
		} else {
			d = (uint32_t)v & (base - 1);
			v >>= base == 16 ? 4 : 3;
		}
		*--end = "0123456789ABCDEF"[d] | lower;
	} while (v);
	return end;
}

/* An integer of magnitude `mag`: digits, then the C rules for the
 * precision (minimum digits, and "%.0d" of 0 prints nothing), signs and
 * the '#' prefixes. */
static void fmt_int(struct out *o, const struct spec *sp, uintmax_t mag,
		    bool neg, bool is_signed)
{
	char buf[3 * sizeof(uintmax_t) + 2], *end = buf + sizeof(buf), *s;
	char prefix[2];
	size_t plen = 0, dlen, zeros = 0;
	unsigned base = 10;

	if (sp->conv == 'o')
		base = 8;
	else if (sp->conv == 'x' || sp->conv == 'X')
		base = 16;
	s = utoa_rev(end, mag, base, sp->conv == 'X');
	dlen = (size_t)(end - s);
	if (sp->prec == 0 && mag == 0)
		dlen = 0;	/* "%.0d" of 0 prints nothing */
	if (sp->prec > 0 && (size_t)sp->prec > dlen)
		zeros = (size_t)sp->prec - dlen;
	if (is_signed) {
		if (neg)
			prefix[plen++] = '-';
		else if (sp->plus)
			prefix[plen++] = '+';
		else if (sp->space)
			prefix[plen++] = ' ';
	} else if (sp->alt && base == 16 && mag != 0) {
		prefix[plen++] = '0';
		prefix[plen++] = sp->conv;
	} else if (sp->alt && base == 8 && zeros == 0 &&
		   (dlen == 0 || *s != '0')) {
		zeros = 1;
	}
	out_field(o, sp, prefix, plen, zeros, s, dlen, sp->prec < 0);
}

/* ---- floating point --------------------------------------------------------------- */

#ifdef MIRC_RUNTIME_SMALL
/*
 * The small runtime (key runtime=small, mirc-runtime(3)) leaves the
 * conversion below out: it is a third of what the runtime's formatting
 * costs.  Every float conversion prints MIRC_FMT_FLOAT_MARKER instead,
 * padded to the field's width like any string, so a line still reads and
 * the value's place in it is visible.
 */
static void fmt_float(struct out *o, const struct spec *sp, uint64_t bits)
{
	(void)bits;
	out_field(o, sp, "", 0, 0, MIRC_FMT_FLOAT_MARKER,
		  sizeof(MIRC_FMT_FLOAT_MARKER) - 1, false);
}
#else

/*
 * Exact, with integers only: a finite double is mant * 2^e, so it is
 * the integer mant * 2^e when e >= 0, and mant * 5^-e / 10^-e when e < 0.
 * That integer M is built in a big number of base 10^8 (a limb times 42
 * still fits 32 bits, so no 64-bit arithmetic is needed), then written
 * out as a string of decimal digits, and the value is M with the decimal
 * point `point` digits from its right.  Rounding then works on those
 * exact digits, ties to even, which is what the C library prints; no
 * floating-point operation is used, so soft-float targets link no
 * floating-point routines for it.
 */

#define FLT_MAX_PREC 100	/* larger precisions are cut to this */
#define BIG_BASE 100000000u
#define BIG_LIMBS 98		/* 2^53 * 5^1074 has 767 digits; one more for a carry */

/* M in base 10^8, while it is built. */
struct limbs {
	uint32_t limb[BIG_LIMBS];	/* least significant first */
	int n;				/* limbs in use; 0 is the number 0 */
};

/* M as decimal digits, most significant first, no leading zero. */
struct big {
	char *d;
	int nd;			/* 0 is the number 0 */
};

/*
 * Where the digits are written: static rather than on the stack, where
 * the conversion already takes some 800 bytes (the runtime is single
 * threaded and formats one value at a time).  One byte in front for the
 * carry of a rounding up.
 */
static char big_text[1 + BIG_LIMBS * 8];

/* l *= m, for m <= 42. */
static void big_mul(struct limbs *l, uint32_t m)
{
	uint32_t carry = 0;

	for (int i = 0; i < l->n; i++) {
		uint32_t t = l->limb[i] * m + carry;
		l->limb[i] = t % BIG_BASE;
		carry = t / BIG_BASE;
	}
	if (carry)
		l->limb[l->n++] = carry;
}

/* The decimal digit of b at 10^pos; 0 outside its digits. */
static unsigned big_digit(const struct big *b, int pos)
{
	if (pos < 0 || pos >= b->nd)
		return 0;
	return (unsigned)(b->d[b->nd - 1 - pos] - '0');
}

/* b as the digits of a double's value; returns `point`. */
static int big_set(struct big *b, uint64_t bits)
{
	uint64_t mant = bits & ((UINT64_C(1) << 52) - 1);
	int e = (int)(bits >> 52 & 0x7ff), point;
	struct limbs l;
	char *p = big_text + sizeof(big_text);

	if (e)
		mant |= UINT64_C(1) << 52;
	else
		e = 1;	/* subnormal */
	e -= 1075;
	/* Fewer multiplications: 0.5 is 1 * 2^-1, not 2^52 * 2^-53. */
	while (mant && !(mant & 1) && e < 0) {
		mant >>= 1;
		e++;
	}
	point = e < 0 ? -e : 0;
	l.n = 0;
	while (mant) {
		uint32_t r;

		mant = mirc_udiv64(mant, BIG_BASE, &r);
		l.limb[l.n++] = r;
	}
	for (; e >= 5; e -= 5)
		big_mul(&l, 32);
	for (; e > 0; e--)
		big_mul(&l, 2);
	for (; e <= -2; e += 2)
		big_mul(&l, 25);
	if (e < 0)
		big_mul(&l, 5);
	/* Eight digits a limb, the top one without its leading zeros. */
	for (int i = 0; i < l.n; i++) {
		uint32_t v = l.limb[i];
		for (int k = 0; k < 8 && (v || i + 1 < l.n); k++, v /= 10)
			*--p = (char)('0' + v % 10);
	}
	b->d = p;
	b->nd = (int)(big_text + sizeof(big_text) - p);
	return point;
}

/*
 * Round b to a multiple of 10^r (r > 0), to nearest, ties to even: the
 * digits below 10^r become zeros.
 */
static void big_round(struct big *b, int r)
{
	int k = b->nd - r;	/* d[k] is the digit at 10^(r - 1) */
	bool up;

	if (k < 0) {		/* below half of 10^r */
		b->nd = 0;
		return;
	}
	up = b->d[k] > '5';
	if (b->d[k] == '5') {
		/* A tie only when every digit below is 0; then to even. */
		up = k > 0 && (b->d[k - 1] & 1);
		for (int i = k + 1; i < b->nd; i++)
			up |= b->d[i] != '0';
	}
	for (int i = k; i < b->nd; i++)
		b->d[i] = '0';
	for (int i = k - 1; up; i--) {
		if (i < 0) {
			*--b->d = '1';	/* 999.5 to 1000 */
			b->nd++;
			break;
		}
		up = b->d[i] == '9';
		b->d[i] = up ? '0' : (char)(b->d[i] + 1);
	}
}

/* The digits of b from 10^hi down to 10^lo into buf; returns how many. */
static size_t put_digits(char *buf, const struct big *b, int hi, int lo)
{
	size_t n = 0;

	for (int p = hi; p >= lo; p--)
		buf[n++] = (char)('0' + big_digit(b, p));
	return n;
}

/* The value b / 10^point with prec digits after the point. */
static size_t fmt_fixed(char *buf, struct big *b, int point, int prec, bool alt)
{
	int nd;
	size_t n;

	if (point - prec > 0)
		big_round(b, point - prec);
	nd = b->nd;
	n = put_digits(buf, b, nd > point ? nd - 1 : point, point);
	if (prec > 0 || alt)
		buf[n++] = '.';
	return n + put_digits(buf + n, b, point - 1, point - prec);
}

/* The same in exponent form; *exp gets the exponent after rounding. */
static size_t fmt_exp(char *buf, struct big *b, int point, int prec,
		      bool upper, bool alt, int *exp)
{
	int nd = b->nd, e = 0;
	unsigned ae;
	size_t n = 0;

	if (nd > 0) {
		if (nd - 1 - prec > 0) {
			big_round(b, nd - 1 - prec);
			nd = b->nd;
		}
		e = nd - 1 - point;
	} else {
		nd = 1;		/* 0: the digit at 10^0 */
	}
	buf[n++] = (char)('0' + big_digit(b, nd - 1));
	if (prec > 0 || alt)
		buf[n++] = '.';
	n += put_digits(buf + n, b, nd - 2, nd - 1 - prec);
	buf[n++] = upper ? 'E' : 'e';
	buf[n++] = e < 0 ? '-' : '+';
	ae = (unsigned)(e < 0 ? -e : e);
	if (ae >= 100)
		buf[n++] = (char)('0' + ae / 100);
	buf[n++] = (char)('0' + ae / 10 % 10);
	buf[n++] = (char)('0' + ae % 10);
	*exp = e;
	return n;
}

/* %g: strip trailing zeros of the fraction (before any exponent). */
static size_t strip_zeros(char *buf, size_t n)
{
	size_t dot = n, end = n, k;

	for (k = 0; k < n; k++) {
		if (buf[k] == '.')
			dot = k;
		if (buf[k] == 'e' || buf[k] == 'E') {
			end = k;
			break;
		}
	}
	if (dot == n)
		return n;
	k = end;
	while (k > dot + 1 && buf[k - 1] == '0')
		k--;
	if (k == dot + 1)
		k = dot;
	for (size_t i = end; i < n; i++)
		buf[k++] = buf[i];
	return k;
}

/* Sign, then inf/nan or the digits; %g picks %e or %f from the exponent
 * after rounding, as C does, and drops trailing zeros unless '#'. */
static void fmt_float(struct out *o, const struct spec *sp, uint64_t bits)
{
	char buf[320 + FLT_MAX_PREC + 16], prefix[1];
	struct big b;
	bool upper = sp->conv >= 'A' && sp->conv <= 'Z';
	int prec = sp->prec < 0 ? 6 : sp->prec > FLT_MAX_PREC ? FLT_MAX_PREC : sp->prec;
	int point, e;
	size_t plen = 0, n;
	char c = (char)(sp->conv | 0x20);

	if (bits >> 63)
		prefix[plen++] = '-';
	else if (sp->plus)
		prefix[plen++] = '+';
	else if (sp->space)
		prefix[plen++] = ' ';
	if ((bits >> 52 & 0x7ff) == 0x7ff) {
		const char *s = (bits << 12) ? (upper ? "NAN" : "nan")
					     : (upper ? "INF" : "inf");
		out_field(o, sp, prefix, plen, 0, s, 3, false);
		return;
	}
	point = big_set(&b, bits);
	if (c == 'f') {
		n = fmt_fixed(buf, &b, point, prec, sp->alt);
	} else if (c == 'e' || c == 'a') {
		n = fmt_exp(buf, &b, point, prec, upper, sp->alt, &e);
	} else {
		int P = prec == 0 ? 1 : prec;

		/* Rounded to P digits once; rounding again for %f changes
		 * nothing, its digits below are zeros already. */
		n = fmt_exp(buf, &b, point, P - 1, upper, sp->alt, &e);
		if (P > e && e >= -4)
			n = fmt_fixed(buf, &b, point, P - 1 - e, sp->alt);
		if (!sp->alt)
			n = strip_zeros(buf, n);
	}
	out_field(o, sp, prefix, plen, 0, buf, n, true);
}

#endif /* MIRC_RUNTIME_SMALL */

/* ---- the driver --------------------------------------------------------------------- */

/* A width or precision: digits (kept below INT_MAX) or '*', an int
 * argument; *f is left after it. */
static int parse_num(const char **f, va_list *ap)
{
	int v = 0;

	if (**f == '*') {
		(*f)++;
		return va_arg(*ap, int);
	}
	for (; **f >= '0' && **f <= '9'; (*f)++)
		if (v < INT_MAX / 10 - 9)
			v = v * 10 + (**f - '0');
	return v;
}

/* Parse the flags, width, precision and length of one conversion. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	int w;

	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	w = parse_num(&f, ap);
	if (w < 0) {		/* a negative '*' width: the - flag */
		sp->left = true;
		w = w == INT_MIN ? INT_MAX : -w;
	}
	sp->width = w;
	if (*f == '.') {
		f++;
		sp->prec = parse_num(&f, ap);
		if (sp->prec < 0)	/* a negative '*' precision: none */
			sp->prec = -1;
	}
	switch (*f) {
	case 'h':
	case 'l':
		/* hh and ll: 'H' and 'L' */
		sp->len = f[1] == *f ? (char)(*f & ~0x20) : *f;
		f += f[1] == *f ? 2 : 1;
		break;
	case 'L':
	case 'j':
	case 'z':
	case 't':
		sp->len = *f++;
		break;
	default:
		break;
	}
	sp->conv = *f;
	return f;
}

/*
 * The argument of an integer conversion, as 64 bits: read with the type
 * its length modifier names (a signed one: the same bits as the unsigned
 * one), then cut to that type's size and sign-extended for %d and %i,
 * zero-extended for the others.  One switch for both signednesses, and
 * the cut in 32-bit arithmetic: a type narrower than intmax_t is at most
 * 32 bits wide on every target.
 */
static uintmax_t arg_int(const struct spec *sp, va_list *ap, bool is_signed)
{
	intmax_t v;
	size_t size;

	switch (sp->len) {
	case 'l':
		v = va_arg(*ap, long);
		size = sizeof(long);
		break;
	case 'L':
		v = va_arg(*ap, long long);
		size = sizeof(long long);
		break;
	case 'j':
		v = va_arg(*ap, intmax_t);
		size = sizeof(intmax_t);
		break;
	case 'z':
		v = (intmax_t)va_arg(*ap, size_t);	/* cut below */
		size = sizeof(size_t);
		break;
	case 't':
		v = va_arg(*ap, ptrdiff_t);
		size = sizeof(ptrdiff_t);
		break;
	default:
		v = va_arg(*ap, int);
		size = sp->len == 'H' ? 1 : sp->len == 'h' ? 2 : sizeof(int);
		break;
	}
	if (size < sizeof(intmax_t)) {
		unsigned sh = 32 - (unsigned)size * 8;
		uint32_t u = (uint32_t)v << sh;

		return is_signed ? (uintmax_t)(intmax_t)((int32_t)u >> sh)
				 : (uintmax_t)(u >> sh);
	}
	return (uintmax_t)v;
}

size_t mirc_vformat(mirc_fmt_put put, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { put, ctx, 0 };
	struct spec sp;
	va_list aq;

	/* A copy, so that &aq is a va_list * on every ABI (va_list may be an
	 * array type, which decays when passed as a parameter). */
	va_copy(aq, ap);
	while (*fmt) {
		const char *start = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		out_str(&o, start, (size_t)(fmt - start));
		if (!*fmt)
			break;
		start = fmt;
		fmt = parse_spec(fmt + 1, &sp, &aq);
		switch (sp.conv) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X': {
			bool is_signed = sp.conv == 'd' || sp.conv == 'i';
			uintmax_t v = arg_int(&sp, &aq, is_signed);
			bool neg = is_signed && (intmax_t)v < 0;

			fmt_int(&o, &sp, neg ? (uintmax_t)0 - v : v, neg, is_signed);
			break;
		}
		case 'c': {
			char c = (char)va_arg(aq, int);
			if (sp.len == 'l')
				c = '?';	/* wide characters: not on every target */
			out_field(&o, &sp, "", 0, 0, &c, 1, false);
			break;
		}
		case 's': {
			const char *s;
			size_t n = 0;
			if (sp.len == 'l') {
				(void)va_arg(aq, void *);
				s = "?";
			} else {
				s = va_arg(aq, const char *);
			}
			if (!s)
				s = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			/* Never read past the precision: the text may not end. */
			while ((sp.prec < 0 || n < (size_t)sp.prec) && s[n])
				n++;
			out_field(&o, &sp, "", 0, 0, s, n, false);
			break;
		}
		case 'p': {
			void *p = va_arg(aq, void *);
			if (!p) {
				out_field(&o, &sp, "", 0, 0, "(nil)", 5, false);
			} else {
				/* "%#x" in place: sp is parsed again for the next. */
				sp.conv = 'x';
				sp.alt = true;
				fmt_int(&o, &sp, (uintmax_t)(uintptr_t)p, false, false);
			}
			break;
		}
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
		case 'a':
		case 'A': {
			double x = sp.len == 'L' ? (double)va_arg(aq, long double)
						 : va_arg(aq, double);
			uint64_t bits;

			rt_memcpy(&bits, &x, sizeof(bits));
			fmt_float(&o, &sp, bits);
			break;
		}
		case 'n':
			(void)va_arg(aq, int *);	/* a write primitive: refused */
			break;
		case '%':
			out_str(&o, "%", 1);
			break;
		default:
			/* Unknown or cut short: print it as written. */
			if (!*fmt) {
				out_str(&o, start, (size_t)(fmt - start));
				va_end(aq);
				return o.n;
			}
			out_str(&o, start, (size_t)(fmt + 1 - start));
			break;
		}
		fmt++;
	}
	va_end(aq);
	return o.n;
}

/* ---- into a buffer ---------------------------------------------------------------- */

struct sbuf {
	char *buf;
	size_t size, len;
};

static void sbuf_put(void *ctx, const char *s, size_t n)
{
	struct sbuf *b = ctx;

	for (size_t i = 0; i < n; i++, b->len++)
		if (b->len + 1 < b->size)
			b->buf[b->len] = s[i];
}

int mirc_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sbuf b = { buf, size, 0 };
	size_t n = mirc_vformat(sbuf_put, &b, fmt, ap);

	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n > INT_MAX ? INT_MAX : (int)n;
}

int mirc_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mirc_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
