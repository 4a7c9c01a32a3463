/* params.c - strict parsing of the numbers and addresses searchd is given.
 *
 * strtoul() is not used on purpose: it skips spaces, takes a sign (and
 * negates "-1" into a huge value) and depends on errno for overflow.  The
 * loops here accept digits and nothing else. */
#include "params.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

int
params_parse_uint(const char *text, unsigned long min, unsigned long max,
                  unsigned long *out)
{
    unsigned long value = 0;
    const char *p;

    if (text == NULL || *text == '\0')
        return -1;
    /* "007" is refused so that a page or a port has one spelling. */
    if (text[0] == '0' && text[1] != '\0')
        return -1;
    for (p = text; *p != '\0'; p++) {
        unsigned digit;

        if (*p < '0' || *p > '9')
            return -1;
        digit = (unsigned)(*p - '0');
        /* Stop before VALUE * 10 + DIGIT could pass MAX, so no overflow. */
        if (digit > max || value > (max - digit) / 10)
            return -1;
        value = value * 10 + digit;
    }
    if (value < min)
        return -1;
    *out = value;
    return 0;
}

/* Copies the LEN bytes at HOST into BUF (SIZE bytes) as a C string, or
 * returns -1 when they do not fit. */
static int
copy_host(const char *host, size_t len, char *buf, size_t size)
{
    if (len == 0 || len >= size)
        return -1;
    memcpy(buf, host, len);
    buf[len] = '\0';
    return 0;
}

static int
fill_ipv4(const char *host, unsigned port, struct params_listen *out)
{
    struct sockaddr_in *sin = (struct sockaddr_in *)&out->addr;

    memset(&out->addr, 0, sizeof(out->addr));
    if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
        return -1;
    sin->sin_family = AF_INET;
    sin->sin_port = htons((unsigned short)port);
    out->addrlen = sizeof(*sin);
    out->family = AF_INET;
    out->port = port;
    return 0;
}

static int
fill_ipv6(const char *host, unsigned port, struct params_listen *out)
{
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&out->addr;

    memset(&out->addr, 0, sizeof(out->addr));
    if (inet_pton(AF_INET6, host, &sin6->sin6_addr) != 1)
        return -1;
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons((unsigned short)port);
    out->addrlen = sizeof(*sin6);
    out->family = AF_INET6;
    out->port = port;
    return 0;
}

int
params_parse_listen(const char *text, struct params_listen *out)
{
    char host[INET6_ADDRSTRLEN];
    const char *colon;
    unsigned long port;
    int bracketed;

    if (text == NULL)
        return -1;
    /* The port follows the last colon; IPv6 hosts carry colons of their
     * own, hence the brackets. */
    colon = strrchr(text, ':');
    if (colon == NULL || params_parse_uint(colon + 1, 0, 65535, &port) != 0)
        return -1;
    bracketed = text[0] == '[';
    if (bracketed) {
        if (colon - text < 2 || colon[-1] != ']')
            return -1;
        if (copy_host(text + 1, (size_t)(colon - text - 2), host,
                      sizeof(host)) != 0)
            return -1;
        return fill_ipv6(host, (unsigned)port, out);
    }
    if (copy_host(text, (size_t)(colon - text), host, sizeof(host)) != 0)
        return -1;
    return fill_ipv4(host, (unsigned)port, out);
}

int
params_format_url(const struct params_listen *addr, unsigned port, char *buf,
                  size_t size)
{
    char host[INET6_ADDRSTRLEN];
    const void *raw;
    int n;

    if (addr->family == AF_INET6)
        raw = &((const struct sockaddr_in6 *)&addr->addr)->sin6_addr;
    else
        raw = &((const struct sockaddr_in *)&addr->addr)->sin_addr;
    if (inet_ntop(addr->family, raw, host, sizeof(host)) == NULL)
        return -1;
    if (addr->family == AF_INET6)
        n = snprintf(buf, size, "http://[%s]:%u/", host, port);
    else
        n = snprintf(buf, size, "http://%s:%u/", host, port);
    if (n < 0 || (size_t)n >= size)
        return -1;
    return 0;
}
