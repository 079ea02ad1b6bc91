import SweepPlanner
import TicketModel

extension BatchSimulator {
    /// The simulator of a plan's point, holding `batch` paths at a time.
    public convenience init(plan: SweepPlan, point: Int, batch: Int) {
        self.init(setup: plan.setup(ofPoint: point), batchCapacity: batch)
    }
}
