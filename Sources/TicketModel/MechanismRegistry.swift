import Synchronization

/// The pricing mechanisms a manifest may name, in the reference's order.
public enum MechanismRegistry {
    /// Every mechanism of this package. Registering a mechanism of this package is one line here.
    public static let builtIn: [any PricingMechanism.Type] = [
        FixedPrice.self,
        EIP1559Pricing.self,
        ExponentialPricing.self,
        TicketAuction.self,
        ExecutionAuction.self,
        ProportionalAllocation.self,
    ]

    /// The mechanism of a `pricing` map without `mechanism`.
    public static let defaultMechanism: any PricingMechanism.Type = EIP1559Pricing.self

    private static let added = Mutex<[any PricingMechanism.Type]>([])

    /// Makes a mechanism defined outside this package (a test, a plug-in) known to manifests:
    /// one line, `MechanismRegistry.register(MyMechanism.self)`, before a manifest names it.
    /// Registering a name twice keeps the first.
    public static func register(_ mechanism: any PricingMechanism.Type) {
        added.withLock { list in
            guard !(builtIn + list).contains(where: { $0.name == mechanism.name }) else { return }
            list.append(mechanism)
        }
    }

    /// The built-in mechanisms and the registered ones.
    public static var all: [any PricingMechanism.Type] { builtIn + added.withLock { $0 } }

    /// The mechanism called `name`, if any.
    public static func named(_ name: String) -> (any PricingMechanism.Type)? {
        all.first { $0.name == name }
    }
}
