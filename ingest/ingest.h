// ingest: from outside input (articles, or triples made elsewhere) to a
// ChangeSet for the store. Nothing here touches the store.
#ifndef KG_INGEST_INGEST_H_
#define KG_INGEST_INGEST_H_

#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg {

// Parses the JSON lines that `kg extract` writes (../shared/eval/README.md):
// triple lines and {"kind": "entity"} lines, grouped into one document per
// "doc". Optional per-line fields: title, date (YYYY-MM-DD), source, start,
// end. Throws Error("FILE:LINE: what is wrong") on the first bad line, before
// anything reaches the store.
ChangeSet ReadTriplesJsonl(std::string_view content, const std::string& file_name);

}  // namespace kg

#endif  // KG_INGEST_INGEST_H_
