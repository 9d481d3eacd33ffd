struct thermo { int fd; };
int thermo_connect(struct thermo *self);
