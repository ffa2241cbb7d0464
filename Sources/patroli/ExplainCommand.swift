import ArgumentParser
import Foundation
import PatroliCore

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why one post scores what it does: highlighted hits, normalized text, score sum.")

    @Argument(help: "The post text (or use --file).")
    var text: String?

    @Option(name: .long, help: "Read the post from a file ('-' for standard input).")
    var file: String?

    @Option(name: .long, help: "Colour: auto (terminal only, honours NO_COLOR), always or never.")
    var color: ColorMode = .auto

    @OptionGroup var pack: PackOptions

    enum ColorMode: String, ExpressibleByArgument { case auto, always, never }

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give the post text or --file FILE (one of them)") }
    }

    func run() throws {
        let compiled = try pack.loadPack()
        let bytes: [UInt8]
        if let file {
            guard let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot read the file; check the path and permissions")
                throw ExitCode(2)
            }
            bytes = Array(data)
        } else {
            bytes = Array((text ?? "").utf8)
        }
        let scanner = Scanner(pack: compiled)
        let result = scanner.scan(utf8: bytes)
        let entities = EntityExtractor().extract(from: result.normalized.originalString)
        let useColor: Bool
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = Console.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
        let out = OutputBuffer()
        out.write(ExplanationRenderer(color: useColor).render(result, entities: entities, pack: compiled))
        out.flush()
        if !result.failures.isEmpty { throw ExitCode(2) }
        if result.flagged { throw ExitCode(1) }
    }
}
