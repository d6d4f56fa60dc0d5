#!/usr/bin/env python3
"""Writes a synthetic N-Quads graph shaped like kgraph's export, for bench-sparql: one named
graph per document; states, officials, organizations, places and events with types, names
and aliases; relations as direct triples plus reified rdf:Statements with evidence selectors
and attribution. Deterministic (fixed seed).

usage: synth.py --triples 1000000 -o synth.nq
"""
import argparse
import random

B = "https://kgraph.example.org/"
KG = B + "ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"

KINDS = {  # kind: (share of entities, classes)
    "state": (0.01, [SCHEMA + "Country", SEM + "Actor"]),
    "official": (0.30, [SCHEMA + "Person", KG + "Official", SEM + "Actor"]),
    "organization": (0.09, [SCHEMA + "Organization", ORG + "FormalOrganization", SEM + "Actor"]),
    "place": (0.20, [SCHEMA + "Place", SEM + "Place"]),
    "event": (0.40, [SEM + "Event", SCHEMA + "Event"]),
}
RELATIONS = [  # (subject kind, property, object kind)
    ("official", KG + "officialOf", "state"), ("organization", ORG + "memberOf", "organization"),
    ("place", SCHEMA + "containedInPlace", "state"), ("state", KG + "accuses", "state"),
    ("state", KG + "aids", "state"), ("event", SEM + "hasActor", "state"), ("event", KG + "hasTarget", "state"),
    ("event", SEM + "hasPlace", "place"), ("event", SEM + "hasActor", "official"), ("state", KG + "denies", "state"),
]


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    rnd = random.Random(42)
    # About 15 quads per relation and 6 per entity mention; sized from the target.
    n_entities = max(100, args.triples // 40)
    docs = max(10, args.triples // 1000)
    entities = {k: [f"{B}{k}/{k}-{i}" for i in range(max(5, int(n_entities * share)))] for k, (share, _) in KINDS.items()}
    written = 0
    described = set()
    with open(args.output, "w") as out:
        def q(s, p, o, g):
            nonlocal written
            out.write(f"{s} <{p}> {o} <{g}> .\n")
            written += 1

        d = 0
        while written < args.triples:
            doc = f"{B}doc/article-{d % docs}-{d // docs}"
            d += 1
            q(f"<{doc}>", RDF + "type", f"<{SCHEMA}NewsArticle>", doc)
            q(f"<{doc}>", SCHEMA + "datePublished", f'"2023-{1 + d % 12:02d}-{1 + d % 28:02d}"^^<{XSD}date>', doc)
            for r in range(20):
                sk, prop, ok = rnd.choice(RELATIONS)
                s, o = rnd.choice(entities[sk]), rnd.choice(entities[ok])
                for e, kind in ((s, sk), (o, ok)):
                    if (e, doc) in described:
                        continue
                    described.add((e, doc))
                    for c in KINDS[kind][1]:
                        q(f"<{e}>", RDF + "type", f"<{c}>", doc)
                    name = e.rsplit("/", 1)[1].replace("-", " ").title()
                    q(f"<{e}>", SCHEMA + "name", lit(name), doc)
                    q(f"<{e}>", SCHEMA + "alternateName", lit(name.upper()), doc)
                    q(f"<{doc}>", SCHEMA + "mentions", f"<{e}>", doc)
                q(f"<{s}>", prop, f"<{o}>", doc)
                st = f"{B}statement/{d}-{r}"
                ev = f"{B}evidence/{d}-{r}"
                q(f"<{st}>", RDF + "type", f"<{RDF}Statement>", doc)
                q(f"<{st}>", RDF + "subject", f"<{s}>", doc)
                q(f"<{st}>", RDF + "predicate", f"<{prop}>", doc)
                q(f"<{st}>", RDF + "object", f"<{o}>", doc)
                q(f"<{st}>", PROV + "wasDerivedFrom", f"<{ev}>", doc)
                if rnd.random() < 0.3:
                    q(f"<{st}>", PROV + "wasAttributedTo", f"<{rnd.choice(entities['state'])}>", doc)
                q(f"<{ev}>", RDF + "type", f"<{OA}TextPositionSelector>", doc)
                start = rnd.randrange(0, 5000)
                q(f"<{ev}>", OA + "start", f'"{start}"^^<{XSD}integer>', doc)
                q(f"<{ev}>", OA + "end", f'"{start + rnd.randrange(40, 300)}"^^<{XSD}integer>', doc)
                q(f"<{ev}>", PROV + "value", lit(f"Sentence {d}-{r} says that {s.rsplit('/', 1)[1]} relates to {o.rsplit('/', 1)[1]}."), doc)
                if written >= args.triples:
                    break
    print(f"wrote {written} quads in {d} documents to {args.output}")


if __name__ == "__main__":
    main()
