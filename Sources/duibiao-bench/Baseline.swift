import CYAML

/// The yardstick: libyaml's event loop over a file and nothing else.
enum Baseline {
    /// Parses every event of `bytes`; returns how many there were.
    static func events(_ bytes: [UInt8]) -> Int {
        var parser = yaml_parser_t()
        var event = yaml_event_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { break }
            }
        }
        return count
    }
}
