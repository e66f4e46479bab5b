# "26 February 1992" and "February 1992", as the archive's English has always read; Django's
# American default is "Feb. 26, 1992".
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
