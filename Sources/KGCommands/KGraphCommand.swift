import ArgumentParser
import Foundation
import KGText

/// The `kgraph` command: news articles in, a knowledge graph out.
public struct KGraphCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "kgraph",
        abstract: "Turn news articles about international politics into a knowledge graph.",
        discussion: """
            Inputs are files or folders (searched recursively for *.txt, *.md and *.html), or - \
            for standard input. Offsets in every output count Unicode scalars of the text as read.
            """,
        version: version,
        subcommands: [Extract.self, Entities.self, Events.self, Claims.self, Render.self, Export.self, Query.self, Who.self, Neighbors.self, Path.self,
                      Ingest.self, Remove.self, StatsCommand.self, Load.self]
    )

    public init() {}

    /// Runs the command line and exits: 0 on success, 1 for bad input or a failed output,
    /// 2 for bad usage. Every error is one line on standard error.
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            fail(error)
        }
    }

    static func fail(_ error: any Error) -> Never {
        let code: Int32
        let message: String
        switch error {
        case let e as InputError:
            code = 1
            message = e.description
        case let e as CommandError:
            code = 1
            message = e.description
        default:
            let exit = exitCode(for: error)
            if exit == .success {
                // --help and --version end the run on purpose.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            code = exit == .validationFailure ? 2 : exit.rawValue
            message = KGraphCommand.message(for: error)
        }
        let oneLine = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        FileHandle.standardError.write(Data("kgraph: \(oneLine)\n".utf8))
        Foundation.exit(code)
    }
}

/// A failure that is not the input's fault as such: a render or an export that failed, an
/// output that could not be written. It names the file or option involved.
struct CommandError: Error, CustomStringConvertible {
    let description: String
}
