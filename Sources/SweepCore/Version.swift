/// The version of ticketsweep, recorded in every `run.json`.
public enum TicketSweepVersion {
    public static let current = "0.1.0"
}
