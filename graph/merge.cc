// kg merge-store: shards' documents replayed into one store, through the
// same writer an ingest uses (graph/writer.h), so that the merged graph is
// built by the rules that built each shard.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "graph/graph.h"
#include "graph/writer.h"

namespace kg {

ApplyResult Store::Merge(const std::vector<Store*>& sources, const std::string& message) {
  struct Doc {
    int64_t rev, position;
    std::string uri;
    size_t source;
    int64_t id;
  };
  std::vector<Doc> docs;
  std::vector<int64_t> latest;
  for (size_t i = 0; i < sources.size(); ++i) {
    Store& s = *sources[i];
    std::error_code ec;
    if (s.path_ == path_ || std::filesystem::equivalent(s.path_, path_, ec))
      throw Error(path_ + ": cannot merge a store into itself");
    // The documents live at the source's latest revision, read at that
    // revision: a writer may commit another while this merge reads.
    latest.push_back(s.LatestRevision());
    SQLite::Statement q(
        *s.db_,
        "SELECT added_rev, COALESCE(position, -1), uri, id FROM documents "
        "WHERE added_rev <= ?1 AND (retired_rev IS NULL OR retired_rev > ?1)");
    q.bind(1, latest.back());
    while (q.executeStep())
      docs.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                      q.getColumn(2).getString(), i, q.getColumn(3).getInt64()});
  }
  std::sort(docs.begin(), docs.end(), [](const Doc& a, const Doc& b) {
    return std::tie(a.rev, a.position, a.uri, a.source) <
           std::tie(b.rev, b.position, b.uri, b.source);
  });

  std::vector<std::unique_ptr<internal::DocumentReader>> readers;
  for (Store* s : sources)
    readers.push_back(std::make_unique<internal::DocumentReader>(*s->db_));
  try {
    internal::RevisionWriter w(*db_, env_, "merge-store", message);
    for (const Doc& d : docs) {
      internal::DocState state = readers[d.source]->DocumentAt(d.id, latest[d.source]);
      w.WriteDocument(state.uri, &state);
    }
    w.Commit();
    return w.result();
  } catch (const SQLite::Exception& e) {
    internal::ThrowWriteError(path_, e, *db_);
  }
}

}  // namespace kg
