import ArgumentParser
import PatroliCore

/// `patroli rules …`: work on a rule pack (check it, run its examples, measure it on a corpus).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, test and evaluate a rule pack.",
        // The `rules` subcommands: one file each (Rules<Name>Command.swift). Add new ones here.
        subcommands: [
            RulesLintCommand.self,
            RulesTestCommand.self,
            RulesEvalCommand.self,
            RulesTuneCommand.self,
            RulesImportCommand.self,
        ])
}

/// Loads a labelled corpus for `rules lint` / `rules eval`: bad lines are reported on stderr and
/// skipped; a corpus that cannot be read at all ends the command with exit code 2.
func loadLabelledCorpus(_ path: String, split: String? = nil) throws -> [LabelledPost] {
    let loaded: (posts: [LabelledPost], problems: [InputProblem])
    do {
        loaded = try LabelledCorpus.load(path: path, split: split)
    } catch {
        Console.error("\(error)")
        throw ExitCode(2)
    }
    for problem in loaded.problems { Console.error(problem.description) }
    return loaded.posts
}
