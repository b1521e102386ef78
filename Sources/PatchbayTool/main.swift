import PatchbayCommands

// The executable is only an entry point; every subcommand lives in PatchbayCommands.
PatchbayRoot.runMain()
