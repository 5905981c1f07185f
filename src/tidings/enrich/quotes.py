"""Direct quotations and their speakers."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, QuoteSpan, person_at, quote_spans, sentence_text
from tidings.enrich.lexicon import ANONYMOUS_SPEAKERS, SPEECH_VERBS
from tidings.enrich.names import fold
from tidings.enrich.results import Quote, Role
from tidings.enrich.speaker_referents import (
    ambiguous_surname,
    document_referent,
    epithet_referent,
    named_in_own_words,
    surname_in_doubt,
    surname_referent,
)

MIN_WORDS = 5
"""Shorter quoted phrases are scare quotes or titles, not quotations."""
_WORD = re.compile(r"[\w'\u2019-]+")
_SPEAKER_NOUNS = frozenset(
    {"statement", "address", "speech", "letter", "message", "interview", "reply", "response"}
    | {"answer", "remarks", "comment", "comments", "words", "tweet", "post", "testimony"}
)
"""What someone says: "Her response: "..."" is hers."""
_MORE_SPEECH_VERBS = frozenset(
    {"tweet", "post", "exclaim", "quip", "boast", "caution", "allege", "retort", "scoff"}
    | {"charge", "demand", "muse", "yell", "shout", "scream", "whisper", "mutter", "crow"}
    | {"posit", "summarize", "summarise", "concur", "interject", "chime"}
    | {"gush", "enthuse", "rave", "sigh", "laugh", "chuckle", "marvel", "gripe", "grumble"}
)
"""Verbs of saying beyond the shared lexicon, as news copy uses them with a quotation."""


def find_quotes(article: ParsedArticle, roles: list[Role]) -> list[Quote]:
    """Quotations of at least `MIN_WORDS` words, each with its speaker where one is found."""
    spans = quote_spans(article.text)
    inside = {i for s in spans for i in range(s.start - 1, s.end + 1)}
    found: list[Quote] = []
    previous: tuple[QuoteSpan, Quote] | None = None
    refused: str | None = None
    for span in spans:
        article.check_time()
        text = article.text[span.start : span.end].strip(" ,")
        index = _sentence_index(article, span.start)
        speaker, described = _find_speaker(article, span, inside, previous)
        near = previous is not None and span.paragraph - previous[0].paragraph <= 1
        doubted, refused = (refused if near else None), None
        if _refused(article, span, inside, speaker, doubted):
            refused, speaker, described = speaker, None, None  # and the quotes it carries
        if speaker is None and described is not None:
            speaker = _described_person(roles, described)
        role = _speaker_role(roles, speaker, article, span) if speaker else described
        quote = Quote(text, speaker, role, index, sentence_text(article, index))
        previous = (span, quote)
        found.append(quote)
    _attribute_from_later_paragraphs(article, spans, found)
    joined = _join_split_quotes(article, spans, found)
    return [q for q in joined if len(_WORD.findall(q.text)) >= MIN_WORDS]


def _join_split_quotes(
    article: ParsedArticle, spans: list[QuoteSpan], quotes: list[Quote]
) -> list[Quote]:
    """One statement split by its attribution (""We won," he said, "and it was hard."") is
    one quote: the parts of a paragraph's consecutive quotations of one speaker joined, where
    the words between them are only that attribution (see `_attribution_between`). Text
    joined with " ... ", or a space after a part that ends its sentence; the first part's
    sentence is the quote's."""
    joined: list[tuple[QuoteSpan, Quote]] = []
    for span, quote in zip(spans, quotes, strict=True):
        if joined and _same_statement(article, joined[-1], (span, quote)):
            first_span, first = joined[-1]
            glue = " " if first.text.endswith(_SENTENCE_ENDS) else " ... "
            text = first.text.rstrip(" ,;:\u2014-") + glue + quote.text
            joined[-1] = (QuoteSpan(first_span.start, span.end, span.paragraph, span.runs_on),
                          replace(first, text=text))
        else:
            joined.append((span, quote))
    return [q for _, q in joined]


_SENTENCE_ENDS = (".", "!", "?", "\u2026")


def _same_statement(
    article: ParsedArticle, before: tuple[QuoteSpan, Quote], after: tuple[QuoteSpan, Quote]
) -> bool:
    """Whether `after` carries on the statement of `before`: same paragraph, same named
    speaker, only an attribution between them, and `before` a statement's part, not a phrase
    the writer quotes inside a sentence of their own ("called it "a fair deal," adding"): at
    least `MIN_WORDS` words, or the opening of its sentence."""
    (first_span, first), (span, quote) = before, after
    if first.speaker is None or first.speaker != quote.speaker:
        return False
    if first_span.paragraph != span.paragraph:
        return False
    if not _attribution_between(article, first_span.end, span.start):
        return False
    if len(_WORD.findall(first.text)) >= MIN_WORDS:
        return True
    chars = article.doc.char_span(first_span.start, first_span.start + 1, alignment_mode="expand")
    if chars is None or not len(chars):
        return False
    sentence = article.sentences[article.sentence_of[chars.start]]
    return not _WORD.search(article.text[sentence.start_char : first_span.start])


def _attribution_between(article: ParsedArticle, end: int, start: int) -> bool:
    """Whether the words between two quotations are one attribution and nothing more
    (`," he said, "`, `," said Ann Lee, the mayor. "`): a verb of saying, at most
    `_ATTRIBUTION_WORDS` words, ending on a comma, stop or colon before the next mark."""
    between = article.text[end:start]
    inner = between.strip(_MARKS + "\n\u201d'\u2019")
    if not inner or inner[-1] not in ",.:;" or len(_WORD.findall(inner)) > _ATTRIBUTION_WORDS:
        return False
    chars = article.doc.char_span(end, start, alignment_mode="contract")
    return chars is not None and any(
        t.lemma_.lower() in SPEECH_VERBS | _MORE_SPEECH_VERBS for t in chars if t.pos_ == "VERB"
    )


_ATTRIBUTION_WORDS = 15
"""More words between two quotations than "said X, the former mayor of Y, on Tuesday" are
writing of the reporter's own."""


def _refused(
    article: ParsedArticle,
    span: QuoteSpan,
    inside: set[int],
    speaker: str | None,
    doubted: str | None,
) -> bool:
    """Whether the text leaves `speaker` in doubt: the quotation makes them a subject of its
    own (see `named_in_own_words`), the quote before it, which this one carries on, was
    refused them (`doubted`), or they are named since another person of their surname only
    by that surname (`surname_in_doubt`); never where the attribution names them outside the
    marks."""
    if speaker is None or _named_outside(article, span, inside, speaker):
        return False
    if speaker == doubted or named_in_own_words(article, span.start, span.end, speaker):
        return True
    chars = article.doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None:
        return False
    pronouns = {
        _PRONOUN_GENDERS[t.lower_]
        for t in _nearby_tokens(article, span, inside, extend=False)
        if t.lower_ in _PRONOUN_GENDERS and t.dep_ in {"nsubj", "nsubjpass"}
    }
    pronoun = pronouns.pop() if len(pronouns) == 1 else None
    return surname_in_doubt(article, chars.start, speaker, pronoun)


_PRONOUN_GENDERS = {"he": "m", "she": "f"}


def _named_outside(
    article: ParsedArticle, span: QuoteSpan, inside: set[int], speaker: str
) -> bool:
    """Whether the quote's sentences name `speaker` outside quotation marks ("You are before
    Saddam Hussein," Saddam Hussein said): the attribution itself, not a guess."""
    return any(
        (m := article.mention_at.get(t.i)) is not None and m.name == speaker
        for t in _nearby_tokens(article, span, inside, extend=False)
    )


def _attribute_from_later_paragraphs(
    article: ParsedArticle, spans: list[QuoteSpan], quotes: list[Quote]
) -> None:
    """One speaker's words over several paragraphs, attributed only at a later one
    (""Yes, we won.<line break>"I said it before," said Smit."): the speaker found there
    speaks the paragraphs before it."""
    for i in range(len(spans) - 2, -1, -1):
        quote, later = quotes[i], quotes[i + 1]
        if quote.speaker is None and quote.speaker_role is None and _continues(
            article, spans[i + 1], spans[i]
        ):
            quotes[i] = replace(quote, speaker=later.speaker, speaker_role=later.speaker_role)


def _find_speaker(
    article: ParsedArticle,
    span: QuoteSpan,
    inside: set[int],
    previous: tuple[QuoteSpan, Quote] | None,
) -> tuple[str | None, str | None]:
    """The speaker's name or description: from the quote's own sentence, else the sentence
    before it (or the quote that sentence holds), else the quote just before it, else the
    sentence after it."""
    asked = _question_put(article, span)
    if asked is not None:
        return asked
    inverted = _inverted_speaker(article, span)
    if inverted is not None:
        return inverted, None
    found = _attribute(article, span, inside, extend=False)
    if found == (None, None) and previous is not None and _continues(article, span, previous[0]):
        return previous[1].speaker, previous[1].speaker_role
    if found == (None, None):
        found = _tail_attribution(article, span, inside)
    if (
        found == (None, None)
        and previous is not None
        and previous[1].speaker is not None
        and previous[1].sentence_index == _sentence_index(article, span.start) - 1
        and _all_quoted_span(article, span, inside)
    ):
        return previous[1].speaker, previous[1].speaker_role
    if found == (None, None):
        found = _from_previous_sentence(article, span, inside)
    near = previous is not None and span.paragraph - previous[0].paragraph <= 1
    if (
        found == (None, None)
        and previous is not None
        and near
        and not _another_subject(article, span, inside, previous[1].speaker)
        and _carries_on(article, span, inside, previous[1].speaker)
    ):
        found = previous[1].speaker, previous[1].speaker_role
    if found == (None, None):
        found = _attribute(article, span, inside, extend=True)
    return found


def _inverted_speaker(article: ParsedArticle, span: QuoteSpan) -> str | None:
    """ "Added Gibbs: "I think ..."", "Said Porter, "...": a sentence that opens on a verb of
    saying, a person's name and a colon or comma right before the quotation is that
    person's, whatever the parse made of the verb (often a name) and the name (often its
    object). Not "Asked", which opens a question put to someone ("Asked about it, ...")."""
    chars = article.doc.char_span(span.start, span.start + 1, alignment_mode="expand")
    if chars is None or not len(chars):
        return None
    sentence = article.sentences[article.sentence_of[chars.start]]
    words = [t for t in article.doc[sentence.start : chars.start] if not t.is_space]
    if len(words) < 4 or words[0].lower_ not in _SAID or words[-1].text not in _OPEN_MARKS:
        return None
    mention = article.mention_at.get(words[1].i)
    if mention is None or mention.type != "PERSON" or mention.start != words[1].i:
        return None
    rest = [t for t in words if t.i >= mention.end]
    return mention.name if len(rest) == 2 and rest[0].text in {":", ","} else None


def _past(lemma: str) -> str:
    """The past tense of a regular verb of saying ("add" -> "added", "note" -> "noted",
    "reply" -> "replied")."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return lemma[:-1] + "ied"
    return lemma + "ed"


_SAID = frozenset(
    {"said", "told", "wrote"} | {_past(v) for v in SPEECH_VERBS - {"say", "tell", "write", "ask"}}
)
"""Verbs of saying as they open an inverted attribution ("Said Porter:", "Added Gibbs:")."""
_OPEN_MARKS = frozenset({'"', "\u201c", "``"})
_CLOSE_MARKS = frozenset({'"', "\u201d", "''", "'", "\u2019"})


def _continues(article: ParsedArticle, span: QuoteSpan, before: QuoteSpan) -> bool:
    """Whether `span` opens its paragraph right after a paragraph whose last quotation
    (`before`) no mark closed: the convention for one speaker's words running over several
    paragraphs ("He said: "We agreed.<line break>"It is done.""), so both have one speaker,
    known or not."""
    if not before.runs_on or before.paragraph != span.paragraph - 1:
        return False
    line_start = article.text.rfind("\n", 0, span.start) + 1
    return not article.text[line_start : span.start].strip(_MARKS)


_MARKS = " \t\"\u201c`"


def _tail_attribution(
    article: ParsedArticle, span: QuoteSpan, inside: set[int]
) -> tuple[str | None, str | None]:
    """ ""Who can guarantee you happiness?" Tom Smith asked.": the parse puts the speech verb
    in a sentence of its own right after the quotation; a verb there with nothing to say of
    its own (no clause, object or negation: not "Tom Smith said he disagreed", not "A
    spokesman did not respond to requests") speaks the quotation."""
    chars = article.doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None or not len(chars) or not _all_quoted_span(article, span, inside):
        return None, None
    last = article.sentence_of[chars.end - 1]
    if last + 1 >= len(article.sentences):
        return None, None
    after = article.sentences[last + 1]
    if article.text[span.end + 1 : after.start_char].strip():
        return None, None
    for verb in (t for t in after if _speech_verb(t) and t.idx not in inside):
        if not any(c.dep_ in _SAYS_MORE for c in verb.children):
            return _speaker_of(article, verb)
    return None, None


_SAYS_MORE = frozenset({"ccomp", "dobj", "xcomp", "dative", "neg"})


def _question_put(article: ParsedArticle, span: QuoteSpan) -> tuple[str | None, str | None] | None:
    """ "Asked by one of her aides, "Is this final?" Mr. Rhodes replied": a quotation between a
    fronted "Asked" and the main clause's subject is the question, the asker's (or nobody
    named's), never the answerer's. None where the pattern does not apply."""
    end = max(span.end, span.start + 1)
    chars = article.doc.char_span(span.start, end, alignment_mode="expand")
    if chars is None or not len(chars):
        return None
    sentence = article.sentences[article.sentence_of[chars.start]]
    opener = next((t for t in sentence if not t.is_punct), None)
    if opener is None or opener.lower_ != "asked" or opener.i >= chars.start:
        return None
    subjects = [
        t for t in sentence if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.i >= chars.end
    ]
    if not subjects:
        return None
    agents = [g for c in opener.children if c.dep_ == "agent" for g in c.children]
    return _subject(article, agents[0]) if agents else (None, None)


def _another_subject(
    article: ParsedArticle, span: QuoteSpan, inside: set[int], speaker: str | None
) -> bool:
    """Whether someone other than `speaker` is the subject of a clause outside quotation
    marks in the quote's sentences, or in the sentence before them in the same paragraph
    ("Mary Jones disagreed. "..."): then the quote is not simply more of `speaker`'s."""
    chars = article.doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None or not len(chars):
        return True
    first, last = article.sentence_of[chars.start], article.sentence_of[chars.end - 1]
    if first and "\n\n" not in article.text[article.sentences[first - 1].end_char : span.start]:
        first -= 1
    for index in range(first, last + 1):
        for token in article.sentences[index]:
            if token.idx in inside or token.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            person = person_at(article, token)
            if person is not None and person != speaker:
                return True
    return False


def _carries_on(
    article: ParsedArticle, span: QuoteSpan, inside: set[int], speaker: str | None
) -> bool:
    """Whether a quotation may be more of the previous speaker's: one that opens its sentence
    may; one set after the writer's words only where that sentence's main subject is the
    speaker ("as Democrats lob charges that Ryan stands for "..."" is not Ryan's), and not
    as a subject that "be" describes ("X is country music's equivalent of the message to
    newcomers: "..."", as in `_colon_speaker`)."""
    chars = article.doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None or not len(chars):
        return False
    sentence = article.sentences[article.sentence_of[chars.start]]
    if all(t.idx in inside for t in sentence if t.is_alpha and t.i < chars.start):
        return True
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and root.lemma_ != "be" and person_at(article, subjects[0]) == speaker


def _all_quoted_span(article: ParsedArticle, span: QuoteSpan, inside: set[int]) -> bool:
    chars = article.doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None or not len(chars):
        return False
    first, last = article.sentence_of[chars.start], article.sentence_of[chars.end - 1]
    return _all_quoted(article, first, last, inside)


def _sentence_index(article: ParsedArticle, char: int) -> int:
    token = article.doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None or not len(token):
        return 0
    return article.sentence_of[token[0].i]


def _attribute(
    article: ParsedArticle, span: QuoteSpan, inside: set[int], *, extend: bool
) -> tuple[str | None, str | None]:
    """Speaker name (or a description of an unnamed speaker) from a nearby speech verb.

    With `extend`, a sentence that is all quotation also looks at the sentence after it.
    """
    candidates = _nearby_tokens(article, span, inside, extend=extend)
    found = _speaker_among(article, span, candidates)
    return found if found != (None, None) else _colon_speaker(article, span)


def _from_previous_sentence(
    article: ParsedArticle, span: QuoteSpan, inside: set[int]
) -> tuple[str | None, str | None]:
    """A quotation standing alone after "X said the issue was urgent." is X's."""
    chars = article.doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None or not len(chars):
        return None, None
    first = article.sentence_of[chars.start]
    last = article.sentence_of[chars.end - 1]
    if first == 0 or not _all_quoted(article, first, last, inside):
        return None, None
    before = article.sentences[first - 1]
    if "\n\n" in article.text[before.end_char : span.start]:
        return None, None
    candidates = [t for t in before if t.idx not in inside]
    return _speaker_among(article, span, candidates)


def _colon_speaker(article: ParsedArticle, span: QuoteSpan) -> tuple[str | None, str | None]:
    """ "X released a statement: "..."": the subject of the clause the colon ends; not a
    subject that "be" describes ("X is country music's equivalent of the showbiz message:
    "..."" quotes no words of X's) unless it is what was said ("His answer was: "..."")."""
    chars = article.doc.char_span(span.start, span.start + 1, alignment_mode="expand")
    if chars is None or chars.start < 2:
        return None, None
    doc = article.doc
    colon = next((t for t in (doc[chars.start - 1], doc[chars.start - 2]) if t.text == ":"), None)
    if colon is None:
        return None, None
    verb = colon.head
    if verb.lemma_.lower() in _SPEAKER_NOUNS and verb.pos_ == "NOUN" and verb.dep_ == "ROOT":
        return _subject(article, verb)  # "His response: "..."" (no verb)
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or (verb.lemma_ == "be" and subjects[0].lemma_.lower() not in _SPEAKER_NOUNS):
        return None, None
    return _subject(article, subjects[0])


def _speaker_among(
    article: ParsedArticle, span: QuoteSpan, candidates: list[Token]
) -> tuple[str | None, str | None]:
    """The speaker a speech verb or "according to" among `candidates` names."""
    verbs = [t for t in candidates if _speech_verb(t)]
    verbs.sort(key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))
    for verb in verbs:
        found = _speaker_of(article, verb)
        if found != (None, None):
            return found
    for token in candidates:
        if token.lower_ == "according":
            for pobj in (g for c in token.children for g in c.children if g.dep_ == "pobj"):
                return person_at(article, pobj), None
    for verb in (t for t in candidates if _frames(t, span)):
        found = _speaker_of(article, verb)
        if found != (None, None):
            return found
    return None, None


_FRAMING = frozenset(
    {"accuse", "criticize", "criticise", "praise", "call", "label", "dub", "brand", "hail"}
    | {"blast", "slam", "decry", "condemn", "thank", "mock", "dismiss", "term"}
    | {"characterize", "characterise"}
)
"""Verbs that judge in words of their subject's own ("accused Obama of trying to "undermine
..."", "criticized the study as "nothing more than ..."")."""


def _frames(token: Token, span: QuoteSpan) -> bool:
    """Whether `token` is a verb of judging whose own phrase holds the quotation: the
    quotation is the subject's words. Never a quotation outside it ("X praised the team.
    "We won," said Y")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _FRAMING:
        return False
    phrase = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return token.idx < span.start and phrase.start_char <= span.start <= phrase.end_char


def _speech_verb(token: Token) -> bool:
    """A verb of saying. "Continue" only without an object of its own: '"...," he
    continued' speaks, "the campaign would continue "for as many days as it takes"" does
    not."""
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma not in SPEECH_VERBS | _MORE_SPEECH_VERBS:
        return False
    if lemma == "continue":
        return not any(c.dep_ in {"prep", "dobj", "xcomp", "advmod"} for c in token.children)
    return True


def _nearby_tokens(
    article: ParsedArticle, span: QuoteSpan, inside: set[int], *, extend: bool
) -> list[Token]:
    chars = article.doc.char_span(
        span.start, max(span.end, span.start + 1), alignment_mode="expand"
    )
    if chars is None:
        return []
    first = article.sentence_of[chars.start]
    last = article.sentence_of[max(chars.start, chars.end - 1)]
    if extend and _all_quoted(article, first, last, inside) and last + 1 < len(article.sentences):
        last += 1
    tokens = []
    for index in range(first, last + 1):
        sentence = article.sentences[index]
        tokens += [
            t for t in sentence if t.idx not in inside and not (span.start <= t.idx < span.end)
        ]
    return tokens


def _all_quoted(article: ParsedArticle, first: int, last: int, inside: set[int]) -> bool:
    """True when the sentences hold nothing but quoted words (the verb follows)."""
    words = [t for i in range(first, last + 1) for t in article.sentences[i] if t.is_alpha]
    return bool(words) and all(t.idx in inside for t in words)


def _speaker_of(article: ParsedArticle, verb: Token) -> tuple[str | None, str | None]:
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        if any(c.dep_ == "aux" for c in verb.children):
            return None, None  # "the right to ask": nothing is said
        return _subject(article, verb.head)  # "a report claiming ...", "a memo saying ..."
    finite = verb
    for _ in range(3):
        raised = _raised_subject(verb, finite)
        if raised is not None:
            return _subject(article, raised)
        if _passive(verb):
            return _agent(article, verb)
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i not in article.quoted]
        if subjects:  # never one inside the quotation ("the urge to succeed," said Choi)
            return _subject(article, subjects[0])
        if (
            verb.dep_ not in {"conj", "xcomp", "advcl", "ccomp", "pcomp", "prep"}
            or verb.head == verb
        ):
            break
        verb = verb.head
    return _lost_subject(article, finite)


def _raised_subject(verb: Token, said: Token) -> Token | None:
    """Who speaks where the speech verb hangs off a verb of reporting: "officials quoted Mr
    Fukuda as saying" (Fukuda, the object quoted), "Mr Wen is reported to have replied"
    (Wen, the passive's subject), "Mr Netanyahu is shown saying" (a witnessed one). None
    elsewhere."""
    lemma = verb.lemma_.lower()
    if (
        lemma == "quote"
        and not _passive(verb)
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    ):
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma in _REPORTING | _WITNESSING and said.dep_ == "xcomp" and said.head.i == verb.i:
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None


_REPORTING = frozenset({"report", "say", "understand", "believe", "know", "think", "quote"})
_WITNESSING = frozenset({"show", "hear", "see", "film", "record", "overhear", "catch"})
"""Verbs that, passive, report the words of their subject ("X is said to have told", "X is
shown saying", "X was heard telling")."""


def _lost_subject(article: ParsedArticle, verb: Token) -> tuple[str | None, str | None]:
    """A finite main verb always has a subject; where the parse lost it ("At 9:24 p.m., Ms.
    Nuland, reading the draft, complained", Nuland taken for a second object of "At"), the
    one person named before the verb in its sentence, if only one is; right after a
    quotation, the person named right after the verb (""...," announced Rivers as the
    housemates sat", Rivers taken for the subject of "sat")."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.dep_ != "ROOT":
        return None, None
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children):
        return None, None
    after = article.mention_at.get(verb.i + 1)
    if verb.i and verb.doc[verb.i - 1].text in _CLOSE_MARKS and after is not None:
        postposed = after.type == "PERSON" and after.start == verb.i + 1
        return (after.name if postposed else None), None
    sentence = article.sentences[article.sentence_of[verb.i]]
    named = {
        m.name
        for m in (article.mention_at.get(t.i) for t in sentence if t.i < verb.i)
        if m is not None and m.type == "PERSON"
    }
    return (named.pop(), None) if len(named) == 1 else (None, None)


def _passive(verb: Token) -> bool:
    """ "was asked", "Asked by X,": the subject, if any, is the one spoken to."""
    if any(c.dep_ in {"auxpass", "nsubjpass", "agent"} for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in {"advcl", "acl"} and not any(
        c.dep_ in {"aux", "nsubj"} for c in verb.children
    )


def _agent(article: ParsedArticle, verb: Token) -> tuple[str | None, str | None]:
    """Who speaks in a passive: the "by" agent ("Asked by one of her aides, ..."); "X was
    quoted as saying" is X's, whoever quoted X; without an agent, nobody named."""
    if verb.lemma_.lower() == "quote":  # "X was quoted by a spokesman as saying": X's
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return _subject(article, subjects[0]) if subjects else (None, None)
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (g for g in agent.children if g.dep_ == "pobj"):
            return _subject(article, pobj)
    return None, None


def _subject(article: ParsedArticle, subject: Token) -> tuple[str | None, str | None]:
    if ambiguous_surname(article, subject):
        return None, None
    person = person_at(article, subject)
    if person is not None:
        return person, None
    named = [person_at(article, t) for t in _appositions(subject)]
    if named and named[-1] is not None:
        return named[-1], None
    for child in subject.children:
        owner = person_at(article, child) if child.dep_ in {"appos", "poss"} else None
        if owner is not None and (child.dep_ == "appos" or subject.lemma_ in _SPEAKER_NOUNS):
            return owner, None
    if _aged(subject):
        return None, _description(subject)  # "said a 19-year-old who lives there": no name
    if subject.pos_ in {"NOUN", "PROPN"}:
        named_so = (
            epithet_referent(article, subject)
            or surname_referent(article, subject)
            or document_referent(article, subject)
        )
        return (named_so, None) if named_so else (None, _description(subject))
    if subject.lower_ in {"who", "that"} and subject.head.dep_ == "relcl":
        return _relative_antecedent(article, subject), None  # "X, who told reporters"
    if subject.lower_ == "which" and subject.head.dep_ == "relcl":
        antecedent = subject.head.head
        named = article.mention_at.get(antecedent.i)
        if named is not None and named.type != "PERSON":
            return None, _description(antecedent)  # "the bishops' conference, which wrote"
    if subject.lower_ in {"it", "they", "this"}:
        return None, subject.text  # "it read", "they said": not any one person
    return None, None


def _aged(subject: Token) -> bool:
    """An age standing for a person ("a 19-year-old", "the 45-year-old"): the parse makes
    "old" the subject, with "year" under it."""
    return subject.lower_ == "old" and subject.pos_ == "ADJ" and any(
        c.lemma_.lower() == "year" for c in subject.children)


def _appositions(subject: Token) -> list[Token]:
    """The appositions in the subject's phrase ("the statement from Grimm's attorney,
    William McGinley"), not those of a clause inside it ("The lawsuit, which was brought by
    Nebraska's attorney general, Jon Bruning, ...": the lawsuit is no one's words)."""
    found = []
    for token in subject.subtree:
        if token.dep_ != "appos":
            continue
        path = [token, *(a for a in token.ancestors if a.i != subject.i and subject in a.ancestors)]
        if not any(t.dep_ in _CLAUSES for t in path):
            found.append(token)
    return found


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj"})


def _relative_antecedent(article: ParsedArticle, who: Token) -> str | None:
    """The person a "who" clause is about: the noun it hangs from, else the name set right
    before it ("talks with Olmert and President Shimon Peres, who cautioned", where the parse
    hangs the clause on "talks")."""
    found = person_at(article, who.head.head)
    if found is not None:
        return found
    before = article.doc[who.i - 1] if who.i else who
    if before.text == "," and before.i:
        before = article.doc[before.i - 1]
    mention = article.mention_at.get(before.i)
    return mention.name if mention is not None and mention.type == "PERSON" else None


def _description(subject: Token) -> str:
    """How the text names an unnamed speaker: the noun phrase without its clauses,
    appositions and punctuation ("one protester, who declined ..." -> "one protester"), as
    spaced in the text, at most eight words."""
    cut = {
        t.i
        for c in subject.children
        if c.dep_ in {"relcl", "acl", "appos"}
        for t in c.subtree
    }
    words = [
        t for t in subject.subtree if t.i not in cut and (not t.is_punct or t.text == "-")
    ][:8]
    return "".join(t.text + t.whitespace_ for t in words).strip()


def _described_person(roles: list[Role], described: str) -> str | None:
    """ "the president said": the one person here whose role that is, else None. Never for
    a noun that brings in someone new ("the officer yelled" in a story of another officer's,
    "the spokesman said")."""
    words = fold(described).split()
    if not words or words[0] != "the" or len(words) > 4 or words[-1] in ANONYMOUS_SPEAKERS:
        return None
    wanted = " ".join(words[1:])
    holders = {r.person for r in roles if fold(r.role) == wanted}
    holders = holders or {r.person for r in roles if fold(r.role).endswith(" " + wanted)}
    return holders.pop() if len(holders) == 1 else None


def _speaker_role(
    roles: list[Role], speaker: str, article: ParsedArticle, span: QuoteSpan
) -> str | None:
    index = _sentence_index(article, span.start)
    own = [r for r in roles if r.person == speaker]
    same = [r for r in own if r.sentence_index == index]
    chosen = same or own
    return chosen[0].role if chosen else None
