import Foundation
import Testing

/// The CLI as a user runs it: real binary, real seeds, real files.
@Suite(.serialized) struct EndToEnd {
    let seeds = CLI.root.appendingPathComponent("seeds").path

    @Test func extractWritesTheJSONContractWithTrueOffsets() throws {
        let r = try CLI.run(["extract", seeds, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        let entities = try #require(json["entities"] as? [[String: Any]])
        let relations = try #require(json["relations"] as? [[String: Any]])
        #expect(documents.count == 4)
        #expect(documents.first?["date"] as? String == "2025-07-08")
        #expect(entities.count > 40)
        #expect(relations.count > 40)
        // Every mention's span, cut from the file by Unicode scalars, is one of the entity's names.
        var texts: [String: [Unicode.Scalar]] = [:]
        for d in documents {
            let path = try #require(d["path"] as? String)
            texts[d["id"] as! String] = Array(try String(contentsOfFile: path, encoding: .utf8).unicodeScalars)
        }
        var checked = 0
        for e in entities where e["type"] as? String != "Event" {
            let names = Set([e["name"] as! String] + (e["aliases"] as! [String]))
            for m in e["mentions"] as! [[String: Any]] {
                let text = try #require(texts[m["doc"] as! String])
                let span = String(String.UnicodeScalarView(text[(m["start"] as! Int)..<(m["end"] as! Int)]))
                #expect(names.contains(span), "mention '\(span)' is not a name of \(e["name"]!)")
                checked += 1
            }
        }
        #expect(checked > 100)
        let types = Set(entities.compactMap { $0["type"] as? String })
        #expect(types.isSuperset(of: ["State", "Official", "Person", "Agency", "Organization", "Place", "Event"]))
        // Evidence spans lie inside their documents.
        for r in relations {
            for ev in r["evidence"] as! [[String: Any]] {
                let n = texts[ev["doc"] as! String]!.count
                #expect((ev["start"] as! Int) >= 0 && (ev["start"] as! Int) < (ev["end"] as! Int) && (ev["end"] as! Int) <= n)
            }
        }
    }

    @Test func standardInputIsADocument() throws {
        let r = try CLI.run(["extract", "-"], stdin: Data("Russian President Vladimir Putin met Armenian Prime Minister Nikol Pashinyan in Moscow.".utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let text = r.stdoutText
        #expect(text.contains("\"Vladimir Putin\""))
        #expect(text.contains("\"officialOf\""))
        #expect(text.contains("\"path\" : \"-\""))
    }

    @Test func htmlOffsetsPointIntoTheFileAsWritten() throws {
        let html = """
            <html><head><title>Talks in Moscow</title><script>var Russia = 1;</script></head>
            <body><p>Moscow confirmed on <b>Wednesday</b> that Armenian Prime Minister Nikol Pashinyan&#8217;s
            envoy met <a href="https://example.org/x">Russian President Vladimir Putin</a>.</p></body></html>
            """
        let url = try CLI.tempDir().appendingPathComponent("talks.html")
        try Data(html.utf8).write(to: url)
        let r = try CLI.run(["extract", url.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect(documents.first?["title"] as? String == "Talks in Moscow")
        let entities = try #require(json["entities"] as? [[String: Any]])
        let text = Array(html.unicodeScalars)
        var names: [String] = []
        for e in entities where e["type"] as? String != "Event" {
            names.append(e["name"] as! String)
            let allowed = Set([e["name"] as! String] + (e["aliases"] as! [String]))
            for m in e["mentions"] as! [[String: Any]] {
                let span = String(String.UnicodeScalarView(text[(m["start"] as! Int)..<(m["end"] as! Int)]))
                #expect(allowed.contains(span), "'\(span)' at \(m["start"]!) is not a name of \(e["name"]!)")
            }
        }
        #expect(Set(names).isSuperset(of: ["Russia", "Nikol Pashinyan", "Vladimir Putin", "Armenia"]))
        // Nothing from the script or the link target became an entity.
        #expect(!names.contains("example.org"))
        // Nor from the title or the script in <head>: every mention lies in <body>.
        let body = html.unicodeScalars.distance(from: html.unicodeScalars.startIndex,
                                                to: html.range(of: "<body>")!.lowerBound.samePosition(in: html.unicodeScalars)!)
        for e in entities {
            #expect((e["mentions"] as! [[String: Any]]).allSatisfy { ($0["start"] as! Int) > body }, "\(e["name"]!)")
        }
    }

    @Test func renderWritesEveryFormatWithItsMagicBytes() throws {
        let dir = try CLI.tempDir()
        let magic: [String: [UInt8]] = ["png": [0x89, 0x50, 0x4E, 0x47], "pdf": Array("%PDF".utf8)]
        for ext in ["svg", "png", "pdf", "dot"] {
            let out = dir.appendingPathComponent("g.\(ext)")
            let r = try CLI.run(["render", seeds, "-o", out.path])
            #expect(r.status == 0, "\(ext): \(r.stderr)")
            let bytes = try [UInt8](Data(contentsOf: out))
            if let m = magic[ext] { #expect(Array(bytes.prefix(m.count)) == m, "\(ext) magic") }
            if ext == "svg" { #expect(String(decoding: bytes, as: UTF8.self).contains("<svg")) }
            if ext == "dot" { #expect(String(decoding: bytes, as: UTF8.self).contains("digraph")) }
        }
        // Every layout engine works on the seeds.
        for layout in ["dot", "neato", "fdp", "sfdp", "circo", "twopi"] {
            let r = try CLI.run(["render", seeds, "-o", dir.appendingPathComponent("l.svg").path, "--layout", layout])
            #expect(r.status == 0, "\(layout): \(r.stderr)")
        }
    }

    @Test func exportedNTriplesAndTurtleParseToTheSameTriples() throws {
        let dir = try CLI.tempDir()
        var counts: [String: Int] = [:]
        for (ext, syntax) in [("nt", "ntriples"), ("ttl", "turtle")] {
            let out = dir.appendingPathComponent("g.\(ext)")
            let r = try CLI.run(["export", seeds, "-o", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            guard let n = try CLI.rapperCount(out, syntax: syntax) else {
                Issue.record("rapper is not installed: run `make deps`")
                return
            }
            counts[ext] = n
        }
        #expect((counts["nt"] ?? 0) > 1000)
        #expect(counts["nt"] == counts["ttl"])
    }

    @Test func everySubcommandHasHelp() throws {
        for sub in [[], ["extract"], ["render"], ["export"], ["query"]] {
            let r = try CLI.run(sub + ["--help"])
            #expect(r.status == 0)
            #expect(r.stdoutText.contains("USAGE"))
        }
        let v = try CLI.run(["--version"])
        #expect(v.status == 0 && v.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}

/// Bad input: one line on standard error naming the file or option, a non-zero exit
/// (1 for input, 2 for usage), and no output file written or clobbered.
@Suite struct BadInput {
    private func expectFailure(_ args: [String], status: Int32, mentions needle: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("out.json")
        try Data("previous".utf8).write(to: out)
        let r = try CLI.run(args + ["-o", out.path])
        #expect(r.status == status, "exit \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "want one line, got: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(needle), "\(r.stderr) should name \(needle)", sourceLocation: sourceLocation)
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous", "output clobbered", sourceLocation: sourceLocation)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "out.json" }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)", sourceLocation: sourceLocation)
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = try CLI.tempDir().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func missingPath() throws {
        try expectFailure(["extract", "/no/such/article.txt"], status: 1, mentions: "/no/such/article.txt")
    }

    @Test func folderWithoutTextFiles() throws {
        let path = try file("data.csv", Array("a,b".utf8))
        let folder = (path as NSString).deletingLastPathComponent
        try expectFailure(["extract", folder], status: 1, mentions: folder)
    }

    @Test func binaryFile() throws {
        let path = try file("photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A])
        try expectFailure(["extract", path], status: 1, mentions: path)
    }

    @Test func nonUTF8File() throws {
        let path = try file("latin1.txt", Array("Caf".utf8) + [0xE9, 0x20] + Array("Baku".utf8))
        try expectFailure(["extract", path], status: 1, mentions: path)
    }

    @Test func emptyFile() throws {
        let path = try file("empty.txt", [])
        try expectFailure(["extract", path], status: 1, mentions: path)
    }

    @Test func oneBadFileAmongGoodOnesFailsTheRun() throws {
        let bad = try file("empty.md", [])
        try expectFailure(["extract", CLI.root.appendingPathComponent("seeds").path, bad], status: 1, mentions: bad)
    }

    @Test func unknownFormatAndLayout() throws {
        let seeds = CLI.root.appendingPathComponent("seeds").path
        try expectFailure(["extract", seeds, "--format", "xml"], status: 2, mentions: "--format")
        try expectFailure(["export", seeds, "--format", "rdfxml"], status: 2, mentions: "--format")
        try expectFailure(["render", seeds, "--format", "svg", "--layout", "spiral"], status: 2, mentions: "--layout")
        try expectFailure(["render", seeds, "--format", "gif"], status: 2, mentions: "--format")
        try expectFailure(["export", seeds, "--format", "ttl", "--base", "not-an-iri"], status: 2, mentions: "--base")
    }
}
