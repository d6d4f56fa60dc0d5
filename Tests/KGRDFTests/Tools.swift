import Foundation
import XCTest

/// External validators run as subprocesses: rapper (raptor2-utils) and Python's rdflib.
enum Tools {
    struct Result { let status: Int32; let stdout: String; let stderr: String }

    /// Runs `executable` with output going to temporary files rather than pipes, so a chatty
    /// tool can never fill a pipe buffer and deadlock the test.
    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgrdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    static func temporaryFile(_ contents: String, suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kgrdf-\(UUID().uuidString).\(suffix)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let rapperPath = "/usr/bin/rapper"

    /// Number of triples rapper parses from `contents`, or a failure if it reports errors.
    static func rapperCount(_ contents: String, syntax: String, suffix: String,
                            file: StaticString = #filePath, line: UInt = #line) throws -> Int? {
        guard FileManager.default.isExecutableFile(atPath: rapperPath) else {
            throw XCTSkip("rapper not installed at \(rapperPath): apt-get install raptor2-utils to validate RDF syntax")
        }
        let url = try temporaryFile(contents, suffix: suffix)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try run(rapperPath, ["-i", syntax, "-c", url.path])
        XCTAssertEqual(result.status, 0, "rapper -i \(syntax) failed:\n\(result.stderr)", file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Error"), "rapper reported errors:\n\(result.stderr)", file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Warning"), "rapper reported warnings:\n\(result.stderr)", file: file, line: line)
        // "rapper: Parsing returns 123 triples" (raptor 2.0.16 says "returned")
        guard let range = result.stderr.range(of: #"Parsing return(s|ed) (\d+) triple"#, options: .regularExpression) else {
            XCTFail("no triple count in rapper output:\n\(result.stderr)", file: file, line: line)
            return nil
        }
        return Int(result.stderr[range].split(separator: " ")[2])
    }

    /// `/usr/bin/env`, once `python3` on the PATH is known to import rdflib.
    static func python() throws -> String {
        let env = "/usr/bin/env"
        let probe = try run(env, ["python3", "-c", "import rdflib"])
        guard probe.status == 0 else {
            throw XCTSkip("python3 cannot import rdflib (install: python3 -m pip install rdflib): \(probe.stderr)")
        }
        return env
    }

    /// rdflib's view of an N-Triples and a JSON-LD file: both triple counts, and whether the
    /// two graphs are the same (isomorphic, so blank node labels may differ).
    static func rdflibCompare(ntriples: String, jsonld: String) throws -> (nt: Int, jsonld: Int, same: Bool, diff: String) {
        let env = try python()
        let nt = try temporaryFile(ntriples, suffix: "nt"), js = try temporaryFile(jsonld, suffix: "jsonld")
        defer { try? FileManager.default.removeItem(at: nt); try? FileManager.default.removeItem(at: js) }
        let script = """
        import sys
        from rdflib import Graph
        from rdflib.compare import isomorphic, to_isomorphic, graph_diff
        a = Graph().parse(sys.argv[1], format="nt")
        b = Graph().parse(sys.argv[2], format="json-ld")
        same = isomorphic(a, b)
        print(len(a), len(b), int(same))
        if not same:
            _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
            for t in sorted(only_a)[:10]: print("only nt:", t)
            for t in sorted(only_b)[:10]: print("only json-ld:", t)
        """
        let result = try run(env, ["python3", "-c", script, nt.path, js.path])
        guard result.status == 0 else {
            XCTFail("rdflib failed:\n\(result.stderr)")
            return (-1, -2, false, result.stderr)
        }
        let lines = result.stdout.split(separator: "\n")
        let numbers = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
        guard numbers.count == 3 else { XCTFail("unexpected rdflib output: \(result.stdout)"); return (-1, -2, false, "") }
        return (numbers[0], numbers[1], numbers[2] == 1, lines.dropFirst().joined(separator: "\n"))
    }
}
