// The write path: a ChangeSet becomes one revision, in one transaction.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <map>
#include <set>
#include <unordered_map>

#include "graph/graph.h"

namespace kg {

namespace {

// Holds the prepared statements of one Apply call.
class Applier {
 public:
  Applier(SQLite::Database& db, int64_t rev, ApplyResult& result)
      : db_(db), rev_(rev), r_(result) {}

  void ApplyDocument(const DocumentInput& doc) {
    std::optional<int64_t> old_id;
    {
      SQLite::Statement q(db_,
                          "SELECT id, hash FROM documents "
                          "WHERE uri = ?1 AND retired_rev IS NULL");
      q.bind(1, doc.uri);
      if (q.executeStep()) {
        if (q.getColumn(1).getString() == doc.hash) {
          ++r_.docs_unchanged;
          return;
        }
        old_id = q.getColumn(0).getInt64();
      }
    }
    if (old_id) {
      RetireDocument(*old_id);
      ++r_.docs_changed;
    } else {
      ++r_.docs_new;
    }

    SQLite::Statement ins(db_,
                          "INSERT INTO documents(uri, title, source, date, hash, "
                          "added_rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    ins.bind(1, doc.uri);
    ins.bind(2, doc.title);
    ins.bind(3, doc.source);
    if (doc.date.empty()) ins.bind(4); else ins.bind(4, doc.date);
    ins.bind(5, doc.hash);
    ins.bind(6, rev_);
    ins.exec();
    int64_t doc_id = db_.getLastInsertRowid();

    std::map<int64_t, int> mention_counts;
    for (const Mention& m : doc.mentions) {
      if (auto id = Entity(m.name, m.type)) mention_counts[*id] += m.count;
    }
    std::set<std::tuple<int64_t, int64_t, int64_t, std::string>> seen_evidence;
    for (const Fact& f : doc.facts) {
      auto s = Entity(f.subject, f.subject_type);
      auto o = Entity(f.object, f.object_type);
      if (!s || !o || *s == *o || f.predicate.empty()) {
        ++r_.facts_skipped;
        continue;
      }
      mention_counts[*s] += 1;
      mention_counts[*o] += 1;
      if (IsSymmetricPredicate(f.predicate) && *s > *o) std::swap(s, o);
      int64_t triple = Triple(*s, f.predicate, *o);
      if (!seen_evidence.emplace(triple, f.start, f.end, f.sentence).second)
        continue;  // the same sentence stated the same fact twice
      SQLite::Statement ev(db_,
                           "INSERT INTO evidence(triple_id, document_id, sentence, "
                           "start_offset, end_offset, confidence, added_rev) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      ev.bind(1, triple);
      ev.bind(2, doc_id);
      ev.bind(3, f.sentence);
      if (f.start >= 0) ev.bind(4, f.start); else ev.bind(4);
      if (f.end >= 0) ev.bind(5, f.end); else ev.bind(5);
      ev.bind(6, f.confidence);
      ev.bind(7, rev_);
      ev.exec();
      ++r_.evidence_added;
    }
    SQLite::Statement men(db_,
                          "INSERT INTO mentions(entity_id, document_id, count, "
                          "added_rev) VALUES (?1, ?2, ?3, ?4)");
    for (const auto& [entity, count] : mention_counts) {
      men.bind(1, entity);
      men.bind(2, doc_id);
      men.bind(3, count);
      men.bind(4, rev_);
      men.exec();
      men.reset();
    }
  }

  // Retires triples that lost their last live evidence in this revision.
  void RetireUnsupported() {
    SQLite::Statement live(db_,
                           "SELECT 1 FROM evidence WHERE triple_id = ?1 AND "
                           "retired_rev IS NULL LIMIT 1");
    SQLite::Statement retire(db_,
                             "UPDATE triples SET retired_rev = ?1 WHERE id = ?2 "
                             "AND retired_rev IS NULL");
    for (int64_t t : touched_) {
      live.bind(1, t);
      bool supported = live.executeStep();
      live.reset();
      if (supported) continue;
      retire.bind(1, rev_);
      retire.bind(2, t);
      r_.triples_retired += retire.exec();
      retire.reset();
    }
  }

 private:
  void RetireDocument(int64_t doc_id) {
    SQLite::Statement q(db_,
                        "SELECT DISTINCT triple_id FROM evidence WHERE "
                        "document_id = ?1 AND retired_rev IS NULL");
    q.bind(1, doc_id);
    while (q.executeStep()) touched_.insert(q.getColumn(0).getInt64());
    for (const char* sql :
         {"UPDATE documents SET retired_rev = ?1 WHERE id = ?2",
          "UPDATE evidence SET retired_rev = ?1 WHERE document_id = ?2 AND "
          "retired_rev IS NULL",
          "UPDATE mentions SET retired_rev = ?1 WHERE document_id = ?2 AND "
          "retired_rev IS NULL"}) {
      SQLite::Statement u(db_, sql);
      u.bind(1, rev_);
      u.bind(2, doc_id);
      int n = u.exec();
      if (std::string_view(sql).find("evidence") != std::string_view::npos)
        r_.evidence_retired += n;
    }
  }

  // The entity a name stands for, created on first sight. Nothing when the
  // name folds to nothing (pure punctuation).
  std::optional<int64_t> Entity(const std::string& name, const std::string& type) {
    std::string key = FoldKey(name);
    if (key.empty()) return std::nullopt;
    if (auto it = entity_cache_.find(key); it != entity_cache_.end())
      return it->second;
    SQLite::Statement q(db_,
                        "SELECT entity_id FROM aliases WHERE key = ?1 AND "
                        "retired_rev IS NULL");
    q.bind(1, key);
    int64_t id;
    if (q.executeStep()) {
      id = q.getColumn(0).getInt64();
    } else {
      SQLite::Statement e(db_,
                          "INSERT INTO entities(name, type, added_rev) "
                          "VALUES (?1, ?2, ?3)");
      e.bind(1, std::string(Trim(name)));
      e.bind(2, type.empty() ? std::string("Unknown") : type);
      e.bind(3, rev_);
      e.exec();
      id = db_.getLastInsertRowid();
      SQLite::Statement a(db_,
                          "INSERT INTO aliases(entity_id, alias, key, added_rev) "
                          "VALUES (?1, ?2, ?3, ?4)");
      a.bind(1, id);
      a.bind(2, std::string(Trim(name)));
      a.bind(3, key);
      a.bind(4, rev_);
      a.exec();
      ++r_.entities_added;
    }
    entity_cache_.emplace(key, id);
    return id;
  }

  int64_t Triple(int64_t s, const std::string& p, int64_t o) {
    SQLite::Statement q(db_,
                        "SELECT id FROM triples WHERE subject_id = ?1 AND "
                        "predicate = ?2 AND object_id = ?3 AND retired_rev IS NULL");
    q.bind(1, s);
    q.bind(2, p);
    q.bind(3, o);
    if (q.executeStep()) return q.getColumn(0).getInt64();
    SQLite::Statement ins(db_,
                          "INSERT INTO triples(subject_id, predicate, object_id, "
                          "added_rev) VALUES (?1, ?2, ?3, ?4)");
    ins.bind(1, s);
    ins.bind(2, p);
    ins.bind(3, o);
    ins.bind(4, rev_);
    ins.exec();
    ++r_.triples_added;
    return db_.getLastInsertRowid();
  }

  SQLite::Database& db_;
  int64_t rev_;
  ApplyResult& r_;
  std::unordered_map<std::string, int64_t> entity_cache_;
  std::set<int64_t> touched_;
};

}  // namespace

ApplyResult Store::Apply(const ChangeSet& changes) {
  ApplyResult result;
  try {
    // IMMEDIATE takes the write lock now, so two writers never interleave.
    SQLite::Transaction tr(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement rev(*db_,
                          "INSERT INTO revisions(time, kind, message) "
                          "VALUES (?1, ?2, ?3)");
    rev.bind(1, env_.NowIso());
    rev.bind(2, changes.kind);
    rev.bind(3, changes.message);
    rev.exec();
    int64_t id = db_->getLastInsertRowid();

    Applier applier(*db_, id, result);
    for (const DocumentInput& doc : changes.documents) applier.ApplyDocument(doc);
    applier.RetireUnsupported();

    if (result.docs_new + result.docs_changed == 0 && result.evidence_added == 0 &&
        result.evidence_retired == 0) {
      return result;  // the transaction rolls back: no empty revisions
    }
    SQLite::Statement counts(*db_,
                             "UPDATE revisions SET docs_added = ?2, "
                             "docs_retired = ?3, entities_added = ?4, "
                             "triples_added = ?5, triples_retired = ?6, "
                             "evidence_added = ?7, evidence_retired = ?8 "
                             "WHERE id = ?1");
    counts.bind(1, id);
    counts.bind(2, result.docs_new + result.docs_changed);
    counts.bind(3, result.docs_changed);
    counts.bind(4, result.entities_added);
    counts.bind(5, result.triples_added);
    counts.bind(6, result.triples_retired);
    counts.bind(7, result.evidence_added);
    counts.bind(8, result.evidence_retired);
    counts.exec();
    tr.commit();
    result.revision = id;
  } catch (const SQLite::Exception& e) {
    std::string what = e.what();
    if (e.getErrorCode() == SQLITE_BUSY)
      throw Error(path_ + ": store is being written by another process; try again");
    throw Error(path_ + ": cannot write store: " + what);
  }
  return result;
}

}  // namespace kg
