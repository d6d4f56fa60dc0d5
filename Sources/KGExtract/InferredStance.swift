import KGModel
import KGText

/// Accusations the text makes without the word: "the ministry said Armenian units fired at our
/// positions" is the ministry accusing the Armenian units, whether or not it says "accuse".
/// A source that tells of another side's hostile act accuses that side; telling of one's own
/// side's act ("the ministry said its forces repelled…") accuses no one.
struct InferredStance {
    static var data: EventRules { EventRules.shared }

    /// Event id → CAMEO root, for this document's events.
    let cameo: [String: String]
    /// `key`: an entity id's identity key, asked only for the ids the rules need (a dictionary
    /// of every id of the document's relations cost more than the rules themselves).
    func accusations(in relations: [Relation], key: (String) -> String?) -> [Relation] {
        // Whose side each official and body is on, from the keys and the document's own
        // officialOf/partOf facts ("Konashenkov, spokesman of the Russian Defense Ministry").
        // Read from a key when asked: reading every entity's key first cost more than the rest.
        // The relations the rule reads: an attributed agent of an event of an accusing kind.
        // A document with none is done before any side or count is worked out.
        let roots = Self.data.accusingRoots
        let claimed = relations.indices.filter { i in
            relations[i].predicate == .hasAgent && !relations[i].attributedTo.isEmpty
                && cameo[relations[i].subject].map(roots.contains) == true
        }
        guard !claimed.isEmpty else { return [] }
        var derived: [String: String] = [:]
        func side(_ id: String) -> String? {
            if let s = derived[id] { return s }
            return key(id).flatMap(Self.state(fromKey:))
        }
        // By index: `for r in relations` copied each relation with its strings and lists.
        for _ in 0..<2 {
            for i in relations.indices where relations[i].predicate == .officialOf || relations[i].predicate == .partOf {
                let subject = relations[i].subject
                if side(subject) == nil, let o = relations[i].object.entityID, let s = side(o) { derived[subject] = s }
            }
        }
        // "a shooting between the armed forces of Azerbaijan and Armenia": a source that names
        // both sides of a clash blames neither.
        // Counted per source: another source that blames one side alone still accuses it.
        struct Claim: Hashable { let event: String; let source: String }
        // Counted only for the events the rule reads (an agent without attribution adds nothing).
        var agentCount: [Claim: Int] = [:]
        for i in claimed {
            for source in relations[i].attributedTo { agentCount[Claim(event: relations[i].subject, source: source), default: 0] += 1 }
        }
        var out: [Relation] = []
        for i in claimed {
            let event = relations[i].subject
            guard let agent = relations[i].object.entityID else { continue }
            for source in relations[i].attributedTo where source != agent && agentCount[Claim(event: event, source: source)] == 1 {
                if let a = side(source), let b = side(agent), a == b { continue }
                out.append(Relation(subject: source, predicate: .accuses, object: .entity(agent), evidence: relations[i].evidence))
            }
        }
        return out
    }

    /// Deployments as facts: "Russia has set up an outpost near Tegh" puts Russia's forces at
    /// Tegh; "peacekeepers were deployed in Khankendi" puts the peacekeepers there. A force
    /// (an agency) is deployed rather than a state that sent it, when the event names one.
    func deployments(in relations: [Relation], classes: [String: String], key keyOf: (String) -> String?) -> [Relation] {
        let words = RelationFinder.words
        // Most documents have no deployment event: then no relation needs its class looked up.
        guard classes.values.contains(where: words.deploymentClasses.contains) else { return [] }
        var out: [Relation] = []
        let byEvent = Dictionary(grouping: relations.filter { classes[$0.subject].map(words.deploymentClasses.contains) ?? false }, by: \.subject)
        for (_, rels) in byEvent.sorted(by: { $0.key < $1.key }) {
            let places = rels.filter { $0.predicate == .hasPlace }
            guard !places.isEmpty else { continue }
            // A force is an agency whose key names a unit ("agency:Russia|peacekeeping contingent");
            // a ministry that orders a deployment is not itself deployed.
            func isForce(_ id: String?) -> Bool {
                guard let key = keyOf(id ?? ""), key.hasPrefix("agency:") else { return false }
                return words.isForce(key: key)
            }
            let troops = rels.filter { ($0.predicate == .hasTarget || $0.predicate == .hasAgent) && isForce($0.object.entityID) }
            let movers = troops.isEmpty ? rels.filter { r in
                r.predicate == .hasAgent && (keyOf(r.object.entityID ?? "")?.hasPrefix("state:") ?? false)
            } : troops
            for mover in movers {
                guard let who = mover.object.entityID else { continue }
                for place in places {
                    guard let whereTo = place.object.entityID, whereTo != who else { continue }
                    out.append(Relation(subject: who, predicate: .deployedIn, object: .entity(whereTo),
                                        attributedTo: place.attributedTo, evidence: place.evidence))
                }
            }
        }
        return out
    }

    /// "state:Russia" and "agency:Russia|ministry of defense" are Russia's; other keys say nothing.
    static func state(fromKey key: String) -> String? {
        // Asked of each entity of each document: an ASCII key (nearly all) is read byte by byte,
        // where the Character-wise `hasPrefix` and `firstIndex(of:)` broke it into graphemes.
        if let fast = asciiState(fromKey: key) { return fast }
        if key.hasPrefix("state:") { return String(key.dropFirst(6)) }
        guard key.hasPrefix("agency:"), let bar = key.firstIndex(of: "|") else { return nil }
        let s = key[key.index(key.startIndex, offsetBy: 7)..<bar]
        return s.isEmpty || s == "?" ? nil : String(s)
    }

    /// `state(fromKey:)` for a key all in ASCII, where a byte is a Character (but for "\r\n",
    /// which neither a prefix nor the bar can split); `.some(nil)` when it names no state, nil
    /// when the key is not ASCII or not contiguous. Read through a buffer: the `utf8` view's
    /// generic iteration cost 2,000 instructions a key.
    private static func asciiState(fromKey key: String) -> String?? {
        key.utf8.withContiguousStorageIfAvailable { u -> String?? in
            guard u.allSatisfy({ $0 < 0x80 }) else { return nil }
            func starts(_ prefix: StaticString) -> Bool {
                let n = prefix.utf8CodeUnitCount
                guard u.count >= n else { return false }
                let p = prefix.utf8Start
                for i in 0..<n where u[i] != p[i] { return false }
                return true
            }
            if starts("state:") { return .some(String(decoding: UnsafeBufferPointer(rebasing: u[6...]), as: UTF8.self)) }
            guard starts("agency:"), let bar = u.firstIndex(of: UInt8(ascii: "|")) else { return .some(nil) }
            let s = UnsafeBufferPointer(rebasing: u[7..<bar])
            if s.isEmpty || (s.count == 1 && s[0] == UInt8(ascii: "?")) { return .some(nil) }
            return .some(String(decoding: s, as: UTF8.self))
        } ?? nil
    }
}
