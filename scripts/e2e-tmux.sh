#!/usr/bin/env bash
# End-to-end test of the workbench in a real terminal: tmux.
#
# usage: scripts/e2e-tmux.sh            (from anywhere; needs tmux and a built patchbay)
#
# Starts `patchbay open samples/` in a detached tmux session at 100x30 on a private
# tmux server, then, reading the screen with `tmux capture-pane -p`:
#   1. the first screen shows the library and the opened component's exports, in colour
#   2. keys browse to greeter's `greet`: its WIT type and core signature appear
#   3. `?` opens the help overlay, any key closes it
#   4. the window is resized to 60x20 and back: the workbench redraws at each size
#   5. `q` quits: the normal screen is back (no alternate screen), the shell prompt
#      is there, the tty is sane (stty: icanon echo), typed text echoes
#   6. started again, SIGTERM to its pid: the same checks, exit status 143
#   7. started again, SIGSEGV to its pid (a crash): the same checks, exit status 139
#   8. the canvas: on the corpus `scalars` pair, add both components, wire the
#      consumer's import to the provider, export `run` and `dist`, write the composite
#      with `s`; it validates with the oracle and `check_case.py` passes on it
#   9. started again: the session is restored (the same wire and exports on the canvas)
# Exits 0 when all pass; otherwise 1 with what failed and the last screen.
#
# env:
#   PATCHBAY_BIN      the patchbay executable (default <repo>/.build/debug/patchbay)
#   E2E_TIMEOUT       seconds to wait for each expected screen (default 15)
#   E2E_KEEP=1        keep the tmux server for a look afterwards (tmux -L <socket> attach)
#   PATCHBAY_CORPUS   corpus dir for steps 8-9 (default <repo>/../shared/corpus; skipped if absent)
#   PATCHBAY_ORACLE_DIR  oracle venv's bin folder (default <repo>/.oracle/venv/bin): wasm-tools and python
#                     with wasmtime check the written composite (skipped if absent)
set -euo pipefail
export LC_ALL=C.UTF-8   # ${#row} counts characters, not bytes, and tmux sends UTF-8

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${PATCHBAY_BIN:-$root/.build/debug/patchbay}
timeout_s=${E2E_TIMEOUT:-15}
sock="patchbay-e2e-$$"
session=e2e
work=$(mktemp -d "${TMPDIR:-/tmp}/patchbay-e2e.XXXXXX")
step="setup"

command -v tmux >/dev/null || { echo "e2e-tmux: tmux is not installed (apt-get install tmux)" >&2; exit 1; }
[ -x "$bin" ] || { echo "e2e-tmux: no patchbay executable at $bin (run swift build first, or set PATCHBAY_BIN)" >&2; exit 1; }

t() { tmux -L "$sock" "$@"; }
cleanup() {
  if [ "${E2E_KEEP:-0}" = 1 ]; then
    echo "e2e-tmux: kept tmux server: tmux -L $sock attach -t $session"
  else
    t kill-server 2>/dev/null || true
    rm -rf "$work" 2>/dev/null || { sleep 0.5; rm -rf "$work" 2>/dev/null || true; }
  fi
}
trap cleanup EXIT

screen() { t capture-pane -p -t "$session"; }
fail() {
  echo "e2e-tmux: FAILED at step '$step': $*" >&2
  echo "---- last screen ($(t display -p -t "$session" '#{pane_width}x#{pane_height}' 2>/dev/null || echo '?')) ----" >&2
  screen >&2 2>/dev/null || true
  echo "----" >&2
  exit 1
}
# wait_for TEXT...: until every TEXT is on screen, or fail after the timeout.
wait_for() {
  local deadline=$((SECONDS + timeout_s)) s missing
  while :; do
    s=$(screen)
    missing=""
    for want in "$@"; do
      [[ "$s" == *"$want"* ]] || { missing=$want; break; }
    done
    [ -z "$missing" ] && return 0
    [ $SECONDS -ge $deadline ] && fail "expected text not on screen after ${timeout_s}s: '$missing'"
    sleep 0.1
  done
}
wait_gone() {
  local deadline=$((SECONDS + timeout_s))
  while [[ "$(screen)" == *"$1"* ]]; do
    [ $SECONDS -ge $deadline ] && fail "text still on screen after ${timeout_s}s: '$1'"
    sleep 0.1
  done
}
alt_screen() { t display -p -t "$session" '#{alternate_on}'; }
keys() { t send-keys -t "$session" "$@"; }

# The shell in the pane: no rc files, a fixed prompt, the repo as working directory.
# SWIFT_BACKTRACE=enable=no: on a crash the Swift runtime's backtracer runs after our handler
# has restored the terminal; left on, it waits at a "press space to interact" prompt, and
# after a SIGSEGV sent by kill it exits 0, hiding the signal status this script checks.
t -f /dev/null new-session -d -s "$session" -x 100 -y 30 -c "$root" \
  "env -i HOME=$work PATH=$PATH TERM=screen-256color PS1='e2e\$ ' LANG=C.UTF-8 HISTFILE=/dev/null SWIFT_BACKTRACE=enable=no bash --norc --noprofile"
t set-option -t "$session" -g default-terminal screen-256color >/dev/null
t set-option -t "$session" window-size manual >/dev/null 2>&1 || true
wait_for 'e2e$'
keys "ulimit -c 0" Enter   # the SIGSEGV step must not leave a core file in the repo

# Starts the workbench in the foreground of the pane's shell, its pid in $work/pid.
start_workbench() {
  keys "clear" Enter
  keys "bash -c 'echo \$\$ > $work/pid; exec \"$bin\" open samples/'; echo \"exit=\$?\"" Enter
  wait_for "Library" "Browser: app-with-calculator" "Diagnostics"
  [ "$(alt_screen)" = 1 ] || fail "the workbench is not on the alternate screen"
}

# The terminal is sane after the workbench ended with exit status $1.
check_restored() {
  wait_for "exit=$1"
  wait_for 'e2e$'
  [ "$(alt_screen)" = 0 ] || fail "the alternate screen is still on after the workbench ended"
  [[ "$(screen)" != *"Library"* ]] || fail "the workbench's screen is still showing"
  # The marker is split in the command (modes"=") so only the output line contains it whole.
  keys "clear; echo modes\"=\"\$(stty -a | tr ' ;' '\\n\\n' | grep -E -x -- '-?(icanon|echo|icrnl|opost)' | sort | tr '\\n' ' ')" Enter
  wait_for "modes="
  local modes
  modes=$(screen | grep '^modes=' | tail -1 || true)
  [ "$modes" = "modes=echo icanon icrnl opost" ] || fail "terminal modes not restored: '$modes' (want modes=echo icanon icrnl opost)"
  keys "echo typed-\$((40+2))" Enter
  wait_for "typed-42"
  [[ "$(screen)" == *'echo typed-$((40+2))'* ]] || fail "typed text does not echo"
}

step="first screen"
start_workbench
wait_for "✓ greeter.wasm" "export run: func() -> s32" "info: decoded and resolved: 0 imports, 1 exports"
# The theme's colours reach the terminal (TERM=screen-256color: 256-colour SGR codes).
t capture-pane -e -p -t "$session" | grep -q $'\e\[[0-9;]*38;5;[0-9]' || fail "no 256-colour escapes on screen: the theme was not adapted to the terminal"

step="browse to greet"
# library (sorted): app-with-calculator, app, calculator, fs-child, fs-real,
# fs-virtualize, greeter -> six down; into the browser; down to the interface,
# unfold it, step onto its first export.
keys j j j j j j
wait_for "Browser: greeter.wasm"
keys Tab j l l
wait_for "export greet: func(name:" "func(name: string) -> string" "flat params : i32 i32 (2;" "memory32  (param i32 i32)"

step="help overlay"
keys '?'
wait_for "Help (" "Show or hide this help" "Move up"
keys Escape
wait_gone "Show or hide this help"
wait_for "func(name: string) -> string"

step="resize"
t resize-window -t "$session" -x 60 -y 20
wait_for "Detail"
s=$(screen)
width=$(printf '%s\n' "$s" | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }')
[ "$(printf '%s\n' "$s" | wc -l)" -le 20 ] || fail "more than 20 rows after resizing to 60x20"
# a box-drawing row is 60 characters wide when the workbench redrew for 60 columns
printf '%s\n' "$s" | grep -q '^╭.*╮$' || fail "no pane borders after the resize"
top=$(printf '%s\n' "$s" | head -1)
[ "${#top}" -eq 60 ] || fail "the top row is ${#top} columns wide after resizing to 60 (want 60); widest row $width"
t resize-window -t "$session" -x 100 -y 30
wait_for "func(name: string) -> string" "Library"
top=$(screen | head -1)
[ "${#top}" -eq 100 ] || fail "the top row is ${#top} columns wide after resizing back to 100"

step="quit with q"
keys q
check_restored 0

step="SIGTERM"
start_workbench
pid=$(cat "$work/pid")
kill -TERM "$pid"
check_restored 143

step="crash (SIGSEGV)"
start_workbench
pid=$(cat "$work/pid")
kill -SEGV "$pid"
check_restored 139

corpus=${PATCHBAY_CORPUS:-$root/../shared/corpus}
oracle=${PATCHBAY_ORACLE_DIR:-$root/.oracle/venv/bin}
[ -x "$oracle/bin/wasm-tools" ] && oracle=$oracle/bin   # the venv folder itself is accepted too
canvas_note="canvas skipped: no corpus at $corpus"
if [ -f "$corpus/compose/cases/scalars/consumer.wasm" ]; then
  case_dir=$(cd "$corpus/compose/cases/scalars" && pwd)
  step="canvas: wire, export, write"
  keys "clear" Enter
  keys "\"$bin\" open $case_dir/consumer.wasm $case_dir/provider.wasm; echo \"exit=\$?\"" Enter
  wait_for "Library" "consumer.wasm"
  # c: canvas; a Enter: add consumer; a Down Enter: add provider; Tab j: the
  # consumer's import; w: candidates; Enter: wire the top one; j e Enter: export
  # run, then dist (the same keys `patchbay render` shows, see README).
  keys c a Enter
  keys a Down Enter
  wait_for "Canvas · 2 instances"
  keys Tab j w
  wait_for "Wire \`test:math/ops\` of consumer" "✓ provider.test:math/ops"
  keys Enter
  wait_for "1 wires"
  keys j e Enter
  keys j e Enter
  wait_for "2 exports" "●─────▶run" "●─────▶dist"
  keys s C-u "$work/composed.wasm" Enter
  wait_for "wrote composed.wasm"
  keys q
  wait_for "exit=0"
  [ -s "$work/composed.wasm" ] || fail "no composite was written"
  canvas_note="canvas composite not checked: no oracle at $oracle"
  if [ -x "$oracle/wasm-tools" ] && [ -x "$oracle/python3" ]; then
    "$oracle/wasm-tools" validate "$work/composed.wasm" || fail "the oracle rejects the composite written from the canvas"
    "$oracle/python3" "$corpus/compose/check_case.py" "$case_dir" "$work/composed.wasm" >"$work/check.txt" 2>&1 \
      || { cat "$work/check.txt" >&2; fail "check_case.py fails on the composite written from the canvas"; }
    canvas_note="canvas composite validated and check_case.py passed"
  fi

  step="canvas: session restored"
  keys "clear" Enter
  keys "\"$bin\" open $case_dir/consumer.wasm $case_dir/provider.wasm; echo \"exit=\$?\"" Enter
  wait_for "Library"
  keys c
  wait_for "Canvas · 2 instances · 1 wires" "●─────▶run" "●─────▶dist"
  keys q
  wait_for "exit=0"
fi

echo "e2e-tmux: OK (first screen, browse, help, resize 60x20 and back, quit, SIGTERM, SIGSEGV; terminal restored each time; $canvas_note)"
