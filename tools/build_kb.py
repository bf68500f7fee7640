#!/usr/bin/env python3
"""Builds byline's built-in knowledge base, deterministically.

    python tools/build_kb.py [--sources ../shared/kb-sources] [--out python/byline/data/byline.blkb]
                             [--no-share-alike] [--min-city-pop 15000] [--records out.jsonl]

Inputs: the public sources listed in python/byline/data/SOURCES.md (read from
--sources, never copied into the repository) and the curated TSV files in
python/byline/data/kb/.  Output: one compiled KB file (byline.blkb).  The same
inputs always give the same bytes.  --no-share-alike leaves out the CC BY-SA
sources (supraverden, world_leaders_current), giving a KB without
share-alike terms.

Ids: a Wikidata QID where a source gives one; else the ISO 3166 code (countries),
"geonames:<id>" (cities, regions) or a "bl:..." byline id.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))
CURATED = ROOT / "python" / "byline" / "data" / "kb"


# ---------------------------------------------------------------------------
# Small readers
# ---------------------------------------------------------------------------
def read_tsv(path: Path) -> List[Dict[str, str]]:
    """A TSV with a header row; lines starting with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [{k: (v or "").strip() for k, v in r.items() if k} for r in rows]


def yaml_lite(path: Path) -> Any:
    """Reads the simple YAML of the rigour and supraverden files: nested
    mappings by indentation, block lists ("- item"), scalar values, quoted
    strings, comments.  Not a general YAML parser."""
    root: Dict[str, Any] = {}
    # stack of (indent, container)
    stack: List[Tuple[int, Any]] = [(-1, root)]
    pending_key: Optional[Tuple[Any, str, int]] = None  # key waiting for a nested block

    def scalar(v: str) -> Any:
        v = v.strip()
        if v.startswith("'") and v.endswith("'") and len(v) >= 2:
            return v[1:-1].replace("''", "'")
        if v.startswith('"') and v.endswith('"') and len(v) >= 2:
            return v[1:-1].replace('\\"', '"')
        if v in ("null", "~", ""):
            return None
        return v

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if " #" in s and not s.startswith(("'", '"', "- '", '- "')):
                s = s.split(" #", 1)[0].rstrip()
            indent = len(line) - len(line.lstrip(" "))
            is_item = s.startswith("- ") or s == "-"
            if pending_key is not None:
                parent, key, kind = pending_key
                pending_key = None
                if indent > kind or (is_item and indent == kind):
                    container: Any = [] if is_item else {}
                    parent[key] = container
                    stack.append((kind, container))
                else:
                    parent[key] = None
            while len(stack) > 1 and (indent < stack[-1][0] or (indent == stack[-1][0] and not (
                    is_item and isinstance(stack[-1][1], list)))):
                stack.pop()
            cur = stack[-1][1]
            if s.startswith("- ") or s == "-":
                item = s[2:].strip() if s != "-" else ""
                if not isinstance(cur, list):
                    continue
                m = re.match(r"^([^:'\"]+):\s*(.*)$", item)
                if m and not item.startswith(("'", '"')):
                    d: Dict[str, Any] = {}
                    cur.append(d)
                    stack.append((indent + 1, d))
                    k, v = m.group(1).strip(), m.group(2)
                    if v.strip() == "":
                        pending_key = (d, k, indent + 2)
                    else:
                        d[k] = scalar(v)
                else:
                    cur.append(scalar(item))
                continue
            m = re.match(r"^(.+?):(\s+(.*))?$", s)
            if not m or not isinstance(cur, dict):
                continue
            k = scalar(m.group(1))
            v = m.group(3)
            if v is None or v.strip() == "":
                pending_key = (cur, k, indent)
            else:
                cur[k] = scalar(v)
    return root


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


# ---------------------------------------------------------------------------
# The KB under construction
# ---------------------------------------------------------------------------
class Builder:
    def __init__(self) -> None:
        self.entries: Dict[str, Dict[str, Any]] = {}
        self.order: List[str] = []
        self.births: Dict[str, int] = {}
        self.pending_alias: List[Dict[str, str]] = []

    def add(self, kb_id: str, name: str, **kw: Any) -> Dict[str, Any]:
        e = self.entries.get(kb_id)
        if e is None:
            e = {"kb_id": kb_id, "name": name, "aliases": [], "sources": set()}
            self.entries[kb_id] = e
            self.order.append(kb_id)
        for k, v in kw.items():
            if k == "aliases":
                for a in v:
                    self.alias(kb_id, a)
            elif k == "source":
                e["sources"].add(v)
            elif v not in (None, "", 0) and not e.get(k):
                e[k] = v
        return e

    def alias(self, kb_id: str, alias: Any, flags: Tuple[str, ...] = ()) -> None:
        e = self.entries[kb_id]
        if isinstance(alias, tuple):
            alias, flags = alias
        alias = re.sub(r"\s+", " ", alias or "").strip()
        if not alias or alias == e["name"] and not flags:
            return
        for a in e["aliases"]:
            if a["text"] == alias:
                for f in flags:
                    a[f] = True
                return
        d = {"text": alias}
        for f in flags:
            d[f] = True
        e["aliases"].append(d)

    def records(self) -> List[Dict[str, Any]]:
        out = []
        for kid in self.order:
            e = dict(self.entries[kid])
            src = sorted(e.pop("sources"))
            attrs = e.get("attrs") or {}
            if isinstance(attrs, dict):
                attrs = dict(attrs)
                if src:
                    attrs["source"] = "; ".join(src)
            e["attrs"] = attrs
            out.append(e)
        return out


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------
def load_countries(b: Builder, src: Path, iso2id: Dict[str, str]) -> Dict[str, Dict[str, Any]]:
    """Countries and territories: GeoNames countryInfo (ISO codes, population,
    capital), rigour territories (QIDs), CLDR and i18n-iso-countries (English
    names), CIA Factbook (long/short names, demonyms, leaders)."""
    info: Dict[str, Dict[str, Any]] = {}
    with open(src / "geonames" / "countryInfo.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            info[c[0]] = {"iso2": c[0], "iso3": c[1], "name": c[4], "capital": c[5],
                          "population": int(c[7] or 0), "geonameid": c[16]}
    qids: Dict[str, Dict[str, Any]] = {}
    with open(src / "rigour" / "territories.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            qids[d["code"].upper()] = d
    cldr: Dict[str, List[Tuple[str, str]]] = {}
    for r in read_tsv(src / "cldr" / "en_territories.tsv"):
        cldr.setdefault(r["code"], []).append((r.get("alt", ""), r["name"]))
    i18n = json.load(open(src / "i18n_iso_countries" / "en.json", encoding="utf-8"))["countries"]
    fb: Dict[str, Dict[str, Any]] = {}
    with open(src / "cia_factbook" / "factbook_2026-01_subset.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("iso2"):
                fb[d["iso2"].upper()] = d

    codes = sorted(set(info) | {c for c in i18n if len(c) == 2})
    for cc in codes:
        gi = info.get(cc, {})
        rq = qids.get(cc, {})
        names = [n for alt, n in sorted(cldr.get(cc, [])) if alt in ("", "short", "variant")]
        main = None
        for alt, n in cldr.get(cc, []):
            if alt == "":
                main = n
        v = i18n.get(cc)
        i18n_names = v if isinstance(v, list) else [v] if v else []
        name = main or (i18n_names[0] if i18n_names else gi.get("name"))
        if not name:
            continue
        kb_id = rq.get("qid") or cc
        iso2id[cc] = kb_id
        aliases = names + i18n_names + [gi.get("name", "")]
        f = fb.get(cc)
        if f:
            cn = f.get("country_name") or {}
            for k in ("conventional long form", "conventional short form"):
                val = cn.get(k)
                if val and val.lower() != "none":
                    aliases.append(val)
        aliases += [n for n in rq.get("names_strong", []) if is_latin(n) and n[:1].isupper()]
        if rq.get("full_name") and is_latin(rq["full_name"]) and "(" not in rq["full_name"]:
            aliases.append(rq["full_name"])
        is_country = bool(rq.get("is_country", True))
        attrs = {"iso2": cc}
        if gi.get("iso3"):
            attrs["iso3"] = gi["iso3"]
        if not is_country:
            attrs["territory"] = "1"
        if rq.get("parent"):
            attrs["parent_iso2"] = rq["parent"].upper()
        b.add(kb_id, name, label="GPE", kind="country", prominence=gi.get("population", 0),
              attrs=attrs, source="geonames; cldr; i18n-iso-countries; rigour")
        for a in aliases:
            if a and is_latin(a) and len(a) > 2:
                b.alias(kb_id, a)
        if f:
            nat = f.get("nationality") or {}
            dem = []
            adj = nat.get("adjective") or ""
            for a in re.split(r"[;,]| or ", adj):
                a = re.sub(r"\(.*?\)", "", a).strip()
                if a and a.lower() != "none":
                    dem.append((a, ("demonym",)))
            noun = nat.get("noun") or ""
            for a in re.split(r"[;,]| or ", noun):
                a = re.sub(r"\(.*?\)", "", a).strip()
                m = re.match(r"^(.*?)\((s|es)\)$", (nat.get("noun") or "").split(",")[0].strip())
                if a and a.lower() != "none":
                    dem.append((a, ("demonym",)))
                if m and a == m.group(1).strip():
                    dem.append((a + m.group(2), ("demonym", "plural")))
            b.entries[kb_id].setdefault("_demonyms", []).extend(dem)
            b.entries[kb_id]["sources"].add("factbook")
    return fb


def fix_demonyms(b: Builder) -> None:
    """Demonyms shared by several countries ("Korean", "Congolese") are
    dropped: curated aliases give the specific forms."""
    owners: Dict[str, set] = {}
    for e in b.entries.values():
        for text, _ in e.get("_demonyms", []):
            owners.setdefault(text.lower(), set()).add(e["kb_id"])
    for e in b.entries.values():
        for text, flags in e.pop("_demonyms", []):
            if len(owners[text.lower()]) == 1 and is_latin(text) and len(text) > 2:
                b.alias(e["kb_id"], text, flags)


def parse_leader(s: str) -> Optional[Tuple[str, str]]:
    """Factbook 'President Vladimir Vladimirovich PUTIN (since 7 May 2012)' ->
    ('President', 'Vladimir Vladimirovich Putin'); family-name-first names
    ('President XI Jinping') keep their order."""
    s = re.sub(r"\(.*?\)", "", s.split(";")[0]).strip().rstrip(".,")
    if not s or "none" in s.lower()[:8]:
        return None
    toks = s.split()
    caps = [i for i, t in enumerate(toks)
            if len(re.sub(r"[^A-Za-z]", "", t)) >= 2 and t.upper() == t and re.search(r"[A-Z]", t)
            and t not in ("II", "III", "IV", "VI", "XVI", "KG")]
    if not caps:
        return None
    first_cap = caps[0]
    office_words = {"president", "prime", "minister", "premier", "king", "queen", "emir", "amir",
                    "sultan", "chancellor", "supreme", "leader", "governor", "general", "governor-general",
                    "chairman", "chairwoman", "federal", "council", "state", "affairs", "commission",
                    "sheikh", "grand", "duke", "crown", "prince", "princess", "co-prince", "captain",
                    "captains", "regent", "chief", "executive", "vice", "first", "head", "of", "the",
                    "transitional", "military", "sovereign", "presidential", "people's", "assembly",
                    "national", "secretary", "pope", "emperor", "monarch", "administrator", "chair",
                    "deputy", "acting", "interim", "mayor", "high", "commissioner", "representative",
                    "dear", "great", "revolution", "guide", "and", "minister-president", "chief-of-state",
                    "prime-minister", "senior", "lieutenant", "colonel", "field", "marshal", "brother",
                    "defense", "defence", "commander", "armed", "forces", "government"}
    start = 0
    while start < first_cap and toks[start].lower().strip(",") in office_words:
        start += 1
    office = re.sub(r"\s+(of|of the)$", "", " ".join(toks[:start]).strip())
    name_toks = toks[start:caps[-1] + 1] if caps[-1] + 1 < len(toks) and first_cap == start else toks[start:]
    if first_cap == start:  # family name first: KIM Jong Un
        name_toks = toks[start:]
    name = " ".join("-".join(p.capitalize() for p in t.split("-")) if t in [toks[i] for i in caps] else t
                    for t in name_toks)
    name = re.sub(r"\b(Mc|Mac)([a-z])", lambda m: m.group(1) + m.group(2).upper(), name)
    name = name.strip(" ,")
    if not name or len(name) > 60:
        return None
    return office, name


_NAME_PREFIXES = ("Dr.", "Dr", "Prince", "Princess", "Sheikh", "Shaikh", "Sir", "Mr.", "Mr", "Mrs.",
                  "Ms.", "H.E.", "General", "Gen.", "Sultan", "King", "Queen", "Emir", "Amir")


def clean_person_name(name: str, country_names: List[str]) -> Tuple[str, List[str]]:
    """Strips honorifics and a leading country name ("Spain Pedro Sanchez");
    returns the name and the forms dropped as extra aliases."""
    extra = []
    for c in sorted(country_names, key=len, reverse=True):
        if c and name.startswith(c + " "):
            name = name[len(c) + 1:]
            break
    toks = name.split()
    while len(toks) > 2 and toks[0] in _NAME_PREFIXES:
        extra.append(" ".join(toks))
        toks = toks[1:]
    return " ".join(toks), extra


def person_aliases(name: str, family_first: bool) -> List[str]:
    toks = name.split()
    out = []
    # "Vladimir Vladimirovich Putin" -> "Vladimir Putin"; "Donald J. Trump" ->
    # "Donald Trump"; not for names whose middle parts carry the family name
    # ("Mohammed bin Salman", "Pedro Sanchez Perez-Castejon")
    if not family_first and len(toks) == 3 and all(t[:1].isupper() for t in toks):
        mid = toks[1]
        if re.search(r"(vich|vych|ovna|evna|yevna|ovich|yevich|ogly|uly)$", mid) or \
                re.match(r"^[A-Z]\.$", mid):
            out.append(f"{toks[0]} {toks[-1]}")
    a = ascii_fold(name)
    if a != name:
        out.append(a)
    return out


def load_people(b: Builder, src: Path, fb: Dict[str, Dict[str, Any]], iso2id: Dict[str, str],
                share_alike: bool) -> None:
    by_name: Dict[str, str] = {}
    country_names: Dict[str, List[str]] = {}
    for cc, kid in iso2id.items():
        e = b.entries.get(kid)
        if e:
            country_names[cc] = [e["name"]] + [a["text"] for a in e["aliases"]]

    def add_person(kb_id: str, name: str, office: str, role: str, cc: str, source: str,
                   since: str = "", family_first: bool = False) -> None:
        name, extra = clean_person_name(name, country_names.get(cc, []))
        if not name:
            return
        toks = ascii_fold(name).lower().split()
        # one person across sources and realms (Charles III, Trump for the US
        # and its territories): first and last name, any country
        key = f"{toks[0]} {toks[-1]}" if len(toks) > 1 else toks[0]
        if key in by_name and by_name[key] != kb_id:
            kb_id = by_name[key]
        by_name[key] = kb_id
        if kb_id in b.entries and b.entries[kb_id]["name"] != name:
            b.alias(kb_id, name)
        country = iso2id.get(cc, cc) if cc else None
        e = b.add(kb_id, name, label="PERSON", kind="person", role=role, office=office,
                  country=country, source=source,
                  aliases=person_aliases(name, family_first))
        for x in extra:
            b.alias(kb_id, x)
        offices = e.setdefault("attrs", {}).setdefault("offices", [])
        o = f"{office} ({cc}{', since ' + since if since else ''})"
        if o not in offices:
            offices.append(o)

    if share_alike:
        with open(src / "world_leaders_current" / "current.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                cc = d["country"]["iso_code"]
                if len(cc) != 2:
                    continue
                for pos in ("head_of_state", "head_of_government"):
                    p = d["positions"].get(pos) or {}
                    h = p.get("current_holder") or {}
                    if not h.get("name_en") or not h.get("wikidata_id"):
                        continue
                    add_person(h["wikidata_id"], h["name_en"], p.get("title_en") or "", pos, cc,
                               "world-leaders", h.get("since") or "")
    for cc, d in sorted(fb.items()):
        for field, role in (("chief_of_state", "head_of_state"), ("head_of_government", "head_of_government")):
            val = d.get(field)
            if not isinstance(val, str):
                continue
            parsed = parse_leader(val)
            if not parsed:
                continue
            office, name = parsed
            m = re.search(r"since (\d{1,2} \w+ \d{4})", val)
            family_first = bool(re.match(r"^[A-Z][A-Z'-]+\b", val[len(office):].strip()))
            add_person(f"bl:person:{cc.lower()}:{slug(name)}", name, office, role, cc,
                       "factbook", m.group(1) if m else "", family_first)
    qid2iso = {v: k for k, v in iso2id.items()}
    with open(src / "everypolitician_foreign_ministers" / "foreign_ministers_wikidata_2022.csv",
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["person"] or not r["name"] or r["name"].startswith("Q"):
                continue
            cc = qid2iso.get(r["country"], "")
            add_person(r["person"], r["name"], r["positionLabel"] or "Foreign Minister",
                       "foreign_minister", cc, "wikidata-fm",
                       r.get("start", "")[:10])
    for e in b.entries.values():
        if e.get("kind") == "person" and isinstance(e.get("attrs"), dict) and "offices" in e["attrs"]:
            e["attrs"]["offices"] = "; ".join(e["attrs"]["offices"])


def load_cities(b: Builder, src: Path, iso2id: Dict[str, str], min_pop: int,
                stop: set) -> None:
    capitals: Dict[str, str] = {}
    with open(src / "geonames" / "countryInfo.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if c[5]:
                capitals[c[0]] = c[5]
    admin: Dict[str, Tuple[str, str, str]] = {}
    with open(src / "geonames" / "admin1Codes.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, name, asc, gid = line.rstrip("\n").split("\t")[:4]
            admin[code] = (name, asc, gid)
    # single words that are also cue words or given names: a place by that
    # name needs 100k people to stay ("Kim", "University", "North")
    lex = {e["name"].lower() for e in b.entries.values()
           if e.get("kind") in ("first_name", "stop_name", "org_head", "title", "honorific", "body")}
    compass = {"north", "south", "east", "west", "central", "centre", "center", "capital", "coast",
               "northern", "southern", "eastern", "western", "island", "islands", "city", "district"}
    lex |= compass
    # regions: a first name rarely given (< 20,000 US births since 1930) does
    # not hide a region ("Florida", "Kansas", "Sicily"); the first name goes
    # (drop_country_first_names).  Short names, crown-dependency parishes and
    # words that are already country names or demonyms ("German") stay out.
    region_lex = {e["name"].lower() for e in b.entries.values()
                  if e.get("kind") in ("stop_name", "org_head", "title", "honorific", "body")}
    region_lex |= compass
    country_words = set()
    for e in b.entries.values():
        if e.get("kind") == "country":
            country_words.add(e["name"].lower())
            country_words.update(a["text"].lower() for a in e["aliases"])
    first = {e["name"].lower(): e for e in b.entries.values() if e.get("kind") == "first_name"}
    rows = []
    with open(src / "geonames" / "cities15000.txt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            pop = int(c[14] or 0)
            if pop < min_pop:
                continue
            rows.append((c[0], c[1], c[2], c[3], c[7], c[8], c[10], pop))
    # the most populous city with the capital's name in each country is the capital
    cap_of: Dict[str, str] = {}
    for gid, name, asc, alts, fcode, cc, a1, pop in sorted(rows, key=lambda r: -r[7]):
        if fcode == "PPLC" or (capitals.get(cc) in (name, asc) and cc not in cap_of.values()):
            if cc not in [k for k in cap_of.values()]:
                cap_of[gid] = cc
    for gid, name, asc, alts, fcode, cc, a1, pop in rows:
        if name.lower() in stop or len(name) < 3 or (name.lower() in lex and pop < 100_000):
            continue
        if asc and asc != name and asc.lower() in lex and pop < 100_000:
            continue  # "Glória" (15k people) is not the "Gloria" of a news story
        kb_id = f"geonames:{gid}"
        role = "capital" if gid in cap_of else "member"
        aliases = []
        if asc and asc != name:
            aliases.append((asc, ("case",)))
        if pop >= 1_000_000:
            for a in alts.split(","):
                a = a.strip()
                if (a and a not in (name, asc) and is_latin(a) and a[:1].isupper() and len(a) >= 4
                        and a.lower() not in stop and " " not in a[:1] and not re.search(r"\d", a)
                        and a.replace(" ", "").replace("-", "").isalpha()):
                    aliases.append((a, ("case",)))
            aliases = aliases[:12]
        b.add(kb_id, name, label="GPE", kind="city", role=role, country=iso2id.get(cc, cc),
              prominence=pop, attrs={"admin1": f"{cc}.{a1}"}, source="geonames")
        b.entries[kb_id]["name_case"] = True
        for a in aliases:
            b.alias(kb_id, a)
    for code, (name, asc, gid) in sorted(admin.items()):
        cc = code.split(".")[0]
        low = name.lower()
        if low in stop or len(name) < 3 or low in region_lex or low in country_words:
            continue
        if low in first:
            if (len(name) < 5 or cc in ("IM", "GG", "JE")
                    or b.births.get(first[low]["name"], 0) >= 20_000):
                continue
            first[low]["rare_vs_region"] = True
        kb_id = f"geonames:{gid}"
        if kb_id in b.entries:
            continue
        b.add(kb_id, name, label="GPE", kind="region", role="member", country=iso2id.get(cc, cc),
              attrs={"admin1": code}, source="geonames")
        b.entries[kb_id]["name_case"] = True
        if asc and asc != name:
            b.alias(kb_id, (asc, ("case",)))


def load_orgs(b: Builder, src: Path, share_alike: bool) -> Dict[str, str]:
    """International organisations (supraverden, CC BY-SA) and curated groups."""
    ids: Dict[str, str] = {}
    if share_alike:
        data = yaml_lite(src / "supraverden" / "general_list.yaml")
        for key in data:
            d = data[key]
            if not isinstance(d, dict):
                continue
            name = d.get("Name_en") or key
            q = d.get("Wikidata_code")
            kb_id = q if isinstance(q, str) and re.match(r"^Q\d+$", q) else f"bl:org:{slug(name)}"
            aliases = []
            for k in ("Abbreviation_en", "Name_other_en", "Name_other_2_en", "Name_other_3_en"):
                v = d.get(k)
                if isinstance(v, str) and v and v.lower() != "null":
                    aliases.append(v)
            if name.startswith("The "):
                aliases.append(name[4:])
            b.add(kb_id, name, label="ORG", kind="org", aliases=aliases,
                  attrs={"type": d.get("Type") or "", "hq": d.get("Headquarters") or ""},
                  source="supraverden")
            for a in [name] + aliases:
                ids[a.lower()] = kb_id
    return ids


def load_curated(b: Builder, iso2id: Dict[str, str], org_ids: Dict[str, str]) -> None:
    for fname in ("seats.tsv", "gov_bodies.tsv", "groups.tsv", "places.tsv", "companies.tsv",
                  "peoples.tsv"):
        for r in read_tsv(CURATED / fname):
            aliases = [a for a in r.get("aliases", "").split("|") if a]
            kb_id = r["kb_id"]
            # groups: merge into the supraverden entry of the same name or acronym
            if fname == "groups.tsv":
                for n in [r["name"]] + aliases:
                    if n.lower() in org_ids:
                        kb_id = org_ids[n.lower()]
                        break
            attrs = {}
            for kv in (r.get("attrs") or "").split(";"):
                if "=" in kv:
                    k, v = kv.split("=", 1)
                    attrs[k.strip()] = v.strip()
            cc = r.get("country", "")
            b.add(kb_id, r["name"], label=r.get("label", ""), kind=r["kind"], role=r.get("role", ""),
                  country=iso2id.get(cc, cc) if cc else None, office=r.get("office", ""),
                  gender=r.get("gender", ""), attrs=attrs or None,
                  source=f"curated:{fname}")
            for a in aliases:
                b.alias(kb_id, a)
    apply_alias_extra(b, iso2id, read_tsv(CURATED / "alias_extra.tsv"), final=False)


def apply_alias_extra(b: Builder, iso2id: Dict[str, str], rows: List[Dict[str, str]],
                      final: bool) -> None:
    """Extra aliases; rows whose target (a city or region) is not loaded yet
    wait in b.pending_alias for the call after load_cities (final=True)."""
    for r in rows:
        t = r["target"]
        kb_id = iso2id.get(t, t)
        if kb_id not in b.entries:
            if final:
                print(f"build_kb: alias_extra target {t} not found", file=sys.stderr)
            else:
                b.pending_alias.append(r)
            continue
        flags = tuple(f.strip() for f in r.get("flags", "").split(",") if f.strip())
        if "canonical" in flags:  # a better English name than the sources'
            e = b.entries[kb_id]
            old = e["name"]
            e["name"] = r["alias"]
            e["aliases"] = [a for a in e["aliases"] if a["text"] != r["alias"]]
            b.alias(kb_id, old)
            flags = tuple(f for f in flags if f != "canonical")
            if not flags:
                continue
        b.alias(kb_id, r["alias"], flags)
        b.entries[kb_id]["sources"].add("curated:alias_extra.tsv")


def load_lexicons(b: Builder, src: Path) -> set:
    stop = set()
    for r in read_tsv(CURATED / "lexicon.tsv"):
        kind = r["kind"]
        kb_id = f"bl:{kind}:{slug(r['name'])}"
        attrs = dict(kv.split("=", 1) for kv in r.get("attrs", "").split(";") if "=" in kv)
        al = [a for a in r.get("aliases", "").split("|") if a]
        e = b.add(kb_id, r["name"], kind=kind, gender=r.get("gender", ""), attrs=attrs or None,
                  source="curated:lexicon.tsv")
        # cue words match as written: "May" the month, not "may"
        e["name_case"] = kind in ("stop_name", "org_head")
        for a in al:
            b.alias(kb_id, (a, ("case",)) if e["name_case"] else a)
        if kind == "stop_name":
            stop.add(r["name"].lower())
    # honorifics and titles from rigour (with and without a trailing dot)
    sw = yaml_lite(src / "rigour" / "stopwords.yml")
    gender_of = {e["name"].lower(): e.get("gender", "") for e in b.entries.values()
                 if e.get("kind") == "honorific"}
    for p in sw.get("PERSON_NAME_PREFIXES", []) or []:
        if not isinstance(p, str) or not is_latin(p) or p.lower() in stop:
            continue
        kb_id = f"bl:honorific:{slug(p)}"
        tid = f"bl:title:{slug(p)}"
        if kb_id in b.entries or tid in b.entries:
            continue
        b.add(kb_id, p, kind="honorific", gender=gender_of.get(p.lower(), ""),
              source="rigour")
        if not p.endswith("."):
            b.alias(kb_id, p + ".")
    # legal forms
    ot = yaml_lite(src / "rigour" / "org_types.yml")
    for t in ot.get("types", []) or []:
        if not isinstance(t, dict):
            continue
        disp = t.get("display") or t.get("compare")
        if not isinstance(disp, str) or not is_latin(disp) or not slug(disp):
            continue
        kb_id = f"bl:legal_form:{slug(disp)}"
        al = [a for a in (t.get("aliases") or []) if isinstance(a, str) and is_latin(a) and len(a) <= 30
              and len(a.split()) <= 3 and (re.search(r"[A-Z.]", a)) and a.lower() not in stop]
        b.add(kb_id, disp, kind="legal_form", attrs={"generic": t.get("generic") or ""},
              source="rigour")
        b.entries[kb_id]["name_case"] = True
        for a in al:
            b.alias(kb_id, (a, ("case",)))
    # first names: curated, SSA (counts since 1930), Moby
    fn: Dict[str, Tuple[str, str]] = {}
    births = b.births
    for r in read_tsv(CURATED / "first_names.tsv"):
        fn[r["name"]] = (r.get("gender", ""), "curated:first_names.tsv")
    with open(src / "ssa_first_names" / "ssa_names_1930_2024.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            fcount, mcount = int(r["female_births"]), int(r["male_births"])
            if fcount + mcount < 1000:
                continue
            p = float(r["p_female"])
            g = "female" if p >= 0.9 else "male" if p <= 0.1 else ""
            name = r["name"].capitalize()
            fn.setdefault(name, (g, "ssa"))
            births[name] = fcount + mcount
    for gfile, g in (("female.txt", "female"), ("male.txt", "male")):
        with open(src / "moby_first_names" / gfile, encoding="utf-8", errors="replace") as f:
            for line in f:
                n = line.strip()
                if not n or not n.isalpha():
                    continue
                if n in fn:
                    continue
                other = "male.txt" if g == "female" else "female.txt"
                fn[n] = (g, "moby")
    for name in sorted(fn):
        g, source = fn[name]
        kb_id = f"bl:first_name:{slug(name)}"
        if kb_id in b.entries:
            continue
        b.add(kb_id, name, kind="first_name", gender=g, source=source)
        b.entries[kb_id]["name_case"] = True
    return stop


def drop_country_first_names(b: Builder) -> None:
    """Given names that are also country names or demonyms ("China",
    "America") are dropped unless common as names in the US records
    (>= 20,000 births since 1930: "Jordan", "Georgia")."""
    names = set()
    for e in b.entries.values():
        if e.get("kind") == "place":  # curated places: "Asia", "Sahara", "Nile"
            names.add(e["name"].lower())
        if e.get("kind") == "country":
            names.add(e["name"].lower())
            names.update(a["text"].lower() for a in e["aliases"])
    for kid in list(b.order):
        e = b.entries[kid]
        if e.get("kind") == "first_name" and (e.pop("rare_vs_region", False) or (
                e["name"].lower() in names and b.births.get(e["name"], 0) < 20_000)):
            del b.entries[kid]
            b.order.remove(kid)


# ---------------------------------------------------------------------------
def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", default=str(ROOT.parent / "shared" / "kb-sources"))
    ap.add_argument("--out", default=str(ROOT / "python" / "byline" / "data" / "byline.blkb"))
    ap.add_argument("--no-share-alike", action="store_true")
    ap.add_argument("--min-city-pop", type=int, default=15000)
    ap.add_argument("--records", help="also write the records as JSON lines here")
    args = ap.parse_args(argv)
    src = Path(args.sources)
    if not src.is_dir():
        # worktrees reach the shared data through ../shared
        alt = ROOT / ".." / "shared" / "kb-sources"
        src = alt if alt.is_dir() else src
    if not src.is_dir():
        print(f"build_kb: sources not found at {args.sources}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    share_alike = not args.no_share_alike
    b = Builder()
    iso2id: Dict[str, str] = {}
    stop = load_lexicons(b, src)
    fb = load_countries(b, src, iso2id)
    org_ids = load_orgs(b, src, share_alike)
    load_curated(b, iso2id, org_ids)
    fix_demonyms(b)
    load_people(b, src, fb, iso2id, share_alike)
    load_cities(b, src, iso2id, args.min_city_pop, stop)
    apply_alias_extra(b, iso2id, b.pending_alias, final=True)
    drop_country_first_names(b)
    records = b.records()
    for r in records:
        if r.pop("name_case", False):
            r["name_flags_case"] = True
    from byline import kb as kbmod

    for r in records:
        if r.pop("name_flags_case", False):
            r["case_sensitive"] = True
    img = kbmod.compile_records(records)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(img)
    os.replace(tmp, out)
    if args.records:
        with open(args.records, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    kinds: Dict[str, int] = {}
    for r in records:
        kinds[r.get("kind", "other")] = kinds.get(r.get("kind", "other"), 0) + 1
    n_alias = sum(1 + len(r["aliases"]) for r in records)
    print(f"build_kb: {len(records)} entries, ~{n_alias} aliases, {len(img) / 1e6:.2f} MB -> {out} "
          f"in {time.perf_counter() - t0:.1f} s; " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
