"""Grammar that a translation catalogue cannot carry: the ending a decade's number takes, which
in Azerbaijani and Turkish follows the vowels of the number as it is spoken.

The catalogues hold the words around it ("the %(decade)s%(ending)s", "%(decade)s-%(ending)s
illər", "%(decade)s'%(ending)s", "%(decade)s-%(ending)s годы"); this module gives the ending:
1990 is "doxsan" in Azerbaijani, so "1990-cı illər", and 1950 "əlli", so "1950-ci illər";
in Turkish "1990'lar" but "1950'ler"; "1990s" in English and "1990-е" in Russian alike."""

from __future__ import annotations

# The last word of a number as spoken, by its last non-zero digit: units, tens, then hundreds
# and thousands (a number ending in 000 ends in the word for thousand).
_SPOKEN = {
    "az": {
        "units": ("", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz"),
        "tens": (
            "",
            "on",
            "iyirmi",
            "otuz",
            "qırx",
            "əlli",
            "altmış",
            "yetmiş",
            "səksən",
            "doxsan",
        ),
        "hundred": "yüz",
        "thousand": "min",
    },
    "tr": {
        "units": ("", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"),
        "tens": ("", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"),
        "hundred": "yüz",
        "thousand": "bin",
    },
}
_VOWELS = "aıoueəiöü"


def _last_spoken_word(number: int, language: str) -> str:
    words = _SPOKEN[language]
    if number % 10:
        return words["units"][number % 10]
    if number % 100:
        return words["tens"][number // 10 % 10]
    if number % 1000:
        return words["hundred"]
    return words["thousand"]


def _last_vowel(word: str) -> str:
    return next(letter for letter in reversed(word) if letter in _VOWELS)


# Where the ending does not change with the number.
_FIXED_ENDINGS = {"en": "s", "ru": "е"}


def decade_ending(year: int, language: str | None) -> str:
    """The ending of the decade that begins in ``year`` (a multiple of ten) in ``language``:
    in English the plural "s", in Russian "е" (1990-е), in Azerbaijani the ordinal ending
    (cı, ci, cu, cü: 1990-cı), in Turkish the plural ending (lar, ler: 1990'lar)."""
    language = (language or "en").split("-")[0]
    if language not in _SPOKEN or year <= 0:
        return _FIXED_ENDINGS.get(language, "")
    vowel = _last_vowel(_last_spoken_word(year, language))
    if language == "tr":
        return "lar" if vowel in "aıou" else "ler"
    return {"a": "cı", "ı": "cı", "o": "cu", "u": "cu", "ö": "cü", "ü": "cü"}.get(vowel, "ci")
