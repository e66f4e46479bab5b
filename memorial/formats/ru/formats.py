# "26 февраля 1992" (the month in the genitive, E) and "февраль 1992" (the nominative, F, in lower
# case: see month_names/ru), without Django's "г.", which the archive's dates never carry.
DATE_FORMAT = "j E Y"
YEAR_MONTH_FORMAT = "F Y"
