// Times `kgraph render`'s two stages, DOT building (pure Swift) and layout plus output (libgvc),
// on a graph from a JSON file (the seeds, from `kgraph extract --format json`) and on a
// synthetic graph of N entities. Prints medians of several runs; run by `make bench-render`.
//
//     RenderBench [--runs 5] [--synthetic 2000] [graph.json ...]
import Foundation
import KGModel
import KGRender

var runs = 5
var synthetic = [2000]
var files: [String] = []
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--runs": runs = Int(args.popFirst() ?? "") ?? runs
    case "--synthetic": synthetic = (args.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
    default: files.append(arg)
    }
}

/// A connected graph of `n` entities of every type: a random spanning tree of relations plus
/// n/2 more, a fifth of them attributed and a ninth disputed, and a date on some events.
/// Deterministic, so every run draws the same picture.
func syntheticGraph(_ n: Int) -> Graph {
    var state: UInt64 = 42
    func next() -> UInt64 {  // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    let types = EntityType.allCases
    let entities = (0..<n).map { i in
        Entity(id: "e\(i)", name: "Entity \(i) with a longer name", type: types[i % types.count],
               mentions: (0...(i % 5)).map { Mention(doc: "d1", start: i * 10 + $0, end: i * 10 + $0 + 1) })
    }
    var relations: [Relation] = []
    for i in 1..<n {
        let j = Int(next() % UInt64(i))
        relations.append(Relation(subject: "e\(i)", predicate: KGModel.Predicate.allCases[Int(next() % 11)], object: .entity("e\(j)"),
                                  attributedTo: next() % 5 == 0 ? ["e\(j)"] : [], disputedBy: next() % 9 == 0 ? ["e0"] : []))
    }
    for _ in 0..<(n / 2) {
        relations.append(Relation(subject: "e\(next() % UInt64(n))", predicate: .aids, object: .entity("e\(next() % UInt64(n))")))
    }
    for i in stride(from: 6, to: n, by: 7) where i % 3 == 0 {
        relations.append(Relation(subject: "e\(i)", predicate: .hasDate, object: .date(DateLiteral(iso: "2020-0\(1 + i % 9)-1\(i % 10)")!)))
    }
    return Graph(documents: [Document(id: "d1", path: "synthetic.txt")], entities: entities, relations: relations)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

var graphs: [(String, Graph)] = []
for f in files {
    do {
        graphs.append(((f as NSString).lastPathComponent, try JSONDecoder().decode(Graph.self, from: Data(contentsOf: URL(fileURLWithPath: f)))))
    } catch {
        FileHandle.standardError.write(Data("RenderBench: \(f): \(error.localizedDescription)\n".utf8))
        exit(1)
    }
}
for n in synthetic { graphs.append(("synthetic-\(n)", syntheticGraph(n))) }

print("median of \(runs) runs, in seconds; \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("graph".padding(toLength: 16, withPad: " ", startingAt: 0) + "entities  view      layout  format   DOT build  layout+output      total")
for (name, graph) in graphs {
    for view in View.allCases {
        let builder = DOTBuilder(view: view)
        let layout = builder.suggestedLayout(for: graph)
        for format in [RenderFormat.svg, .png] {
            // A large synthetic graph in PNG measures the rasterizer, not kgraph: SVG only.
            if format == .png && graph.entities.count > 500 { continue }
            var build: [Double] = [], render: [Double] = []
            for _ in 0..<runs {
                var dot = ""
                build.append(time { dot = builder.build(graph, for: layout) })
                render.append(try time { _ = try Renderer(builder: builder).render(dot: dot, layout: layout, format: format) })
            }
            let cells = [String(graph.entities.count).padding(toLength: 10, withPad: " ", startingAt: 0),
                         view.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                         layout.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0),
                         format.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)]
            let numbers = [median(build), median(render), median(zip(build, render).map { $0 + $1 })].map { String(format: "%11.3f", $0) }
            print(name.padding(toLength: 16, withPad: " ", startingAt: 0) + cells.joined() + numbers.joined(separator: "  "))
        }
    }
}
