#!/usr/bin/env python3
"""Runs every tools/sparql/queries/*.rq through `kgraph query` and through pyoxigraph (the
reference engine) on the same N-Quads export, in union-default-graph mode, and compares the
answers: multisets of solutions (sequences when the query has ORDER BY), booleans for ASK,
triple sets for CONSTRUCT. Numbers compare by datatype and value. Prints one line per query
and a closing 'N passed, N failed'; exits 1 if any query differs.

usage: check.py --bin .build/release/kgraph --db store.sqlite --nq store.nq [--queries DIR]
"""
import argparse
import json
import re
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

try:
    import pyoxigraph as ox
except ImportError:
    print("pyoxigraph is not installed (pip install pyoxigraph): skipping the SPARQL comparison")
    sys.exit(0)

# The prefixes kgraph predeclares (SparqlEngine.defaultPrefixes); pyoxigraph needs them spelt out.
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "kg": "https://kgraph.example.org/ns#",
    "wd": "http://www.wikidata.org/entity/",
}
XSD = PREFIXES["xsd"]
INTEGERS = {XSD + t for t in ["integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                              "unsignedShort", "unsignedByte"]}


def literal_key(value, datatype, lang):
    if lang:
        return ("lit", value, "", lang.lower())
    datatype = datatype or XSD + "string"
    try:
        if datatype in INTEGERS:
            return ("lit", str(int(value)), datatype, "")
        if datatype == XSD + "decimal":
            return ("lit", str(Decimal(value).normalize()), datatype, "")
        if datatype in (XSD + "double", XSD + "float"):
            return ("lit", repr(float(value)), datatype, "")
    except (ValueError, InvalidOperation):
        pass
    return ("lit", value, datatype, "")


def ox_key(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    return literal_key(term.value, term.datatype.value if term.datatype else None, term.language)


def json_key(b):
    if b is None:
        return None
    if b["type"] == "uri":
        return ("iri", b["value"])
    if b["type"] == "bnode":
        return ("bnode",)
    return literal_key(b["value"], b.get("datatype"), b.get("xml:lang"))


NT_TERM = re.compile(r'<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?')


def nt_unescape(s):
    return json.loads('"' + s + '"')


def nt_triples(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keys = []
        for m in NT_TERM.finditer(line):
            if m.group(1) is not None:
                keys.append(("iri", m.group(1)))
            elif m.group(2) is not None:
                keys.append(("bnode",))
            else:
                keys.append(literal_key(nt_unescape(m.group(3)), m.group(5), m.group(4)))
        out.append(tuple(keys[:3]))
    return sorted(out)


def run_kgraph(args, query_file, fmt):
    proc = subprocess.run([args.bin, "query", "--db", args.db, "-f", str(query_file), "--format", fmt],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip())
    return proc.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--nq", required=True)
    parser.add_argument("--queries", default=str(Path(__file__).parent / "queries"))
    args = parser.parse_args()

    store = ox.Store()
    store.bulk_load(path=args.nq, format=ox.RdfFormat.N_QUADS)
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    passed = failed = 0
    for qf in sorted(Path(args.queries).glob("*.rq")):
        text = qf.read_text()
        ordered = re.search(r"\bORDER\s+BY\b", text, re.I) is not None
        try:
            ref = store.query(header + text, use_default_graph_as_union=True)
            if isinstance(ref, ox.QueryBoolean):
                want = bool(ref)
                got = json.loads(run_kgraph(args, qf, "json"))["boolean"]
            elif isinstance(ref, ox.QueryTriples):
                want = sorted(tuple(ox_key(x) for x in (t.subject, t.predicate, t.object)) for t in ref)
                got = nt_triples(run_kgraph(args, qf, "nt"))
            else:
                names = [v.value for v in ref.variables]
                want = [tuple(ox_key(s[n]) for n in names) for s in ref]
                data = json.loads(run_kgraph(args, qf, "json"))
                if data["head"]["vars"] != names:
                    raise RuntimeError(f"variables {data['head']['vars']} != {names}")
                got = [tuple(json_key(b.get(n)) for n in names) for b in data["results"]["bindings"]]
                if not ordered:
                    want, got = sorted(want, key=repr), sorted(got, key=repr)
            size = len(want) if isinstance(want, list) else 1
            if got == want:
                passed += 1
                print(f"ok    {qf.name} ({size} {'rows' if isinstance(want, list) else 'boolean'})")
            else:
                failed += 1
                detail = ""
                if isinstance(want, list):
                    only_got = [r for r in got if r not in want][:2]
                    only_want = [r for r in want if r not in got][:2]
                    detail = f": kgraph {len(got)} vs pyoxigraph {len(want)}; only kgraph {only_got}; only pyoxigraph {only_want}"
                print(f"FAIL  {qf.name}{detail}")
        except Exception as e:  # a crash or an error exit is a failure too
            failed += 1
            print(f"FAIL  {qf.name}: {e}")
    print(f"sparql-check: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
