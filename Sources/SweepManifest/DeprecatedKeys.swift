import TicketModel

/// Keys that an older model version named differently, accepted under their old name with a
/// warning: the tree is rewritten to the new name before it is checked, so everything after
/// (validation, the canonical manifest, the digest) sees only the new name.
///
/// Today one key: `exponential`'s `min_price`, which version 1 called the price at the target
/// pool, is `price_at_target` (MODEL.md version 2, section 5). Only `base.pricing` is rewritten;
/// a sweep axis must use the new name.
enum DeprecatedKeys {
    /// The rewritten manifest tree and one `file:line:column: warning: ...` line per rename.
    static func apply(_ root: ConfigNode, file: String) -> (ConfigNode, [String]) {
        guard let base = root["base"], let pricing = base["pricing"], let entries = pricing.entries,
              pricing["mechanism"]?.string == ExponentialPricing.name,
              pricing[ExponentialPricing.priceAtTargetParameter.name] == nil,
              let old = entries.firstIndex(where: { $0.key == "min_price" }) else { return (root, []) }
        var renamed = entries
        renamed[old].key = ExponentialPricing.priceAtTargetParameter.name
        let mark = entries[old].keyMark ?? pricing.mark
        let place = mark.map { "\(file):\($0.line):\($0.column): " } ?? "\(file): "
        let warning = place + "warning: pricing.min_price of the exponential mechanism is now called price_at_target "
            + "(it is the price at the target pool, not a minimum); the old name is accepted for now: rename it"
        var tree = root
        _ = SchemaPaths.set(ConfigNode(value: .map(renamed), mark: pricing.mark), at: [.key("base"), .key("pricing")][...], in: &tree)
        return (tree, [warning])
    }
}
