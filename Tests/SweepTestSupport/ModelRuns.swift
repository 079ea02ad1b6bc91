import TicketModel

/// Runs paths of one point through the library and keeps what the statistical tests need.
public struct ModelRun {
    public let layout: MetricLayout
    /// Per-path metric rows, row-major.
    public var rows: [Double] = []
    /// Per ticket: (payoff = return + price, price, wait, path).
    public var tickets: [(payoff: Double, price: Double, wait: Double, path: Int)] = []
    public let paths: Int

    /// `ticketsPerSlot`: room for that many tickets a slot (proportional allocation records one
    /// per agent and contest; expired tickets come on top of the drawn ones).
    public init(_ setup: SimulationSetup, paths: Int, batch: Int = 16, keepTickets: Bool = false, ticketsPerSlot: Int = 1) {
        // A ticket chunk of every slot keeps all of a path's tickets readable after a run.
        let sim = BatchSimulator(setup: setup, batchCapacity: batch, ticketChunk: setup.slots * ticketsPerSlot)
        layout = sim.layout
        self.paths = paths
        let m = layout.pathMetrics.count
        var first = 0
        while first < paths {
            let n = min(batch, paths - first)
            sim.run(firstReplication: first, count: n)
            rows += sim.pathRows[0 ..< n * m]
            if keepTickets {
                for p in 0..<n {
                    let r = Array(sim.tickets(metric: MetricLayout.Ticket.ticketReturn, path: p))
                    let price = Array(sim.tickets(metric: MetricLayout.Ticket.price, path: p))
                    let wait = Array(sim.tickets(metric: MetricLayout.Ticket.wait, path: p))
                    for i in r.indices { tickets.append((r[i] + price[i], price[i], wait[i], first + p)) }
                }
            }
            first += n
        }
    }

    /// The per-path values of a metric.
    public func column(_ name: String) -> [Double] {
        guard let c = layout.pathMetrics.firstIndex(of: name) else { fatalError("no metric \(name)") }
        let m = layout.pathMetrics.count
        return (0..<paths).map { rows[$0 * m + c] }
    }
}

/// Mean and standard error of independent observations.
public func meanAndSE(_ x: [Double]) -> (mean: Double, se: Double) {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, (variance / n).squareRoot())
}
