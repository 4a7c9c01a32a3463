/* dates.c - reading the dates of pages: ISO 8601 as meta tags write it,
 * and English month names as datelines write them. */
#include "dates.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
};

static const char *const weekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", NULL,
};

static int valid(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d <= 28 + leap;
}

static int emit(int y, int m, int d, char out[11])
{
    if (!valid(y, m, d))
        return -1;
    /* Digit by digit: valid() has bounded each part. */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = out[7] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 0;
}

/* N digits at S, as a number; -1 when they are not all digits. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "2021-02-27", "2021/02/27", "2021.02.27". */
static int parse_numeric(const char *s, char out[11])
{
    int y = digits(s, 4), m, d;
    char sep;

    if (y < 0)
        return -1;
    sep = s[4];
    if (!sep || !strchr("-/.", sep))
        return -1;
    m = digits(s + 5, 2);
    if (m < 0 || s[7] != sep)
        return -1;
    d = digits(s + 8, 2);
    if (d < 0 || isdigit((unsigned char)s[10]))
        return -1;
    return emit(y, m, d, out);
}

/* The month named by the word at *S ("Feb", "Feb.", "February"), moving
 * *S past it; 0 when it names none. */
static int month_at(const char **s)
{
    size_t n = 0;

    while (isalpha((unsigned char)(*s)[n]))
        n++;
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++) {
        size_t full = strlen(months[i]);
        if ((n == full || n == 3 || (n == 4 && i == 8)) &&
            strncasecmp(*s, months[i], n) == 0) {
            *s += n + ((*s)[n] == '.');
            return i + 1;
        }
    }
    return 0;
}

/* A number of one or two (DAY) or four (year) digits at *S. */
static int number_at(const char **s, int max_digits)
{
    int v = 0, n = 0;

    while (n < max_digits && isdigit((unsigned char)(*s)[n]))
        v = v * 10 + ((*s)[n++] - '0');
    if (n == 0 || isdigit((unsigned char)(*s)[n]))
        return -1;
    *s += n;
    return v;
}

static void skip(const char **s, const char *chars)
{
    while (**s && strchr(chars, **s))
        (*s)++;
}

/* "February 27, 2021", "Feb. 27 2021", "27 February 2021", "27 Feb, 2021". */
static int parse_words(const char *s, char out[11])
{
    int m, d, y;

    if ((m = month_at(&s))) {
        skip(&s, " ");
        if ((d = number_at(&s, 2)) < 0)
            return -1;
        skip(&s, "stndrh");     /* 1st, 2nd, 3rd, 4th */
        skip(&s, " ,");
    } else {
        if ((d = number_at(&s, 2)) < 0)
            return -1;
        skip(&s, "stndrh");
        skip(&s, " .");
        if (!(m = month_at(&s)))
            return -1;
        skip(&s, " ,");
    }
    if ((y = number_at(&s, 4)) < 1000)
        return -1;
    return emit(y, m, d, out);
}

static const char *skip_weekday(const char *s)
{
    for (const char *const *w = weekdays; *w; w++) {
        size_t n = strlen(*w);
        if (strncasecmp(s, *w, n) == 0 && !isalpha((unsigned char)s[n])) {
            s += n;
            skip(&s, " ,.");
            return s;
        }
    }
    return s;
}

int date_parse(const char *s, char out[11])
{
    if (!s)
        return -1;
    skip(&s, " \t\n");
    if (parse_numeric(s, out) == 0)
        return 0;
    return parse_words(skip_weekday(s), out);
}

int date_find(const char *text, size_t limit, char out[11])
{
    for (size_t i = 0; i < limit && text[i]; i++) {
        int starts_word = i == 0 || !isalnum((unsigned char)text[i - 1]);
        if (starts_word && isalnum((unsigned char)text[i]) &&
            date_parse(text + i, out) == 0)
            return 0;
    }
    return -1;
}
