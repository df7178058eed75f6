// The write path of ingest: a ChangeSet becomes one revision, in one
// transaction (graph/writer.h keeps the rules every write follows).
#include <SQLiteCpp/SQLiteCpp.h>

#include "graph/graph.h"
#include "graph/writer.h"

namespace kg {

ApplyResult Store::Apply(const ChangeSet& changes) {
  try {
    internal::RevisionWriter w(*db_, env_, changes.kind, changes.message);
    int dropped = 0;
    for (const DocumentInput& doc : changes.documents) {
      internal::DocState state = internal::ToDocState(doc, &dropped);
      w.WriteDocument(doc.uri, &state);
    }
    for (const std::string& uri : changes.forget) w.WriteDocument(uri, nullptr);
    w.result().facts_skipped += dropped;
    w.Commit();
    return w.result();
  } catch (const SQLite::Exception& e) {
    internal::ThrowWriteError(path_, e);
  }
}

}  // namespace kg
