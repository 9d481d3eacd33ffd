/* Used by the check tests that need an existing header. */
struct thermo { int fd; };
