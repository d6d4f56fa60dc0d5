import Foundation

/// The kinds of file kgraph reads, chosen by extension. Markup is masked, not removed, so
/// offsets into the cleaned text are offsets into the file (see `Masking`).
public enum SourceKind: String, Sendable, CaseIterable {
    case plain, markdown, html

    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "txt", "text": self = .plain
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        default: return nil
        }
    }
}

/// One input, as given on the command line or found in a folder.
public struct InputSource: Sendable, Hashable {
    /// The path to report and to record in the graph; `-` for standard input.
    public let path: String
    public let kind: SourceKind

    public init(path: String, kind: SourceKind) {
        self.path = path
        self.kind = kind
    }

    public static let stdinPath = "-"
}

/// Turns command-line paths into the list of documents to read.
public enum InputCollector {
    /// Files are taken as given (any extension is read as plain text unless it is Markdown or
    /// HTML); folders are searched recursively for `*.txt`, `*.md` and `*.html`, in sorted
    /// order so runs are reproducible. `-` is standard input, read as plain text.
    public static func collect(_ paths: [String]) throws(InputError) -> [InputSource] {
        var sources: [InputSource] = []
        var seen = Set<String>()
        for path in paths {
            if path == InputSource.stdinPath {
                if seen.insert(path).inserted { sources.append(InputSource(path: path, kind: .plain)) }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(path: path, problem: "no such file or folder")
            }
            if isDirectory.boolValue {
                let found = try filesInFolder(path)
                guard !found.isEmpty else {
                    throw InputError(path: path, problem: "folder has no .txt, .md or .html files")
                }
                for s in found where seen.insert(s.path).inserted { sources.append(s) }
            } else if seen.insert(path).inserted {
                sources.append(InputSource(path: path, kind: SourceKind(path: path) ?? .plain))
            }
        }
        return sources
    }

    private static func filesInFolder(_ folder: String) throws(InputError) -> [InputSource] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw InputError(path: folder, problem: "cannot list folder")
        }
        var found: [InputSource] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            // Hidden files and folders (.git, editor backups) are never articles.
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            guard let kind = SourceKind(path: relative) else { continue }
            let full = folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
            found.append(InputSource(path: full, kind: kind))
        }
        return found.sorted { $0.path < $1.path }
    }
}

/// Reads and validates one input. Empty, binary and non-UTF-8 files are errors: a graph built
/// from half-decoded bytes would carry wrong offsets without saying so.
public enum DocumentReader {
    public static func read(_ source: InputSource) throws(InputError) -> SourceText {
        let data: Data
        if source.path == InputSource.stdinPath {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: source.path))
            } catch {
                throw InputError(path: source.path, problem: "cannot read file (\(describe(error)))")
            }
        }
        return try decode(data, source: source)
    }

    public static func decode(_ data: Data, source: InputSource) throws(InputError) -> SourceText {
        // Checked through a buffer pointer: `Data`'s own iterator cost a call per byte.
        let checked: Result<SourceText, InputError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                return .failure(InputError(path: source.path, problem: "file is empty"))
            }
            // `memchr`: `contains` tested byte by byte, five instructions each.
            if memchr(bytes.baseAddress!, 0, bytes.count) != nil {
                return .failure(InputError(path: source.path, problem: "binary file (contains NUL bytes), not text"))
            }
            guard let text = SourceText(path: source.path, kind: source.kind, utf8: bytes) else {
                return .failure(InputError(path: source.path, problem: "not valid UTF-8 text"))
            }
            return .success(text)
        }
        switch checked {
        case .success(let text): return text
        case .failure(let error): throw error
        }
    }

    private static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           let reason = String(validatingCString: strerror(Int32(underlying.code))) {
            return reason.lowercased()
        }
        return ns.localizedDescription
    }
}
