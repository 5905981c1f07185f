"""Which uses of an event word tell the event: phrasal verbs ("stepped down", "gunned down",
"stabbed to death", "removed from power"), verbs of appointment only to an office, verbs with
a sense that is no event ("fired on the crowd", "hung up", "nominated for an Oscar")."""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from tidings.enrich.lexicon import HEADLINE_OFFICE_VERBS
from tidings.enrich.role_nouns import is_role_noun

Whose = Literal["subject", "patient", "owner"]
"""Who a phrasal event happened to: the verb's subject ("X stepped down"), the one the verb
acts on ("police gunned X down", "X was gunned down"), or the owner of what it acts on ("the
virus claimed the life of X": `life_owners`)."""

_PARTICLE_EVENTS: dict[tuple[str, str], tuple[str, Whose]] = {
    ("step", "down"): ("resigned", "subject"),
    ("pass", "away"): ("died", "subject"),
    ("gun", "down"): ("killed", "patient"),
    ("step", "aside"): ("resigned", "subject"),
}
"""Phrasal verbs of an event: "stepped down", "passed away", "gunned down", "stepped aside"."""
_TO_DEATH = frozenset(
    {"stab", "beat", "burn", "hack", "club", "bludgeon", "shoot", "crush", "trample", "stone"}
    | {"torture", "kick", "strangle", "choke", "batter", "put", "hang", "starve", "stomp"}
)
"""Verbs of "stabbed to death", "put to death"; not "sentenced" or "condemned to death"."""
_FATAL_ILLS = frozenset({"injury", "wound", "cancer", "illness", "disease", "infection", "burn"})
"""What one "succumbed to" and died of; not pressure."""
_WOUNDING = frozenset({"wound", "injure", "stab", "shoot"})
_JAILS = frozenset({"jail", "prison", "custody", "detention", "lockup"})
"""Where one is "booked into" once arrested; not "booked into a hotel"."""
_REMOVALS = frozenset({"remove", "drive", "force", "push", "oust", "sweep", "topple"})
"""Verbs of "removed from power" (ousted) and "removed from office" (dismissed)."""
_ADMISSIONS = frozenset({"admit", "bring", "elevate", "induct", "appoint"})
"""Verbs of taking someone into a body that governs: "admitted into the cabinet"."""
_BODIES = frozenset({"cabinet", "government", "administration", "bench", "board"})
_DUTIES = frozenset({"command", "duty", "post", "position", "responsibility", "office"})
"""What one is "relieved of" when dismissed."""


def phrasal_event(verb: Token) -> tuple[str, Whose] | None:
    """The event a verb tells with its particle or phrase, and whom it happened to."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    for child in verb.children:
        found = _PARTICLE_EVENTS.get((lemma, child.lower_))
        if found is not None and child.dep_ in {"prt", "advmod"} and not _from_a_place(verb):
            return found
    if _custody(verb) or (lemma in _TO_DEATH and _objects(verb, "to") & {"death"}):
        return ("arrested" if lemma in {"take", "remand"} else "killed"), "patient"
    if lemma == "take" and _took_over_as(verb):
        return "appointed", "subject"  # "X took over as chairman in 2005"
    if lemma in {"succeed", "replace"} and _succeeded_as(verb):
        return "appointed", "subject"  # "X succeeded Y as chairman"
    if lemma == "make" and _made_office(verb):
        return "appointed", "patient"  # "was made captain", "since being made coach"
    if lemma in {"find", "pronounce", "declare"} and any(
        c.lower_ == "dead" for c in verb.children
    ):
        return "died", "patient"  # "was found dead", "police found him dead", "pronounced dead"
    if lemma in _TO_DEATH | _WOUNDING and _fatally(verb):
        # "was fatally stabbed", "mortally wounded"; "fatally injured in a crash" died
        return ("died" if lemma == "injure" else "killed"), "patient"
    if lemma == "lose" and _lost_own_life(verb):
        return "died", "subject"  # "lost his life in the attack"
    if lemma == "book" and _objects(verb, "into") & _JAILS:
        return "arrested", "patient"  # "was booked into the county jail"
    if lemma == "vote" and _objects(verb, "into") & (_SEATS_OF_POWER | {"office"}):
        return "elected", "patient"  # "was voted into office"
    if lemma == "succumb" and _objects(verb, "to") & _FATAL_ILLS:
        return "died", "subject"
    if _took_own_life(verb):
        return "died", "subject"  # "committed suicide", "took his own life"
    if lemma in _REMOVALS and _objects(verb, "from") & _SEATS_OF_POWER:
        return "ousted", "patient"
    if lemma in _REMOVALS - {"remove"} and _objects(verb, "from") & {"office"}:
        return "ousted", "patient"  # "forced from office"; "removed from office" is dismissed
    if _claimed_a_life(verb):
        return "died", "owner"  # "the virus claimed the life of X", "claimed X's life"
    if lemma == "accept" and _took_a_post(verb):
        return "appointed", "subject"  # "accepted a job with the Dolphins"
    if lemma == "turn" and _turned_oneself_in(verb):
        return "arrested", "subject"  # "turned himself in to authorities"
    if lemma == "retire" and _retired_from_office(verb):
        return "resigned", "subject"  # "retired from the court in 2010", "retired as CEO"
    if lemma == "walk" and _walked_out_on(verb):
        return "resigned", "subject"  # "walked out on the club"
    if lemma == "remove" and _objects(verb, "from") & (_POSTS | _DUTIES):
        return "dismissed", "patient"
    if lemma == "relieve" and _objects(verb, "of") & _DUTIES:
        return "dismissed", "patient"
    if lemma in {"ax", "axe"} and _axed_from_a_post(verb):
        return "dismissed", "patient"  # "was axed as manager"
    if lemma == "vote" and _voted_out_of_office(verb):
        return "ousted", "patient"  # "was voted out of office", "voted him out of power"
    if lemma in _ADMISSIONS and (_objects(verb, "into") | _objects(verb, "to")) & _BODIES:
        return "appointed", "patient"  # "admitted into the cabinet", "brought into government"
    return _recalled(verb)


def _axed_from_a_post(verb: Token) -> bool:
    """ "was axed as manager", "axed from his post"; not "the show was axed", "axed from the
    squad" (dropped from a side, still in the club)."""
    offices = [g for c in verb.children if c.lower_ == "as" for g in c.children
               if g.dep_ == "pobj" and _office(g)]
    return bool(offices) or bool(_objects(verb, "from") & (_POSTS - {"race"} | _DUTIES))


def _voted_out_of_office(verb: Token) -> bool:
    """ "was voted out of office", "voters voted him out of power"; not "the bill was voted
    out of committee", "voted out of the house" (a show's housemate)."""
    outs = [c for c in verb.children if c.lower_ == "out"]
    seats = {
        g.lemma_.lower()
        for node in (verb, *outs)
        for c in node.children
        if c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    }
    return bool(outs) and bool(seats & (_SEATS_OF_POWER | _POSTS - {"race", "company", "firm"}))


def _recalled(verb: Token) -> tuple[str, Whose] | None:
    """ "X was defeated in a recall election" (the patient), "X lost the recall vote" (the
    subject): voted out of office."""
    lemma = verb.lemma_.lower()
    if lemma in {"defeat", "beat", "unseat", "remove", "oust"}:
        contests = [g for c in verb.children if c.lower_ == "in" for g in c.children
                    if g.dep_ == "pobj"]
        whose: Whose = "patient"
    elif lemma == "lose":
        contests = [c for c in verb.children if c.dep_ == "dobj"]
        whose = "subject"
    else:
        return None
    recall = any(
        g.lemma_.lower() in _CONTESTS and any(c.lower_ == "recall" for c in g.children)
        for g in contests
    )
    return ("ousted", whose) if recall else None


_CONTESTS = frozenset({"election", "vote", "ballot", "referendum"})


_SEATS_OF_POWER = frozenset({"power", "throne"})


def _claimed_a_life(verb: Token) -> bool:
    """ "claimed the life of Pat Horn", "claimed the lives of A and B", "claimed his life":
    the verb's object is a life, whose owner died."""
    return verb.lemma_.lower() == "claim" and bool(life_owners(verb))


def life_owners(verb: Token) -> list[Token]:
    """Whose life a "claimed ... life" takes: the "of" object or the possessor of "life"."""
    found: list[Token] = []
    for life in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
        if life.lemma_.lower() != "life":
            continue
        found += [g for c in life.children if c.lower_ == "of" for g in c.children
                  if g.dep_ == "pobj"]
        found += [c for c in life.children if c.dep_ == "poss"]
    return found


_TAKEN_POSTS = frozenset({"job", "post", "position", "role", "appointment", "captaincy"})


def _took_a_post(verb: Token) -> bool:
    """ "accepted a job with the Dolphins", "accepted the co-ordinator's position", "accepted
    the post of ambassador"; not "accepted the offer", "accepted the award"."""
    return any(
        c.dep_ == "dobj" and (c.lemma_.lower() in _TAKEN_POSTS or _office(c))
        for c in verb.children
    )


def _turned_oneself_in(verb: Token) -> bool:
    """ "X turned himself in to police"; not "turned in his badge", "turned himself around"."""
    return any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children) and any(
        c.dep_ == "dobj" and c.lower_ in {"himself", "herself", "themselves"}
        for c in verb.children
    )


def _retired_from_office(verb: Token) -> bool:
    """ "retired from the court", "retired from the Senate", "retired as chief executive":
    left a post; not "retired from football", "retired to bed", "retired hurt"."""
    left = [g for c in verb.children if c.lower_ in {"from", "as"} for g in c.children
            if g.dep_ == "pobj"]
    return any(
        _office(g) or g.lemma_.lower() in _POSTS | _DUTIES or g.ent_type_ == "ORG"
        for g in left
    )


def _walked_out_on(verb: Token) -> bool:
    """ "walked out on his club", "walking out on Sheffield United": left a club, a firm or a
    post; not "walked out on his wife", "walked out on the stage"."""
    if not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return False
    left = [g for c in verb.children if c.lower_ == "on" for g in c.children
            if g.dep_ == "pobj"]
    return any(
        g.ent_type_ == "ORG" or g.lemma_.lower() in _POSTS | _SIDES for g in left
    )


_SIDES = frozenset({"club", "team", "side", "squad", "franchise", "employer"})


def _fatally(verb: Token) -> bool:
    """ "fatally stabbed", "mortally wounded"; not "stabbed", "critically wounded"."""
    return any(c.dep_ == "advmod" and c.lower_ in {"fatally", "mortally"} for c in verb.children)


def _lost_own_life(verb: Token) -> bool:
    """ "X lost his life", "they lost their lives"; not "lost the life savings", "lost a life"
    (a game's)."""
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() == "life"
        and any(g.dep_ == "poss" and g.lower_ in {"his", "her", "their"} for g in c.children)
        and not any(g.dep_ in {"compound", "amod"} for g in c.children)
        for c in verb.children
    )


def _took_own_life(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if lemma == "commit" and obj.lemma_.lower() == "suicide":
            return True
        if lemma == "take" and obj.lemma_.lower() == "life":
            return any(c.lower_ == "own" for c in obj.children)
    return False


def _custody(verb: Token) -> bool:
    """ "X was taken into custody", "police took X into custody", "X was remanded in
    custody"."""
    lemma = verb.lemma_.lower()
    if lemma == "remand":
        return bool(_objects(verb, "in") & {"custody"})
    return lemma == "take" and bool(_objects(verb, "into") & {"custody"})


def _took_over_as(verb: Token) -> bool:
    """ "took over as chairperson", "took over as manager of the club"."""
    over = any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
    posts = [g for c in verb.children if c.lower_ == "as" for g in c.children
             if g.dep_ == "pobj"]
    return over and any(_office(g) for g in posts)


def _succeeded_as(verb: Token) -> bool:
    """ "X succeeded Y as chairman", "X replaced Y as coach": the subject took the office;
    not "Y was replaced as coach" (the one who left) nor "replaced Y as the top seed"."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for c in verb.children if c.lower_ == "as"]
    preps += [g for o in objects for g in o.children if g.lower_ == "as"]
    posts = [g for c in preps for g in c.children if g.dep_ == "pobj"]
    return bool(objects) and any(_office(g) for g in posts)


def _made_office(verb: Token) -> bool:
    """ "was made captain", "since being made Bok coach": a passive "make" whose complement
    is an office (not "made a fortune", "made him angry")."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive and any(c.dep_ in {"oprd", "attr"} and _office(c) for c in verb.children)


def _objects(verb: Token, preposition: str) -> set[str]:
    """Lemmas of the objects of the verb's `preposition`: "to death" -> {"death"}."""
    return {
        g.lemma_.lower()
        for c in verb.children
        if c.lower_ == preposition and c.dep_ in {"prep", "dative", "agent"}
        for g in c.children
        if g.dep_ == "pobj"
    }


def no_event_sense(verb: Token, lemma: str) -> bool:
    """A sense of an event verb that tells no event: "fired on the crowd", "hung up",
    "shot in the leg", "nominated for an Oscar", "named after", "quit smoking"."""
    particle = any(c.dep_ == "prt" and c.lower_ not in _ADVERBS for c in verb.children)
    if particle or (lemma == "shoot" and not shot_dead(verb)):
        return True
    if lemma == "fire" and _fired_at(verb):
        return True
    if lemma == "capture" and _recorded(verb):
        return True
    if lemma == "resign" and any(c.lower_ == "to" and c.dep_ == "prep" for c in verb.children):
        return True  # "is resigned to the fact"
    if lemma == "dismiss" and (
        _out_in_a_match(verb) or _judged_as(verb) or _sent_away(verb)
    ):
        return True
    if verb.dep_ == "amod" and verb.i and verb.nbor(-1).text == "-":
        return True  # "court-appointed monitor", "self-appointed": a kind, not an event
    if lemma == "nominate":
        return not _nominated_to_office(verb)
    return False


def _nominated_to_office(verb: Token) -> bool:
    """ "nominated X to the Supreme Court", "nominated for the post of ambassador",
    "President Obama nominated X", "X, nominated by the governor"; not "nominated for an
    Oscar", "the party nominated X" (a candidate), "Victor, who was nominated on the weekend"
    (a housemate)."""
    wanted = [g for c in verb.children if c.lower_ == "for" for g in c.children
              if g.dep_ == "pobj"]
    if any(_a_candidacy(g) for g in wanted) or _by_a_party(verb):
        return False  # "the party nominated X for president": a candidate, not appointed
    if wanted:
        return any(_office(g) or g.lemma_.lower() in _POSTS | _DUTIES for g in wanted)
    if named_to_office(verb) or (verb.dep_ == "amod" and _office(verb.head)):
        return True  # "his newly nominated ambassador"
    return any(n.ent_type_ == "PERSON" or is_role_noun(n) for n in _nominators(verb))


def _nominators(verb: Token) -> list[Token]:
    nominators = [c for c in verb.children if c.dep_ == "nsubj"]
    nominators += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    if verb.dep_ == "relcl" and any(n.lower_ in {"who", "that"} for n in nominators):
        nominators.append(verb.head)  # "President Yushchenko, who had nominated her"
    return nominators


def named_nominators(verb: Token) -> list[Token]:
    """The names of whoever made a nomination the sentence tells only by who made it
    ("Emilia Arata nominated Jade", "Obama nominated Hagel"): no office, no "for" a post, no
    nominator named by an office ("the governor", "President Obama"). A nomination by someone
    who holds no office is no appointment (a housemate's, a juror's): `events` asks the
    article's roles."""
    after = [t for t in verb.subtree if t.i > verb.i]
    if any(t.lower_ in {"for", "to"} and t.dep_ in {"prep", "dative"} for t in after):
        return []  # "nominated X for the Supreme Court", wherever the parse hung "for"
    if named_to_office(verb):
        return []
    if verb.dep_ == "amod":
        return []
    nominators = _nominators(verb)
    titled = any(
        is_role_noun(n) or any(c.dep_ == "compound" and is_role_noun(c) for c in n.children)
        for n in nominators
    )
    return [] if titled else [n for n in nominators if n.ent_type_ == "PERSON"]


_BALLOT_OFFICES = frozenset(
    {"president", "presidency", "vice-president", "governor", "governorship", "senator"}
    | {"senate", "mayor", "congress", "parliament", "re-election", "reelection"}
)
"""Offices one is nominated for as a candidate: "nominated for president", "for Senate"."""


_PARTIES = frozenset({"party", "convention", "delegate", "caucus", "primary"})


def _by_a_party(verb: Token) -> bool:
    """ "the party nominated businessman X", "nominated by the convention": a candidate."""
    nominators = [c for c in verb.children if c.dep_ == "nsubj"]
    nominators += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    return any(n.lemma_.lower() in _PARTIES for n in nominators)


def _a_candidacy(noun: Token) -> bool:
    """ "for president", "for vice president", "for Senate": an office bare of "the" and of
    "of ..." is what a party puts a candidate up for (not "for president of the World
    Bank", "for the presidency of the commission")."""
    if noun.lemma_.lower() not in _BALLOT_OFFICES and noun.lower_ not in _BALLOT_OFFICES:
        return False
    return not any(
        c.dep_ in {"det", "poss"} or (c.dep_ == "prep" and c.lower_ == "of")
        for c in noun.children
    )


_RECORDERS = frozenset(
    {"video", "footage", "camera", "cctv", "photo", "photograph", "photographer", "image"}
    | {"picture", "film", "recording", "tape", "clip", "lens", "cameraman", "webcam", "shot"}
    | {"snapshot", "livestream", "broadcast", "microphone", "mic", "audio"}
)
"""What "captures" someone on record, not in custody: "Video captured Trump wearing a mask"."""


def _recorded(verb: Token) -> bool:
    """ "Video captured Trump wearing a mask", "he was captured on camera", "captured by
    a photographer": filmed or photographed, not taken prisoner."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    if any(d.lemma_.lower() in _RECORDERS for d in doers):
        return True
    return bool((_objects(verb, "on") | _objects(verb, "in")) & _RECORDERS)


def _sent_away(verb: Token) -> bool:
    """ "he dismissed her again": a pronoun dismissed with no office said, as often a
    witness from a hearing, a jury or a class as someone from a post; "dismissed him as
    manager", "dismissed her from the cabinet" are sackings."""
    pronouns = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}
                and c.lower_ in {"him", "her", "them", "he", "she", "they"}]
    if not pronouns:
        return False
    posts = _objects(verb, "as") | _objects(verb, "from")
    offices = [g for c in verb.children if c.lower_ in {"as", "from"} for g in c.children
               if g.dep_ == "pobj" and _office(g)]
    return not (offices or posts & (_POSTS | _DUTIES | _BODIES))


def _judged_as(verb: Token) -> bool:
    """ "dismissed Obama as too lightweight", "dismissed the claims as nonsense": judged,
    not sacked ("dismissed as manager" is)."""
    for prep in (c for c in verb.children if c.lower_ == "as"):
        objects = [g for g in prep.children if g.dep_ in {"pobj", "acomp", "amod", "advmod"}]
        if not any(_office(g) for g in objects):
            return True
    return False


_ADVERBS = frozenset({"along", "together", "again"})
"""Particles that leave the event as it is: "was killed along with his deputy"."""


_BOWLING = frozenset({"attack", "bowler", "bowling", "spinner", "paceman", "seamer"})


def _out_in_a_match(verb: Token) -> bool:
    """ "were all dismissed by a rejuvenated Australian attack", "dismissed for 12": out, in
    cricket."""
    by = _objects(verb, "by")
    runs = any(
        g.like_num for c in verb.children if c.lower_ == "for" for g in c.children
        if g.dep_ == "pobj"
    )
    return bool(by & _BOWLING) or runs


def _fired_at(verb: Token) -> bool:
    """ "fired on the crowd", "was fired upon", "fired into the air": a weapon, not a job."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    for prep in (c for c in verb.children if c.lower_ in {"on", "upon", "at", "into"}):
        targets = [g for g in prep.children if g.dep_ == "pobj"]
        if not targets or any(t.ent_type_ not in {"DATE", "TIME"} for t in targets):
            return True
    return False


def shot_dead(verb: Token) -> bool:
    """ "shot dead", "fatally shot", "shot X dead"; not "shot in the leg"."""
    nearby = [*verb.children, *(g for c in verb.children if c.dep_ == "dobj" for g in c.children)]
    if verb.i + 1 < len(verb.doc):
        nearby.append(verb.nbor(1))
    return any(t.lower_ in {"dead", "fatally"} for t in nearby)


def _from_a_place(verb: Token) -> bool:
    """ "stepped down from the stage": a movement; "from the board", "from the Senate",
    "from his post" are an office."""
    for prep in (c for c in verb.children if c.lower_ == "from"):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            office = is_role_noun(place) or place.ent_type_ in {"ORG", "GPE", "NORP"}
            if not office and place.lemma_.lower() not in _POSTS:
                return True
    return False


_POSTS = frozenset(
    {"board", "post", "position", "office", "seat", "job", "role", "helm", "presidency"}
    | {"leadership", "company", "firm", "government", "cabinet", "bench", "court", "race"}
)


def left_something_else(verb: Token) -> bool:
    """ "quit the group", "quit smoking": what was left is no office; "resigned his seat",
    "quit the race", "quit Google" are."""
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "xcomp"}):
        office = is_role_noun(obj) or obj.ent_type_ in {"ORG", "GPE", "NORP"}
        if not office and obj.lemma_.lower() not in _POSTS:
            return True
    return False


def named_to_office(verb: Token) -> bool:
    """ "named him minister", "was named as chief executive", "named to the board", "tapped
    to lead the agency", "chose her as his running mate", "promoted to general", "hired him
    as manager"; not "hired a lawyer", "a
    turkey named Mac", "named one of the most influential people", "named after", "picked
    up", "chose to stay", "confirmed to reporters"."""
    lemma = verb.lemma_.lower()
    objects_as = [g for c in verb.children if c.dep_ == "dobj" for g in c.children
                  if g.lower_ == "as"]  # "hired X as manager", the "as" hung on X
    for child in [*verb.children, *objects_as]:
        if child.lemma_.lower() in _NO_OFFICES or child.dep_ == "prt":
            return False
        if child.dep_ in {"oprd", "attr", "dobj"} and _office(child) and lemma != "hire":
            return True  # not "hired a lawyer": one hires a lawyer, a cook, into no office
        if child.dep_ == "xcomp" and (_office(child) or _taking_office(child)):
            return True
        if child.lower_ in {"as", "to"}:
            posts = [g for g in child.children if g.dep_ == "pobj"]
            if any(_office(g) or g.lemma_.lower() in _POSTS | {"rank"} for g in posts):
                return True
            if child.lower_ == "to" and lemma == "name" and any(_a_body(g) for g in posts):
                return True  # "named to the Joint Chiefs"; not "named to three Pro Bowls"
    return headline_passive(verb)


def _a_body(noun: Token) -> bool:
    """One body one is named to: "the Joint Chiefs", "the Supreme Court"; not an honour
    ("three Pro Bowls", "his fifth All-Star team")."""
    if noun.tag_ == "NNS" or noun.lemma_.lower() in _HONOURS:
        return False
    return not any(
        c.dep_ in {"nummod", "poss"} or c.ent_type_ == "ORDINAL" for c in noun.children
    )


_HONOURS = frozenset({"team", "squad", "list", "roster", "lineup", "xi", "hall"})


def _office(noun: Token) -> bool:
    """A post someone is given: a role noun, "running mate", "his successor"; not "its
    nominee", "a candidate" (a party's pick for a ballot)."""
    if noun.lemma_.lower() in _NO_OFFICES | {"nominee"}:
        return False
    if noun.lemma_.lower() in {"successor", "replacement"}:
        return True
    if noun.lemma_.lower() == "mate":
        return any(c.lower_ == "running" for c in noun.children)
    return is_role_noun(noun)


_TAKING_OFFICE = frozenset(
    {"lead", "head", "run", "chair", "succeed", "replace", "oversee", "command", "direct"}
)
"""Infinitives of a post: "tapped to lead the agency", "chosen to succeed him"."""


def _taking_office(verb: Token) -> bool:
    """ "to lead the agency", "to be the next ambassador", "to serve as chief"."""
    lemma = verb.lemma_.lower()
    if lemma in _TAKING_OFFICE:
        return True
    if lemma in {"be", "become"}:
        return any(c.dep_ == "attr" and _office(c) for c in verb.children)
    if lemma == "serve":
        return any(
            g.dep_ == "pobj" and _office(g) for c in verb.children if c.lower_ == "as"
            for g in c.children
        )
    return False


_NO_OFFICES = frozenset({"candidate", "contender", "finalist", "suspect", "winner", "victim"})
"""What "named" someone is without giving them a post: "names the candidates as X and Y"."""

_VOTERS = frozenset({"voter", "electorate", "resident", "citizen", "constituent", "public"})
"""Who chooses someone for an office by electing them: "voters chose X as mayor"."""


def chosen_by_voters(verb: Token) -> bool:
    """ "Voters chose X as their mayor", "X was picked by voters": an election."""
    choosers = [c for c in verb.children if c.dep_ == "nsubj"]
    choosers += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    return any(c.lemma_.lower() in _VOTERS for c in choosers)


def won_election(verb: Token) -> bool:
    """ "won re-election", "won the general election race", "won a second term", "won by
    36 percentage points" (a margin only a vote has; not "won by three points")."""
    if any(t.lemma_.lower() in _NO_OFFICE_CONTESTS for t in verb.subtree):
        return False  # "won all three elections in the primary campaign"
    if not any(c.dep_ == "dobj" for c in verb.children) and any(
        _a_vote_margin(g) for c in verb.children if c.lower_ == "by" for g in c.children
    ):
        return True
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children)}
        if words & _NO_OFFICE_CONTESTS:
            return False  # "won the primary elections": a nomination race, no office
        if words & {"election", "reelection", "re-election"}:
            return True
        if obj.lemma_.lower() in _OFFICES_WON:
            return True  # "won the Senate seat", "won the presidency", "won a second term"
        if obj.lemma_.lower() in _RACES and _race_for_office(obj):
            return True  # "won the race for governor", "won the mayoral race"
    return False


_RACES = frozenset({"race", "contest", "runoff", "run-off"})
_ELECTORAL = frozenset(
    {"mayoral", "presidential", "gubernatorial", "senatorial", "congressional"}
    | {"parliamentary", "legislative", "senate", "governor", "mayor", "leadership"}
)
"""Words that make a race a vote for an office: "the mayoral race", "the Senate race"."""


def _race_for_office(race: Token) -> bool:
    """ "the race for governor", "the governor's race", "the mayoral race", "the race for the
    Senate seat"; not "won the race" (a sport's), "the race for the title"."""
    wanted = [g for c in race.children if c.lower_ == "for" for g in c.children
              if g.dep_ == "pobj"]
    if any(_office(g) or g.lemma_.lower() in _BALLOT_OFFICES | _OFFICES_WON for g in wanted):
        return True
    return any(
        c.dep_ in {"amod", "compound", "poss", "nmod"} and c.lower_ in _ELECTORAL
        for c in race.children
    )


def _a_vote_margin(noun: Token) -> bool:
    """ "200 votes", "36 percentage points": what a margin of an election is counted in."""
    if noun.dep_ != "pobj":
        return False
    if noun.lemma_.lower() == "vote":
        return True
    return noun.lemma_.lower() == "point" and any(c.lower_ == "percentage" for c in noun.children)


_NO_OFFICE_CONTESTS = frozenset(
    {"primary", "primaries", "caucus", "caucuses", "nomination", "straw", "preselection"}
)
"""Contests won on the way to an election, not to an office: "won the primary elections",
"the caucus election", "the straw poll"."""


def primary_election(noun: Token) -> bool:
    """ "the primary election", "their caucus elections": a party's choice of candidate."""
    return any(c.lemma_.lower() in _NO_OFFICE_CONTESTS for c in noun.children)


_OFFICES_WON = frozenset(
    {"seat", "presidency", "governorship", "mayoralty", "term", "office"}
)


def headline_passive(verb: Token) -> bool:
    """Headline ellipsis: "X elected president" means X was elected, the office bare."""
    if verb.lemma_.lower() not in HEADLINE_OFFICE_VERBS or any(
        c.dep_ in {"aux", "auxpass"} for c in verb.children
    ):
        return False
    if verb.tag_ not in {"VBN", "VBD"}:
        return False  # "Bush nominates new surgeon general": he does the naming
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return (
        len(objects) == 1
        and is_role_noun(objects[0])
        and not any(c.dep_ in {"det", "poss"} for c in objects[0].children)
        and not any(c.ent_type_ == "PERSON" for c in objects[0].lefts)
    )  # not "May appointed Boris Johnson Foreign Secretary" (a name the parse glued on)


_APPOINTED_POSTS = frozenset(
    {"coach", "manager", "boss", "chief", "ceo", "director", "chairman", "chairwoman"}
    | {"chairperson", "chair", "head", "secretary", "ambassador", "envoy", "commander"}
    | {"editor", "captain", "spokesman", "spokeswoman", "spokesperson", "coordinator"}
    | {"executive", "minister"}
)
"""Posts one is appointed to, which "new" before them says someone just was: not "new
President X" or "new senator X" (elected), nor "new member", "new signing"."""


def new_in_post(adjective: Token) -> Token | None:
    """The post of "new CEO Dan Hesse", "New boss Roy Hodgson", "the new coach, X": someone
    just given a post the text names them by (not "the new Prime Minister", who was elected).
    A sentence's opening "New" the tagger took for a name's word counts too ("New Springbok
    coach Peter de Villiers"), but not a place's ("New York coach X")."""
    if adjective.lower_ != "new":
        return None
    post = adjective.head
    if adjective.dep_ != "amod":
        if not _opening_new(adjective):
            return None
        while post.dep_ == "compound" and post.pos_ == "PROPN" and not _a_post(post):
            post = post.head  # "New Springbok coach": past the team to its post
    if post.pos_ not in _NOMINAL or not _a_post(post):
        return None
    if any(c.lower_ == "prime" for c in post.children):
        return None
    named = post
    while named.dep_ == "compound" and named.head.pos_ == "PROPN":
        named = named.head
    if named.i != post.i:
        return post if named.ent_type_ == "PERSON" else None
    found = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in post.children)
    return post if found else None


def _a_post(noun: Token) -> bool:
    return noun.lemma_.lower() in _APPOINTED_POSTS or noun.lower_ in _APPOINTED_POSTS


def _opening_new(word: Token) -> bool:
    """A sentence's first word "New" the parse made part of a name ("New Springbok"), where
    neither it nor the next word is typed a place or a body ("New York", "New England")."""
    if not word.is_sent_start or word.dep_ != "compound" or word.ent_type_:
        return False
    after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return after is not None and after.ent_type_ == ""


_NOMINAL = frozenset({"NOUN", "PROPN"})
