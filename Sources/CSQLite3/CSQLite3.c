// The wrappers are all inline in include/CSQLite3.h; SwiftPM needs one source file per C target.
#include "CSQLite3.h"
