import Foundation
import GRDB

/// What can go wrong with a store file. Each case names the file, and its description is one
/// line: the command-line tool prints it as is.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case notADatabase(String)
    case notAStore(String)
    case newerSchema(String, unknown: [String])
    case locked(String)
    case corrupt(String, String)
    case io(String, String)
    case sqlite(String, String)

    public var description: String {
        switch self {
        case .missing(let p): "\(p): no such database (create it with kgraph ingest)"
        case .notADatabase(let p): "\(p): not a SQLite database"
        case .notAStore(let p): "\(p): a SQLite database, but not a kgraph store"
        case .newerSchema(let p, let unknown):
            "\(p): written by a newer kgraph (unknown schema migrations: \(unknown.joined(separator: ", "))); upgrade kgraph to read it"
        case .locked(let p): "\(p): database is locked by another process (gave up after the busy timeout)"
        case .corrupt(let p, let why): "\(p): damaged database (\(why))"
        case .io(let p, let why): "\(p): \(why)"
        case .sqlite(let p, let why): "\(p): \(why)"
        }
    }

    /// The same error naming `path`; SQLite's errors become the cases above.
    public static func wrap(_ error: any Error, path: String) -> StoreError {
        switch error {
        case let e as StoreError:
            switch e {
            case .missing: return .missing(path)
            case .notADatabase: return .notADatabase(path)
            case .notAStore: return .notAStore(path)
            case .newerSchema(_, let unknown): return .newerSchema(path, unknown: unknown)
            case .locked: return .locked(path)
            case .corrupt(_, let why): return .corrupt(path, why)
            case .io(_, let why): return .io(path, why)
            case .sqlite(_, let why): return .sqlite(path, why)
            }
        case let e as DatabaseError:
            switch e.resultCode {
            case .SQLITE_NOTADB: return .notADatabase(path)
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path)
            case .SQLITE_CORRUPT: return .corrupt(path, e.message ?? "corrupt")
            case .SQLITE_CANTOPEN: return .io(path, "cannot open database file")
            case .SQLITE_READONLY: return .io(path, "database is read-only")
            case .SQLITE_FULL: return .io(path, "disk full")
            default: return .sqlite(path, e.message ?? "\(e.resultCode)")
            }
        default:
            return .sqlite(path, "\(error)")
        }
    }
}
