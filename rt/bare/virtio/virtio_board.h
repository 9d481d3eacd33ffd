/* SPDX-License-Identifier: MIT */
/*
 * virtio_board.h - what a board gives the shared virtio layer
 * (rt/bare/virtio/).  Four functions, implemented by each board that has
 * virtio devices (backends/NAME/platform/), and nothing else: the
 * transports, the virtqueues and the drivers are the same everywhere.
 *
 * The same rules as rt/src/platform.h: called from the program's single
 * thread, never from an interrupt handler, never re-entrantly.
 */
#ifndef MIRC_BARE_VIRTIO_BOARD_H
#define MIRC_BARE_VIRTIO_BOARD_H

#include <stdint.h>

/*
 * Find the machine's virtio devices: call virtio_mmio_add() for each
 * virtio-mmio transport (with the interrupt it raises), or register the
 * devices of a transport of the board's own (virtio_dev_add(), e.g.
 * legacy virtio-pci on x86).  Called once, at the first virtio_claim().
 * MUST add the devices in the order a driver should claim them, which is
 * the order they were given to qemu: qemu fills virtio-mmio transports
 * from the highest address down, so those are added from the highest
 * address down.
 */
void virtio_board_probe(void);

/*
 * Let interrupt `irq` (the number given to virtio_mmio_add() or
 * virtio_dev_add()) end the sleep of platform_wait(), whose event_poll()
 * then asks the device (rt/bare/event.h).  The interrupt MUST only wake
 * the CPU: the layer acknowledges the device before it looks for work,
 * so the board MAY mask a level-triggered line until its next
 * platform_wait() completes it.  0, or -errno when the interrupt cannot
 * be routed (the layer then prints a note and the driver fails to
 * connect).
 */
int virtio_board_irq(unsigned irq);

/*
 * The physical address a device must be given for the memory at p (a
 * virtqueue, a buffer of the program).  Boards that run with identity
 * mapping (all of them today) return (uintptr_t)p.
 */
uint64_t virtio_board_phys(const volatile void *p);

/*
 * A full barrier between the program's memory accesses and the device's
 * registers, in both directions: the rings' writes are visible to the
 * device before a register write tells it to look (and the other way
 * round).  C11's fences do not order device registers on every
 * architecture (RISC-V needs fence iorw,iorw; AArch64 dmb or dsb).
 */
void virtio_board_barrier(void);

#endif
