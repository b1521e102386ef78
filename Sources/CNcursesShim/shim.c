#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ncshim.h"

/*
 * State that signal handlers must reach. A terminal is a process-wide
 * resource, so this is process-wide too; only one screen is ever active.
 */
static SCREEN *screen = NULL;
static volatile sig_atomic_t active = 0;
static int saved_stderr = -1;
static int color_on = 0;
static int atexit_installed = 0;

static const int handled_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP,
};
#define HANDLED_COUNT ((int)(sizeof handled_signals / sizeof handled_signals[0]))
static struct sigaction previous_actions[HANDLED_COUNT];
static int handlers_installed = 0;

/* A separate stack so a stack overflow (SIGSEGV) can still restore the terminal. */
static char alternate_stack[64 * 1024];

static void restore_stderr(void) {
    if (saved_stderr >= 0) {
        fflush(stderr);
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        saved_stderr = -1;
    }
}

/* What every way out does: leave curses mode and give stderr back. */
static void restore_terminal(void) {
    if (active) {
        active = 0;
        endwin();
    }
    restore_stderr();
}

static void restore_previous_handlers(void) {
    if (!handlers_installed) return;
    for (int i = 0; i < HANDLED_COUNT; i++) sigaction(handled_signals[i], &previous_actions[i], NULL);
    handlers_installed = 0;
}

/*
 * Restore the terminal, then hand the signal to whoever had it before us
 * (the default action, or the Swift runtime's crash reporter) by putting the
 * old handler back and raising again; the raise is delivered when we return.
 */
static void on_signal(int sig) {
    int saved_errno = errno;
    restore_terminal();
    for (int i = 0; i < HANDLED_COUNT; i++) {
        if (handled_signals[i] == sig) sigaction(sig, &previous_actions[i], NULL);
    }
    raise(sig);
    errno = saved_errno;
}

static void at_exit(void) { restore_terminal(); }

static void install_handlers(void) {
    if (handlers_installed) return;
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    sigaltstack(&stack, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;
    for (int i = 0; i < HANDLED_COUNT; i++) sigaction(handled_signals[i], &action, &previous_actions[i]);
    handlers_installed = 1;
}

int ncshim_start(const char *log_path, int use_color) {
    if (active) return 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return -1;
    setlocale(LC_ALL, "");
    /*
     * Handlers go in before newterm: ncurses installs its own SIGINT/SIGTERM
     * handlers (which exit with status 1) only where it finds the default,
     * and ours re-raise so the process ends with the signal's own status.
     */
    install_handlers();
    /* newterm reports an unknown terminal as NULL where initscr would exit. */
    screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) {
        restore_previous_handlers();
        return -1;
    }
    set_term(screen);
    active = 1;
    if (!atexit_installed) {
        atexit(at_exit);
        atexit_installed = 1;
    }
    if (log_path != NULL) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd >= 0) {
            fflush(stderr);
            saved_stderr = dup(STDERR_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
    }
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED | BUTTON3_PRESSED |
                  BUTTON3_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED,
              NULL);
    mouseinterval(0);
    color_on = 0;
    if (use_color && has_colors()) {
        start_color();
        use_default_colors();
        color_on = 1;
    }
    return 0;
}

void ncshim_stop(void) {
    int was_active = active;
    restore_terminal();
    restore_previous_handlers();
    if (was_active && screen != NULL) {
        delscreen(screen);
        screen = NULL;
    }
}

int ncshim_is_active(void) { return active; }

int ncshim_lines(void) { return active ? LINES : 0; }
int ncshim_cols(void) { return active ? COLS : 0; }
int ncshim_colors(void) { return color_on ? COLORS : 0; }
int ncshim_color_pairs(void) { return color_on ? COLOR_PAIRS : 0; }

int ncshim_init_pair(int pair, int fg, int bg) {
    if (!color_on || pair <= 0 || pair >= COLOR_PAIRS) return -1;
#if NCURSES_EXT_COLORS
    return init_extended_pair(pair, fg, bg) == OK ? 0 : -1;
#else
    if (pair > 32767) return -1;
    return init_pair((short)pair, (short)fg, (short)bg) == OK ? 0 : -1;
#endif
}

static attr_t to_curses_attrs(int attrs) {
    attr_t result = A_NORMAL;
    if (attrs & NCSHIM_ATTR_BOLD) result |= A_BOLD;
    if (attrs & NCSHIM_ATTR_DIM) result |= A_DIM;
    if (attrs & NCSHIM_ATTR_ITALIC) result |= A_ITALIC;
    if (attrs & NCSHIM_ATTR_UNDERLINE) result |= A_UNDERLINE;
    if (attrs & NCSHIM_ATTR_REVERSE) result |= A_REVERSE;
    return result;
}

int ncshim_put(int y, int x, const wchar_t *text, int length, int attrs, int pair) {
    if (!active || text == NULL || length <= 0) return -1;
    wchar_t buffer[CCHARW_MAX + 1];
    int count = length < CCHARW_MAX ? length : CCHARW_MAX;
    for (int i = 0; i < count; i++) buffer[i] = text[i];
    buffer[count] = L'\0';
    cchar_t cell;
    int extended_pair = pair;
    if (setcchar(&cell, buffer, to_curses_attrs(attrs), 0, &extended_pair) != OK) {
        /* Not representable (e.g. too many combining marks): show a placeholder. */
        wchar_t fallback[2] = {L'?', L'\0'};
        if (setcchar(&cell, fallback, to_curses_attrs(attrs), 0, &extended_pair) != OK) return -1;
    }
    /* Writing the bottom-right cell reports ERR (the cursor cannot advance) but draws. */
    return mvadd_wch(y, x, &cell) == OK ? 0 : -1;
}

void ncshim_set_cursor(int visible, int y, int x) {
    if (!active) return;
    if (visible) {
        move(y, x);
        curs_set(1);
    } else {
        curs_set(0);
    }
}

void ncshim_refresh(void) {
    if (active) refresh();
}

void ncshim_clear(void) {
    if (active) clearok(stdscr, TRUE);
}

void ncshim_beep(void) {
    if (active) beep();
}

static int map_key(int code) {
    if (code >= KEY_F(1) && code <= KEY_F(24)) return NCSHIM_KEY_F0 + (code - KEY_F0);
    switch (code) {
    case KEY_UP: return NCSHIM_KEY_UP;
    case KEY_DOWN: return NCSHIM_KEY_DOWN;
    case KEY_LEFT: return NCSHIM_KEY_LEFT;
    case KEY_RIGHT: return NCSHIM_KEY_RIGHT;
    case KEY_HOME: return NCSHIM_KEY_HOME;
    case KEY_END: return NCSHIM_KEY_END;
    case KEY_PPAGE: return NCSHIM_KEY_PAGE_UP;
    case KEY_NPAGE: return NCSHIM_KEY_PAGE_DOWN;
    case KEY_BACKSPACE: return NCSHIM_KEY_BACKSPACE;
    case KEY_DC: return NCSHIM_KEY_DELETE;
    case KEY_IC: return NCSHIM_KEY_INSERT;
    case KEY_BTAB: return NCSHIM_KEY_BACKTAB;
    case KEY_ENTER: return NCSHIM_KEY_ENTER;
    default: return NCSHIM_KEY_UNKNOWN;
    }
}

static int map_mouse(mmask_t state) {
    if (state & BUTTON1_PRESSED) return NCSHIM_MOUSE_PRESS_LEFT;
    if (state & BUTTON2_PRESSED) return NCSHIM_MOUSE_PRESS_MIDDLE;
    if (state & BUTTON3_PRESSED) return NCSHIM_MOUSE_PRESS_RIGHT;
    if (state & BUTTON1_RELEASED) return NCSHIM_MOUSE_RELEASE_LEFT;
    if (state & BUTTON2_RELEASED) return NCSHIM_MOUSE_RELEASE_MIDDLE;
    if (state & BUTTON3_RELEASED) return NCSHIM_MOUSE_RELEASE_RIGHT;
    if (state & BUTTON4_PRESSED) return NCSHIM_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
    if (state & BUTTON5_PRESSED) return NCSHIM_MOUSE_WHEEL_DOWN;
#endif
    return NCSHIM_MOUSE_OTHER;
}

/* True if stdin has hung up, which wget_wch reports only as ERR. */
static int input_closed(void) {
    struct pollfd fd = {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    if (poll(&fd, 1, 0) < 0) return errno != EINTR;
    return (fd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int ncshim_read(int timeout_ms, ncshim_event *event) {
    if (event == NULL) return -1;
    memset(event, 0, sizeof *event);
    if (!active) {
        event->kind = NCSHIM_EVENT_CLOSED;
        return 0;
    }
    wtimeout(stdscr, timeout_ms < 0 ? -1 : timeout_ms);
    wint_t ch = 0;
    int result = wget_wch(stdscr, &ch);
    if (result == ERR) {
        event->kind = input_closed() ? NCSHIM_EVENT_CLOSED : NCSHIM_EVENT_NONE;
        return 0;
    }
    if (result == KEY_CODE_YES) {
        if (ch == KEY_RESIZE) {
            event->kind = NCSHIM_EVENT_RESIZE;
        } else if (ch == KEY_MOUSE) {
            MEVENT mouse;
            if (getmouse(&mouse) != OK) return 0;
            event->kind = NCSHIM_EVENT_MOUSE;
            event->code = map_mouse(mouse.bstate);
            event->x = mouse.x;
            event->y = mouse.y;
        } else {
            event->kind = NCSHIM_EVENT_KEY;
            event->code = map_key((int)ch);
        }
        return 0;
    }
    event->kind = NCSHIM_EVENT_CHAR;
    event->code = (int)ch;
    return 0;
}
