import Testing
@testable import CEL

/// An activation's per-item bindings (`it`, `value`, …) over its base: reads through the path
/// an expression's names take, shadowing, rebinding and unbinding, with one to seven bound.
@Suite struct ActivationTests {
    /// What `name` reads as, through the path an expression's names take (`place(of:)`).
    private func read(_ a: Activation, _ name: String) -> Value? {
        a.place(of: name, hint: 0).map { at in a.withValue(at: at) { copy $0 } }
    }

    @Test(arguments: [1, 4, 5, 7])
    func bindingsReadBackAndShadowTheBase(count: Int) {
        var a = Activation(["x": .int(-1), "base": .string("b")])
        for i in 0..<count { a["v\(i)"] = .int(Int64(i)) }
        a["x"] = .int(100)
        for i in 0..<count { #expect(read(a, "v\(i)")?.text == "\(i)") }
        // The per-item binding shadows the base's, on every path that reads a name.
        #expect(read(a, "x")?.text == "100")
        #expect(a["x"]?.text == "100")
        #expect(read(a, "base")?.text == "\"b\"")
        #expect(read(a, "none") == nil)
    }

    @Test(arguments: [0, 3, 4, 6])
    func rebindingAndUnbindingKeepTheOthers(removed: Int) {
        var a = Activation(["x": .int(-1)])
        for i in 0..<7 { a["v\(i)"] = .int(Int64(i)) }
        a["v2"] = .string("again")
        a["v\(removed)"] = nil
        for i in 0..<7 {
            let expected: String? = i == removed ? nil : (i == 2 ? "\"again\"" : "\(i)")
            #expect(read(a, "v\(i)")?.text == expected, "v\(i) after v\(removed) unbound")
        }
        // Bound again after the removal, it reads as the new value, and so do the others.
        a["v\(removed)"] = .int(42)
        #expect(read(a, "v\(removed)")?.text == "42")
        #expect(read(a, "x")?.text == "-1")
    }

    @Test func aCopyBindsWithoutChangingTheOriginal() {
        var a = Activation(["x": .int(1)])
        a["it"] = .int(2)
        var b = a
        b["it"] = .int(3)
        b["value"] = .int(4)
        #expect(read(a, "it")?.text == "2")
        #expect(read(a, "value") == nil)
        #expect(read(b, "it")?.text == "3")
        #expect(read(b, "value")?.text == "4")
    }

    @Test func unbindingANameOnlyTheBaseHasRemovesIt() {
        var a = Activation(["x": .int(1), "y": .int(2)])
        a["it"] = .int(3)
        a["x"] = nil
        #expect(read(a, "x") == nil)
        #expect(read(a, "y")?.text == "2")
        #expect(read(a, "it")?.text == "3")
    }

    @Test func bindingInPlaceAndUnbindingShowTheBaseAgain() {
        var a = Activation(["value": .int(1), "x": .int(2)])
        a.bind("it", .int(10))
        a.bind("value", .int(20))
        #expect(read(a, "value")?.text == "20")
        a.unbind("value")
        #expect(read(a, "value")?.text == "1")
        #expect(read(a, "it")?.text == "10")
        a.unbind("it")
        #expect(read(a, "it") == nil)
        // Unbinding a name with no binding of its own leaves the base's value, where
        // assigning nil removes it.
        a.unbind("x")
        #expect(read(a, "x")?.text == "2")
        #expect(read(a, "value")?.text == "1")
    }

    @Test func bindingAnItemPerStepReplacesItsOwnBinding() {
        var a = Activation(["x": .int(0)])
        a.bind("group", .int(-1))
        for i in 1...3 {
            a.bind("it", .int(Int64(i)))
            #expect(read(a, "it")?.text == "\(i)")
            // One binding, rebound where it is, not one more per step.
            #expect(a.place(of: "it", hint: 0).map { $0.overlay && $0.index == 1 } == true)
        }
        a.unbind("it")
        #expect(read(a, "it") == nil)
        #expect(read(a, "group")?.text == "-1")
    }
}
