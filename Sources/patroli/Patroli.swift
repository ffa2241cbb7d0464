import ArgumentParser

@main
struct Patroli: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patroli",
        abstract: "Find trafficking (TPPO) recruitment in social-media posts.",
        discussion: """
            Exit codes (like grep): 0 nothing flagged, 1 something flagged, 2 errors occurred.
            """,
        version: "0.1.0",
        subcommands: [ScanCommand.self, ExplainCommand.self, BatchCommand.self, ReviewCommand.self, ServeCommand.self,
                      UsersCommand.self, RulesCommand.self])
}
