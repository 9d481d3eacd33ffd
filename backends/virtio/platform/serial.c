/* SPDX-License-Identifier: MIT */
/*
 * serial.c - COM1, a 16550 UART at I/O port 0x3f8: the console.  Written
 * by polling (no interrupts), byte by byte; qemu's -serial stdio takes
 * bytes as fast as they come, real UARTs at 115200 baud.
 */
#include "x86.h"

#define COM1 0x3f8
#define THR 0			/* transmit holding register (DLAB 0) */
#define DLL 0			/* divisor latch, low byte (DLAB 1) */
#define IER 1			/* interrupt enable (DLAB 0) */
#define DLM 1			/* divisor latch, high byte (DLAB 1) */
#define FCR 2			/* FIFO control */
#define LCR 3			/* line control */
#define MCR 4			/* modem control */
#define LSR 5			/* line status */
#define LSR_THRE 0x20		/* the holding register is empty */
#define LSR_TEMT 0x40		/* ... and so is the shift register */

/* How long to wait for a UART that does not drain (no UART at all reads
 * 0xff, which has the bits set): about a byte time at 115200 on slow
 * port I/O.  A stuck line drops bytes instead of hanging the program. */
#define SPIN 100000

void serial_init(void)
{
	outb(COM1 + IER, 0x00);
	outb(COM1 + LCR, 0x80);		/* DLAB */
	outb(COM1 + DLL, 0x01);		/* 115200 baud */
	outb(COM1 + DLM, 0x00);
	outb(COM1 + LCR, 0x03);		/* 8N1 */
	outb(COM1 + FCR, 0x07);		/* FIFOs on and cleared */
	outb(COM1 + MCR, 0x03);		/* DTR, RTS */
}

void serial_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		for (int n = 0; n < SPIN && !(inb(COM1 + LSR) & LSR_THRE); n++)
			;
		outb(COM1 + THR, (uint8_t)buf[i]);
	}
}

void serial_drain(void)
{
	for (int n = 0; n < SPIN && !(inb(COM1 + LSR) & LSR_TEMT); n++)
		;
}
