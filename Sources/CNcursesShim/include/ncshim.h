#ifndef NCSHIM_H
#define NCSHIM_H
/*
 * A narrow C interface over ncursesw. shim.c is the only file that includes
 * curses.h: curses defines macros (OK, ERR, lines, clear, timeout...) that
 * would leak into Swift and clash, and many of its entry points are macros
 * Swift cannot call. Everything here is a plain function with plain types.
 */
#include <wchar.h>

/* Attribute bits; the same values as TerminalCore.Attributes. */
enum {
    NCSHIM_ATTR_BOLD = 1,
    NCSHIM_ATTR_DIM = 2,
    NCSHIM_ATTR_ITALIC = 4,
    NCSHIM_ATTR_UNDERLINE = 8,
    NCSHIM_ATTR_REVERSE = 16,
};

/* Kinds of input event. */
enum {
    NCSHIM_EVENT_NONE = 0,   /* timeout */
    NCSHIM_EVENT_CHAR = 1,   /* code is a Unicode scalar (control codes included) */
    NCSHIM_EVENT_KEY = 2,    /* code is an NCSHIM_KEY_* value */
    NCSHIM_EVENT_MOUSE = 3,  /* code is an NCSHIM_MOUSE_* value, x/y the cell */
    NCSHIM_EVENT_RESIZE = 4, /* the terminal changed size */
    NCSHIM_EVENT_CLOSED = 5, /* input is gone */
};

/* Special keys. Function key n is NCSHIM_KEY_F0 + n. */
enum {
    NCSHIM_KEY_UNKNOWN = 0,
    NCSHIM_KEY_UP, NCSHIM_KEY_DOWN, NCSHIM_KEY_LEFT, NCSHIM_KEY_RIGHT,
    NCSHIM_KEY_HOME, NCSHIM_KEY_END, NCSHIM_KEY_PAGE_UP, NCSHIM_KEY_PAGE_DOWN,
    NCSHIM_KEY_BACKSPACE, NCSHIM_KEY_DELETE, NCSHIM_KEY_INSERT, NCSHIM_KEY_BACKTAB, NCSHIM_KEY_ENTER,
    NCSHIM_KEY_F0 = 100,
};

/* Mouse event codes. */
enum {
    NCSHIM_MOUSE_OTHER = 0,
    NCSHIM_MOUSE_PRESS_LEFT, NCSHIM_MOUSE_PRESS_MIDDLE, NCSHIM_MOUSE_PRESS_RIGHT,
    NCSHIM_MOUSE_RELEASE_LEFT, NCSHIM_MOUSE_RELEASE_MIDDLE, NCSHIM_MOUSE_RELEASE_RIGHT,
    NCSHIM_MOUSE_WHEEL_UP, NCSHIM_MOUSE_WHEEL_DOWN,
};

typedef struct {
    int kind;
    int code;
    int x;
    int y;
} ncshim_event;

/*
 * Takes over the terminal: locale, screen, raw mode, keypad, mouse, and
 * colours if use_color is non-zero. If log_path is not NULL, stderr goes to
 * that file (appended) until ncshim_stop. Installs handlers so the terminal
 * is restored on SIGINT/SIGTERM/SIGHUP/SIGQUIT, on crashes (SIGSEGV, SIGABRT,
 * SIGBUS, SIGILL, SIGFPE, SIGTRAP) and at exit. Returns 0, or -1 if stdin or
 * stdout is not a terminal or the terminal type is unknown.
 */
int ncshim_start(const char *log_path, int use_color);
/* Restores the terminal, stderr and the previous signal handlers. Idempotent. */
void ncshim_stop(void);
int ncshim_is_active(void);

int ncshim_lines(void);
int ncshim_cols(void);
/* Colours and pairs the terminal offers (0 when colour is off). */
int ncshim_colors(void);
int ncshim_color_pairs(void);
/* Defines pair number `pair`; -1 means the terminal's default colour. */
int ncshim_init_pair(int pair, int fg, int bg);

/* Puts one grapheme (a base character plus combining marks) at y,x. */
int ncshim_put(int y, int x, const wchar_t *text, int length, int attrs, int pair);
void ncshim_set_cursor(int visible, int y, int x);
void ncshim_refresh(void);
/* Makes the next refresh repaint the whole screen. */
void ncshim_clear(void);
void ncshim_beep(void);
/* Waits up to timeout_ms (forever if negative) for one input event. */
int ncshim_read(int timeout_ms, ncshim_event *event);

#endif
