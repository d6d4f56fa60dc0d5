import Foundation
import Testing

/// `kgraph render` as a user runs it: views, filters, focus, formats and its errors.
struct RenderEndToEndTests {
    let seeds = CLI.root.appendingPathComponent("seeds").path

    func svg(_ args: [String]) throws -> (text: String, dir: URL) {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("picture.svg")
        let r = try CLI.run(["render", seeds, "-o", out.path] + args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return (String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self), dir)
    }

    func entityNodes(_ svg: String) -> Int { svg.matches(of: #/<g id="[^"]*" class="node">/#).count }

    @Test func everyViewDrawsItsNodesAndLegend() throws {
        var counts: [String: Int] = [:]
        for view in ["whole", "actors", "timeline"] {
            let (text, _) = try svg(["--view", view])
            #expect(text.contains("<svg"), "\(view)")
            #expect(text.contains(">Nodes</text>"), "\(view): legend")
            counts[view] = entityNodes(text)
        }
        // Actors leave out events and places nobody acts on; the timeline draws only dated events.
        #expect(counts["whole"]! > counts["actors"]!)
        #expect(counts["whole"]! > counts["timeline"]!)
        #expect(counts["actors"]! > 10 && counts["timeline"]! > 10, "\(counts)")
    }

    @Test func linksResolveToTheArticlesFromWhereThePictureIs() throws {
        let (text, dir) = try svg([])
        let links = Set(text.matches(of: #/xlink:href="([^"]*)"/#).map { String($0.1) })
        #expect(!links.isEmpty)
        for link in links {
            // Inputs given as absolute paths keep them; relative ones are made relative to the picture.
            let decoded = link.removingPercentEncoding ?? link
            let path = decoded.hasPrefix("/") ? decoded : dir.appendingPathComponent(decoded).standardized.path
            #expect(FileManager.default.fileExists(atPath: path), "\(link) from \(dir.path)")
        }
        #expect(text.contains("xlink:title="), "tooltips")
    }

    @Test func relativeInputsGetLinksRelativeToThePicture() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("p.svg")
        let r = try CLI.run(["render", "seeds", "--focus", "Aliyev", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        let links = Set(text.matches(of: #/xlink:href="([^"]*)"/#).map { String($0.1) })
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("../") }, "\(links)")
        for link in links {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(link).standardized.path), "\(link)")
        }
    }

    @Test func focusAndFiltersNarrowThePicture() throws {
        let whole = entityNodes(try svg([]).text)
        let (focus, _) = try svg(["--focus", "Aliyev", "--depth", "1"])
        #expect(focus.contains(">Ilham Aliyev</text>"))
        #expect(entityNodes(focus) < whole)
        #expect(entityNodes(focus) > 1)
        let (states, _) = try svg(["--types", "state", "--view", "whole"])
        #expect(entityNodes(states) < whole && entityNodes(states) >= 3)
        #expect(states.contains(">Russia</text>"))
        #expect(!states.contains(">Ilham Aliyev</text>"))
        let (doc, _) = try svg(["--doc", "001_aac60002bc4dad11.txt"])
        #expect(entityNodes(doc) < whole)
    }

    @Test func theSameInputGivesTheSameDOT() throws {
        let dir = try CLI.tempDir()
        var outputs: [Data] = []
        for i in 0..<2 {
            let out = dir.appendingPathComponent("g\(i).dot")
            let r = try CLI.run(["render", seeds, "--view", "actors", "-o", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(try Data(contentsOf: out))
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func dpiScalesPNG() throws {
        let dir = try CLI.tempDir()
        func width(_ args: [String]) throws -> Int {
            let out = dir.appendingPathComponent("g.png")
            let r = try CLI.run(["render", seeds, "--view", "timeline", "-o", out.path] + args)
            #expect(r.status == 0, "\(r.stderr)")
            return try [UInt8](Data(contentsOf: out))[16..<20].reduce(0) { $0 << 8 | Int($1) }
        }
        let normal = try width([]), sharp = try width(["--dpi", "48"])
        #expect(abs(Double(normal) / Double(sharp) - 2) < 0.05, "\(normal) vs \(sharp)")
    }

    @Test func badOptionsAndNamesAreOneLineErrors() throws {
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("x.svg").path
        let cases: [([String], Int32, String)] = [
            (["--focus", "Nobody Atall"], 1, "--focus \"Nobody Atall\": no entity has that name or alias"),
            (["--doc", "nope.txt"], 1, "--doc nope.txt: no such document"),
            (["--types", "State,Stat"], 2, "--types: unknown 'Stat'"),
            (["--predicates", "hates"], 2, "--predicates: unknown 'hates'"),
            (["--depth", "2"], 2, "--depth needs --focus"),
            (["--dpi", "300"], 2, "--dpi applies to png output only"),
            (["--view", "map"], 2, "--view"),
            (["--min-mentions", "1000"], 1, "nothing to draw"),
        ]
        for (args, status, message) in cases {
            let r = try CLI.run(["render", seeds, "-o", out] + args)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): one line")
            #expect(!FileManager.default.fileExists(atPath: out), "\(args): no output on failure")
        }
    }
}
