import ArgumentParser
import Foundation
import KGExtract
import KGModel
import KGText

/// The paths every subcommand reads.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Files or folders to read, or - for standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup var lexicon: LexiconOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder (or - for standard input)") }
    }

    /// Reads every input and extracts one graph from them all.
    func graph() throws -> Graph {
        let extractor = try lexicon.extractor()
        let sources = try InputCollector.collect(paths)
        let texts = try sources.map { source throws(InputError) in try DocumentReader.read(source) }
        return extractor.extract(texts)
    }
}

/// `--lexicon FILE`, for every command that extracts: extra states, organizations, agencies,
/// people and places, one JSON object a line, in the format of the bundled `states.jsonl`.
struct LexiconOptions: ParsableArguments {
    @Option(name: .customLong("lexicon"),
            help: ArgumentHelp("Add the entries of this JSON Lines file to the names the extractor knows (repeatable).",
                               valueName: "file"))
    var files: [String] = []

    /// An extractor with the bundled data and these files; a bad file is a one-line error
    /// naming the file and the line (exit 1).
    func extractor() throws -> Extractor {
        do {
            return Extractor(lexicon: try ExtractorLexicon.loading(files: files))
        } catch {
            throw CommandError(description: error.description)
        }
    }
}

/// Writes bytes to a file through a temporary file in the same folder and a rename, so a
/// failed run never leaves a partial file and never destroys the previous output.
enum OutputWriter {
    static func write(_ bytes: Data, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(bytes)
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandError(description: "\(path): folder \(folder.path) does not exist")
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try bytes.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw CommandError(description: "\(path): cannot write (\(reason))")
            }
        } catch let error as CommandError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw CommandError(description: "\(path): cannot write (\(error.localizedDescription))")
        }
    }

    /// The extension of `path`, lowercased, or nil for standard output.
    static func fileExtension(_ path: String?) -> String? {
        guard let path, path != "-" else { return nil }
        let ext = (path as NSString).pathExtension.lowercased()
        return ext.isEmpty ? nil : ext
    }
}
