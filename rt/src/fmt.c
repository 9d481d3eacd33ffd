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

/* The exact products below need every operation rounded on its own. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

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
	char pad[32];

	for (size_t i = 0; i < sizeof(pad); i++)
		pad[i] = c;
	while (n) {
		size_t k = n < sizeof(pad) ? n : sizeof(pad);
		out_str(o, pad, k);
		n -= k;
	}
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

	if (sp->left) {
		out_str(o, prefix, plen);
		out_pad(o, '0', zeros);
		out_str(o, body, blen);
		out_pad(o, ' ', fill);
	} else if (sp->zero && zero_ok) {
		out_str(o, prefix, plen);
		out_pad(o, '0', zeros + fill);
		out_str(o, body, blen);
	} else {
		out_pad(o, ' ', fill);
		out_str(o, prefix, plen);
		out_pad(o, '0', zeros);
		out_str(o, body, blen);
	}
}

/* ---- integers ------------------------------------------------------------------- */

/* Digits of v in `base`, written backwards from end; returns the start. */
static char *utoa_rev(char *end, uintmax_t v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		*--end = digits[v % base];
		v /= base;
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

#define FLT_MAX_PREC 100	/* larger precisions are cut to this */
#define FLT_SIG 17		/* significant digits computed; the rest are zeros */

static const double pow10_bin[] = {	/* 10^(2^i) */
	1e1, 1e2, 1e4, 1e8, 1e16, 1e32, 1e64, 1e128, 1e256,
};

static uint64_t pow10u(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* Veltkamp's split: a == hi + lo exactly, each with half the bits. */
static void split(double a, double *hi, double *lo)
{
	double c = 134217729.0 * a;	/* 2^27 + 1 */

	*hi = c - (c - a);
	*lo = a - *hi;
}

/*
 * a * b (>= 0, < 2^64) rounded to an integer, ties to even.  The product
 * rounded to a double can land on .5 when the exact one is just below it
 * (0.15 * 10), and above 2^52 it has no fraction left at all (0.1 * 1e17),
 * so Dekker's exact error term of the product decides.
 */
static uint64_t round_mul(double a, double b)
{
	double p = a * b, ah, al, bh, bl, err, rem;
	uint64_t r = (uint64_t)p;

	split(a, &ah, &al);
	split(b, &bh, &bl);
	err = ((ah * bh - p) + ah * bl + al * bh) + al * bl;	/* a*b == p + err */
	if (p >= 4503599627370496.0) {	/* 2^52: p is an integer */
		double whole = (double)(int64_t)err;
		if (whole > err)
			whole -= 1;	/* floor */
		rem = err - whole;	/* the fraction of a double is exact */
		r = (uint64_t)((int64_t)r + (int64_t)whole);
	} else {
		/* |err| <= ulp(p)/2 <= 1/4: it only breaks ties. */
		rem = p - (double)r;
		if (rem == 0.5 && err != 0) {
			rem = err > 0 ? 0.75 : 0.25;
		}
	}
	if (rem > 0.5 || (rem == 0.5 && (r & 1)))
		r++;
	return r;
}

/* x > 0 as y * 10^e with 1 <= y < 10 (about 15 exact digits). */
static double normalize(double x, int *e)
{
	*e = 0;
	if (x >= 10) {
		for (int i = 8; i >= 0; i--) {
			if (x >= pow10_bin[i]) {
				x /= pow10_bin[i];
				*e += 1 << i;
			}
		}
	} else if (x < 1) {
		for (int i = 8; i >= 0; i--) {
			if (x * pow10_bin[i] < 10) {
				x *= pow10_bin[i];
				*e -= 1 << i;
			}
		}
	}
	if (x >= 10) {	/* rounding in the divisions */
		x /= 10;
		(*e)++;
	}
	return x;
}

/* Append the decimal digits of v, at least `width` of them. */
static size_t put_dec(char *buf, uint64_t v, int width)
{
	char tmp[24], *end = tmp + sizeof(tmp), *s = utoa_rev(end, v, 10, false);
	size_t n = 0;

	for (int pad = width - (int)(end - s); pad > 0; pad--)
		buf[n++] = '0';
	while (s < end)
		buf[n++] = *s++;
	return n;
}

/*
 * x >= 0 in exponent form with prec digits after the point; *exp gets the
 * decimal exponent (after rounding).  Returns the length written to buf.
 */
static size_t fmt_exp(char *buf, double x, int prec, bool upper, bool alt,
		      int *exp)
{
	int e = 0, p = prec < FLT_SIG - 1 ? prec : FLT_SIG - 1;
	uint64_t r = 0;
	char digits[24];
	size_t n = 0, nd;

	if (x != 0) {
		double y = normalize(x, &e);
		r = round_mul(y, (double)pow10u(p));
		if (r >= pow10u(p + 1)) {
			r /= 10;
			e++;
		}
	}
	nd = put_dec(digits, r, p + 1);
	buf[n++] = digits[0];
	if (prec > 0 || alt)
		buf[n++] = '.';
	for (size_t i = 1; i < nd; i++)
		buf[n++] = digits[i];
	for (int i = p; i < prec; i++)
		buf[n++] = '0';
	buf[n++] = upper ? 'E' : 'e';
	buf[n++] = e < 0 ? '-' : '+';
	n += put_dec(buf + n, (uint64_t)(e < 0 ? -e : e), 2);
	*exp = e;
	return n;
}

/* x >= 0 with prec digits after the point. */
static size_t fmt_fixed(char *buf, double x, int prec, bool alt)
{
	int p = prec < FLT_SIG ? prec : FLT_SIG;
	size_t n = 0;
	uint64_t ip, r = 0;

	if (x < 1e18) {
		double frac;

		ip = (uint64_t)x;
		frac = x - (double)ip;
		if (p > 0) {
			r = round_mul(frac, (double)pow10u(p));
			if (r >= pow10u(p)) {
				ip++;
				r -= pow10u(p);
			}
		} else if (frac > 0.5 || (frac == 0.5 && (ip & 1))) {
			ip++;	/* ties to even on the last printed digit */
		}
		n += put_dec(buf, ip, 1);
	} else {
		/* Beyond 2^64 only FLT_SIG digits mean something. */
		int e;
		double y = normalize(x, &e);
		uint64_t sig = round_mul(y, (double)pow10u(FLT_SIG - 1));
		if (sig >= pow10u(FLT_SIG)) {
			sig /= 10;
			e++;
		}
		n += put_dec(buf, sig, 1);
		for (int i = FLT_SIG - 1; i < e; i++)
			buf[n++] = '0';
		r = 0;
	}
	if (prec > 0 || alt)
		buf[n++] = '.';
	if (p > 0)
		n += put_dec(buf + n, r, p);
	for (int i = p; i < prec; i++)
		buf[n++] = '0';
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
static void fmt_float(struct out *o, const struct spec *sp, double x)
{
	char buf[320 + FLT_MAX_PREC + 16], prefix[1];
	union { double d; uint64_t u; } bits = { .d = x };
	bool neg = bits.u >> 63, upper = sp->conv >= 'A' && sp->conv <= 'Z';
	int prec = sp->prec < 0 ? 6 : sp->prec > FLT_MAX_PREC ? FLT_MAX_PREC : sp->prec;
	size_t plen = 0, n;
	char c = (char)(sp->conv | 0x20);

	if (neg) {
		prefix[plen++] = '-';
		x = -x;
	} else if (sp->plus) {
		prefix[plen++] = '+';
	} else if (sp->space) {
		prefix[plen++] = ' ';
	}
	if ((bits.u >> 52 & 0x7ff) == 0x7ff) {
		const char *s = (bits.u << 12) ? (upper ? "NAN" : "nan")
					       : (upper ? "INF" : "inf");
		out_field(o, sp, prefix, plen, 0, s, 3, false);
		return;
	}
	if (c == 'f') {
		n = fmt_fixed(buf, x, prec, sp->alt);
	} else if (c == 'e' || c == 'a') {
		int e;
		n = fmt_exp(buf, x, prec, upper, sp->alt, &e);
	} else {
		int P = prec == 0 ? 1 : prec, X;
		fmt_exp(buf, x, P - 1, upper, sp->alt, &X);
		if (P > X && X >= -4)
			n = fmt_fixed(buf, x, P - 1 - X, sp->alt);
		else
			n = fmt_exp(buf, x, P - 1, upper, sp->alt, &X);
		if (!sp->alt)
			n = strip_zeros(buf, n);
	}
	out_field(o, sp, prefix, plen, 0, buf, n, true);
}

/* ---- the driver --------------------------------------------------------------------- */

/* Parse the flags, width, precision and length of one conversion. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
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
	if (*f == '*') {
		int w = va_arg(*ap, int);
		if (w < 0) {
			sp->left = true;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		sp->width = w;
		f++;
	} else {
		for (; *f >= '0' && *f <= '9'; f++)
			if (sp->width < INT_MAX / 10 - 9)
				sp->width = sp->width * 10 + (*f - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			int p = va_arg(*ap, int);
			sp->prec = p < 0 ? -1 : p;
			f++;
		} else {
			for (; *f >= '0' && *f <= '9'; f++)
				if (sp->prec < INT_MAX / 10 - 9)
					sp->prec = sp->prec * 10 + (*f - '0');
		}
	}
	switch (*f) {
	case 'h':
		sp->len = f[1] == 'h' ? 'H' : 'h';
		f += f[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		sp->len = f[1] == 'l' ? 'L' : 'l';
		f += f[1] == 'l' ? 2 : 1;
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

static intmax_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'j': return va_arg(*ap, intmax_t);
	case 'z': return (intmax_t)va_arg(*ap, size_t);	/* the signed size_t */
	case 't': return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static uintmax_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned);
	case 'h': return (unsigned short)va_arg(*ap, unsigned);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'j': return va_arg(*ap, uintmax_t);
	case 'z': return va_arg(*ap, size_t);
	case 't': return (uintmax_t)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned);
	}
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
		case 'i': {
			intmax_t v = arg_signed(&sp, &aq);
			uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
			fmt_int(&o, &sp, mag, v < 0, true);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			fmt_int(&o, &sp, arg_unsigned(&sp, &aq), false, false);
			break;
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
				struct spec hex = sp;
				hex.conv = 'x';
				hex.alt = true;
				fmt_int(&o, &hex, (uintmax_t)(uintptr_t)p, false, false);
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
			fmt_float(&o, &sp, x);
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
