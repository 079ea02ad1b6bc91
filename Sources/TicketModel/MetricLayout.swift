/// The metrics of MODEL.md section 8 for one point, in the fixed order the tables use.
///
/// Per-path metrics form one row per path (the rows the covariance is taken over); per-ticket
/// metrics are one value per ticket used in a measured slot. Class-named metrics
/// (`profit.<class>`, `slot_share.<class>`) follow the order of the manifest's buyer classes.
/// `sales_per_slot` (tickets or slot rights sold per measured slot) extends MODEL.md's list: it is
/// what the EIP-1559 sales-target controller steers.
public struct MetricLayout: Sendable, Hashable {
    public let pathMetrics: [String]
    public let ticketMetrics: [String]
    public let classCount: Int

    /// `expiry`: whether tickets can expire (`expired_rate` then follows `resale_rate`; a
    /// model without expiry has exactly the columns it had before the feature).
    public init(buyerNames: [String], expiry: Bool = false) {
        classCount = buyerNames.count
        pathMetrics =
            ["value_total", "surplus_total", "protocol_revenue", "capture_ratio", "proposer_revenue", "builder_profit", "lost_value"]
            + buyerNames.map { "profit.\($0)" }
            + buyerNames.map { "slot_share.\($0)" }
            + ["hhi", "top_share", "nakamoto", "longest_run", "run_share", "price_mean", "price_sd", "pool_mean", "pool_sd",
               "empty_slot_rate", "missed_slot_rate", "sales_per_slot", "resale_rate"]
            + (expiry ? ["expired_rate"] : [])
        ticketMetrics = MetricLayout.ticketMetricNames
        expiredRate = expiry ? Column.classBlock + 2 * buyerNames.count + 13 : nil
    }

    public init(_ parameters: ModelParameters) {
        self.init(
            buyerNames: parameters.buyers.map(\.name),
            expiry: parameters.tickets.expiry != nil && type(of: parameters.pricing.mechanism).usesPool)
    }

    /// Column of `expired_rate` (expired tickets over tickets that left the pool, drawn or
    /// expired, in measured slots), when tickets can expire.
    public let expiredRate: Int?

    /// Every metric name a manifest may list for these classes, the metrics of optional
    /// features included (`expired_rate`).
    public static func knownNames(buyerNames: [String]) -> [String] {
        MetricLayout(buyerNames: buyerNames, expiry: true).allNames
    }

    public static let ticketMetricNames = ["ticket_return", "ticket_multiple", "ticket_wait", "ticket_price"]

    /// Per-point metrics, computed by the reducer from the merged path statistics (one summary
    /// row each): `capture_pooled = sum protocol_revenue / sum surplus_total`.
    public static let pointMetricNames = ["capture_pooled"]

    /// Every metric name a manifest may list, for a model with these buyer classes: path
    /// metrics, then ticket metrics, then point metrics.
    public var allNames: [String] { pathMetrics + ticketMetrics + MetricLayout.pointMetricNames }

    /// Column of each fixed path metric in a path row.
    public enum Column {
        public static let valueTotal = 0
        public static let surplusTotal = 1
        public static let protocolRevenue = 2
        public static let captureRatio = 3
        public static let proposerRevenue = 4
        public static let builderProfit = 5
        public static let lostValue = 6
        public static let classBlock = 7
    }

    @inlinable public func profitColumn(_ k: Int) -> Int { Column.classBlock + k }
    @inlinable public func slotShareColumn(_ k: Int) -> Int { Column.classBlock + classCount + k }
    @inlinable public var tailStart: Int { Column.classBlock + 2 * classCount }
    @inlinable public var hhi: Int { tailStart }
    @inlinable public var topShare: Int { tailStart + 1 }
    @inlinable public var nakamoto: Int { tailStart + 2 }
    @inlinable public var longestRun: Int { tailStart + 3 }
    @inlinable public var runShare: Int { tailStart + 4 }
    @inlinable public var priceMean: Int { tailStart + 5 }
    @inlinable public var priceSD: Int { tailStart + 6 }
    @inlinable public var poolMean: Int { tailStart + 7 }
    @inlinable public var poolSD: Int { tailStart + 8 }
    @inlinable public var emptySlotRate: Int { tailStart + 9 }
    @inlinable public var missedSlotRate: Int { tailStart + 10 }
    @inlinable public var salesPerSlot: Int { tailStart + 11 }
    @inlinable public var resaleRate: Int { tailStart + 12 }

    /// Index of each per-ticket metric.
    public enum Ticket {
        public static let ticketReturn = 0
        public static let multiple = 1
        public static let wait = 2
        public static let price = 3
    }
}
