"""Relations: tables, names, generated data, and (once the earlier stages
produce entities) the seed article and invented sentences end to end.

The pattern machinery itself is tested in C on hand-made mention tables
(tests/c/test_relations.c), independent of the tokenizer, KB and tagger."""
import os
import subprocess
import sys

from byline import _core

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_relation_columns():
    cols = _core.table_columns(_core.TABLE_RELATIONS)
    for c in ("subject", "object", "kind", "pred_start", "pred_end", "title_start",
              "title_end", "negated", "modality", "sentence", "start", "end", "flags",
              "cameo", "subj_start", "subj_end", "obj_start", "obj_end"):
        assert c in cols


def test_kind_and_modality_names():
    kinds = _core.enum_names(_core.ENUM_REL_KIND)
    assert kinds[1:3] == ("role", "affiliation")
    for k in ("consult", "cooperate", "legal_action", "sanction", "use_force",
              "disapprove", "reject", "threaten", "appeal", "demand", "aid"):
        assert k in kinds
    mods = _core.enum_names(_core.ENUM_MODALITY)
    assert mods[0] == ""
    assert {"future", "expected", "possible", "intended", "alleged"} <= set(mods)


def test_generated_tables_are_fresh():
    r = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_rel_tables.py"),
                        "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


# ---------------------------------------------------------------------------
# End to end (needs the entity stage; skipped, with the reason, until it runs)
# ---------------------------------------------------------------------------
import pytest  # noqa: E402

import byline  # noqa: E402

SEED = os.path.join(ROOT, "..", "shared", "corpus", "seed-wang-yi-russia.txt")


def _analyze(text):
    doc = byline.analyze(text)
    if not doc.entities:
        pytest.skip("the built-in KB / entity stage produce no entities yet")
    return doc


# A small knowledge base for the invented sentences, so that they test the
# relation rules and not the contents of the built-in KB.
FIXTURE = [
    {"kb_id": "Q159", "name": "Russia", "label": "GPE", "kind": "country",
     "population": 144_000_000, "demonyms": ["Russian"]},
    {"kb_id": "Q148", "name": "China", "label": "GPE", "kind": "country",
     "population": 1_400_000_000, "demonyms": ["Chinese"]},
    {"kb_id": "Q212", "name": "Ukraine", "label": "GPE", "kind": "country",
     "population": 40_000_000, "demonyms": ["Ukrainian"]},
    {"kb_id": "Q142", "name": "France", "label": "GPE", "kind": "country",
     "population": 68_000_000, "demonyms": ["French"]},
    {"kb_id": "Q145", "name": "United Kingdom", "label": "GPE", "kind": "country",
     "population": 68_000_000, "aliases": ["UK", "Britain"], "demonyms": ["British"]},
    {"kb_id": "Q649", "name": "Moscow", "label": "GPE", "kind": "city", "role": "capital",
     "country": "Q159", "population": 12_000_000},
    {"kb_id": "Q90", "name": "Paris", "label": "GPE", "kind": "city", "role": "capital",
     "country": "Q142", "population": 2_000_000},
    {"kb_id": "Q84", "name": "London", "label": "GPE", "kind": "city", "role": "capital",
     "country": "Q145", "population": 9_000_000},
    {"kb_id": "Q7805", "name": "International Monetary Fund", "label": "ORG", "kind": "org",
     "aliases": ["IMF"]},
    {"kb_id": "Q2283", "name": "Microsoft", "label": "ORG", "kind": "org"},
    {"kb_id": "Q47488", "name": "International Criminal Court", "label": "ORG",
     "kind": "org", "aliases": ["ICC"]},
    {"kb_id": "Q7747", "name": "Vladimir Putin", "label": "PERSON", "kind": "person",
     "gender": "male"},
    {"kb_id": "Q15031", "name": "Xi Jinping", "label": "PERSON", "kind": "person",
     "gender": "male"},
    {"kb_id": "Q3052772", "name": "Emmanuel Macron", "label": "PERSON", "kind": "person",
     "gender": "male"},
    {"kb_id": "Q567", "name": "Angela Merkel", "label": "PERSON", "kind": "person",
     "gender": "female"},
    {"kb_id": "hon:mr", "name": "Mr", "kind": "honorific", "gender": "male"},
    {"kb_id": "hon:ms", "name": "Ms", "kind": "honorific", "gender": "female"},
    {"kb_id": "fn:mary", "name": "Mary", "kind": "first_name", "gender": "female"},
]


@pytest.fixture(scope="module")
def nlp():
    kb_cls = getattr(byline, "KB", None)
    try:
        kb = kb_cls.from_records(FIXTURE)
    except (AttributeError, ImportError, TypeError):
        pytest.skip("byline.KB.from_records is not available yet")
    return byline.Pipeline(kb=kb, model=False)


def _fixture_doc(nlp, text):
    doc = nlp(text)
    if not doc.entities:
        pytest.skip("the entity stage produces no entities yet")
    return doc


def _triples(doc):
    return {(r.subject.name, r.kind, r.object.name): r for r in doc.relations}


def _find(doc, subj, kind, obj):
    """The first relation whose ends' names contain subj / obj (case-insensitive)."""
    for r in doc.relations:
        if (r.kind == kind and subj.lower() in r.subject.name.lower()
                and obj.lower() in r.object.name.lower()):
            return r
    return None


@pytest.fixture(scope="module")
def seed():
    if not os.path.exists(SEED):
        pytest.skip("../shared is not available")
    from byline.pipeline import DEFAULT_KB
    if not DEFAULT_KB.exists():
        pytest.skip("built-in KB not built (make kb)")
    with open(SEED, encoding="utf-8") as f:
        return _analyze(f.read())


def test_seed_roles_and_affiliation(seed):
    r = _find(seed, "Xi Jinping", "role", "China")
    assert r is not None and r.label == "President"
    r = _find(seed, "Kim Jong Un", "role", "North Korea")
    assert r is not None and r.label == "leader"
    r = _find(seed, "Korolev", "affiliation", "University of New South Wales")
    assert r is not None and r.label == "expert"


def test_seed_events(seed):
    assert _find(seed, "Wang Yi", "consult", "Russia") is not None
    r = _find(seed, "Putin", "consult", "Kim Jong Un")
    assert r is not None and not r.negated
    r = _find(seed, "Putin", "consult", "Xi Jinping")
    assert r is not None and r.modality == "expected"
    r = _find(seed, "International Criminal Court", "legal_action", "Putin")
    assert r is not None and r.predicate == "arrest warrant"
    r = _find(seed, "China", "cooperate", "Russia")
    assert r is not None


def test_seed_no_invented_relations(seed):
    # every relation must link entities named (or pronoun-resolved) in its sentence,
    # and no relation may join the pairs the article never relates
    for r in seed.relations:
        sent = seed.sentences[r.sentence]
        assert sent.start <= r.start <= r.end <= sent.end
        assert r.subject.i != r.object.i
    for a, b in [("Korolev", "China"), ("Korolev", "Russia"), ("Ukraine", "Putin"),
                 ("Xi Jinping", "Russia"), ("United States", "Russia"),
                 ("Korolev", "North Korea")]:
        for r in seed.relations:
            names = {r.subject.name, r.object.name}
            assert not (any(a in n for n in names) and any(b in n for n in names)), r


def test_seed_evidence_offsets(seed):
    for r in seed.relations:
        assert seed.text[r.start:r.end] == r.text
        if r.predicate is not None:
            assert r.predicate in r.text


INVENTED = [
    # (text, subject, kind, object, checks)
    ("Ukraine was sharply criticised by Vladimir Putin on Monday.",
     "Putin", "disapprove", "Ukraine", {"negated": False}),
    ("Vladimir Putin did not meet Xi Jinping in Moscow.",
     "Putin", "consult", "Xi Jinping", {"negated": True}),
    ("Xi Jinping is expected to visit France next month.",
     "Xi Jinping", "consult", "France", {"modality": "expected"}),
    ("Emmanuel Macron will meet Vladimir Putin in Paris.",
     "Macron", "consult", "Putin", {"modality": "future"}),
    ("Mary Smith, an economist at the International Monetary Fund, said growth was slow.",
     "Mary Smith", "affiliation", "International Monetary Fund", {"label": "economist"}),
    ("An arrest warrant for Vladimir Putin was issued by the International Criminal Court.",
     "International Criminal Court", "legal_action", "Putin", {"negated": False}),
    ("French President Emmanuel Macron arrived late.",
     "Macron", "role", "France", {"label": "President"}),
]


@pytest.mark.parametrize("text,subj,kind,obj,checks", INVENTED)
def test_invented_sentences(nlp, text, subj, kind, obj, checks):
    doc = _fixture_doc(nlp, text)
    r = _find(doc, subj, kind, obj)
    assert r is not None, [(x.subject.name, x.kind, x.object.name) for x in doc.relations]
    for k, v in checks.items():
        assert getattr(r, k) == v
    d = r.to_dict()  # the JSON shape carries the flags and the evidence sentence
    assert d["modality"] == r.modality and d["negated"] == r.negated
    assert d["sentence"] == r.sentence == 0 and doc.text[d["start"]:d["end"]] == r.text


@pytest.mark.parametrize("text", [
    "Vladimir Putin spoke about the economy while Xi Jinping visited factories.",
    "Russia's economy grew while Microsoft reported profits in France.",
    "Angela Merkel met reporters in London.",
])
def test_no_relation_between_unrelated_entities(nlp, text):
    doc = _fixture_doc(nlp, text)
    assert [(r.subject.name, r.kind, r.object.name) for r in doc.relations] == []


# ---------------------------------------------------------------------------
# byline.graph on duck-typed documents (the graph code needs no C tables)
# ---------------------------------------------------------------------------
class _E:
    def __init__(self, i, name, label, kb_id=None, count=1):
        self.i, self.name, self.label, self.kb_id, self.count = i, name, label, kb_id, count
        self.mentions = []


class _R:
    def __init__(self, s, kind, o, start, end, negated=False, flags=0, cameo=0):
        self.subject, self.kind, self.object = s, kind, o
        self.predicate, self.label, self.negated, self.modality = "met", None, negated, ""
        self.sentence, self.start, self.end = 0, start, end
        self._cols = {"flags": flags, "cameo": cameo}

    def _g(self, name):
        return self._cols[name]


class _D:
    def __init__(self, text, ents, rels):
        self.text, self.entities, self.relations = text, ents, rels
        self.sentences = []


def test_graph_merges_entities_across_documents():
    nx = pytest.importorskip("networkx")
    from byline.graph import graph
    a1, b1 = _E(0, "Vladimir Putin", "PERSON", "Q7747", 2), _E(1, "Kim Jong Un", "PERSON")
    d1 = _D("Putin met Kim.", [a1, b1], [_R(a1, "consult", b1, 0, 13, flags=1, cameo=40)])
    a2, c2 = _E(0, "Vladimir Putin", "PERSON", "Q7747", 3), _E(1, "Russia", "GPE", "Q159")
    d2 = _D("Putin did not sanction Russia.", [a2, c2],
            [_R(a2, "sanction", c2, 0, 29, negated=True, cameo=163)])
    g = graph([d1, d2])
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes["Q7747"]["count"] == 5 and g.nodes["Q7747"]["docs"] == 2
    assert "PERSON:Kim Jong Un" in g
    e = g.get_edge_data("Q7747", "PERSON:Kim Jong Un")["consult"]
    assert e["symmetric"] and e["cameo"] == 40 and e["evidence"] == "Putin met Kim"
    assert g.get_edge_data("Q7747", "Q159")["sanction"]["negated"] is True
    assert graph([d1, d2], negated=False).number_of_edges() == 1
    assert byline.graph(d1).number_of_edges() == 1  # the module is callable too
    with pytest.raises(TypeError):
        graph(["not a doc"])
