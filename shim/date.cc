/* date.cc - the one ISO 8601 form Khabar accepts for article dates:
 * YYYY-MM-DD, optionally followed by 'T' or ' ' and
 * HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM], with real month, day and time
 * ranges, so that the YYYYMMDD value slot only ever holds real dates. */
#include "internal.h"

/* Reads exactly N ASCII digits at *P into *VALUE and moves past them. */
static bool
take_digits(const char **p, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *value = v;
    return true;
}

static bool
take_char(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

/* Reads a two-digit number at *P no larger than MAX. */
static bool
take_field(const char **p, int max)
{
    int value;
    return take_digits(p, 2, &value) && value <= max;
}

static bool
is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

/* YYYY-MM-DD with a month and day that exist. */
static bool
take_calendar_date(const char **p)
{
    int year, month, day;
    return take_digits(p, 4, &year) && take_char(p, '-') &&
           take_digits(p, 2, &month) && month >= 1 && month <= 12 &&
           take_char(p, '-') && take_digits(p, 2, &day) && day >= 1 &&
           day <= days_in_month(year, month);
}

/* HH:MM[:SS[.fraction]]; second 60 is a leap second. */
static bool
take_time(const char **p)
{
    if (!take_field(p, 23) || !take_char(p, ':') || !take_field(p, 59))
        return false;
    if (!take_char(p, ':'))
        return true;
    if (!take_field(p, 60))
        return false;
    if (take_char(p, '.')) {
        if (**p < '0' || **p > '9')
            return false;
        while (**p >= '0' && **p <= '9')
            (*p)++;
    }
    return true;
}

/* Nothing, Z, or +HH:MM / -HH:MM. */
static bool
take_zone(const char **p)
{
    if (take_char(p, 'Z') || **p == '\0')
        return true;
    if (!take_char(p, '+') && !take_char(p, '-'))
        return false;
    return take_field(p, 23) && take_char(p, ':') && take_field(p, 59);
}

bool
_khabar_date_is_valid(const char *date)
{
    const char *p = date;
    if (!take_calendar_date(&p))
        return false;
    if (*p == '\0')
        return true;
    if (!take_char(&p, 'T') && !take_char(&p, ' '))
        return false;
    return take_time(&p) && take_zone(&p) && *p == '\0';
}
