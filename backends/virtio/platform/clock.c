/* SPDX-License-Identifier: MIT */
/*
 * clock.c - time on the virtio guest.
 *
 *   - Monotonic time is the TSC, scaled to nanoseconds.
 *   - Wake-ups come from the local APIC timer in one-shot mode
 *     (vector VEC_TIMER); platform_wait() sleeps in hlt until it fires.
 *   - Neither frequency is known to the guest (under TCG the TSC runs at
 *     the host's rate, or at 1 GHz with -icount), so both are measured at
 *     boot against the i8254 PIT, whose 1.193182 MHz is fixed: channel 0
 *     counts down while we read the TSC and the APIC's current count.
 *     Channel 0 needs no gate (microvm has no port 0x61 for channel 2's);
 *     its interrupt is masked everywhere.  Each end of the window is the
 *     best of several readings (see pit_edge()), so that a virtual CPU
 *     descheduled by a busy host does not skew the result.  Without a
 *     PIT, CPUID leaf 0x15 (crystal and TSC ratio) is used if the CPU
 *     reports it; qemu's TCG does not, so then the platform cannot start.
 *   - Wall-clock time is the CMOS RTC, read once at boot (1 s resolution),
 *     plus the monotonic time since.
 */
#include <errno.h>

#include "bare/print.h"
#include "x86.h"

/* Local APIC registers (offsets from its base). */
#define APIC_TPR 0x080
#define APIC_EOI 0x0b0
#define APIC_SVR 0x0f0
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_THERMAL 0x330
#define APIC_LVT_PERF 0x340
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR 0x390
#define APIC_TIMER_DIV 0x3e0
#define APIC_MASKED (1u << 16)
#define MSR_APIC_BASE 0x1b

#define PIT_HZ 1193182u
/* The calibration window: 11932 PIT ticks, 10 ms.  Resolution of the
 * PIT is 0.84 us, so the frequencies are good to about 1e-4. */
#define PIT_WINDOW 11932u
/* Readings taken at each end of the window, keeping the tightest. */
#define EDGE_TRIES 8

static uintptr_t apic;		/* base address */
static uint64_t tsc_hz, apic_hz, tsc0;
static bool have_wall;
static int64_t wall0_ns;	/* RTC at boot, ns since the epoch */
static uint64_t wall0_at;	/* clock_now_ns() when it was read */

static uint32_t apic_read(uint32_t reg)
{
	return mmio_read32(apic + reg);
}

static void apic_write(uint32_t reg, uint32_t v)
{
	mmio_write32(apic + reg, v);
}

static void apic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	/* Enabled (bit 11), xAPIC mode; keep the base the firmware set. */
	wrmsr(MSR_APIC_BASE, base | (1u << 11));
	apic = (uintptr_t)(base & 0xffffff000ull);
	x86_lapic_eoi = apic + APIC_EOI;
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SVR, 0x100 | VEC_SPURIOUS);	/* software enable */
	/* LINT0 is wired to the PIC (ExtINT on the boot CPU): mask it, and
	 * every other local source but the timer. */
	apic_write(APIC_LVT_LINT0, APIC_MASKED);
	apic_write(APIC_LVT_LINT1, APIC_MASKED);
	apic_write(APIC_LVT_ERROR, APIC_MASKED);
	apic_write(APIC_LVT_PERF, APIC_MASKED);
	apic_write(APIC_LVT_THERMAL, APIC_MASKED);
	apic_write(APIC_TIMER_DIV, 0xb);		/* divide by 1 */
	apic_write(APIC_LVT_TIMER, APIC_MASKED | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, 0);
}

/* PIT channel 0's current count (latched: both bytes from one instant). */
static uint16_t pit_read(void)
{
	uint8_t lo, hi;

	outb(0x43, 0x00);
	lo = inb(0x40);
	hi = inb(0x40);
	return (uint16_t)(hi << 8 | lo);
}

/*
 * One reading of the three clocks at a change of the PIT's count.  The
 * change happened after the start of the previous read of the PIT (which
 * still saw the old count) and before the end of this one: tsc_lo and
 * tsc_hi bound it, and the APIC count is read within the same bounds.
 * Under emulation on a busy host the virtual CPU may be descheduled for
 * milliseconds between any two instructions; the bounds show when that
 * happened, and the caller keeps the tightest of several readings.
 */
struct edge {
	uint16_t pit;
	uint32_t apic;
	uint64_t tsc_lo, tsc_hi;
};

static bool pit_edge(struct edge *e)
{
	uint64_t prev = rdtsc(), start, end;
	uint16_t c0 = pit_read(), c;
	uint32_t a;

	for (long n = 0; n < 1000000; n++) {
		start = rdtsc();
		c = pit_read();
		a = apic_read(APIC_TIMER_CUR);
		end = rdtsc();
		if (c != c0) {
			*e = (struct edge){ c, a, prev, end };
			return true;
		}
		prev = start;
	}
	return false;		/* the count never changes: no PIT */
}

/* The tightest of a few edges; false without a PIT. */
static bool pit_best_edge(struct edge *best)
{
	struct edge e;

	for (int i = 0; i < EDGE_TRIES; i++) {
		if (!pit_edge(&e))
			return false;
		if (i == 0 || e.tsc_hi - e.tsc_lo < best->tsc_hi - best->tsc_lo)
			*best = e;
	}
	return true;
}

static bool calibrate_pit(void)
{
	struct edge e0, e1;
	uint16_t ticks;
	uint64_t t0, t1;

	/* Channel 0, low then high byte, mode 0 (one interrupt at the end
	 * of the count, then silence), binary, from 0xffff: 55 ms of
	 * counting down. */
	outb(0x43, 0x30);
	outb(0x40, 0xff);
	outb(0x40, 0xff);
	apic_write(APIC_TIMER_INIT, 0xffffffffu);	/* masked: counts only */
	if (!pit_best_edge(&e0))
		return false;
	do {
		if (!pit_best_edge(&e1))
			return false;
		ticks = (uint16_t)(e0.pit - e1.pit);
	} while (ticks < PIT_WINDOW);
	apic_write(APIC_TIMER_INIT, 0);
	t0 = e0.tsc_lo + (e0.tsc_hi - e0.tsc_lo) / 2;
	t1 = e1.tsc_lo + (e1.tsc_hi - e1.tsc_lo) / 2;
	tsc_hz = (t1 - t0) * PIT_HZ / ticks;
	apic_hz = (uint64_t)(e0.apic - e1.apic) * PIT_HZ / ticks;
	return tsc_hz > 0 && apic_hz > 0;
}

/* CPUID 0x15: TSC = crystal * ebx / eax; the APIC timer runs at the
 * crystal's frequency (ecx). */
static bool calibrate_cpuid(void)
{
	struct cpuid r = cpuid(0, 0), c;

	if (r.eax < 0x15)
		return false;
	c = cpuid(0x15, 0);
	if (c.eax == 0 || c.ebx == 0 || c.ecx == 0)
		return false;
	apic_hz = c.ecx;
	tsc_hz = (uint64_t)c.ecx * c.ebx / c.eax;
	return true;
}

/* ---- CMOS RTC ------------------------------------------------------------------------ */

static uint8_t cmos(uint8_t reg)
{
	outb(0x70, 0x80 | reg);		/* bit 7: keep NMIs disabled */
	return inb(0x71);
}

struct rtc {
	uint8_t sec, min, hour, day, mon, year, century;
};

static bool rtc_get(struct rtc *t)
{
	/* Not during an update (bit 7 of register A). */
	for (long n = 0; cmos(0x0a) & 0x80; n++)
		if (n > 1000000)
			return false;
	t->sec = cmos(0x00);
	t->min = cmos(0x02);
	t->hour = cmos(0x04);
	t->day = cmos(0x07);
	t->mon = cmos(0x08);
	t->year = cmos(0x09);
	t->century = cmos(0x32);
	return true;
}

static int bcd(uint8_t v)
{
	return (v >> 4) * 10 + (v & 15);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool rtc_read(int64_t *ns)
{
	struct rtc a, b;
	uint8_t regb;
	int sec, min, hour, day, mon, year, cent;
	bool pm;

	/* Read until two readings agree: an update may have begun between
	 * the check of register A and the reads. */
	for (int tries = 0;; tries++) {
		if (tries > 10 || !rtc_get(&a) || !rtc_get(&b))
			return false;
		if (a.sec == b.sec && a.min == b.min && a.hour == b.hour &&
		    a.day == b.day && a.mon == b.mon && a.year == b.year &&
		    a.century == b.century)
			break;
	}
	regb = cmos(0x0b);
	if (regb == 0xff)
		return false;	/* no RTC: the ports float */
	pm = (a.hour & 0x80) != 0;
	a.hour &= 0x7f;
	if (regb & 0x04) {	/* binary */
		sec = a.sec, min = a.min, hour = a.hour, day = a.day;
		mon = a.mon, year = a.year, cent = a.century;
	} else {
		sec = bcd(a.sec), min = bcd(a.min), hour = bcd(a.hour);
		day = bcd(a.day), mon = bcd(a.mon), year = bcd(a.year);
		cent = bcd(a.century);
	}
	if (!(regb & 0x02)) {	/* 12-hour mode: 12 AM is 0 h */
		hour %= 12;
		if (pm)
			hour += 12;
	}
	/* The century register (0x32) is a convention qemu follows; without
	 * a plausible one, two-digit years are 1970-2069. */
	if (cent >= 19 && cent <= 99)
		year += cent * 100;
	else
		year += year < 70 ? 2000 : 1900;
	if (sec > 59 || min > 59 || hour > 23 || day < 1 || day > 31 ||
	    mon < 1 || mon > 12)
		return false;
	*ns = ((days_from_civil(year, mon, day) * 24 + hour) * 60 + min) * 60 + sec;
	*ns *= 1000000000;
	return true;
}

/* ---- the interface --------------------------------------------------------------------- */

int clock_init(void)
{
	int64_t wall;

	apic_init();
	if (!calibrate_pit() && !calibrate_cpuid()) {
		print_str("virtio: no clock to measure the TSC against: "
			   "no PIT at port 0x40 (qemu -M microvm,pit=on) and "
			   "no CPUID leaf 0x15\n");
		return -ENODEV;
	}
	tsc0 = rdtsc();
	if (rtc_read(&wall)) {
		have_wall = true;
		wall0_ns = wall;
		wall0_at = clock_now_ns();
	}
	return 0;
}

uint64_t clock_now_ns(void)
{
	uint64_t d = rdtsc() - tsc0;

	/* d / hz seconds and the rest, so that nothing overflows for
	 * centuries of uptime. */
	return d / tsc_hz * 1000000000u + d % tsc_hz * 1000000000u / tsc_hz;
}

int64_t clock_wall_ns(void)
{
	if (!have_wall)
		return -1;
	return wall0_ns + (int64_t)(clock_now_ns() - wall0_at);
}

void clock_timer_arm(uint64_t ns)
{
	uint64_t ticks;

	if (ns == 0) {
		apic_write(APIC_TIMER_INIT, 0);
		return;
	}
	/* At most a second at a time (the caller sleeps again), so that the
	 * product fits 64 bits for any APIC up to 18 GHz; rounded up so
	 * that it never fires before ns. */
	if (ns > 1000000000u)
		ns = 1000000000u;
	ticks = (ns * apic_hz + 999999999u) / 1000000000u;
	if (ticks > 0xffffffffu)
		ticks = 0xffffffffu;
	apic_write(APIC_LVT_TIMER, VEC_TIMER);	/* one-shot, unmasked */
	apic_write(APIC_TIMER_INIT, ticks ? (uint32_t)ticks : 1);
}
