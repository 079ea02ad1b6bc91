import SweepCommands

TicketSweepCommand.main(arguments: nil)
