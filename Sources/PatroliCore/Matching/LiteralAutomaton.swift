/// One Aho–Corasick automaton over every literal of a pack, as a dense DFA over byte classes.
///
/// Built once per compiled pack and shared by all workers; a scan is one table lookup per byte.
/// Bytes that occur in no literal share one class, which keeps the table small.
public struct LiteralAutomaton: Sendable {
    /// A literal and what it stands for (the compiler's index of a keyword or regex atom).
    public struct Literal: Sendable {
        public var bytes: [UInt8]
        public var payload: Int32
        public init(bytes: [UInt8], payload: Int32) {
            self.bytes = bytes
            self.payload = payload
        }
    }

    private let byteClass: [UInt8]
    private let classCount: Int
    private let transitions: [Int32]
    /// Outputs of state s: `outputs[outputStart[s]..<outputStart[s + 1]]` as (payload, length).
    private let outputStart: [Int32]
    private let outputPayload: [Int32]
    private let outputLength: [Int32]
    public let stateCount: Int

    public init(_ literals: [Literal]) {
        // Byte classes.
        var classOf = [UInt8](repeating: 0, count: 256)
        var nextClass = 1
        for literal in literals {
            for byte in literal.bytes where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt8(truncatingIfNeeded: nextClass)
                nextClass += 1
                if nextClass > 255 { nextClass = 255 }
            }
        }
        classCount = nextClass
        byteClass = classOf

        // Trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var outputs: [[(Int32, Int32)]] = [[]]
        for literal in literals where !literal.bytes.isEmpty {
            var state = 0
            for byte in literal.bytes {
                let c = Int(classOf[Int(byte)])
                if goto[state][c] < 0 {
                    goto[state][c] = Int32(goto.count)
                    goto.append([Int32](repeating: -1, count: classCount))
                    outputs.append([])
                }
                state = Int(goto[state][c])
            }
            outputs[state].append((literal.payload, Int32(literal.bytes.count)))
        }

        // Failure links by breadth-first search, turning the trie into a DFA.
        var fail = [Int32](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for c in 0..<classCount {
            if goto[0][c] < 0 {
                goto[0][c] = 0
            } else {
                fail[Int(goto[0][c])] = 0
                queue.append(Int(goto[0][c]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state].append(contentsOf: outputs[Int(fail[state])])
            for c in 0..<classCount {
                let next = goto[state][c]
                if next < 0 {
                    goto[state][c] = goto[Int(fail[state])][c]
                } else {
                    fail[Int(next)] = goto[Int(fail[state])][c]
                    queue.append(Int(next))
                }
            }
        }
        // Class 0 (bytes in no literal) always restarts at the root. Keep it so.
        stateCount = goto.count
        var flat = [Int32](repeating: 0, count: goto.count * classCount)
        for s in 0..<goto.count {
            for c in 0..<classCount { flat[s * classCount + c] = goto[s][c] }
        }
        transitions = flat
        var starts: [Int32] = [0]
        var payloads: [Int32] = []
        var lengths: [Int32] = []
        for list in outputs {
            for (payload, length) in list {
                payloads.append(payload)
                lengths.append(length)
            }
            starts.append(Int32(payloads.count))
        }
        outputStart = starts
        outputPayload = payloads
        outputLength = lengths
    }

    /// Calls `found(payload, start, end)` for every occurrence of every literal in `text`.
    @inline(__always)
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ found: (Int32, Int, Int) -> Void) {
        transitions.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                outputStart.withUnsafeBufferPointer { starts in
                    var state = 0
                    let width = classCount
                    for i in 0..<text.count {
                        state = Int(table[state &* width &+ Int(classes[Int(text[i])])])
                        let lower = starts[state], upper = starts[state &+ 1]
                        if lower != upper {
                            for k in Int(lower)..<Int(upper) {
                                let length = Int(outputLength[k])
                                found(outputPayload[k], i + 1 - length, i + 1)
                            }
                        }
                    }
                }
            }
        }
    }
}
