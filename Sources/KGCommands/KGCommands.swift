// KGCommands: in progress
