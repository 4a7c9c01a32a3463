/* route_args.c - reading and refusing query arguments, shared by the
 * handlers; see routes.h.  Refusals name the argument, never its value. */
#include "routes.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "params.h"
#include "respond.h"

int
route_arg(struct MHD_Connection *connection, const char *name,
          const char **value)
{
    const char *text = NULL;
    size_t len = 0;

    if (MHD_lookup_connection_value_n(connection, MHD_GET_ARGUMENT_KIND,
                                      name, strlen(name), &text,
                                      &len) != MHD_YES)
        return -1;
    if (text == NULL) {         /* "?name" with no "=" */
        *value = "";
        return 0;
    }
    if (strlen(text) != len)    /* "%00" decoded into the text */
        return -2;
    *value = text;
    return 0;
}

int
route_uint_arg(struct MHD_Connection *connection, const char *name,
               unsigned long min, unsigned long max,
               unsigned long default_value, unsigned long *out)
{
    const char *text;

    switch (route_arg(connection, name, &text)) {
    case -1:
        *out = default_value;
        return 0;
    case 0:
        return params_parse_uint(text, min, max, out);
    default:
        return -1;
    }
}

enum MHD_Result
route_missing(struct MHD_Connection *connection, const char *name)
{
    char message[128];
    int n;

    n = snprintf(message, sizeof(message), "parameter '%s' is required",
                 name);
    if (n < 0 || (size_t)n >= sizeof(message)) {
        log_error("message for parameter '%s' too long", name);
        return respond_internal(connection);
    }
    return respond_error(connection, MHD_HTTP_BAD_REQUEST,
                         "missing_parameter", message);
}

enum MHD_Result
route_bad_uint(struct MHD_Connection *connection, const char *name,
               unsigned long min, unsigned long max)
{
    char must[96];
    int n;

    n = snprintf(must, sizeof(must), "must be an integer from %lu to %lu",
                 min, max);
    if (n < 0 || (size_t)n >= sizeof(must)) {
        log_error("message for parameter '%s' too long", name);
        return respond_internal(connection);
    }
    return route_bad_arg(connection, name, must);
}

enum MHD_Result
route_bad_arg(struct MHD_Connection *connection, const char *name,
              const char *must)
{
    char message[192];
    int n;

    n = snprintf(message, sizeof(message), "parameter '%s' %s", name, must);
    if (n < 0 || (size_t)n >= sizeof(message)) {
        log_error("message for parameter '%s' too long", name);
        return respond_internal(connection);
    }
    return respond_error(connection, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                         message);
}
