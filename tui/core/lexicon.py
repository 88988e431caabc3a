"""Words news outlets use interchangeably for one fact, folded onto one token.

Hand-written because a general thesaurus (WordNet) links far too loosely for fact
matching ("train" is also a railway); these groups are the everyday rewordings of
business, politics, sport and accident reporting, not any one story's vocabulary. A group is
kept only where it helps across the dev stories and costs nothing: "die/killed" and
"beat/defeated" were tried and gained nothing; "country/nation", "champions/holders",
"hurt/wounded" and "crash/collide" joined different facts.
"""

from __future__ import annotations

from collections.abc import Callable

_GROUPS = """
build develop create construct
employees staff workers workforce personnel
company firm
acquire acquired acquisition acquisitions buy bought purchase takeover
version clone replica avatar twin
layoffs layoff redundancies
test tests assessment assessments evaluation evaluations exam exercise
investor investors shareholders
rise rose risen jump jumped climb climbed gain gained surge surged increase increased boost soar soared
fall fell fallen drop dropped decline declined slip slipped slump slumped decrease decreased plunge plunged
launch launched release released unveil unveiled introduce introduced debut debuted
ceo boss
hire hired recruit recruited poach poached
restrict restricted limit limited ban banned
independent separate distinct
encourage encouraged urge urged
approve approved backed endorse endorsed
reject rejected oppose opposed
forecast forecasts predict predicts predicted
vote ballot
lawmakers legislators
physicians doctors
kids children minors
teenagers teens adolescents
concede conceded admit admitted
title crown
ram rammed smash smashed
"""


_PHRASES = """
ai: artificial intelligence
ceo: chief executive officer | chief executive
cfo: chief financial officer
cto: chief technology officer
ipo: initial public offering
llm: large language model | large language models
eu: european union
gdp: gross domestic product
"""


def phrase_map(stem: Callable[[str], str]) -> dict[tuple[str, ...], str]:
    """Stemmed multi-word phrase -> the stem of its usual short form ("artificial intelligence"
    -> "ai"), so the two spellings of one thing match."""
    table: dict[tuple[str, ...], str] = {}
    for line in _PHRASES.strip().splitlines():
        short, _, longs = line.partition(":")
        for phrase in longs.split("|"):
            table[tuple(stem(w) for w in phrase.split())] = stem(short.strip())
    return table


def synonym_map(stem: Callable[[str], str]) -> dict[str, str]:
    """Stem of every listed word -> stem of the first word of its group."""
    table: dict[str, str] = {}
    for line in _GROUPS.strip().splitlines():
        words = line.split()
        head = stem(words[0])
        for word in words:
            table.setdefault(stem(word), head)
    return table
