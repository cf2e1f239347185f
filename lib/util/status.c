/* status.c - concord_strerror() and the library version. */
#include "concord.h"

const char *concord_version(void) { return CONCORD_VERSION_STRING; }

const char *concord_strerror(concord_status status)
{
    switch (status) {
    case CONCORD_OK: return "success";
    case CONCORD_END: return "end of input";
    case CONCORD_ERR_NOMEM: return "out of memory";
    case CONCORD_ERR_INVALID: return "invalid argument";
    case CONCORD_ERR_IO: return "input/output error";
    case CONCORD_ERR_PARSE: return "malformed input";
    case CONCORD_ERR_EMPTY: return "empty text";
    case CONCORD_ERR_TOO_LARGE: return "record too large";
    case CONCORD_ERR_UNSUPPORTED: return "unsupported format or feature";
    case CONCORD_STATUS_COUNT_: break;
    }
    return "unknown status";
}
