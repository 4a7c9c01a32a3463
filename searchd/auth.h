/* auth.h - the bearer token that --token-file makes clients present.
 *
 * With --token-file FILE, a request must carry "Authorization: Bearer
 * TOKEN", TOKEN being the text of FILE with the whitespace around it
 * trimmed; otherwise it gets 401 with "WWW-Authenticate: Bearer".  FILE is
 * read once, at start, and must be a regular file that other users can
 * neither read nor write (group access is allowed, for a service group).
 * --token-for LIST limits the token to some routes (docs/OPERATIONS.md);
 * /healthz never needs it, so that monitoring probes need no secret.
 *
 * The comparison takes the same time wherever the presented token first
 * differs, and the token is never logged. */
#ifndef KHABAR_SEARCHD_AUTH_H
#define KHABAR_SEARCHD_AUTH_H

#include <stddef.h>

#include <microhttpd.h>

/* The most bytes a token file may hold, whitespace included. */
#define AUTH_FILE_MAX 4096

/* 1 when LIST is a --token-for value: "all", or a comma-separated list of
 * route names (search, article, similar, timeline, export, suggest, stats,
 * metrics, page); else 0, after logging what is wrong. */
int auth_scope_valid(const char *list);

/* Reads the token from PATH and requires it, from now on, on the routes
 * LIST names (NULL: "all").  A NULL PATH requires nothing.  0, or -1 after
 * logging what is wrong with the file (a usage error: exit 2).  Call
 * before the server starts. */
int auth_init(const char *path, const char *list);

/* Forgets the token (overwriting it first); after the server has stopped. */
void auth_fini(void);

/* 1 when a request for the route labelled LABEL (server.c) may be served:
 * no token is required for it, or CONNECTION presents the right one. */
int auth_permits(struct MHD_Connection *connection, const char *label);

/* Queues the 401 for a request that auth_permits() refused: "unauthorized"
 * with "WWW-Authenticate: Bearer realm=...", plus error="invalid_token"
 * when a token was presented but is wrong. */
enum MHD_Result auth_refuse(struct MHD_Connection *connection);

/* ---- The pure parts, for the unit tests ---- */

/* Trims the whitespace around TEXT (LEN bytes) and checks what is left:
 * 1 to AUTH_FILE_MAX bytes of visible ASCII.  Sets *START and *TOKEN_LEN
 * and returns 0, or returns -1 with *WHY saying what is wrong. */
int auth_token_parse(const char *text, size_t len, const char **start,
                     size_t *token_len, const char **why);

/* The token in an Authorization header value ("Bearer TOKEN", the scheme
 * in any case, spaces after it): sets *TOKEN and *LEN and returns 0; -1
 * for a missing header or another scheme. */
int auth_bearer(const char *header, const char **token, size_t *len);

/* 1 when GOT (GOT_LEN bytes) equals WANT (WANT_LEN), else 0, in a time
 * that depends on WANT_LEN only. */
int auth_equal(const char *want, size_t want_len, const char *got,
               size_t got_len);

/* Reads PATH as a token file into a malloc()ed, trimmed, NUL-terminated
 * token: 0, or -1 after logging "PATH: what is wrong". */
int auth_read_file(const char *path, char **token);

#endif /* KHABAR_SEARCHD_AUTH_H */
