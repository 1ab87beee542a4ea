/// Counts objects alive and `defer` blocks run, to prove that no Lua error skipped Swift
/// clean-up (a longjmp through a Swift frame would leave both counts wrong).
public final class LifetimeCounter {
    public private(set) var created = 0
    public private(set) var destroyed = 0
    public var defersRun = 0

    public init() {}

    /// Objects made and not yet released.
    public var alive: Int { created - destroyed }

    /// Makes a tracked object.
    public func make(_ label: String = "") -> Tracked {
        created += 1
        return Tracked(counter: self, label: label)
    }

    fileprivate func released() { destroyed += 1 }
}

/// An object whose `deinit` is counted by its ``LifetimeCounter``.
public final class Tracked {
    private let counter: LifetimeCounter
    public var label: String
    public var number = 0

    fileprivate init(counter: LifetimeCounter, label: String) {
        self.counter = counter
        self.label = label
    }

    deinit { counter.released() }
}
