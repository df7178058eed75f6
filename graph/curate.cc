// Curation: forget a document, give an entity another name, merge two
// entities. Each is one revision; names move rows (graph/writer.h), so what a
// curation decides keeps applying to every later ingest.
#include <SQLiteCpp/SQLiteCpp.h>

#include "graph/graph.h"
#include "graph/writer.h"

namespace kg {

namespace {

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

ApplyResult Store::Forget(const std::vector<std::string>& uris,
                          const std::string& message) {
  try {
    internal::RevisionWriter w(*db_, env_, "forget", message);
    for (const std::string& uri : uris) {
      if (w.FindLiveDocument(uri)) continue;
      std::string msg = "no document " + Quoted(uri) + " in the store";
      SQLite::Statement q(*db_,
                          "SELECT uri FROM documents WHERE retired_rev IS NULL AND "
                          "instr(uri, ?1) > 0 ORDER BY uri LIMIT 5");
      q.bind(1, std::string(Trim(uri)));
      std::string like;
      while (q.executeStep())
        like += (like.empty() ? "" : ", ") + Quoted(q.getColumn(0).getString());
      msg += like.empty() ? " (documents are named by their path or URL as ingested)"
                          : "; did you mean " + like + "?";
      throw Error(msg);
    }
    for (const std::string& uri : uris) w.WriteDocument(uri, nullptr);
    w.Commit();
    return w.result();
  } catch (const SQLite::Exception& e) {
    internal::ThrowWriteError(path_, e, *db_);
  }
}

ApplyResult Store::Alias(std::string_view alias, std::string_view canonical,
                         const std::string& message, int64_t* merged,
                         std::string_view type_if_new) {
  if (merged) *merged = 0;
  std::string key = FoldKey(alias);
  if (key.empty())
    throw Error(Quoted(alias) + " has no letters or digits to match names by",
                Error::Kind::kUsage);
  try {
    internal::RevisionWriter w(*db_, env_, "alias", message);
    std::optional<int64_t> target = w.KeyEntity(FoldKey(canonical));
    if (!target && !type_if_new.empty())
      target = w.Resolve(std::string(canonical), std::string(type_if_new));
    if (!target) throw Error("unknown entity " + Quoted(canonical));
    std::optional<int64_t> current = w.KeyEntity(key);
    if (current == target) return w.result();  // nothing to do: no revision
    if (current) {
      if (merged) *merged = *current;
      w.MoveNames(*target, *current);
    } else {
      w.SetKey(key, std::string(Trim(alias)), *target, /*curated=*/true);
    }
    w.ReResolve();
    w.Commit();
    return w.result();
  } catch (const SQLite::Exception& e) {
    internal::ThrowWriteError(path_, e, *db_);
  }
}

ApplyResult Store::Merge(int64_t into, int64_t from, const std::string& message) {
  if (into == from) throw Error("that is one entity already; nothing to merge");
  try {
    internal::RevisionWriter w(*db_, env_, "merge", message);
    w.MoveNames(into, from);
    w.ReResolve();
    w.Commit();
    return w.result();
  } catch (const SQLite::Exception& e) {
    internal::ThrowWriteError(path_, e, *db_);
  }
}

std::vector<std::string> Store::DocumentUris(std::string_view prefix) {
  std::vector<std::string> uris;
  SQLite::Statement q(*db_,
                      "SELECT uri FROM documents WHERE retired_rev IS NULL AND "
                      "substr(uri, 1, length(?1)) = ?1 ORDER BY uri");
  q.bind(1, std::string(prefix));
  while (q.executeStep()) uris.push_back(q.getColumn(0).getString());
  return uris;
}

std::vector<Store::StaleDocument> Store::StaleDocuments(const std::string& fingerprint) {
  std::vector<StaleDocument> stale;
  // Two ranges of the live-extractor index rather than "<> ?1": when every
  // document is up to date, this reads no row.
  const std::string live =
      "SELECT d.uri, v.hash, v.extractor, v.uri_is_file FROM document_versions v "
      "JOIN documents d ON d.id = v.document_id "
      "WHERE v.retired_rev IS NULL AND d.retired_rev IS NULL AND ";
  SQLite::Statement q(*db_, live + "v.extractor > '' AND v.extractor < ?1 UNION ALL " +
                                live + "v.extractor > ?1 ORDER BY 1");
  q.bind(1, fingerprint);
  while (q.executeStep())
    stale.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getInt() != 0});
  return stale;
}

std::string Store::CuratedLexicon() {
  std::string tsv;
  SQLite::Statement q(*db_,
                      "SELECT a.alias, x.name, x.type FROM aliases a JOIN entities x "
                      "ON x.id = a.entity_id WHERE a.retired_rev IS NULL AND "
                      "a.curated = 1 ORDER BY a.id");
  auto clean = [](const std::string& s) {
    return s.find_first_of("\t\r\n|") == std::string::npos && !Trim(s).empty();
  };
  while (q.executeStep()) {
    std::string alias = q.getColumn(0).getString(), name = q.getColumn(1).getString(),
                type = q.getColumn(2).getString();
    if (!IsEntityType(type) || !clean(alias) || !clean(name) || alias == name) continue;
    tsv += type + "\t" + name + "\t" + alias + "\n";
  }
  return tsv;
}

}  // namespace kg
