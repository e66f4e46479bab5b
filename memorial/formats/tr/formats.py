# "2 Şubat 1992": Django's "d F Y" writes the day with a leading zero ("02 Şubat 1992").
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
