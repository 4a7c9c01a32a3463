/* params.h - strict parsing of the numbers and addresses searchd is given.
 *
 * Pure functions: no I/O, no allocation, no locale, so the unit tests can
 * check every edge and the request handlers can trust what they get back.
 */
#ifndef KHABAR_SEARCHD_PARAMS_H
#define KHABAR_SEARCHD_PARAMS_H

#include <sys/socket.h>

/* Parses TEXT as a decimal integer from MIN to MAX into *OUT and returns 0,
 * or returns -1 and leaves *OUT alone.  Only the digits 0-9 are accepted: no
 * sign, no spaces, no empty string, no leading zeros beyond a lone "0" (so a
 * value has one spelling), no overflow. */
int params_parse_uint(const char *text, unsigned long min, unsigned long max,
                      unsigned long *out);

/* An address to listen on, ready for MHD_OPTION_SOCK_ADDR. */
struct params_listen {
    struct sockaddr_storage addr;
    socklen_t addrlen;
    int family;                 /* AF_INET or AF_INET6 */
    unsigned port;              /* also in ADDR, in network order */
};

/* Parses "A.B.C.D:PORT" or "[IPV6]:PORT" (PORT 0 to 65535, 0 meaning any
 * free port) into *OUT and returns 0, or returns -1.  Only literal
 * addresses: a name such as "localhost" would need a resolver and could
 * bind somewhere unexpected, and an empty host (":80") would leave open
 * whether every interface was meant. */
int params_parse_listen(const char *text, struct params_listen *out);

/* Writes the URL "http://HOST:PORT/" for ADDR and PORT into BUF (of SIZE
 * bytes) and returns 0, or -1 when it does not fit. */
int params_format_url(const struct params_listen *addr, unsigned port,
                      char *buf, size_t size);

#endif /* KHABAR_SEARCHD_PARAMS_H */
