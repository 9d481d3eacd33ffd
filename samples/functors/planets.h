/* SPDX-License-Identifier: MIT */
/*
 * planets.h - the data the jobs of samples/functors write and read back:
 * the planets with their order from the Sun.  The writer also puts
 * "pluto" and removes it again, so readers must not find it.
 */
#ifndef FUNCTORS_PLANETS_H
#define FUNCTORS_PLANETS_H

#define NPLANETS 8

static const char *const planets[NPLANETS][2] = {
	{ "mercury", "1" }, { "venus", "2" }, { "earth", "3" },
	{ "mars", "4" }, { "jupiter", "5" }, { "saturn", "6" },
	{ "uranus", "7" }, { "neptune", "8" },
};

#endif
