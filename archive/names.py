"""Spelling-independent search keys for people's names.

Victims' names reach the archive in Azerbaijani Latin, Azerbaijani or Russian
Cyrillic and in English or Russian-style transliterations, and searchers type
any of these, usually without diacritics. Rather than list every spelling, each
word is reduced to a rough phonetic skeleton that the usual spellings share:

1. lowercase; map Cyrillic, and the Azerbaijani letters Unicode cannot
   decompose (``ə``, ``ı``), to Latin; NFKD and drop the remaining diacritics;
2. rewrite with ordered rule tables: surname and patronymic suffixes, digraphs
   (``sh``, ``ch``, ``dzh`` ...), the silent ``y`` of iotated vowels, then whole
   letter classes (every velar or glottal consonant becomes ``g``, ``e``
   becomes ``a`` ...);
3. collapse doubled letters.

Steps 2 and 3 repeat until nothing changes, which makes every key a fixed point
and folding idempotent.

The letter classes are coarse on purpose. Russian spellings blur Azerbaijani
sounds: h is written г (Гусейнов) or х (Шахбазов), q is г (Гасымов) or к
(Кулиев), ə is а (Алиев) or е (Мамедов). Keeping all of them apart would lose
real matches, so a few distinct names collide: Zakir/Zahir and Emin/Amin share
a key. For an archive search, a missed victim is worse than an extra result a
person can dismiss.

Known misses: spellings that change a vowel's quality (Qasımov/Kasumov,
Füzuli/Физули, Yusif/Yusuf) or voicing (Mehdiyev/Мехтиев) do not meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Cyrillic е is "ye" at the start of a word and after a vowel in Russian, but
# plain "e" in Azerbaijani Cyrillic. Writing "ye" everywhere and letting
# _IOTATION drop the y where it is silent makes both agree without guessing
# which alphabet a word is in. ё, ю, я likewise: after a consonant they stand
# for Azerbaijani ö, ü, ə (Гёзял, Гюнай, Кямал), and the y goes too.
_LETTERS = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "ye", "ё": "yo",
        "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
        # Azerbaijani Cyrillic
        "ә": "a", "ғ": "gh", "ҝ": "g", "ҹ": "j", "һ": "h", "ө": "o", "ү": "u", "ј": "y",
        # Latin letters that NFKD leaves as they are
        "ə": "a", "ǝ": "a", "ı": "i", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l",
    }
)  # fmt: skip

_NOT_KEY = re.compile(r"[^a-z0-9]+")
_DOUBLES = re.compile(r"([a-z])\1+")
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼʻ`´ʹ"))

_CONSONANT = "[b-df-hj-np-tv-xz]"
_VOWEL = "[aeiou]"


def _rules(*pairs: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), repl) for pattern, repl in pairs)


_SUFFIXES = _rules(
    # A Russian patronymic names the father: Алиевич is "son of Əli", the same
    # as "Əli oğlu", so only the father's name is kept.
    (r"(?<=[a-z]{2})y?[eo]v(?:ich|ych|na)$", ""),
    # A woman's surname should meet her family's: Məmmədova ~ Mamedov.
    (r"(?<=[a-z]{2}[eo]v)a$", ""),
    # -lı/-li/-ly are one suffix; Russian also writes -qulu as -кули.
    (r"(?<=[a-z]{2})lu$", "li"),
    (r"zadeh$", "zade"),
)

# Before the letter classes, because they need the h that those turn into g.
_DIGRAPHS = _rules(
    ("shch", "s"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("sh", "s"),
    ("ch", "j"),
    ("ph", "f"),
)

# y is a consonant only before a vowel it is really heard with (Yaqub, Ayaz);
# elsewhere it is a transliteration artefact or the second half of a diphthong.
_IOTATION = _rules(
    (r"^ye", "e"),  # Елена/Yelena/Elena, Yevlax/Евлах
    (rf"iy(?={_VOWEL})", "i"),  # Əliyev/Aliev, Zülfiyyə/Зульфия
    (rf"(?<={_VOWEL})ye", "e"),  # Ağayev/Агаев/Agaev
    (rf"(?<={_VOWEL})y(?=i)", ""),  # İsmayıl/Исмаил
    (rf"(?<={_CONSONANT})y(?={_VOWEL})", ""),  # Кямал/Kəmal, Gyulnara/Gülnarə
    (rf"y(?!{_VOWEL})", "i"),  # Hüseyn/Guseinov, Günay/Gunai, Khojaly/Xocalı
)

# Sounds that transliterations swap for one another are merged into one letter:
# ə~e (Məmməd/Mamed); ş~s and ç~c because searchers drop the cedilla; c~j
# (Cəfər/Jafar); and q, k, ğ, h, x all become g, since Russian writes h as г or
# х and q as г or к.
_CLASSES = str.maketrans("eqkhxcw", "aggggjv")

# After the classes: Russian devoices the b of Əkbər (Ələkbər/Алекпер).
_CLUSTERS = _rules(
    ("gp", "gb"),
)

_RULES = (*_SUFFIXES, *_DIGRAPHS, *_IOTATION)


def _skeleton(key: str) -> str:
    # A rule can expose a match for an earlier one (e.g. "dc" becomes "dj"),
    # so passes repeat until the key is stable. Each changing pass either
    # shortens the key or moves letters into the smaller target alphabet, and
    # no rule moves them back, so the loop ends.
    while True:
        before = key
        key = _DOUBLES.sub(r"\1", key)
        for pattern, repl in _RULES:
            key = pattern.sub(repl, key)
        key = key.translate(_CLASSES)
        for pattern, repl in _CLUSTERS:
            key = pattern.sub(repl, key)
        key = _DOUBLES.sub(r"\1", key)
        if key == before:
            return key


@lru_cache(maxsize=8192)
def fold_word(word: str) -> str:
    """Fold one token to its key; anything but letters and digits is dropped."""
    text = unicodedata.normalize("NFC", word.casefold()).translate(_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    return _skeleton(_NOT_KEY.sub("", text))


def _words(text: str) -> list[str]:
    # Apostrophes stand for Russian ь/ъ or glottal stops inside a word
    # (El'chin), so they join; any other non-letter separates words.
    text = text.translate(_APOSTROPHES)
    return "".join(ch if unicodedata.category(ch)[0] in "LMN" else " " for ch in text).split()


def fold(text: str) -> str:
    """Fold every word of ``text``; keys are joined by single spaces."""
    return " ".join(key for key in map(fold_word, _words(text)) if key)


# Words that only say "son of"/"daughter of" and would match every patronymic.
_MARKERS = frozenset(
    map(
        fold_word,
        ("oğlu", "oglu", "ogly", "ogli", "оглы", "qızı", "qizi", "gizi", "kyzy", "kizi", "кызы"),
    )
)


def name_keys(*names: str | None) -> str:
    """Unique folded tokens of all ``names``, space-separated, for storing in a column.

    A hyphenated compound (Rasul-zadə) is stored both split and joined, so a
    search typed either way finds it.
    """
    keys: dict[str, None] = {}
    for name in names:
        for chunk in (name or "").split():
            tokens = [key for key in map(fold_word, _words(chunk)) if key]
            # "Əli-oğlu" is a patronymic, not a compound worth joining.
            if len(tokens) > 1 and _MARKERS.isdisjoint(tokens) and _has_dash(chunk):
                tokens.append(fold_word(chunk))
            keys.update(dict.fromkeys(key for key in tokens if key not in _MARKERS))
    return " ".join(keys)


def _has_dash(text: str) -> bool:
    return any(unicodedata.category(ch) == "Pd" for ch in text)


def query_tokens(query: str) -> list[str]:
    """Folded tokens of a search query, without patronymic marker words."""
    return list(dict.fromkeys(key for key in fold(query).split() if key not in _MARKERS))


# Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). No name needs them,
# and a stray right-to-left override in a name reverses the text that follows it on a page.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_direction_controls(text: str) -> str:
    """``text`` without bidirectional embedding, override or isolate characters."""
    return text.translate(_DIRECTION_CONTROLS)
