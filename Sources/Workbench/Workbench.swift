// The TUI application model lives here.
