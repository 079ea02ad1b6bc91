import SweepManifest
import SweepPlanner
import TicketModel

extension BatchSimulator {
    /// The simulator of a plan's point, holding `batch` paths at a time.
    public convenience init(plan: SweepPlan, point: Int, batch: Int) throws(ManifestProblems) {
        self.init(setup: try plan.setup(ofPoint: point), batchCapacity: batch)
    }
}
