import Testing
@testable import CEL

/// A constant variable's fields are read when the program is made: the same results as read
/// at each evaluation, where nothing shadows it.
@Suite struct ConstantsTests {
    static let inner = ObjectType(name: "window", fields: [("start", .int), ("end", .int)])
    static let type = ObjectType(name: "values", fields: [("window", .object(inner)), ("limit", .int), ("note", .string)])
    static func values(limit: Int64) -> CELObject {
        CELObject.make(type: type, fields: [.object(CELObject.make(type: inner, fields: [.int(1), .int(9)])), .int(limit), nil])
    }

    @Test func fieldsOfAConstantAreReadOnceAndShadowingIsKept() throws {
        let constant = Self.values(limit: 3)
        let env = Env(variables: ["values": .object(Self.type), "x": .int], constants: ["values": .object(constant)])
        let plain = Env(variables: ["values": .object(Self.type), "x": .int])
        let bound = Activation(["values": .object(constant), "x": .int(5)])
        for text in ["values.limit + x", "x >= values.window.start && x <= values.window.end", "has(values.note)",
                     "values.note == null", "[values.limit, 4].exists(values, values == 4)", "values.window"] {
            let folded = try env.compile(text).eval(bound)
            let read = try plain.compile(text).eval(bound)
            #expect(Equality.equal(folded, read), "\(text): \(folded) \(read)")
        }
        // Read when made: another object bound to the name later is not looked at.
        let other = Activation(["values": .object(Self.values(limit: 100)), "x": .int(5)])
        #expect(Equality.equal(try env.compile("values.limit + x").eval(other), .int(8)))
        #expect(Equality.equal(try plain.compile("values.limit + x").eval(other), .int(105)))
    }
}
