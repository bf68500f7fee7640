"""Entity stage: mentions, resolution, metonyms, demonyms, acronyms.

Generic behaviour is tested on invented sentences with a small fixture KB
(byline.KB.from_records), so the tests say what the rules do on any text.
The seed article is an acceptance test against the built-in KB.
"""
from pathlib import Path

import pytest

import byline

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / ".." / "shared" / "corpus" / "seed-wang-yi-russia.txt"

FIXTURE = [
    {"kb_id": "Q159", "name": "Russia", "label": "GPE", "kind": "country",
     "population": 144_000_000, "demonyms": ["Russian"]},
    {"kb_id": "Q148", "name": "China", "label": "GPE", "kind": "country",
     "population": 1_400_000_000, "demonyms": ["Chinese"]},
    {"kb_id": "Q183", "name": "Germany", "label": "GPE", "kind": "country",
     "population": 84_000_000, "demonyms": ["German"]},
    {"kb_id": "Q649", "name": "Moscow", "label": "GPE", "kind": "city", "role": "capital",
     "country": "Q159", "population": 12_000_000},
    {"kb_id": "Q64", "name": "Berlin", "label": "GPE", "kind": "city", "role": "capital",
     "country": "Q183", "population": 3_600_000},
    {"kb_id": "Q956", "name": "Beijing", "label": "GPE", "kind": "city", "role": "capital",
     "country": "Q148", "population": 21_000_000},
    {"kb_id": "Q458", "name": "European Union", "label": "ORG", "kind": "org",
     "aliases": ["EU"]},
    {"kb_id": "hon:mr", "name": "Mr", "kind": "honorific", "gender": "male"},
    {"kb_id": "hon:ms", "name": "Ms", "kind": "honorific", "gender": "female"},
    {"kb_id": "t:chancellor", "name": "Chancellor", "kind": "title"},
    {"kb_id": "t:fm", "name": "Foreign Minister", "kind": "title"},
    {"kb_id": "fn:jonas", "name": "Jonas", "kind": "first_name", "gender": "male"},
    {"kb_id": "fn:lena", "name": "Lena", "kind": "first_name", "gender": "female"},
]


@pytest.fixture(scope="module")
def nlp():
    kb = byline.KB.from_records(FIXTURE)
    return byline.Pipeline(kb=kb, model=False)


def mention(doc, text, nth=0):
    found = [m for m in doc.mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} (#{nth}) in {[m.text for m in doc.mentions]}"
    return found[nth]


def test_offsets_slice_back(nlp):
    text = "Ms Lena Vogt, a lawyer in Berlin, said Vogt’s firm would appeal."
    doc = nlp(text)
    assert doc.mentions
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    assert [m.start for m in doc.mentions] == sorted(m.start for m in doc.mentions)


def test_honorific_and_surname_resolve_to_one_person(nlp):
    doc = nlp("Jonas Keller arrived in Berlin on Monday. Mr Keller met reporters. "
              "Later, Keller said little.")
    full = mention(doc, "Jonas Keller")
    assert full.label == "PERSON"
    ent = full.entity
    assert mention(doc, "Mr Keller").entity == ent
    assert mention(doc, "Keller").entity == ent
    assert ent.count == 3 and ent.name == "Jonas Keller" and ent.gender == "male"
    assert not [m for m in doc.mentions if m.text in ("Monday", "Later")]


def test_title_is_an_attribute_not_part_of_the_name(nlp):
    doc = nlp("German Chancellor Lena Brandt visited Beijing.")
    person = mention(doc, "Lena Brandt")
    assert person.label == "PERSON"
    assert not [m for m in doc.mentions if "Chancellor" in m.text]
    german = mention(doc, "German")
    assert german.label == "GPE" and german.is_demonym
    assert german.entity.name == "Germany"
    t = doc.table("mentions")
    i = [m.text for m in doc.mentions].index("Lena Brandt")
    assert doc.text[t["title_start"][i]:t["title_end"][i]] == "Chancellor"
    assert t["title_of"][i] == german.entity.i


def test_metonym_in_political_context_but_city_otherwise(nlp):
    doc = nlp("Moscow has rejected the plan, according to Berlin.")
    mos, ber = mention(doc, "Moscow"), mention(doc, "Berlin")
    assert mos.is_metonym and mos.entity.name == "Russia" and mos.label == "GPE"
    assert ber.is_metonym and ber.entity.name == "Germany"
    doc = nlp("A drone hit Moscow overnight. Traffic in Berlin was slow.")
    mos, ber = mention(doc, "Moscow"), mention(doc, "Berlin")
    assert not mos.is_metonym and mos.entity.name == "Moscow"
    assert not ber.is_metonym and ber.entity.name == "Berlin"


def test_demonym_norp_links_to_country(nlp):
    doc = nlp("Russian exports fell. Russia blamed sanctions.")
    adj = mention(doc, "Russian")
    assert adj.label == "NORP" and adj.is_demonym
    assert adj.entity == mention(doc, "Russia").entity
    assert adj.entity.label == "GPE"


def test_acronym_defined_in_text(nlp):
    doc = nlp("The Baltic Grain Authority (BGA) set new quotas. The BGA said prices would "
              "rise, and the Baltic Grain Authority will review them in May.")
    org = mention(doc, "Baltic Grain Authority")
    assert org.label == "ORG"
    assert mention(doc, "BGA").entity == org.entity
    assert mention(doc, "BGA", 1).entity == org.entity
    assert org.entity.count == 4


def test_two_kims_stay_ambiguous(nlp):
    doc = nlp("Kim Jong Un met Kim Yo Jong at the border. Mr Kim then left.")
    a, b, c = mention(doc, "Kim Jong Un"), mention(doc, "Kim Yo Jong"), mention(doc, "Mr Kim")
    assert a.entity != b.entity
    assert c.entity not in (a.entity, b.entity)


def test_family_name_first(nlp):
    doc = nlp("Foreign Minister Wang Yi flew to Moscow. Wang said the visit went well.")
    full = mention(doc, "Wang Yi")
    assert full.label == "PERSON"
    assert mention(doc, "Wang").entity == full.entity


def test_unknown_names_from_cues(nlp):
    doc = nlp("Spread the love\n\nPeople gathered as Tomasz Zielinski, an analyst at the "
              "Institute of Baltic Studies, spoke. Acme Widgets Ltd declined to comment.")
    assert mention(doc, "Tomasz Zielinski").label == "PERSON"
    assert mention(doc, "Institute of Baltic Studies").label == "ORG"
    assert mention(doc, "Acme Widgets Ltd").label == "ORG"
    first_line = doc.text.index("\n")
    assert not [m for m in doc.mentions if m.start < first_line]
    assert not [m for m in doc.mentions if m.text == "People"]


def test_government_body_is_one_org(nlp):
    doc = nlp("The Chinese foreign ministry declined to comment. The Chinese foreign "
              "ministry later issued a statement.")
    a = mention(doc, "Chinese foreign ministry")
    assert a.label == "ORG"
    assert mention(doc, "Chinese foreign ministry", 1).entity == a.entity
    assert a.entity.count == 2


def test_entities_sorted_by_salience(nlp):
    doc = nlp("Jonas Keller met Lena Brandt in Berlin. Keller said Keller's plan was "
              "ready. Keller left.")
    ents = doc.entities
    assert ents[0].name == "Jonas Keller"
    sal = [e.salience for e in ents]
    assert sal == sorted(sal, reverse=True) and sal[0] == 1.0


def test_all_caps_and_headline_noise(nlp):
    doc = nlp("BREAKING NEWS UPDATE FROM THE WIRE\n\nPrices Rise Again As Markets Wobble\n\n"
              "Markets fell in Berlin.")
    texts = [m.text for m in doc.mentions]
    assert texts == ["Berlin"]


# ---------------------------------------------------------------------------
# Acceptance: the seed article with the built-in KB
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_doc():
    from byline.pipeline import DEFAULT_KB
    if not DEFAULT_KB.exists():
        pytest.skip("built-in KB not built (make kb)")
    return byline.analyze(SEED.read_text(encoding="utf-8"))


EXPECTED = {  # canonical name -> (label, mention texts that must all point at it)
    "China": ("GPE", {"China", "Chinese"}),
    "Russia": ("GPE", {"Russia", "Russian"}),
    "North Korea": ("GPE", {"North Korea", "North Korean", "Pyongyang"}),
    "Ukraine": ("GPE", {"Ukraine"}),
    "United States": ("GPE", {"US"}),
    "Wang Yi": ("PERSON", {"Wang Yi", "Wang"}),
    "Vladimir Putin": ("PERSON", {"Vladimir Putin", "Mr Putin"}),
    "Xi Jinping": ("PERSON", {"Xi Jinping"}),
    "Kim Jong Un": ("PERSON", {"Kim Jong Un", "Mr Kim"}),
    "Alexander Korolev": ("PERSON", {"Alexander Korolev"}),
    "International Criminal Court": ("ORG", {"International Criminal Court"}),
    "University of New South Wales": ("ORG", {"University of New South Wales"}),
    "Chinese foreign ministry": ("ORG", {"Chinese foreign ministry"}),
}


def test_seed_every_entity_once_no_splits(seed_doc):
    doc = seed_doc
    by_name = {}
    for e in doc.entities:
        by_name.setdefault(e.name, []).append(e)
    for name, (label, texts) in EXPECTED.items():
        assert name in by_name, f"{name} missing; have {sorted(by_name)}"
        assert len(by_name[name]) == 1, f"{name} split"
        ent = by_name[name][0]
        assert ent.label == label, f"{name}: {ent.label}"
        got = {m.text for m in ent.mentions}
        assert texts <= got, f"{name}: {got}"
        # no mention of this thing elsewhere (no splits)
        for m in doc.mentions:
            if m.text in texts:
                assert m.entity == ent, f"{m.text!r} at {m.start} -> {m.entity and m.entity.name}"


def test_seed_metonyms_and_noise(seed_doc):
    doc = seed_doc
    text = doc.text
    def at(phrase, word):
        i = text.index(phrase) + phrase.index(word)
        return next(m for m in doc.mentions if m.start == i)
    assert at("ally of Moscow", "Moscow").entity.name == "Russia"
    assert at("according to Moscow", "Moscow").entity.name == "Russia"
    assert at("While Beijing denies", "Beijing").entity.name == "China"
    assert at("without Beijing", "Beijing").entity.name == "China"
    assert at("Pyongyang’s satellite", "Pyongyang").is_metonym
    spread = text.index("Spread the love")
    assert not [m for m in doc.mentions if spread <= m.start < spread + 15]
    korolev = next(e for e in doc.entities if e.name == "Alexander Korolev")
    assert korolev.gender == "male"
    xi = mention(doc, "Xi Jinping")
    t = doc.table("mentions")
    assert text[t["title_start"][xi.i]:t["title_end"][xi.i]] == "President"
    assert doc.entities[t["title_of"][xi.i]].name == "China"
    labels = {m.text: m.label for m in doc.mentions}
    assert labels.get("Days") is None and labels.get("Whatever") is None


# ---------------------------------------------------------------------------
# Built-in KB and tagger: behaviour on invented sentences
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def full():
    from byline.pipeline import DEFAULT_KB
    if not DEFAULT_KB.exists():
        pytest.skip("built-in KB not built (make kb)")
    nlp = byline.Pipeline()
    if not nlp.model:
        pytest.skip("tagger model not built (make model)")
    return nlp


def test_headline_name_is_the_body_entity(full):
    # the tagger calls the first line's (and, after it, the body's) city a
    # person; the list's entry wins and both mentions are one place
    doc = full("Trade envoy visits Nairobi as talks resume\n\n"
               "The envoy arrived in Nairobi on Monday for talks.")
    ms = [m for m in doc.mentions if m.text == "Nairobi"]
    assert len(ms) == 2
    assert ms[0].entity is ms[1].entity
    assert ms[0].entity.kb_id and ms[0].entity.label == "GPE"
    assert all(m.label == "GPE" for m in ms)


def test_oceans_and_continents_are_listed_places(full):
    doc = full("Officials discussed Atlantic shipping routes.")
    m = mention(doc, "Atlantic")
    assert m.label == "LOC" and m.entity.name == "Atlantic Ocean"
    doc = full("Cargo ships crossed the Atlantic to reach Africa and Asia.")
    for text, name in (("Atlantic", "Atlantic Ocean"), ("Africa", "Africa"), ("Asia", "Asia")):
        m = mention(doc, text)
        assert m.label == "LOC" and m.entity.name == name
        assert m.entity.kb_id.startswith("bl:place:")


def test_capital_as_clause_subject_is_the_state(full):
    doc = full("Through its trade with the north, Beijing has long been a lifeline for "
               "the regime. Tourists visit Beijing every spring. Moscow was hit by drones "
               "overnight.")
    state, city = mention(doc, "Beijing", 0), mention(doc, "Beijing", 1)
    assert state.is_metonym and state.entity.name == "China"
    assert not city.is_metonym and city.entity.name == "Beijing"
    mos = mention(doc, "Moscow")  # a passive: the city suffered it
    assert not mos.is_metonym and mos.entity.name == "Moscow"


def test_hyphenated_names_stay_whole(full):
    doc = full("Veteran legislator Lee Cheuk-yan lost his seat. Kwok Ka-ki won. "
               "Scientology-related jobs were cut.")
    assert mention(doc, "Lee Cheuk-yan").label == "PERSON"
    mention(doc, "Kwok Ka-ki")  # whole, whatever class the tagger gives it
    assert not any(m.text.endswith("-related") for m in doc.mentions)


def test_listed_companies_over_tagger_guesses(full):
    doc = full("The attention led to outreach from Google and Twitter.")
    for name in ("Google", "Twitter"):
        m = mention(doc, name)
        assert m.label == "ORG" and m.entity.kb_id.startswith("bl:co:")


def test_region_named_like_a_rare_first_name(full):
    doc = full("He traveled to Florida to meet a lawyer.")
    m = mention(doc, "Florida")
    assert m.label == "GPE" and m.entity.kb_id


def test_religious_and_ethnic_groups_are_norp(full):
    doc = full("Officials said a minority of Muslims and Kurds fled the fighting.")
    for text in ("Muslims", "Kurds"):
        m = mention(doc, text)
        assert m.label == "NORP" and m.entity.kb_id.startswith("bl:group:")


def test_coordinated_listed_names_are_separate_mentions(full):
    # whatever span the tagger draws over a list of listed names, each is a
    # mention of its own entry (tests/c/test_entities.c pins the tagger's
    # spans by hand); a listed name containing "and" stays one name
    doc = full("Hindus, Sikhs and Christians marched in Delhi, and China and Russia "
               "vetoed the plan, while Trinidad and Tobago abstained.")
    for text, label in (("Hindus", "NORP"), ("Sikhs", "NORP"), ("Christians", "NORP"),
                        ("China", "GPE"), ("Russia", "GPE"), ("Trinidad and Tobago", "GPE")):
        m = mention(doc, text)
        assert m.label == label and m.entity.kb_id, (text, m.label)
    assert not [m for m in doc.mentions if " and " in m.text and m.text != "Trinidad and Tobago"]


def test_stance_prefix_is_not_a_mention(full):
    doc = full("The pro-Beijing camp won, and anti-American protests followed in Manila.")
    texts = [m.text for m in doc.mentions]
    assert "Beijing" not in texts and "American" not in texts
    assert "Manila" in texts


def test_surname_after_in_is_the_person(full):
    doc = full("Curator Kristen Wilkins showed prints by Andy Warhol. Interest in "
               "Warhol's photographs has grown.")
    ms = [m for m in doc.mentions if m.text == "Warhol"]
    assert ms and all(m.label == "PERSON" for m in ms)
    assert ms[-1].entity is mention(doc, "Andy Warhol").entity


def test_city_name_with_its_district_is_one_mention(full):
    doc = full("The competition was held in Washington D.C. this week.")
    m = mention(doc, "Washington D.C.")
    assert m.label == "GPE" and m.entity.kb_id


def test_names_ending_in_an_event_noun_are_events(full):
    doc = full("Mohamed was a VIP guest at the Google Science Fair this weekend.")
    assert mention(doc, "Google Science Fair").label == "EVENT"
    # a listed place before the event noun: its own name, or, when the
    # tagger spans both, part of the event's name (CoNLL: "Atlanta Games"
    # MISC) -- never an organisation or a person
    doc = full("She won gold at the Barcelona Olympics.")
    labels = {m.text: m.label for m in doc.mentions}
    assert labels.get("Barcelona Olympics") == "EVENT" or labels.get("Barcelona") == "GPE"
    assert labels.get("Barcelona Olympics", "EVENT") == "EVENT"


def test_first_name_standing_alone_makes_a_person(full):
    # the tagger may call "Gloria Okafor" an organisation (CoNLL train has a
    # company Gloria); a first name that also stands alone in the article
    # says it is a person, and the lone uses resolve to her (invented text)
    doc = full("Gloria Okafor opened the bakery in 1998. Gloria was 24 years old. "
               "Her brother said Gloria worked at night.")
    full_name = mention(doc, "Gloria Okafor")
    assert full_name.label == "PERSON"
    for m in [m for m in doc.mentions if m.text == "Gloria"]:
        assert m.label == "PERSON" and m.entity is full_name.entity


def test_qualifier_before_a_title_is_not_part_of_the_person(full):
    doc = full("US President Barack Obama tweeted his support on Thursday.")
    m = mention(doc, "Barack Obama")
    assert m.label == "PERSON"
    assert "US President Barack Obama" not in [x.text for x in doc.mentions]


def test_countries_playing_a_match_are_teams(nlp, full):
    # invented match report: the countries that play are national teams
    # wherever they act; a country named as a place stays a place
    text = ("Germany beat China 3-1 in the group match on Sunday, with two goals "
            "in the second half. China's coach praised his players. The next "
            "match will be played in Russia.")
    for pipe in (nlp, full):
        doc = pipe(text)
        ger, chn = mention(doc, "Germany"), mention(doc, "China")
        assert ger.is_team and chn.is_team
        assert ger.label == "GPE" and ger.entity.kb_id == "Q183"  # still the country
        assert mention(doc, "China", 1).is_team
        assert not mention(doc, "Russia").is_team
    # no sports words: a vote, not a match
    doc = nlp("Germany beat China 3-1 in the vote on Sunday, diplomats said.")
    assert not mention(doc, "Germany").is_team and not mention(doc, "China").is_team


def test_family_name_and_hyphenated_given_name_is_a_person(full):
    # invented names in the shape of Cantonese / Korean romanisation
    doc = full("In the Kowloon East constituency, the Civic Party's Tam Ka-lok and "
               "localist Hok Wai-ching were elected. Tam Ka-lok thanked voters.")
    for text in ("Tam Ka-lok", "Hok Wai-ching"):
        assert mention(doc, text).label == "PERSON"
    assert mention(doc, "Tam Ka-lok", 1).entity is mention(doc, "Tam Ka-lok").entity


def test_capitalised_hashtag_is_a_misc_name(nlp):
    text = "Students chose the hashtag #StandWithLena, and #breaking tags followed."
    doc = nlp(text)
    tag = mention(doc, "#StandWithLena")
    assert tag.label == "MISC" and text[tag.start:tag.end] == "#StandWithLena"
    assert not [m for m in doc.mentions if m.text == "#breaking"]


def test_names_inside_names_are_nested_mentions(full):
    # invented text: a person the article names on her own, a country and a
    # city inside organisation names, each a mention of its own entity,
    # flagged nested, right after its outer mention
    doc = full("Maria Ostrova painted the mural in 1990. The Maria Ostrova Foundation "
               "gave it to the University of Sheffield, a US State Department "
               "official said.")
    person, found = mention(doc, "Maria Ostrova"), mention(doc, "Maria Ostrova", 1)
    assert not person.is_nested and found.is_nested
    assert found.label == "PERSON" and found.entity is person.entity
    assert person.entity.count == 2
    org = mention(doc, "Maria Ostrova Foundation")
    assert not org.is_nested and org.label == "ORG" and org.entity is not person.entity
    assert doc.mentions.index(found) == doc.mentions.index(org) + 1
    city = mention(doc, "Sheffield")
    assert city.is_nested and city.label == "GPE" and city.entity.name == "Sheffield"
    us = mention(doc, "US")
    assert us.is_nested and us.entity.kb_id == "Q30"
    assert mention(doc, "US State Department").entity is not us.entity
    # tokens belong to the outer mention; offsets slice back
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text
    starts = [(m.start, -m.end) for m in doc.mentions]
    assert starts == sorted(starts)
    # the mentions frame says which are nested
    pytest.importorskip("pandas")
    fr = byline.frames([doc]).mentions
    assert fr["nested"].dtype == bool
    assert list(fr["nested"]) == [m.is_nested for m in doc.mentions]


def test_a_place_name_is_not_split_into_nested_places(full):
    # a listed place's words are its name: nothing nested in "North Korea",
    # "New South Wales"; no nested mention inside a person's name either
    doc = full("North Korea and New South Wales signed nothing, said Jordan Sheffield.")
    assert not [m for m in doc.mentions if m.is_nested]
    # a lone head noun used as a name ("the University") is not looked for
    # inside other names
    doc = full("The University said the University of Leeds agreed.")
    assert [m.text for m in doc.mentions if m.is_nested] == ["Leeds"]
