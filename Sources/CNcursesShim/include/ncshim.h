#ifndef NCSHIM_H
#define NCSHIM_H
/* A narrow C interface over ncursesw; the only place that includes curses.h is shim.c. */
int ncshim_placeholder(void);
#endif
