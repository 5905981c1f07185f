"""A parsed article: the spaCy Doc plus its entity mentions and lookups the rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from tidings.enrich.entities import find_mentions
from tidings.enrich.gender import first_name_gender, is_person_noun
from tidings.enrich.lexicon import (
    ANONYMOUS_SPEAKERS,
    FEMALE_MARKERS,
    FEMALE_NOUNS,
    MALE_MARKERS,
    MALE_NOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from tidings.enrich.limits import Deadline
from tidings.enrich.mention import Mention
from tidings.enrich.results import Role

_OPEN = frozenset({'"', "\u201c", "``", '""'})
_CLOSE = frozenset({'"', "\u201d", "''", '""'})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MAX_CHAIN = 12
"""How many "he"s back a pronoun's antecedent may be found through (each resolved once)."""
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@dataclass(frozen=True)
class QuoteSpan:
    start: int
    end: int
    """Character offsets of the text between the quotation marks."""
    paragraph: int
    runs_on: bool = False
    """No mark closes it before its paragraph ends: by the convention of news copy, the
    opening mark of the next paragraph carries on the same speaker's words."""


@dataclass
class ParsedArticle:
    """Lookups over one parsed article; built by `parse_article`."""

    doc: Doc
    text: str
    """`doc.text`, joined once: spaCy rebuilds it from every token on each access."""
    published: date | None
    mentions: list[Mention]
    sentences: list[Span]
    sentence_of: dict[int, int] = field(default_factory=dict)
    """Token index -> sentence index."""
    mention_at: dict[int, Mention] = field(default_factory=dict)
    """Token index -> the mention covering it."""
    gender: dict[str, str] = field(default_factory=dict)
    """Person name -> "m" or "f", where a title or a role word says so."""
    quoted: set[int] = field(default_factory=set)
    """Indices of tokens inside quotation marks."""
    dates: dict[int, list[str]] = field(default_factory=dict)
    """Sentence index -> the texts of its DATE entities, in order (`Span.ents` would walk
    every entity of the document for each sentence)."""
    deadline: Deadline | None = None
    """When the rules must give up on this article (`check_time`)."""
    pronouns: dict[int, str | None] = field(default_factory=dict)
    """Token index of a personal pronoun -> the person it was resolved to (memo)."""
    roles: list[Role] = field(default_factory=list)
    """The people's roles here, once `roles.find_roles` has found them: a description that
    re-names someone ("the former vice president said") is checked against them."""

    def check_time(self) -> None:
        """Raise `OverBudget` once the article's time budget is spent: the rules call this
        in their loops, so no text keeps them busy for long."""
        if self.deadline is not None:
            self.deadline.check()


def parse_article(doc: Doc, published: date | None, deadline: Deadline | None = None
                  ) -> ParsedArticle:
    sentences = [s for s in doc.sents if not s.text.isspace()]
    article = ParsedArticle(doc, doc.text, published, find_mentions(doc), sentences,
                            deadline=deadline)
    for index, sentence in enumerate(sentences):
        for token in sentence:
            article.sentence_of[token.i] = index
    for token in doc:
        article.sentence_of.setdefault(token.i, max(0, len(sentences) - 1))
    article.quoted = _quoted_tokens(doc, article.text)
    for ent in doc.ents:
        index = article.sentence_of[ent.start]
        if ent.label_ == "DATE" and article.sentence_of[ent.end - 1] == index:
            article.dates.setdefault(index, []).append(ent.text)
    for mention in article.mentions:
        for i in range(mention.start, mention.end):
            article.mention_at[i] = mention
        _note_gender(article, mention)
    return article


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches: curly, straight or doubled (``...'') marks, never across a
    paragraph break (a line break: copy sets paragraphs apart with one or with a blank
    line). Copy mixes the marks up, so any closing mark ends a quotation, and so does an
    opening curly mark set against the word before it and followed by a space
    ('happiness?“ he asked'). Where a quotation ran on past the end of a paragraph and the
    next one opens with no mark but holds a closing one first ('...this spring.<line
    break>With products...," said X'), the quotation carried over the break: one span."""
    spans: list[QuoteSpan] = []
    runs_on = False
    for paragraph, line in enumerate(_PARAGRAPH.finditer(text)):
        chunk, offset = line.group(), line.start()
        start: int | None = None
        marks = list(_MARK.finditer(chunk))
        if runs_on and marks and _carried_over(chunk, marks[0]):
            spans[-1] = QuoteSpan(spans[-1].start, offset + marks[0].start(), paragraph)
            marks = marks[1:]
        for mark in marks:
            if start is None and mark.group() in _OPEN:
                start = mark.end()
            elif start is not None and _closes(chunk, mark):
                spans.append(QuoteSpan(offset + start, offset + mark.start(), paragraph))
                start = None
        runs_on = start is not None
        if start is not None:
            spans.append(QuoteSpan(offset + start, offset + len(chunk), paragraph, runs_on=True))
        if not marks and not runs_on:
            spans += [
                QuoteSpan(offset + a, offset + b, paragraph) for a, b in _single_quoted(chunk)
            ]
    return spans


def _single_quoted(chunk: str) -> list[tuple[int, int]]:
    """Quotations set in single marks, as British copy sets them ("'Wayne made the
    difference,' the centre-half said"), in a paragraph with no double mark: an opening mark
    at the paragraph's start or after a space, bracket or colon, before a letter or digit,
    closed by the next mark after it that is no apostrophe inside a word ("He's"), where
    that one is set right after a stop or comma and before a space or the paragraph's end.
    Where it is not ("Says Her 'Health Is In Jeopardy': Report", "the players' union", "the
    '60s"), the opening quotes nothing."""
    found: list[tuple[int, int]] = []
    position = 0
    while (opening := _SINGLE_OPEN.search(chunk, position)) is not None:
        position = opening.end()
        closing = _SINGLE_MARK.search(chunk, opening.end())
        if closing is None:
            break
        if _SINGLE_CLOSE.match(chunk, closing.start()):
            found.append((opening.end(), closing.start()))
            position = closing.end()
    return found


_SINGLE_OPEN = re.compile("(?:^|(?<=[\\s(\\[:]))['\u2018](?=[^\\W_])")
_SINGLE_CLOSE = re.compile("(?<=[.,!?\u2026])['\u2019](?=\\s|$)")
_SINGLE_MARK = re.compile("['\u2019\u2018](?![^\\W_])|(?<![^\\W_])['\u2019\u2018]")
"""A single mark that is no apostrophe inside a word: one with no letter after it or none
before it."""


_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile("``|''|\"\"|[\"\u201c\u201d]")
"""Any quotation mark; a doubled straight one ('""This effect ...,"" she said') is one mark."""


def _closes(chunk: str, mark: re.Match[str]) -> bool:
    if mark.group() in _CLOSE:
        return True
    i = mark.start()
    return (
        mark.group() == "\u201c"
        and i > 0
        and not chunk[i - 1].isspace()
        and (i + 1 == len(chunk) or chunk[i + 1].isspace())
    )


def _carried_over(chunk: str, mark: re.Match[str]) -> bool:
    """Whether the first mark of a paragraph that does not open with one can only close a
    quotation: a closing curly or doubled mark, or a straight one set right after the end
    of a clause and before a space (',\" said')."""
    i = mark.start()
    if not chunk[:i].strip():
        return False
    if mark.group() in {"\u201d", "''"}:
        return True
    after = chunk[i + 1 : i + 2]
    return mark.group() == '"' and chunk[i - 1] in ",.!?" and after in {"", " "}


def _quoted_tokens(doc: Doc, text: str) -> set[int]:
    inside = bytearray(len(text) + 1)
    for span in quote_spans(text):
        inside[span.start : span.end] = b"\x01" * (span.end - span.start)
    return {t.i for t in doc if inside[t.idx]}


def _note_gender(article: ParsedArticle, mention: Mention) -> None:
    before = article.doc[mention.start - 1].lower_.rstrip(".") if mention.start else ""
    words = {
        before,
        *mention.title.lower().replace(".", "").split(),
        *mention.surface.lower().split()[:1],
    }
    nouns = _apposed_nouns(article.doc[mention.end - 1])
    if words & FEMALE_MARKERS or nouns & FEMALE_NOUNS:
        article.gender[mention.name] = "f"
    elif words & MALE_MARKERS or nouns & MALE_NOUNS:
        article.gender[mention.name] = "m"
    elif mention.name not in article.gender:
        gender = first_name_gender(mention.name)
        if gender is not None:
            article.gender[mention.name] = gender


def _apposed_nouns(name: Token) -> set[str]:
    """The common nouns set beside a name as its apposition, either way round ("his wife,
    Huma Abedin", "Tom Smith, her husband"), lower-cased."""
    nouns = {c.lower_ for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
    if name.dep_ == "appos" and name.head.pos_ == "NOUN":
        nouns.add(name.head.lower_)
    return nouns


def person_at(article: ParsedArticle, token: Token) -> str | None:
    """The person named by `token` (a name, or a resolvable personal pronoun)."""
    mention = article.mention_at.get(token.i)
    if mention is not None:
        return mention.name if mention.type == "PERSON" else None
    if token.lower_ in _PRONOUN_GENDER:
        return resolve_pronoun(article, token)
    return None


def resolve_pronoun(article: ParsedArticle, token: Token) -> str | None:
    """The person a pronoun most likely names, or None where the text leaves it open.

    A pronoun in a fronted phrase names the subject after it ("After his arrest, X said").
    Otherwise the antecedent is sought sentence by sentence going back (at most three):
    people named there, and the subjects "he"/"she" already resolved there, whose gender
    (title, first name) does not clash. In the pronoun's own sentence the nearest name before
    it wins (for a subject pronoun, the nearest subject); in an earlier one the subject of its
    main clause. Two different people
    equally likely (two subjects, "X and Y met. He said") leave it unresolved, as does a
    name fronted before the pronoun's verb ("Of Obama, he said": not Obama). Names inside
    quotations are skipped for pronouns outside them.
    """
    return _resolved(article, token, 0)


def _resolved(article: ParsedArticle, token: Token, depth: int) -> str | None:
    if token.i in article.pronouns:
        return article.pronouns[token.i]
    if depth > _MAX_CHAIN:
        return None
    article.pronouns[token.i] = None  # a cycle through this pronoun resolves nothing
    article.check_time()
    found = _resolve(article, token, depth)
    article.pronouns[token.i] = found
    return found


def _resolve(article: ParsedArticle, token: Token, depth: int) -> str | None:
    want = _PRONOUN_GENDER.get(token.lower_)
    ahead = _cataphor(article, token, want)
    if ahead is not None:
        return ahead or None
    first = article.sentence_of[token.i]
    outside = token.i not in article.quoted
    fronted = {
        m.name
        for m in article.mentions
        if article.sentence_of[m.start] == first and _fronted_object(article, m, token)
    } | _own_subjects(article, token, depth)
    window = _narrative_window(article, first) if outside else range(first, max(-1, first - 4), -1)
    found = [
        (index, [
            (name, at)
            for name, at in _antecedents(article, index, token.i, depth)
            if name not in fronted and not (outside and at.i in article.quoted)
        ])
        for index in window
    ]
    clashing = {name for _, here in found for name, at in here if _pronoun_clash(at, want)}
    speaking = token.dep_ in _SUBJECTS and token.head.lemma_.lower() in SPEECH_VERBS
    weak: str | None = None
    for index, people in found:
        here = [
            (name, at)
            for name, at in people
            if name not in clashing and article.gender.get(name, want) == want
        ]
        if not here:
            continue
        strong = [(name, at) for name, at in here
                  if not _modifier(at, same_sentence=index == first, speaking=speaking)]
        chosen = _choose(
            strong or here, same_sentence=index == first, subject=token.dep_ in _SUBJECTS
        )
        if strong:
            return chosen or None
        if weak is None:
            weak = chosen or ""
    return weak or None


def _narrative_window(article: ParsedArticle, first: int) -> list[int]:
    """The sentence `first` and the three before it, not counting the sentences of its own
    paragraph that are all quotation: a quotation of several sentences ("He's been to
    Pennsylvania. Tomorrow he is going to Detroit," he said) puts no distance between a
    pronoun after it and the name before it. Another paragraph's quotation counts."""
    found = [first]
    start = article.sentences[first].start_char
    index = first - 1
    while index >= 0 and len(found) < 4:
        sentence = article.sentences[index]
        index -= 1
        words = [t for t in sentence if t.is_alpha]
        if not words:
            continue  # a stray closing mark
        end = sentence.start_char + len(sentence.text.rstrip())
        if "\n" in article.text[end:start] or any(t.i not in article.quoted for t in words):
            found.append(index + 1)
    return found


def _pronoun_clash(at: Token, want: str | None) -> bool:
    """Whether `at` is a pronoun of the other gender than `want`: the person "she" was
    resolved to is no antecedent of "he", whatever the name's first word says ("Bhutto was
    killed as she left a rally ... he said")."""
    gender = _PRONOUN_GENDER.get(at.lower_)
    return gender is not None and want is not None and gender != want


def _modifier(at: Token, *, same_sentence: bool, speaking: bool) -> bool:
    """A name set before a noun as its modifier ("the Romney campaign"), or, for the subject
    of a speech verb, in a sentence before the pronoun's as a possessive ("Clarkson's actions
    show ... "...," he said"): an antecedent only where no subject or other full mention of
    a person is in reach. In the pronoun's own sentence a possessive is one ("Thaksin's
    tactics were blamed, but he was ousted"), and so it is for what befell someone: the one
    whose body or death a sentence tells of is who a "he" after it was done to ("Fox's body
    had been found ... Officials say that he was beaten", not the spokesman before)."""
    if at.lower_ in _PRONOUN_GENDER or at.dep_ not in {"poss", "compound", "nmod"}:
        return False
    if at.dep_ == "poss":
        return speaking and not same_sentence
    between = at.doc[min(at.i, at.head.i) + 1 : max(at.i, at.head.i)]
    return not any(t.is_punct for t in between)  # not "Smith - his aide"


def _own_subjects(article: ParsedArticle, pronoun: Token, depth: int) -> set[str]:
    """ "Patrick offered him the seat": the subject of an object pronoun's own verb is never
    its antecedent (that would be "himself")."""
    if pronoun.dep_ not in {"dobj", "dative", "iobj"} or pronoun.lower_ not in {"him", "her"}:
        return set()
    verb = pronoun.head
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in _SUBJECTS]
    names = set()
    for subject in subjects:
        mention = article.mention_at.get(subject.i)
        if mention is not None and mention.type == "PERSON":
            names.add(mention.name)
        elif subject.lower_ in {"he", "she"} and subject.i != pronoun.i:
            names.add(_resolved(article, subject, depth + 1) or _UNNAMED)
    return names


def _antecedents(
    article: ParsedArticle, index: int, before: int, depth: int
) -> list[tuple[str, Token]]:
    """(person, token) of the people named in sentence `index` before token `before`, and of
    its subject pronouns that resolve, in text order."""
    sentence = article.sentences[index]
    found: list[tuple[str, Token]] = []
    for token in sentence:
        if token.i >= before:
            break
        mention = article.mention_at.get(token.i)
        if mention is not None and token.i == mention.end - 1 and mention.type == "PERSON":
            found.append((mention.name, token))
        elif mention is None and token.dep_ in _SUBJECTS and token.lower_ in {"he", "she"}:
            person = _resolved(article, token, depth + 1)
            if person is not None:
                found.append((person, token))
        elif _someone_unnamed(article, token):
            found.append((_UNNAMED, token))
    return found


_UNNAMED = ""
"""The antecedent "a 19-year-old rioter": a person, but nobody the article names."""


def _someone_unnamed(article: ParsedArticle, token: Token) -> bool:
    """A subject that names a person without a name: an indefinite one ("A 19-year-old
    rioter said", "a former finance minister told"), someone's ("Obama's spokesman said",
    "his lawyer wrote": never the owner), or one that brings in someone new ("the police
    spokesman said"): a pronoun after it is not some named person's."""
    if token.dep_ not in _SUBJECTS or token.pos_ != "NOUN" or token.tag_ != "NN":
        return False
    lemma = token.lemma_.lower()
    if not is_person_noun(lemma) and lemma not in ANONYMOUS_SPEAKERS | ROLE_NOUNS:
        return False
    named = (c for c in token.children if c.dep_ != "poss")
    if any(c.dep_ == "appos" or c.i in article.mention_at for c in named):
        return False  # "a spokesman, Tom Smith,": named after all
    if token.lemma_.lower() in ANONYMOUS_SPEAKERS:
        return True
    return any(
        c.lower_ in {"a", "an", "one", "another"} or _owner(article, c) for c in token.children
    )


def _owner(article: ParsedArticle, token: Token) -> bool:
    """Whether `token` is a possessive naming a person: a name or a personal pronoun."""
    if token.dep_ != "poss":
        return False
    mention = article.mention_at.get(token.i)
    return token.lower_ in _PRONOUN_GENDER or (mention is not None and mention.type == "PERSON")


def _choose(here: list[tuple[str, Token]], *, same_sentence: bool, subject: bool) -> str | None:
    if len({name for name, _ in here}) == 1:
        return here[0][0]
    if same_sentence:
        subjects = [name for name, at in here if _salience(at)] if subject else []
        return subjects[-1] if subjects else here[-1][0]
    best = max(_salience(at) for _, at in here)
    top = {name for name, at in here if _salience(at) == best}
    return top.pop() if len(top) == 1 else None


def _fronted_object(article: ParsedArticle, m: Mention, pronoun: Token) -> bool:
    """ "Of Obama, he said", "Saying President Obama, he said, was ...": a name in a phrase
    or a subjectless clause fronted before the subject pronoun's own clause is not the
    pronoun's antecedent where it is that phrase's object ("When the draft was sent to Mr.
    Petraeus, he ...", "According to X, a member of Ms. Bhutto's party, she ..." may be)."""
    name = article.doc[m.end - 1]
    if pronoun.dep_ not in _SUBJECTS or name.i >= pronoun.i or name.dep_ not in _OBJECTS:
        return False
    clauses = {pronoun.head.i, *(a.i for a in pronoun.head.ancestors)}
    phrase = name.head
    if phrase.head.i not in clauses and phrase.dep_ == "prep":
        phrase = phrase.head  # "Asked about Obama,"
    return (
        phrase.head.i in clauses
        and phrase.dep_ in _FRONTED
        and not any(c.dep_ in _SUBJECTS for c in phrase.children)
        and phrase.right_edge.i < pronoun.i
        and phrase.head.i > phrase.right_edge.i
    )


_FRONTED = frozenset({"prep", "advcl", "npadvmod", "advmod", "csubj"})
"""How a fronted phrase hangs from its clause: "Of Obama,", "Asked about Obama,", "Saying
President Obama, he said, was too simple an answer" (a clausal subject)."""
_OBJECTS = frozenset({"dobj", "pobj"})


def _cataphor(article: ParsedArticle, token: Token, want: str | None) -> str | None:
    """The subject after a fronted phrase holding the pronoun, in the main clause ("After his
    arrest, X said") or in a reported one ("Y said that days before her death, X had")."""
    for clause in _clauses_of(token):
        found = _fronted_before_subject(article, token, clause, want)
        if found is not None:
            return found
    return None


def _someone_described(subject: Token) -> bool:
    """ "the princess", "the minister", "his lawyer": a person the subject describes without
    naming, whom a fronted pronoun before it ("before her death, the princess ...") names as
    likely as anyone earlier."""
    if subject.pos_ != "NOUN" or subject.tag_ != "NN":
        return False
    if not (is_person_noun(subject.lemma_) or subject.lemma_.lower() in ROLE_NOUNS):
        return False
    return any(c.lower_ in {"the", "this", "that"} or c.dep_ == "poss" for c in subject.children)


def _clauses_of(token: Token) -> list[Token]:
    """The reported clauses ("said that ... X had") the token sits in, nearest first, then
    the sentence's main clause."""
    reported = [
        a for a in token.ancestors if a.dep_ == "ccomp" and a.pos_ in {"VERB", "AUX"}
    ]
    return [*reported, token.sent.root]


def _fronted_before_subject(
    article: ParsedArticle, token: Token, root: Token, want: str | None
) -> str | None:
    fronted = [c for c in root.children if c.left_edge.i <= token.i <= c.right_edge.i]
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS and c.i > token.i]
    if not fronted or not subjects or fronted[0].dep_ in _SUBJECTS | {"ccomp", "conj"}:
        return None
    if fronted[0].right_edge.i >= subjects[0].left_edge.i or _own_doer(token, fronted[0]):
        return None
    mention = article.mention_at.get(subjects[0].i)
    if mention is None and _someone_described(subjects[0]):
        return _UNNAMED  # "Y said that before her death, the princess had": open
    if mention is None or mention.type != "PERSON":
        return None
    return mention.name if article.gender.get(mention.name, want) == want else None


def _own_doer(pronoun: Token, fronted: Token) -> bool:
    """ "When Representative Kweisi Mfume announced his resignation, Cummings joined the
    race": a fronted clause with a person of its own as subject before the pronoun, whom the
    pronoun may as well name as the main clause's subject ("When police announced his
    arrest, X" still names X)."""
    clauses = [pronoun, *pronoun.ancestors]
    inside = clauses[: clauses.index(fronted) + 1] if fronted in clauses else []
    return any(
        c.dep_ in _SUBJECTS
        and c.i < pronoun.i
        and (c.ent_type_ == "PERSON" or c.lower_ in {"he", "she"} or is_person_noun(c.lemma_))
        for clause in inside
        for c in clause.children
    )


def _salience(token: Token) -> int:
    """2 for the subject of the main clause, 1 for another subject, 0 otherwise."""
    while token.dep_ in {"appos", "conj", "compound"}:
        token = token.head
    if token.dep_ not in _SUBJECTS:
        return 0
    return 2 if token.head.dep_ == "ROOT" else 1


def sentence_text(article: ParsedArticle, index: int) -> str:
    return article.sentences[index].text.strip()
