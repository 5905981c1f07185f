"""Word lists the enrichment rules share: role nouns, titles, speech verbs, event verbs."""

from __future__ import annotations

from tidings.enrich.role_words import OCCUPATIONS, SPORTS_ROLES

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "messrs"})
"""Dropped from names and never kept as a role."""

NOBLE_TITLES = frozenset({"lord", "baroness", "sheikh", "earl", "duke", "count", "countess"})
"""Rank and courtesy titles kept with a name but never a role by themselves."""

STYLES = frozenset({"pope", "king", "queen", "prince", "princess", "sultan", "emir", "sheikh"})
"""Titles that, before a given name alone (or with its ordinal), are part of how the person is
known ("Pope Francis", "Queen Elizabeth II", "Sheikh Hasina"); before a fuller name they are a
title only ("Prince Mohammed bin Salman")."""

STYLES = frozenset({"pope", "king", "queen", "prince", "princess", "sultan", "emir", "sheikh"})
"""Titles that, before a given name alone, are part of how a person is known ("Pope Francis")."""

TITLES = frozenset(
    {
        "president",
        "vice",
        "prime",
        "minister",
        "premier",
        "pm",
        "chancellor",
        "governor",
        "gov",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "judge",
        "justice",
        "professor",
        "prof",
        "gen",
        "general",
        "lt",
        "lieut",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "sgt",
        "sergeant",
        "cpl",
        "corporal",
        "pte",
        "pvt",
        "adm",
        "admiral",
        "cmdr",
        "commander",
        "marine",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "rev",
        "reverend",
        "sheikh",
        "ayatollah",
        "mayor",
        "sheriff",
        "secretary",
        "ambassador",
        "commissioner",
        "chairman",
        "chairwoman",
        "chief",
        "deputy",
        "acting",
        "former",
        "lord",
        "baroness",
        "attorney",
        "spokesman",
        "spokeswoman",
        "inspector",
        "insp",
        "detective",
        "det",
        "supt",
        "officer",
        "coach",
        "speaker",
        "mullah",
        "imam",
        "cardinal",
        "bishop",
        "archbishop",
        "emir",
        "sultan",
        "lieutenant",
        "brigadier",
        "field",
        "marshal",
        "superintendent",
        "constable",
        "director",
        "agent",
        "dictator",
        "leader",
        "skipper",
        "grandmaster",
    }
)
"""Words that may open a person's name in text but belong to the role ("President Obama")."""

ROLE_NOUNS = frozenset(
    TITLES - {"vice", "prime", "former", "acting", "deputy", "field", "marine", "lt", "lieut"}
    | {
        "mp",
        "pps",
        "member",
        "head",
        "chair",
        "chairperson",
        "spokesperson",
        "envoy",
        "prosecutor",
        "lawyer",
        "barrister",
        "solicitor",
        "economist",
        "analyst",
        "chemist",
        "physicist",
        "scientist",
        "journalist",
        "reporter",
        "correspondent",
        "editor",
        "columnist",
        "commentator",
        "ruler",
        "monarch",
        "emperor",
        "candidate",
        "nominee",
        "founder",
        "co-founder",
        "ceo",
        "cfo",
        "coo",
        "executive",
        "manager",
        "adviser",
        "advisor",
        "aide",
        "official",
        "diplomat",
        "negotiator",
        "operative",
        "consul",
        "treasurer",
        "auditor",
        "lady",
        "whip",
        "councillor",
        "councilor",
        "lawmaker",
        "legislator",
        "delegate",
        "governor-general",
        "president-elect",
        "vice-president",
        "priest",
        "pastor",
        "rabbi",
        "cleric",
        "researcher",
        "expert",
        "activist",
        "campaigner",
        "strategist",
        "pollster",
        "billionaire",
        "businessman",
        "businesswoman",
        "entrepreneur",
        "investor",
        "banker",
        "player",
        "actor",
        "actress",
        "singer",
        "author",
        "writer",
        "historian",
        "doctor",
        "surgeon",
        "physician",
        "teacher",
        "soldier",
        "pilot",
        "engineer",
        "owner",
        "partner",
        "boss",
        "secretary-general",
        "senator",
        "dean",
        "rector",
        "provost",
        "warden",
        "sheriff",
        "magistrate",
        "ombudsman",
        "registrar",
        "administrator",
        "governor",
        "cpl.",
        "col.",
        "lt.",
        "gen.",
        "sgt.",
        "capt.",
        "maj.",
        "adm.",
        "commandant",
        "chieftain",
        "warlord",
        "militant",
        "commander",
        "heir",
        "tycoon",
        "mogul",
        "magnate",
        "strongman",
        "host",
        "anchor",
        "moderator",
        "spymaster",
        "counsel",
        "councilman",
        "councilwoman",
        "alderman",
        "student",
        "worker",
        "comedian",
        "novelist",
        "publisher",
        "producer",
        "photographer",
        "blogger",
        "pundit",
        "staffer",
        "assistant",
        "driver",
        "farmer",
        "trooper",
        "nurse",
    }
    | SPORTS_ROLES
    | OCCUPATIONS
)
"""Nouns that make a noun phrase a role (position, office or occupation)."""

TITLE_ABBREVIATIONS = {
    "sen": "Senator",
    "sens": "Senator",
    "rep": "Representative",
    "reps": "Representative",
    "gov": "Governor",
    "govs": "Governor",
    "lt": "Lieutenant",
    "gen": "General",
    "gens": "General",
    "col": "Colonel",
    "capt": "Captain",
    "maj": "Major",
    "sgt": "Sergeant",
    "cpl": "Corporal",
    "adm": "Admiral",
    "cmdr": "Commander",
    "rev": "Reverend",
    "prof": "Professor",
    "supt": "Superintendent",
    "insp": "Inspector",
    "det": "Detective",
    "pvt": "Private",
    "pm": "Prime Minister",
    "pte": "Private",
}
"""Title abbreviations (folded, without the stop) -> the word a role is shown with, so that
"Sen.", "Sens." and "Senator" are one role."""

ANONYMOUS_SPEAKERS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "official", "source", "aide", "witness"}
    | {"representative", "resident", "insider", "officer", "analyst", "expert", "observer"}
)
"""Nouns that bring in someone new and unnamed ("the police spokesman said"), never the
person just written about."""

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "ask",
        "answer",
        "reply",
        "respond",
        "explain",
        "warn",
        "insist",
        "claim",
        "note",
        "comment",
        "announce",
        "declare",
        "write",
        "argue",
        "concede",
        "admit",
        "acknowledge",
        "urge",
        "describe",
        "refer",
        "quote",
        "remark",
        "continue",
        "conclude",
        "suggest",
        "confirm",
        "deny",
        "predict",
        "promise",
        "vow",
        "affirm",
        "stress",
        "emphasise",
        "emphasize",
        "observe",
        "recall",
        "shout",
        "testify",
        "assert",
        "contend",
        "complain",
        "lament",
        "joke",
        "plead",
        "pledge",
        "maintain",
        "reiterate",
        "proclaim",
        "recognize",
        "recognise",
        "counter",
        "read",
    }
)

EVENT_VERBS = {
    "kill": "killed",
    "assassinate": "killed",
    "murder": "killed",
    "execute": "killed",
    "behead": "killed",
    "hang": "killed",
    "slay": "killed",
    "die": "died",
    "appoint": "appointed",
    "name": "appointed",
    "tap": "appointed",
    "choose": "appointed",
    "pick": "appointed",
    "select": "appointed",
    "confirm": "appointed",
    "promote": "appointed",
    "install": "appointed",
    "instal": "appointed",
    "nominate": "appointed",
    "hire": "appointed",
    "dismiss": "dismissed",
    "fire": "dismissed",
    "sack": "dismissed",
    "resign": "resigned",
    "quit": "resigned",
    "arrest": "arrested",
    "detain": "arrested",
    "apprehend": "arrested",
    "capture": "arrested",
    "jail": "arrested",
    "imprison": "arrested",
    "elect": "elected",
    "re-elect": "elected",
    "reelect": "elected",
    "oust": "ousted",
    "overthrow": "ousted",
    "topple": "ousted",
    "depose": "ousted",
    "shoot": "killed",
}
"""Verb lemma -> event type."""

EVENT_NOUNS = {
    "arrest": "arrested",
    "assassination": "killed",
    "killing": "killed",
    "murder": "killed",
    "execution": "killed",
    "resignation": "resigned",
    "dismissal": "dismissed",
    "sacking": "dismissed",
    "appointment": "appointed",
    "ouster": "ousted",
    "ousting": "ousted",
    "overthrow": "ousted",
    "death": "died",
    "election": "elected",
    "re-election": "elected",
    "capture": "arrested",
    "firing": "dismissed",
    "slaying": "killed",
    "beheading": "killed",
    "detention": "arrested",
    "passing": "died",
    "suicide": "died",
}
"""Noun lemma -> event type, for "the arrest of X", "X's resignation"."""

OFFICE_VERBS = frozenset(
    {"name", "tap", "choose", "pick", "select", "confirm", "promote", "install", "instal"}
    | {"hire"}
)
"""Verbs of appointment only when they give an office: "named chief executive", "tapped to
lead the agency", "confirmed as secretary of state", "hired him as coach"; not "a turkey named
Mac", "picked the winner", "confirmed that", "hired a lawyer"."""

HEADLINE_OFFICE_VERBS = frozenset({"elect", "re-elect", "reelect", "appoint", "name", "nominate"})
"""Verbs a headline uses without "was": "X elected president", "Y named minister"."""

DEMAND_VERBS = frozenset(
    {"call", "demand", "urge", "seek", "want", "push", "press", "ask", "campaign", "appeal"}
    | {"require", "request"}
)
"""Verbs whose object event has not happened: "called for his resignation", "a rule
requiring his resignation"."""

SUBJECT_EVENTS = frozenset({"die", "resign", "quit"})
"""Intransitive events: the subject is the person."""

MODAL_AUX = frozenset(
    {
        "will",
        "would",
        "could",
        "may",
        "might",
        "should",
        "shall",
        "must",
        "can",
        "to",
        "'ll",
        "wo",
        "ca",
    }
)

FEMALE_MARKERS = frozenset(
    {"mrs", "ms", "miss", "lady", "dame", "madam", "queen", "princess", "baroness", "wife", "widow"}
)
MALE_MARKERS = frozenset({"mr", "sir", "lord", "king", "prince", "messrs"})
FEMALE_NOUNS = frozenset(
    {"wife", "widow", "mother", "daughter", "sister", "girlfriend", "grandmother", "aunt"}
    | {"niece", "fiancee", "stepmother", "actress", "spokeswoman", "congresswoman"}
    | {"chairwoman", "businesswoman", "stepdaughter"}
)
"""Nouns that name a woman in an apposition: "his wife, Huma Abedin"."""
MALE_NOUNS = frozenset(
    {"husband", "widower", "father", "son", "brother", "boyfriend", "grandfather", "uncle"}
    | {"nephew", "fiance", "stepfather", "actor", "spokesman", "congressman", "businessman"}
    | {"stepson"}
)
"""Nouns that name a man in an apposition: "her husband, Tom Smith"."""

DATELINE_OPENERS = frozenset(
    word
    for group in (
        "the a an this that these those some many most several each every all both no another any",
        "such i we you he she it they his her its their our my your one",  # and pronouns
        "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty",
        "fifty hundred thousand dozens hundreds thousands millions",
        "in on at after before during since until from with without under over for against",
        "amid among according despite following while when as if although though",
        "former today, yesterday, tonight,",  # "India Today" is a magazine
    )
    for word in group.split()
)
"""Capitalised words after a place name that begin the sentence rather than continue a name
("Four", "The", "According", "Today,"), as is a figure ("Canada 632 Air Canada flight
attendants"); "Of", "And" and "First" can continue one, so are not here (`datelines`)."""

FUNCTION_WORDS = DATELINE_OPENERS | {
    "of", "and", "or", "but", "nor", "so", "yet", "to", "by", "not", "first", "most", "more",
    "less", "then", "there", "here", "what", "which", "who", "whom", "whose", "why", "how",
    "where", "very", "just", "also", "only", "even", "up", "down", "out", "off",
}
"""Words a place name never starts with ("Of" and "Most" are towns too), kept here rather than
taken from spaCy's stop words, which would load spaCy into every process that shows a summary
(the web process among them: `datelines` loads none of spaCy)."""
