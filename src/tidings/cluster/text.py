"""Cheap text features: content terms and capitalised phrases (a stand-in for named entities)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

_APOSTROPHES = "'\u2019"
_WORD = re.compile(rf"[^\W\d_][\w{_APOSTROPHES}\-]*", re.UNICODE)
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s?$")

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say told
    according new one two three would could may might must shall also year years week weeks day
    days time monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    mr mrs ms dr however many much even still last first since including another make made get got
    like people well back around percent per cent yet via way
    january february march april may june july august september october november december
    despite later earlier several following among amid although though whether meanwhile
    nevertheless instead moreover furthermore thus hence nearly almost unlike whereas besides
    throughout toward towards upon within without"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_HEADING = re.compile(r"={2,}[^=\n]{0,80}={2,}")
_LABEL_WORDS = 4
"""The most words of a name in a story label: longer runs are a title glued to a name or a
phrase ("US Presidential Election Barack Obama", "Abolition of Compulsory ... Fees")."""
_CONNECTORS = frozenset({"of", "de", "la", "van", "von", "der", "al", "bin", "du", "le", "for"})


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Case-folded, NFKC-normalised word without a possessive ending."""
    return _POSSESSIVE.sub("", unicodedata.normalize("NFKC", word).casefold())


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A deliberately light plural stripper: "wildfires" and "wildfire" are one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> Counter[str]:
    """Counts of content terms: folded, lightly stemmed, stop words and short words dropped."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = fold(match.group())
        if len(word) > 2 and word not in STOPWORDS:
            counts[stem(word)] += 1
    return counts


@lru_cache(maxsize=1 << 14)
def title_words(text: str, *, folded: bool = True) -> tuple[str, ...]:
    """The words of a headline, folded (or as written)."""
    words = (m.group() for m in _WORD.finditer(text))
    return tuple(fold(w) for w in words) if folded else tuple(words)


def _is_capitalised(word: str) -> bool:
    """A capitalised word that can be part of a name: no stop word, and no template name
    glued to a text's first word ("OntarioProvincialElection2007")."""
    if len(word) >= 12 and any(c.isdigit() for c in word):
        return False
    return word[0].isupper() and fold(word) not in STOPWORDS


def _phrases_in(sentence: str) -> list[tuple[list[str], str]]:
    """Runs of capitalised words (with connectors inside: "Bank of England"), each as its words
    and as written ("McCain", "Wal-Mart"). A run ends at any mark between two words: a list
    ("Liberals, Greens, Communists") or a bracket ("New Democratic Party (NDP)") is several
    names, not one."""
    matches = list(_WORD.finditer(sentence))
    words = [m.group() for m in matches]
    phrases: list[tuple[list[str], str]] = []
    run: list[re.Match[str]] = []
    for index, word in enumerate([*words, ""]):
        apart = bool(word) and index > 0 and not sentence[
            matches[index - 1].end() : matches[index].start()].isspace()
        if apart and run:
            _close(run, sentence, phrases)
            run = []
        starts_name = index > 0 or (len(words) > 1 and _is_capitalised(words[1]))
        capitalised = bool(word) and _is_capitalised(word) and starts_name
        if capitalised or (word and run and fold(word) in _CONNECTORS):
            run.append(matches[index])
        else:
            _close(run, sentence, phrases)
            run = []
    return phrases


def _close(run: list[re.Match[str]], sentence: str, phrases: list[tuple[list[str], str]]
           ) -> None:
    """Keep a finished run, less the connectors it ends on, with its spelling."""
    while run and fold(run[-1].group()) in _CONNECTORS:
        run.pop()
    if run:
        phrases.append(([m.group() for m in run], sentence[run[0].start() : run[-1].end()]))


def is_title_case(title: str) -> bool:
    """True for headlines that capitalise most words, where capitals say nothing of names."""
    words = [m.group() for m in _WORD.finditer(title) if fold(m.group()) not in STOPWORDS]
    return len(words) > 2 and sum(w[0].isupper() for w in words) > 0.7 * len(words)


def entities(text: str) -> dict[str, str]:
    """Capitalised phrases not at a sentence start, plus each phrase's last word (a surname),
    folded, each with its first spelling in the text ("mccain": "McCain").

    "Prime Minister Gordon Brown" gives "prime minister gordon brown" and "brown", so a later
    plain "Brown" still matches. Sentence-initial words are skipped: there a capital says nothing,
    and so are wiki headings ("== Related Wikinews ==").
    """
    found: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", _HEADING.sub("\n", text)):
        for run, spelled in _phrases_in(sentence):
            found.setdefault(" ".join(fold(w) for w in run), _POSSESSIVE.sub("", spelled))
            found.setdefault(stem(fold(run[-1])), _POSSESSIVE.sub("", run[-1]))
    return {e: w for e, w in found.items() if len(e) > 2 and e not in STOPWORDS}


def readable_label(names: list[str], terms: list[str], titles: list[str], size: int = 3,
                   written: Mapping[str, str] | None = None) -> str:
    """A story label a reader can read: the leading names (folded phrases, heaviest first) of
    up to `_LABEL_WORDS` words, one each ("south ossetia" and "south ossetian" are one), cased
    as the headlines write them, else as the texts do (`written`: "McCain", "GDP"); key terms
    only where names are few, never codes ("bel20-tl"), written as a headline writes them, two
    that a headline puts together as its phrase ("snowden", "edward" -> "Edward Snowden"). It
    starts with a capital: empty when nothing readable and capitalised is left."""
    chosen: list[str] = []
    named: list[str] = []
    for candidate in names:
        if len(chosen) >= max(size, 2) and any(n[:1].isupper() for n in named):
            break  # the label is made of these: names after them change nothing
        if len(candidate.split()) <= _LABEL_WORDS and not any(_alike(candidate, c)
                                                              for c in chosen):
            chosen.append(candidate)
            named.append(_POSSESSIVE.sub("", _cased(candidate, titles, written or {})))
    if len(chosen) < 2:
        picked = []
        for term in terms:
            readable = term.isalpha() and len(term) > 3
            if readable and not any(_alike(term, c) for c in chosen + picked):
                picked.append(term)
            if len(chosen) + len(picked) >= 2:
                break
        named += _written_terms(picked, titles)
    capitalised = [n for n in named if n[:1].isupper()]
    if not capitalised:
        return ""
    first = capitalised[0]
    return ", ".join([first, *(n for n in named if n is not first)][:size])


def _written_terms(picked: list[str], titles: list[str]) -> list[str]:
    """Key terms as a headline writes them; two a headline joins as one phrase ("Edward
    Snowden", "Game of Thrones"); a term written capitalised only where every word is
    (a headline's first word, a title-case headline) stays lower case."""
    if len(picked) == 2:
        phrase = _joined(picked, titles)
        if phrase:
            return [phrase]
    return [_term_as_written(t, titles) for t in picked]


def _joined(pair: list[str], titles: list[str]) -> str:
    for title in titles:
        words = [m.group() for m in _WORD.finditer(title)]
        stems = [stem(fold(w)) for w in words]
        for i, j in ((i, j) for i in range(len(words)) for j in range(len(words))
                     if i < j and {stems[i], stems[j]} == set(pair)):
            between = stems[i + 1 : j]
            if all(fold(w) in _CONNECTORS for w in between) and len(between) <= 1:
                return " ".join(words[i : j + 1])
    return ""


def _term_as_written(term: str, titles: list[str]) -> str:
    for title in titles:
        if is_title_case(title):
            continue
        words = [m.group() for m in _WORD.finditer(title)]
        for index, word in enumerate(words):
            inner_capital = any(c.isupper() for c in word[1:])  # "McDonald's", "iPhone"
            if stem(fold(word)) == term and (index or inner_capital):
                return _POSSESSIVE.sub("", word)
    return term


def _alike(a: str, b: str) -> bool:
    """Two spellings of one thing: the words of one begin those of the other."""
    x, y = a.split(), b.split()
    if len(x) > len(y):
        x, y = y, x
    return any(
        all(_same_word(u, v) for u, v in zip(x, y[i : i + len(x)], strict=True))
        for i in range(len(y) - len(x) + 1)
    )


def _same_word(u: str, v: str) -> bool:
    n = min(len(u), len(v), 6)
    return u == v or (n >= 4 and u[:n] == v[:n])


def _cased(phrase: str, titles: list[str], written: Mapping[str, str]) -> str:
    """`phrase` as a headline writes it ("South Ossetia", "São Paulo"), else as the texts do,
    else capitalised."""
    wanted = phrase.split()
    for title in titles:
        words = [m.group() for m in _WORD.finditer(title)]
        folded = [fold(w) for w in words]
        for i in range(len(words) - len(wanted) + 1):
            if folded[i : i + len(wanted)] == wanted and words[i][0].isupper():
                return " ".join(words[i : i + len(wanted)])
    if phrase in written:
        return written[phrase]
    return " ".join(w if w in _CONNECTORS else w.capitalize() for w in wanted)
