"""Reading level, offline and fast: Flesch-Kincaid grade (English) and the INFLESZ index (Spanish).

Why not a library: textstat (the usual choice) now counts syllables with NLTK's CMU dictionary, which it tries to
download at run time (this fails offline, as on a clinic kiosk), and importing it takes about 0.25 s. The
Flesch-Kincaid formula is one line; what needs care is counting syllables, done here with the common vowel-group
rule plus English endings, which is within a syllable for nearly all words a patient page uses. Tests pin it
against hand-counted words and against published grade examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s|$|[\"')\]])")
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_SILENT_END_RE = re.compile(r"(?:[^laeiouy]es|[^laeiouytd]ed|[^laeiouy]e)$")

# Words the vowel-group rule gets wrong and that patient texts use often.
_EXCEPTIONS = {
    "ketamine": 3,
    "esketamine": 4,
    "area": 3,
    "idea": 3,
    "being": 2,
    "people": 2,
    "every": 3,
    "everyone": 4,
    "business": 2,
    "create": 2,
    "created": 3,
    "creates": 2,
    "science": 2,
    "scientist": 3,
    "scientists": 3,
    "quiet": 2,
    "diet": 2,
    "poem": 2,
    "real": 1,
    "really": 2,
    "anxiety": 4,
    "variety": 4,
    "receptor": 3,
    "receptors": 3,
    "naive": 2,
    "coordinate": 4,
    "cooperate": 4,
    "react": 2,
    "reaction": 3,
    "reactions": 3,
    "theory": 3,
    "period": 3,
    "periods": 3,
    "serious": 3,
    "previous": 3,
    "various": 3,
    "obvious": 3,
    "radio": 3,
    "video": 3,
    "trial": 2,
    "trials": 2,
    "dial": 2,
    "via": 2,
    "iv": 2,
    "fda": 3,
    "nmda": 4,
    "ampa": 2,
    "bdnf": 4,
    "mtor": 2,
    "rems": 1,
    "dissociation": 5,
    "association": 5,
}

MEDICAL_TERMS = frozenset(  # i18n: not shown (word list)
    [
        "nmda",
        "ampa",
        "bdnf",
        "mtor",
        "glutamate",
        "glutamatergic",
        "dissociation",
        "dissociative",
        "dissociated",
        "esketamine",
        "arketamine",
        "antagonist",
        "agonist",
        "receptor",
        "receptors",
        "synapse",
        "synapses",
        "synaptic",
        "synaptogenesis",
        "neuroplasticity",
        "plasticity",
        "interstitial",
        "cystitis",
        "hepatobiliary",
        "cholangitis",
        "metabolite",
        "metabolites",
        "hydroxynorketamine",
        "enantiomer",
        "enantiomers",
        "rems",
        "benzodiazepine",
        "benzodiazepines",
        "oximeter",
        "oximetry",
        "maoi",
        "maois",
        "cyp2b6",
        "cyp3a4",
        "neurotrophic",
        "intranasal",
        "sedation",
        "psychotomimetic",
        "cardiovascular",
        "cerebrovascular",
        "hypertension",
        "hypertensive",
        "aneurysm",
        "intracerebral",
        "hemorrhage",
        "anesthetic",
        "anaesthetic",
        "anesthesia",
        "esketamina",
        "ketamina",
        "receptor",
        "receptores",
        "glutamato",
        "disociación",
        "disociativo",
        "sinapsis",
        "sinaptogénesis",
        "antagonista",
        "metabolito",
        "enantiómero",
        "benzodiacepina",
        "oxímetro",
        "hipertensión",
        "aneurisma",
        "hemorragia",
        "anestésico",
    ]
)
"""Medical words counted as words of (at least) 4 syllables: short to spell, hard for a patient to read."""


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one English word (at least 1)."""
    w = word.lower().replace("\u2019", "'")
    if w.isdigit():
        return max(1, len(w) // 2 + 1)  # "24" -> "twen-ty-four"; rough, and numbers are rare in prompts
    w = w.split("'")[0] or w
    if w in MEDICAL_TERMS:
        return max(4, _plain_syllables(w))
    return _plain_syllables(w)


def _plain_syllables(w: str) -> int:
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if w.endswith("s") and w[:-1] in _EXCEPTIONS:
        return _EXCEPTIONS[w[:-1]]
    if len(w) <= 3:
        return 1
    stem = _SILENT_END_RE.sub("", w)  # silent final e, -es, -ed ("table": the -le stays its own syllable)
    stem = stem.lstrip("y")
    count = len(_VOWEL_GROUP_RE.findall(stem))
    return max(1, count)


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE_END_RE.findall(text.strip())))


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level of `text` (0.0 for text without words)."""
    ws = words(text)
    if not ws:
        return 0.0
    syl = sum(syllables(w) for w in ws)
    return 0.39 * (len(ws) / sentence_count(text)) + 11.8 * (syl / len(ws)) - 15.59


# ---------------------------------------------------------------------------------------------------------------
# Spanish: the INFLESZ scale (Barrio-Cantalejo et al. 2008) over the Szigriszt-Pazos perspicuity index

_ES_STRONG = set("aeoáéóíú")  # an accented i or u breaks a diphthong, so it counts as strong
_ES_VOWELS = set("aeiouáéíóúü")


@lru_cache(maxsize=65536)
def syllables_es(word: str) -> int:
    """Syllables in one Spanish word (at least 1): vowel nuclei, with diphthongs and hiatus."""
    w = word.lower()
    if w.isdigit():
        return max(1, len(w) // 2 + 1)
    if w in MEDICAL_TERMS:
        return max(4, _plain_syllables_es(w))
    return _plain_syllables_es(w)


def _plain_syllables_es(w: str) -> int:
    # A silent u in que/qui/gue/gui is no vowel; y is a vowel at the end of a word ("hoy", "muy").
    w = w.replace("que", "qe").replace("qui", "qi").replace("gue", "ge").replace("gui", "gi")
    if w.endswith("y"):
        w = w[:-1] + "i"
    count = 0
    prev: str | None = None
    for ch in w:
        if ch not in _ES_VOWELS:
            prev = None
            continue
        if prev is None:
            count += 1
        elif prev in _ES_STRONG and ch in _ES_STRONG:
            count += 1  # hiatus: two strong vowels ("le-er", "dí-a")
        prev = ch
    return max(1, count)


def inflesz(text: str) -> float:
    """Szigriszt-Pazos perspicuity of Spanish `text` (higher is easier; 55-65 is "normal", plain patient text).

    P = 206.835 - 62.3 * syllables/words - words/sentences. 100.0 for text without words.
    """
    ws = words(text)
    if not ws:
        return 100.0
    syl = sum(syllables_es(w) for w in ws)
    return 206.835 - 62.3 * (syl / len(ws)) - len(ws) / sentence_count(text)


def reading_text(pieces: Iterable[str | None]) -> str:
    """Join what a learner reads (prompt, choices, ...) into one text, each piece its own sentence."""
    parts = []
    for piece in pieces:
        if not piece:
            continue
        piece = piece.strip()
        parts.append(piece if piece[-1] in ".!?:;" else piece + ".")
    return " ".join(parts)
