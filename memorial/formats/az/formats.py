# Azerbaijani groups thousands with a full stop (1.275), as Turkish does; Django gives a space.
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
NUMBER_GROUPING = 3
# "26 fevral 1992", "fevral 1992": the month in lower case (see month_names/az).
DATE_FORMAT = "j E Y"
YEAR_MONTH_FORMAT = "F Y"
