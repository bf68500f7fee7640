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
