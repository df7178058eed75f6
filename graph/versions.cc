// Reading the history (log, diff) and undoing a revision (revert).
//
// Revert never edits the past: what revision N added is retired and what it
// retired is written again as new rows, all in a new revision, so that every
// revision before it reads back as it did. It works on what N changed, not on
// N's rows: each document N changed gets back the content it had before N,
// and each name N re-pointed points where it did before N - but only while
// the document or name is still as N left it; one changed again later is left
// alone (and counted), so a revert never undoes a later revision's work.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>
#include <set>

#include "graph/graph.h"
#include "graph/writer.h"

namespace kg {

namespace {

Store::Revision ReadRevision(SQLite::Statement& q) {
  Store::Revision r;
  r.id = q.getColumn(0).getInt64();
  r.time = q.getColumn(1).getString();
  r.kind = q.getColumn(2).getString();
  r.message = q.getColumn(3).getString();
  r.docs_new = q.getColumn(4).getInt64();
  r.docs_changed = q.getColumn(5).getInt64();
  r.docs_removed = q.getColumn(6).getInt64();
  r.entities_added = q.getColumn(7).getInt64();
  r.entities_retired = q.getColumn(8).getInt64();
  r.triples_added = q.getColumn(9).getInt64();
  r.triples_retired = q.getColumn(10).getInt64();
  r.evidence_added = q.getColumn(11).getInt64();
  r.evidence_retired = q.getColumn(12).getInt64();
  r.docs_reextracted = q.getColumn(13).getInt64();
  return r;
}

constexpr const char* kRevisionColumns =
    "SELECT id, time, kind, message, docs_added, docs_changed, docs_retired, "
    "entities_added, entities_retired, triples_added, triples_retired, "
    "evidence_added, evidence_retired, docs_reextracted FROM revisions ";

// The liveness condition at revision ?1 for table alias `t`.
std::string LiveAt(const char* t) {
  std::string a(t);
  return "(" + a + ".added_rev <= ?1 AND (" + a + ".retired_rev IS NULL OR " + a +
         ".retired_rev > ?1))";
}

// Points each name `target` re-pointed back where it led before, unless it
// has been re-pointed since or that would make a cycle. Returns how many it
// left alone.
int RevertNames(SQLite::Database& db, internal::RevisionWriter& w, int64_t target) {
  int skipped = 0;
  // Where each key `target` touched led before it and after it.
  struct KeyChange {
    std::optional<internal::AliasRow> before, after;
  };
  std::map<std::string, KeyChange> keys;
  {
    SQLite::Statement q(db,
                        "SELECT id, key, alias, entity_id, curated, added_rev, "
                        "retired_rev FROM aliases WHERE added_rev = ?1 OR "
                        "retired_rev = ?1 ORDER BY id");
    q.bind(1, target);
    while (q.executeStep()) {
      internal::AliasRow row;
      row.id = q.getColumn(0).getInt64();
      row.key = q.getColumn(1).getString();
      row.alias = q.getColumn(2).getString();
      row.entity_id = q.getColumn(3).getInt64();
      row.curated = q.getColumn(4).getInt() != 0;
      row.added_rev = q.getColumn(5).getInt64();
      if (!q.getColumn(6).isNull()) row.retired_rev = q.getColumn(6).getInt64();
      bool added = row.added_rev == target, retired = row.retired_rev == target;
      if (added && retired) continue;
      (retired ? keys[row.key].before : keys[row.key].after) = row;
    }
  }
  // A name that leads to no entity and one that leads to the entity of its
  // own name are alike here: both mean the name stands for itself. So a
  // name seen for the first time changed nothing to undo.
  auto meaning = [&](const std::string& key,
                     std::optional<int64_t> e) -> std::optional<int64_t> {
    if (e && FoldKey(w.EntityName(*e)) == key) return std::nullopt;
    return e;
  };
  std::map<std::string, const internal::AliasRow*> restore;  // null: unmap
  for (const auto& [key, change] : keys) {
    std::optional<int64_t> before, after;
    if (change.before) before = meaning(key, change.before->entity_id);
    if (change.after) after = meaning(key, change.after->entity_id);
    if (before == after) continue;
    if (meaning(key, w.KeyEntity(key)) != after) {
      ++skipped;
      continue;
    }
    restore[key] = change.before ? &*change.before : nullptr;
  }
  // A name must not come to lead, through the own names of the entities
  // it passes, back to the entity of its own name: that happens when a
  // later revision merged the other way, and it is left as it is.
  auto after_revert = [&](const std::string& key) -> std::optional<int64_t> {
    if (auto it = restore.find(key); it != restore.end())
      return it->second ? std::optional<int64_t>(it->second->entity_id) : std::nullopt;
    return w.KeyEntity(key);
  };
  std::vector<std::string> cyclic;
  for (const auto& [key, row] : restore) {
    if (!row) continue;
    int64_t at = row->entity_id;
    for (int hops = 0; hops < 16; ++hops) {  // a bound, not an expected depth
      std::string own = FoldKey(w.EntityName(at));
      if (own == key) {
        if (hops > 0) cyclic.push_back(key);  // hop 0: its own entity
        break;
      }
      std::optional<int64_t> next = after_revert(own);
      if (!next || *next == at) break;
      at = *next;
    }
  }
  for (const std::string& key : cyclic) {
    restore.erase(key);
    ++skipped;
  }
  for (const auto& [key, row] : restore) {
    if (row) {
      w.SetKey(key, row->alias, row->entity_id, row->curated);
    } else {
      w.SetKey(key, "", std::nullopt, false);
    }
  }
  return skipped;
}

// Gives each document `target` changed the content it had before, unless it
// has changed since. Returns how many it left alone.
int RevertDocuments(SQLite::Database& db, internal::RevisionWriter& w, int64_t target) {
  int skipped = 0;
  // The rows `target` added, retired or gave a new version, by uri.
  std::map<std::string, std::set<int64_t>> docs;
  {
    SQLite::Statement q(db,
                        "SELECT id, uri FROM documents WHERE added_rev = ?1 OR "
                        "retired_rev = ?1 UNION SELECT d.id, d.uri FROM "
                        "document_versions v JOIN documents d ON d.id = v.document_id "
                        "WHERE v.added_rev = ?1 OR v.retired_rev = ?1");
    q.bind(1, target);
    while (q.executeStep())
      docs[q.getColumn(1).getString()].insert(q.getColumn(0).getInt64());
  }
  for (const auto& [uri, ids] : docs) {
    std::optional<int64_t> before;
    // A re-extraction is a change of its own: a document re-extracted since
    // `target` is left alone too.
    std::optional<internal::Version> after, current;
    for (int64_t id : ids) {
      if (w.VersionAt(id, target - 1)) before = id;
      if (auto v = w.VersionAt(id, target)) after = v;
    }
    if (auto live = w.FindLiveDocument(uri)) current = live->version;
    if (current != after) {
      ++skipped;
      continue;
    }
    if (before) {
      internal::DocState state = w.DocumentAt(*before, target - 1);
      w.WriteDocument(uri, &state);
    } else {
      w.WriteDocument(uri, nullptr);
    }
  }
  return skipped;
}

}  // namespace

std::vector<Store::Revision> Store::Log() {
  std::vector<Revision> log;
  SQLite::Statement q(*db_, std::string(kRevisionColumns) + "ORDER BY id DESC");
  while (q.executeStep()) log.push_back(ReadRevision(q));
  return log;
}

std::optional<Store::Revision> Store::GetRevision(int64_t id) {
  SQLite::Statement q(*db_, std::string(kRevisionColumns) + "WHERE id = ?1");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return ReadRevision(q);
}

Store::GraphDiff Store::Diff(int64_t from, int64_t to) {
  int64_t latest = LatestRevision();
  for (int64_t r : {from, to})
    if (r < 0 || r > latest)
      throw Error("no revision " + std::to_string(r) + "; the latest is " +
                  std::to_string(latest));
  using TripleKey = std::tuple<int64_t, std::string, int64_t>;
  auto nodes_at = [&](int64_t rev) {
    std::set<int64_t> nodes;
    SQLite::Statement q(*db_,
                        "SELECT DISTINCT entity_id FROM mentions m WHERE " + LiveAt("m"));
    q.bind(1, rev);
    while (q.executeStep()) nodes.insert(q.getColumn(0).getInt64());
    return nodes;
  };
  auto triples_at = [&](int64_t rev) {
    std::set<TripleKey> triples;
    SQLite::Statement q(*db_,
                        "SELECT subject_id, predicate, object_id FROM triples t "
                        "WHERE " +
                            LiveAt("t"));
    q.bind(1, rev);
    while (q.executeStep())
      triples.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                      q.getColumn(2).getInt64());
    return triples;
  };
  std::map<int64_t, DiffEntity> names;
  auto entity = [&](int64_t id) -> const DiffEntity& {
    auto it = names.find(id);
    if (it != names.end()) return it->second;
    SQLite::Statement q(*db_, "SELECT name, type FROM entities WHERE id = ?1");
    q.bind(1, id);
    DiffEntity e;
    if (q.executeStep()) e = {q.getColumn(0).getString(), q.getColumn(1).getString()};
    return names.emplace(id, e).first->second;
  };

  GraphDiff diff;
  diff.from = from;
  diff.to = to;
  std::set<int64_t> nodes_from = nodes_at(from), nodes_to = nodes_at(to);
  for (int64_t id : nodes_to)
    if (!nodes_from.count(id)) diff.entities_added.push_back(entity(id));
  for (int64_t id : nodes_from)
    if (!nodes_to.count(id)) diff.entities_retired.push_back(entity(id));
  std::set<TripleKey> triples_from = triples_at(from), triples_to = triples_at(to);
  auto text = [&](const TripleKey& t) {
    return DiffTriple{entity(std::get<0>(t)).name, std::get<1>(t),
                      entity(std::get<2>(t)).name};
  };
  for (const TripleKey& t : triples_to)
    if (!triples_from.count(t)) diff.triples_added.push_back(text(t));
  for (const TripleKey& t : triples_from)
    if (!triples_to.count(t)) diff.triples_retired.push_back(text(t));

  auto by_name = [](const DiffEntity& a, const DiffEntity& b) {
    return std::tie(a.name, a.type) < std::tie(b.name, b.type);
  };
  auto by_text = [](const DiffTriple& a, const DiffTriple& b) {
    return std::tie(a.subject, a.predicate, a.object) <
           std::tie(b.subject, b.predicate, b.object);
  };
  std::sort(diff.entities_added.begin(), diff.entities_added.end(), by_name);
  std::sort(diff.entities_retired.begin(), diff.entities_retired.end(), by_name);
  std::sort(diff.triples_added.begin(), diff.triples_added.end(), by_text);
  std::sort(diff.triples_retired.begin(), diff.triples_retired.end(), by_text);
  return diff;
}

ApplyResult Store::Revert(int64_t target, const std::string& message) {
  std::optional<Revision> undone = GetRevision(target);
  if (!undone)
    throw Error("no revision " + std::to_string(target) + "; the latest is " +
                std::to_string(LatestRevision()));
  try {
    internal::RevisionWriter w(
        *db_, env_, "revert",
        message.empty() ? "revert " + std::to_string(target) + ": " + undone->message
                        : message);
    int skipped = RevertNames(*db_, w, target);
    skipped += RevertDocuments(*db_, w, target);
    w.ReResolve();
    w.result().revert_skipped = skipped;
    w.Commit();
    return w.result();
  } catch (const SQLite::Exception& e) {
    internal::ThrowWriteError(path_, e, *db_);
  }
}

}  // namespace kg
