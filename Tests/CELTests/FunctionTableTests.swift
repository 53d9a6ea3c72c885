import Testing
@testable import CEL

/// A table made anew has the standard functions and shares none of their parts.
@Suite struct FunctionTableTests {
    @Test func aFreshTableHasTheSameOverloadsAndSharesNoStorage() {
        let standard = FunctionTable.standard, fresh = FunctionTable.fresh()
        #expect(Set(fresh.overloads.keys) == Set(standard.overloads.keys))
        func storage(_ a: [CELType]) -> UnsafeRawPointer? { a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        var compared = 0
        for (name, overloads) in standard.overloads {
            let other = fresh.overloads[name] ?? []
            #expect(other.map(\.id) == overloads.map(\.id), "\(name)")
            for (a, b) in zip(overloads, other) where !a.params.isEmpty {
                #expect(a.params == b.params, "\(a.id)")
                // A parameter list shared by both tables would be counted by two threads at once.
                #expect(storage(a.params) != storage(b.params), "\(a.id)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }
}
