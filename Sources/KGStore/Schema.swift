import Foundation
import GRDB

/// The store's schema as GRDB migrations. Each migration is applied once, in order; its
/// identifier is recorded in the database (`grdb_migrations`), which is how a program tells a
/// database written by a newer version of itself: it holds identifiers this program lacks.
///
/// Never edit a migration that has shipped; add a new one.
enum StoreSchema {
    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()
        m.registerMigration("v1-quads") { db in
            try db.execute(sql: QuadStore.schemaSQL)
        }
        m.registerMigration("v1-graph") { db in
            try db.execute(sql: graphSQL)
        }
        return m
    }()

    static var knownIdentifiers: [String] { migrator.migrations }

    /// The graph tables. A document's extraction is stored as it came out of the extractor, in
    /// `contributions` (one row per entity the document names, under the document's own key);
    /// each contribution points at the store-wide entity it resolves to. Mentions, aliases and
    /// relations hang off contributions, so re-resolving a contribution (a surname that now has
    /// exactly one full-name candidate, or lost it) is one UPDATE, and removing a document
    /// removes exactly what it brought. `entities` holds the canonical identity, derived from
    /// its contributions.
    static let graphSQL = """
        CREATE TABLE documents(
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,                 -- as given when last ingested
            path_key TEXT NOT NULL UNIQUE,      -- the same, normalized: "./a//b.txt" is "a/b.txt"
            hash TEXT NOT NULL,                 -- SHA-256 of the file's bytes, hex
            title TEXT,
            date TEXT,                          -- ISO: YYYY, YYYY-MM or YYYY-MM-DD
            iri TEXT NOT NULL UNIQUE,           -- the named graph of its quads
            ingested TEXT NOT NULL);
        CREATE TABLE entities(
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,           -- the extractor's identity key, "state:Russia"
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            surname TEXT,                       -- last word of a multi-word person key, for resolution
            wikidata TEXT,
            cameo TEXT,
            attributes TEXT NOT NULL DEFAULT '{}',
            iri TEXT NOT NULL);
        CREATE INDEX entities_surname ON entities(surname) WHERE surname IS NOT NULL;
        CREATE INDEX entities_type ON entities(type);
        CREATE TABLE contributions(
            id INTEGER PRIMARY KEY,
            doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            entity INTEGER NOT NULL REFERENCES entities(id),
            local_key TEXT NOT NULL,            -- the key the document's extraction gave
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            wikidata TEXT,
            cameo TEXT,
            attributes TEXT NOT NULL DEFAULT '{}',
            UNIQUE(doc, local_key));
        CREATE INDEX contributions_entity ON contributions(entity);
        CREATE INDEX contributions_local_key ON contributions(local_key);
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE aliases(                   -- rowid keeps the extractor's order
            contribution INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            UNIQUE(contribution, alias));
        CREATE TABLE mentions(
            contribution INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
            doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY(contribution, start, "end")) WITHOUT ROWID;
        CREATE INDEX mentions_doc ON mentions(doc);
        CREATE TABLE relations(
            id INTEGER PRIMARY KEY,
            doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            subject INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
            predicate TEXT NOT NULL,
            object INTEGER REFERENCES contributions(id) ON DELETE CASCADE,
            object_date TEXT,                   -- for hasDate: the date literal
            attributes TEXT NOT NULL DEFAULT '{}',
            CHECK ((object IS NULL) <> (object_date IS NULL)));
        CREATE INDEX relations_doc ON relations(doc);
        CREATE INDEX relations_subject ON relations(subject);
        CREATE INDEX relations_object ON relations(object);
        CREATE TABLE evidence(
            relation INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
            doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT);
        CREATE INDEX evidence_relation ON evidence(relation);
        CREATE INDEX evidence_doc ON evidence(doc);
        CREATE TABLE attribution(
            relation INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
            contribution INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('asserted', 'disputed')),
            UNIQUE(relation, contribution, kind));
        CREATE INDEX attribution_contribution ON attribution(contribution);

        -- The same rows by store-wide entity, for people reading the database with sqlite3.
        CREATE VIEW entity_mentions AS
            SELECT c.entity, m.doc, m.start, m."end" FROM mentions m JOIN contributions c ON c.id = m.contribution;
        CREATE VIEW entity_relations AS
            SELECT r.id, r.doc, s.entity AS subject, r.predicate, o.entity AS object, r.object_date, r.attributes
            FROM relations r JOIN contributions s ON s.id = r.subject LEFT JOIN contributions o ON o.id = r.object;
        """

    /// Checks that the database is one this program can read, then applies the migrations it
    /// lacks. A database with migrations this program does not know was written by a newer
    /// version: reading it could misread tables whose meaning changed, so it is refused.
    static func open(_ writer: some DatabaseWriter) throws {
        // The first read fails with SQLITE_NOTADB for a file that is not SQLite, and with
        // SQLITE_BUSY (after the busy timeout) for one another process holds locked.
        let (tables, applied) = try writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
             try migrator.appliedIdentifiers(db))
        }
        let unknown = applied.subtracting(knownIdentifiers)
        if !unknown.isEmpty { throw StoreError.newerSchema("", unknown: unknown.sorted()) }
        // Someone else's SQLite database: writing our tables into it would damage it.
        if applied.isEmpty, tables.contains(where: { !$0.hasPrefix("sqlite_") }) {
            throw StoreError.notAStore("")
        }
        if applied.count < knownIdentifiers.count {
            // WAL lets readers (a query) run while a document is being ingested; the mode is
            // stored in the file, so setting it once at creation is enough.
            try writer.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try migrator.migrate(writer)
        }
    }
}
