#include "thermo.h"
int thermo_connect(struct thermo *self) { self->fd = -1; return 0; }
