import KGCommands

KGraphCommand.runAndExit()
