// RevisionWriter: the one place that changes rows of the store.
#include "graph/writer.h"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace kg::internal {

namespace {

std::string Text(SQLite::Statement& q, int i) {
  auto c = q.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}

int64_t Offset(SQLite::Statement& q, int i) {
  auto c = q.getColumn(i);
  return c.isNull() ? -1 : c.getInt64();
}

void BindOffset(SQLite::Statement& q, int i, int64_t v) {
  if (v >= 0)
    q.bind(i, v);
  else
    q.bind(i);
}

// The liveness condition at revision ?2 for table alias `t`.
std::string LiveAt(const char* t) {
  std::string a(t);
  return "(" + a + ".added_rev <= ?2 AND (" + a + ".retired_rev IS NULL OR " + a +
         ".retired_rev > ?2))";
}

}  // namespace

FactKey KeyOf(const StoredFact& f) {
  std::string s = FoldKey(f.subject), o = FoldKey(f.object);
  if (IsSymmetricPredicate(f.predicate) && o < s) std::swap(s, o);
  return {s, f.predicate, o, f.sentence, f.start, f.end};
}

const char* const kFormsOfMention =
    "(SELECT group_concat(f.form || char(31) || f.count, char(30)) "
    "FROM mention_forms f WHERE f.mention_id = m.id)";

std::map<std::string, int> ParseForms(const SQLite::Column& column) {
  std::map<std::string, int> forms;
  if (column.isNull()) return forms;  // no forms
  for (const std::string& item : Split(column.getString(), '\x1e')) {
    size_t tab = item.rfind('\x1f');
    if (tab == std::string::npos) continue;
    forms[item.substr(0, tab)] += std::atoi(item.c_str() + tab + 1);
  }
  return forms;
}

namespace {

// A form worth keeping as a name of the entity called `name`: not the name
// itself (by FoldKey), nor empty, nor holding the separators of
// kFormsOfMention.
bool KeepForm(const std::string& form, const std::string& name_key) {
  std::string key = FoldKey(form);
  if (key.empty() || key == name_key) return false;
  return std::none_of(form.begin(), form.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

}  // namespace

DocState ToDocState(const DocumentInput& doc, int* dropped) {
  DocState s{doc.uri,       doc.title,       doc.source,   doc.date, doc.hash,
             doc.extractor, doc.uri_is_file, doc.position, {},       {}};
  std::map<std::string, size_t> mention_at;
  auto mention = [&](const std::string& name, const std::string& type, int count,
                     const Mention* given) {
    std::string key = FoldKey(name);
    if (key.empty()) return;
    auto [it, fresh] = mention_at.emplace(key, s.mentions.size());
    if (fresh) s.mentions.push_back({std::string(Trim(name)), type, 0, {}, {}});
    StoredMention& m = s.mentions[it->second];
    if (m.type.empty()) m.type = type;
    m.count += count;
    if (!given) return;
    for (const auto& [form, n] : given->forms) {
      std::string f(Trim(form));
      if (n > 0 && KeepForm(f, key)) m.forms[f] += n;
    }
    for (const std::string& a : given->aliases) {
      std::string alias(Trim(a));
      if (KeepForm(alias, key) &&
          std::find(m.aliases.begin(), m.aliases.end(), alias) == m.aliases.end())
        m.aliases.push_back(std::move(alias));
    }
  };
  for (const Mention& m : doc.mentions) mention(m.name, m.type, m.count, &m);
  std::set<FactKey> seen;
  for (const Fact& f : doc.facts) {
    if (FoldKey(f.subject).empty() || FoldKey(f.object).empty() || f.predicate.empty()) {
      ++*dropped;
      continue;
    }
    mention(f.subject, f.subject_type, 1, nullptr);
    mention(f.object, f.object_type, 1, nullptr);
    StoredFact sf{std::string(Trim(f.subject)),
                  f.subject_type,
                  f.predicate,
                  std::string(Trim(f.object)),
                  f.object_type,
                  f.sentence,
                  f.start,
                  f.end,
                  f.confidence};
    if (seen.insert(KeyOf(sf)).second) s.facts.push_back(std::move(sf));
  }
  return s;
}

RevisionWriter::RevisionWriter(SQLite::Database& db, Env& env, const std::string& kind,
                               const std::string& message)
    : db_(db), tr_(db, SQLite::TransactionBehavior::IMMEDIATE), reader_(db) {
  SQLite::Statement q(db_,
                      "INSERT INTO revisions(time, kind, message) VALUES (?1, ?2, ?3)");
  q.bind(1, env.NowIso());
  q.bind(2, kind);
  q.bind(3, message);
  q.exec();
  rev_ = db_.getLastInsertRowid();
}

SQLite::Statement& RevisionWriter::Sql(const std::string& sql) {
  return reader_.Sql(sql);
}

void RevisionWriter::SetMessage(const std::string& message) {
  SQLite::Statement& q = Sql("UPDATE revisions SET message = ?2 WHERE id = ?1");
  q.bind(1, rev_);
  q.bind(2, message);
  q.exec();
}

// --- Documents
// ----------------------------------------------------------------

std::optional<RevisionWriter::LiveDoc> RevisionWriter::FindLiveDocument(
    const std::string& uri) {
  SQLite::Statement& q =
      Sql("SELECT d.id, d.title, d.source, d.date, "
          "COALESCE(v.hash, d.hash), COALESCE(v.extractor, ''), "
          "COALESCE(v.uri_is_file, 0) FROM documents d "
          "LEFT JOIN document_versions v ON v.document_id = "
          "d.id AND v.retired_rev IS NULL "
          "WHERE d.uri = ?1 AND d.retired_rev IS NULL");
  q.bind(1, uri);
  if (!q.executeStep()) return std::nullopt;
  return LiveDoc{q.getColumn(0).getInt64(),
                 Text(q, 1),
                 Text(q, 2),
                 Text(q, 3),
                 {Text(q, 4), Text(q, 5), q.getColumn(6).getInt() != 0}};
}

void RevisionWriter::WriteDocument(const std::string& uri, const DocState* target) {
  std::optional<LiveDoc> live = FindLiveDocument(uri);
  if (!target) {
    if (live) {
      RetireDocument(live->id);
      ++r_.docs_removed;
    }
    return;
  }
  if (live &&
      live->version == Version{target->hash, target->extractor, target->uri_is_file}) {
    ++r_.docs_unchanged;
    return;
  }
  if (!live)
    ++r_.docs_new;
  else if (live->version.hash == target->hash)
    ++r_.docs_reextracted;  // the same content read by another extractor
  else
    ++r_.docs_changed;
  if (!live || live->title != target->title || live->source != target->source ||
      live->date != target->date) {
    if (live) RetireDocument(live->id);
    int64_t id = InsertDocument(uri, *target);
    for (const StoredMention& m : target->mentions) AddMention(id, m);
    for (const StoredFact& f : target->facts) AddFact(id, f);
    return;
  }
  // Same metadata, new content or extractor: only the facts and mentions
  // that differ change, so an edited article costs what was edited.
  UpdateDocument(live->id, *target);
}

void RevisionWriter::UpdateDocument(int64_t doc_id, const DocState& target) {
  SQLite::Statement& v =
      Sql("UPDATE document_versions SET retired_rev = ?1 "
          "WHERE document_id = ?2 AND "
          "retired_rev IS NULL");
  v.bind(1, rev_);
  v.bind(2, doc_id);
  changes_ += v.exec();
  InsertVersion(doc_id, target);
  UpdateMentions(doc_id, target.mentions);
  UpdateFacts(doc_id, target.facts);
}

void RevisionWriter::UpdateMentions(int64_t doc_id,
                                    const std::vector<StoredMention>& target) {
  struct OldRow {
    int64_t id;
    int count;
    int64_t entity;
    std::map<std::string, int> forms;
  };
  std::map<std::string, std::vector<OldRow>> old_mentions;
  {
    SQLite::Statement& q =
        Sql(std::string("SELECT m.id, COALESCE(NULLIF(m.name, ''), x.name), m.count, "
                        "m.entity_id, ") +
            kFormsOfMention +
            " FROM mentions m JOIN entities x ON x.id = m.entity_id WHERE "
            "m.document_id = ?1 AND m.retired_rev IS NULL ORDER BY m.id");
    q.bind(1, doc_id);
    while (q.executeStep())
      old_mentions[FoldKey(q.getColumn(1).getString())].push_back(
          {q.getColumn(0).getInt64(), q.getColumn(2).getInt(), q.getColumn(3).getInt64(),
           ParseForms(q.getColumn(4))});
  }
  std::vector<const StoredMention*> new_mentions;
  for (const StoredMention& m : target) {
    AddLexiconNames(m);
    auto& rows = old_mentions[FoldKey(m.name)];
    auto same = std::find_if(rows.begin(), rows.end(), [&](const OldRow& r) {
      return r.count == m.count && r.forms == m.forms;
    });
    if (same != rows.end()) {
      rows.erase(same);
    } else {
      new_mentions.push_back(&m);
    }
  }
  for (const auto& [key, rows] : old_mentions) {
    for (const auto& [id, count, entity, forms] : rows) {
      RetireRow("mentions", id);
      touched_entities_.insert(entity);
    }
  }
  for (const StoredMention* m : new_mentions) AddMention(doc_id, *m);
}

void RevisionWriter::UpdateFacts(int64_t doc_id, const std::vector<StoredFact>& target) {
  std::map<FactKey, std::vector<FactRow>> old_facts;
  for (FactRow& row : LiveFactsOfDocument(doc_id))
    old_facts[KeyOf(row.fact)].push_back(std::move(row));
  std::vector<const StoredFact*> new_facts;
  for (const StoredFact& f : target) {
    auto& rows = old_facts[KeyOf(f)];
    auto same = std::find_if(rows.begin(), rows.end(), [&](const FactRow& r) {
      return r.fact.confidence == f.confidence;
    });
    if (same != rows.end()) {
      rows.erase(same);
    } else {
      new_facts.push_back(&f);
    }
  }
  for (const auto& [key, rows] : old_facts)
    for (const FactRow& row : rows) RetireFact(row);
  for (const StoredFact* f : new_facts) AddFact(doc_id, *f);
}

int64_t RevisionWriter::InsertDocument(const std::string& uri, const DocState& s) {
  SQLite::Statement& q =
      Sql("INSERT INTO documents(uri, title, source, date, "
          "hash, added_rev, position) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  q.bind(1, uri);
  q.bind(2, s.title);
  q.bind(3, s.source);
  if (s.date.empty())
    q.bind(4);
  else
    q.bind(4, s.date);
  q.bind(5, s.hash);
  q.bind(6, rev_);
  BindOffset(q, 7, s.position);
  q.exec();
  ++changes_;
  int64_t id = db_.getLastInsertRowid();
  InsertVersion(id, s);
  return id;
}

void RevisionWriter::InsertVersion(int64_t doc_id, const DocState& s) {
  SQLite::Statement& q =
      Sql("INSERT INTO document_versions(document_id, hash, "
          "added_rev, extractor, uri_is_file) VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind(1, doc_id);
  q.bind(2, s.hash);
  q.bind(3, rev_);
  q.bind(4, s.extractor);
  q.bind(5, s.uri_is_file ? 1 : 0);
  q.exec();
  ++changes_;
}

void RevisionWriter::RetireDocument(int64_t doc_id) {
  {
    SQLite::Statement& q =
        Sql("SELECT DISTINCT triple_id FROM evidence WHERE document_id = ?1 AND "
            "retired_rev IS NULL");
    q.bind(1, doc_id);
    while (q.executeStep()) touched_triples_.insert(q.getColumn(0).getInt64());
  }
  {
    SQLite::Statement& q =
        Sql("SELECT DISTINCT entity_id FROM mentions WHERE document_id = ?1 AND "
            "retired_rev IS NULL");
    q.bind(1, doc_id);
    while (q.executeStep()) touched_entities_.insert(q.getColumn(0).getInt64());
  }
  for (const char* table :
       {"evidence", "loop_evidence", "mentions", "document_versions"}) {
    SQLite::Statement& u = Sql(std::string("UPDATE ") + table +
                               " SET retired_rev = ?1 WHERE document_id = ?2 AND "
                               "retired_rev IS NULL");
    u.bind(1, rev_);
    u.bind(2, doc_id);
    int n = u.exec();
    changes_ += n;
    if (std::string_view(table) == "evidence") r_.evidence_retired += n;
  }
  RetireRow("documents", doc_id);
}

// --- Reading documents back
// ------------------------------------------------------

SQLite::Statement& DocumentReader::Sql(const std::string& sql) {
  auto& slot = statements_[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
  slot->reset();
  slot->clearBindings();
  return *slot;
}

DocState DocumentReader::DocumentAt(int64_t doc_id, int64_t rev) {
  DocState s;
  {
    SQLite::Statement& q =
        Sql("SELECT uri, title, source, date, position FROM "
            "documents WHERE id = ?1");
    q.bind(1, doc_id);
    if (!q.executeStep()) throw Error("no document row " + std::to_string(doc_id));
    s.uri = q.getColumn(0).getString();
    s.title = Text(q, 1);
    s.source = Text(q, 2);
    s.date = Text(q, 3);
    s.position = Offset(q, 4);
  }
  Version version = VersionAt(doc_id, rev).value_or(Version{});
  s.hash = std::move(version.hash);
  s.extractor = std::move(version.extractor);
  s.uri_is_file = version.uri_is_file;
  for (FactRow& row : ReadFacts("e.document_id = ?1 AND " + LiveAt("e"),
                                "l.document_id = ?1 AND " + LiveAt("l"), doc_id, rev))
    s.facts.push_back(std::move(row.fact));
  SQLite::Statement& q =
      Sql(std::string("SELECT COALESCE(NULLIF(m.name, ''), x.name), x.type, m.count, ") +
          kFormsOfMention +
          " FROM mentions m JOIN entities x ON "
          "x.id = m.entity_id WHERE m.document_id = ?1 AND " +
          LiveAt("m") + " ORDER BY m.id");
  q.bind(1, doc_id);
  q.bind(2, rev);
  while (q.executeStep())
    s.mentions.push_back({q.getColumn(0).getString(),
                          q.getColumn(1).getString(),
                          q.getColumn(2).getInt(),
                          ParseForms(q.getColumn(3)),
                          {}});
  // The names a lexicon gave them, so that a copy (kg merge-store) gives
  // them too.
  for (StoredMention& m : s.mentions) {
    SQLite::Statement& l = Sql("SELECT alias FROM lexicon_names WHERE name_key = ?1");
    l.bind(1, FoldKey(m.name));
    while (l.executeStep()) m.aliases.push_back(l.getColumn(0).getString());
  }
  return s;
}

std::optional<Version> DocumentReader::VersionAt(int64_t doc_id, int64_t rev) {
  // A row written without the writer has no version: its first hash and no
  // extractor stand in.
  SQLite::Statement& q =
      Sql("SELECT COALESCE(v.hash, d.hash), COALESCE(v.extractor, ''), "
          "COALESCE(v.uri_is_file, 0) "
          "FROM documents d LEFT JOIN document_versions v ON v.document_id = d.id "
          "AND " +
          LiveAt("v") + " WHERE d.id = ?1 AND " + LiveAt("d"));
  q.bind(1, doc_id);
  q.bind(2, rev);
  if (!q.executeStep()) return std::nullopt;
  return Version{q.getColumn(0).getString(), q.getColumn(1).getString(),
                 q.getColumn(2).getInt() != 0};
}

std::vector<FactRow> DocumentReader::ReadFacts(const std::string& evidence_where,
                                               const std::string& loop_where, int64_t a,
                                               int64_t b) {
  std::vector<FactRow> rows;
  auto read = [&](const std::string& sql) {
    SQLite::Statement& q = Sql(sql);
    q.bind(1, a);
    if (sql.find("?2") != std::string::npos) q.bind(2, b);
    while (q.executeStep()) {
      FactRow r;
      r.id = q.getColumn(0).getInt64();
      r.doc = q.getColumn(1).getInt64();
      r.triple = q.getColumn(2).getInt64();
      r.subject = q.getColumn(3).getInt64();
      r.object = q.getColumn(4).getInt64();
      r.fact.subject = q.getColumn(5).getString();
      r.fact.predicate = q.getColumn(6).getString();
      r.fact.object = q.getColumn(7).getString();
      r.fact.sentence = q.getColumn(8).getString();
      r.fact.start = Offset(q, 9);
      r.fact.end = Offset(q, 10);
      r.fact.confidence = q.getColumn(11).getDouble();
      r.fact.subject_type = q.getColumn(12).getString();
      r.fact.object_type = q.getColumn(13).getString();
      rows.push_back(std::move(r));
    }
  };
  if (!evidence_where.empty())
    read(
        "SELECT e.id, e.document_id, e.triple_id, t.subject_id, t.object_id, "
        "COALESCE(NULLIF(e.subject_name, ''), se.name), t.predicate, "
        "COALESCE(NULLIF(e.object_name, ''), oe.name), e.sentence, "
        "e.start_offset, "
        "e.end_offset, e.confidence, se.type, oe.type FROM evidence e "
        "JOIN triples t ON t.id = e.triple_id JOIN entities se ON se.id = "
        "t.subject_id "
        "JOIN entities oe ON oe.id = t.object_id WHERE " +
        evidence_where + " ORDER BY e.id");
  if (!loop_where.empty())
    read(
        "SELECT l.id, l.document_id, 0, l.entity_id, l.entity_id, "
        "l.subject_name, "
        "l.predicate, l.object_name, l.sentence, l.start_offset, l.end_offset, "
        "l.confidence, x.type, x.type FROM loop_evidence l JOIN entities x ON "
        "x.id = l.entity_id WHERE " +
        loop_where + " ORDER BY l.id");
  return rows;
}

// --- Facts and mentions
// ------------------------------------------------------------

std::vector<FactRow> RevisionWriter::LiveFactsOfDocument(int64_t doc_id) {
  return reader_.ReadFacts("e.document_id = ?1 AND e.retired_rev IS NULL",
                           "l.document_id = ?1 AND l.retired_rev IS NULL", doc_id, 0);
}

void RevisionWriter::AddFact(int64_t doc_id, const StoredFact& f) {
  auto s = Resolve(f.subject, f.subject_type);
  auto o = Resolve(f.object, f.object_type);
  if (!s || !o || f.predicate.empty()) return;
  StoredFact g = f;
  if (*s == *o) {
    // Not a triple while both names mean one entity; kept for when they
    // stop meaning one (a merge reverted).
    SQLite::Statement& q =
        Sql("INSERT INTO loop_evidence(entity_id, predicate, document_id, "
            "subject_name, "
            "object_name, sentence, start_offset, end_offset, confidence, "
            "added_rev) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    q.bind(1, *s);
    q.bind(2, g.predicate);
    q.bind(3, doc_id);
    q.bind(4, g.subject);
    q.bind(5, g.object);
    q.bind(6, g.sentence);
    BindOffset(q, 7, g.start);
    BindOffset(q, 8, g.end);
    q.bind(9, g.confidence);
    q.bind(10, rev_);
    q.exec();
    ++changes_;
    ++r_.facts_skipped;
    return;
  }
  if (IsSymmetricPredicate(g.predicate) && *s > *o) {
    std::swap(s, o);
    std::swap(g.subject, g.object);
  }
  int64_t triple = Triple(*s, g.predicate, *o);
  SQLite::Statement& q =
      Sql("INSERT INTO evidence(triple_id, document_id, sentence, start_offset, "
          "end_offset, confidence, added_rev, subject_name, object_name) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  q.bind(1, triple);
  q.bind(2, doc_id);
  q.bind(3, g.sentence);
  BindOffset(q, 4, g.start);
  BindOffset(q, 5, g.end);
  q.bind(6, g.confidence);
  q.bind(7, rev_);
  q.bind(8, GivenName(*s, g.subject));
  q.bind(9, GivenName(*o, g.object));
  q.exec();
  ++changes_;
  ++r_.evidence_added;
}

void RevisionWriter::RetireFact(const FactRow& row) {
  if (row.triple == 0) {
    RetireRow("loop_evidence", row.id);
    return;
  }
  RetireRow("evidence", row.id);
  touched_triples_.insert(row.triple);
  ++r_.evidence_retired;
}

void RevisionWriter::AddLexiconNames(const StoredMention& m) {
  for (const std::string& alias : m.aliases) {
    std::string key = FoldKey(alias);
    if (!lexicon_keys_.insert(key).second) continue;
    SQLite::Statement& q =
        Sql("INSERT OR IGNORE INTO lexicon_names(key, alias, name, name_key) "
            "VALUES (?1, ?2, ?3, ?4)");
    q.bind(1, key);
    q.bind(2, alias);
    q.bind(3, m.name);
    q.bind(4, FoldKey(m.name));
    changes_ += q.exec();
  }
}

void RevisionWriter::AddMention(int64_t doc_id, const StoredMention& m) {
  AddLexiconNames(m);
  auto e = Resolve(m.name, m.type);
  if (!e) return;
  SQLite::Statement& q =
      Sql("INSERT INTO mentions(entity_id, document_id, count, added_rev, name) "
          "VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind(1, *e);
  q.bind(2, doc_id);
  q.bind(3, m.count);
  q.bind(4, rev_);
  q.bind(5, GivenName(*e, m.name));
  q.exec();
  ++changes_;
  const int64_t mention_id = db_.getLastInsertRowid();
  for (const auto& [form, n] : m.forms) {
    SQLite::Statement& f =
        Sql("INSERT INTO mention_forms(mention_id, form, key, count) "
            "VALUES (?1, ?2, ?3, ?4)");
    f.bind(1, mention_id);
    f.bind(2, form);
    f.bind(3, FoldKey(form));
    f.bind(4, n);
    f.exec();
  }
  touched_entities_.insert(*e);
}

void RevisionWriter::RetireRow(const char* table, int64_t id) {
  SQLite::Statement& q =
      Sql(std::string("UPDATE ") + table +
          " SET retired_rev = ?1 WHERE id = ?2 AND retired_rev IS NULL");
  q.bind(1, rev_);
  q.bind(2, id);
  changes_ += q.exec();
}

int64_t RevisionWriter::Triple(int64_t s, const std::string& p, int64_t o) {
  {
    SQLite::Statement& q =
        Sql("SELECT id FROM triples WHERE subject_id = ?1 AND predicate = ?2 AND "
            "object_id = ?3 AND retired_rev IS NULL");
    q.bind(1, s);
    q.bind(2, p);
    q.bind(3, o);
    if (q.executeStep()) return q.getColumn(0).getInt64();
  }
  SQLite::Statement& ins =
      Sql("INSERT INTO triples(subject_id, predicate, object_id, added_rev) "
          "VALUES (?1, ?2, ?3, ?4)");
  ins.bind(1, s);
  ins.bind(2, p);
  ins.bind(3, o);
  ins.bind(4, rev_);
  ins.exec();
  ++changes_;
  ++r_.triples_added;
  return db_.getLastInsertRowid();
}

// --- Names
// -------------------------------------------------------------------------

AliasRow RevisionWriter::LiveAlias(const std::string& key, bool* found) {
  SQLite::Statement& q =
      Sql("SELECT id, alias, entity_id, curated, added_rev "
          "FROM aliases WHERE key = ?1 AND "
          "retired_rev IS NULL");
  q.bind(1, key);
  AliasRow row;
  *found = q.executeStep();
  if (*found) {
    row.id = q.getColumn(0).getInt64();
    row.key = key;
    row.alias = q.getColumn(1).getString();
    row.entity_id = q.getColumn(2).getInt64();
    row.curated = q.getColumn(3).getInt() != 0;
    row.added_rev = q.getColumn(4).getInt64();
  }
  return row;
}

std::optional<int64_t> RevisionWriter::KeyEntity(const std::string& key) {
  if (auto it = key_cache_.find(key); it != key_cache_.end()) return it->second;
  bool found;
  AliasRow row = LiveAlias(key, &found);
  if (!found) return std::nullopt;
  key_cache_.emplace(key, row.entity_id);
  return row.entity_id;
}

std::optional<int64_t> RevisionWriter::Resolve(const std::string& name,
                                               const std::string& type) {
  std::string key = FoldKey(name);
  if (key.empty()) return std::nullopt;
  if (auto id = KeyEntity(key)) return id;
  std::string spelling(Trim(name));
  SQLite::Statement& e =
      Sql("INSERT INTO entities(name, type, added_rev) VALUES (?1, ?2, ?3)");
  e.bind(1, spelling);
  e.bind(2, type.empty() ? std::string("Unknown") : type);
  e.bind(3, rev_);
  e.exec();
  int64_t id = db_.getLastInsertRowid();
  SQLite::Statement& a =
      Sql("INSERT INTO aliases(entity_id, alias, key, "
          "added_rev) VALUES (?1, ?2, ?3, ?4)");
  a.bind(1, id);
  a.bind(2, spelling);
  a.bind(3, key);
  a.bind(4, rev_);
  a.exec();
  changes_ += 2;
  key_cache_.emplace(key, id);
  return id;
}

void RevisionWriter::SetKey(const std::string& key, const std::string& alias,
                            std::optional<int64_t> entity, bool curated) {
  bool found;
  AliasRow cur = LiveAlias(key, &found);
  if (found && entity && cur.entity_id == *entity) return;
  key_cache_.erase(key);
  if (found) {
    RetireRow("aliases", cur.id);
    losers_.insert(cur.entity_id);
  }
  if (!entity) return;
  gainers_.insert(*entity);
  SQLite::Statement& q =
      Sql("INSERT INTO aliases(entity_id, alias, key, added_rev, curated) "
          "VALUES (?1, ?2, ?3, ?4, ?5)");
  q.bind(1, *entity);
  q.bind(2, alias);
  q.bind(3, key);
  q.bind(4, rev_);
  q.bind(5, curated ? 1 : 0);
  q.exec();
  ++changes_;
}

void RevisionWriter::MoveNames(int64_t into, int64_t from) {
  std::vector<std::pair<std::string, std::string>> names;
  {
    SQLite::Statement& q =
        Sql("SELECT key, alias FROM aliases WHERE entity_id "
            "= ?1 AND retired_rev IS NULL "
            "ORDER BY id");
    q.bind(1, from);
    while (q.executeStep())
      names.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  }
  for (const auto& [key, alias] : names) SetKey(key, alias, into, true);
}

std::string RevisionWriter::EntityType(int64_t id) {
  if (auto it = type_cache_.find(id); it != type_cache_.end()) return it->second;
  SQLite::Statement& q = Sql("SELECT type FROM entities WHERE id = ?1");
  q.bind(1, id);
  std::string type = q.executeStep() ? q.getColumn(0).getString() : "";
  type_cache_.emplace(id, type);
  return type;
}

std::string RevisionWriter::EntityName(int64_t id) {
  if (auto it = name_cache_.find(id); it != name_cache_.end()) return it->second;
  SQLite::Statement& q = Sql("SELECT name FROM entities WHERE id = ?1");
  q.bind(1, id);
  std::string name = q.executeStep() ? q.getColumn(0).getString() : "";
  name_cache_.emplace(id, name);
  return name;
}

std::string RevisionWriter::GivenName(int64_t id, const std::string& name) {
  return name == EntityName(id) ? std::string() : name;
}

void RevisionWriter::FollowOwnNames() {
  for (bool moved = true; moved;) {
    moved = false;
    std::set<int64_t> check = losers_;
    check.insert(gainers_.begin(), gainers_.end());
    for (int64_t e : check) {
      int64_t root = e;
      for (int hops = 0; hops < 16; ++hops) {  // a bound, not an expected depth
        std::optional<int64_t> next = KeyEntity(FoldKey(EntityName(root)));
        if (!next || *next == root) break;
        root = *next;
      }
      if (root == e) continue;
      bool has_names;
      {
        SQLite::Statement& q =
            Sql("SELECT 1 FROM aliases WHERE entity_id = ?1 "
                "AND retired_rev IS NULL LIMIT 1");
        q.bind(1, e);
        has_names = q.executeStep();
      }
      if (!has_names) continue;
      MoveNames(root, e);
      moved = true;
    }
  }
}

void RevisionWriter::ReResolve() {
  FollowOwnNames();
  while (!losers_.empty()) {
    std::set<int64_t> losers;
    losers.swap(losers_);
    for (int64_t e : losers) {
      std::vector<FactRow> rows =
          reader_.ReadFacts("t.subject_id = ?1 AND e.retired_rev IS NULL",
                            "l.entity_id = ?1 AND l.retired_rev IS NULL", e, 0);
      std::vector<FactRow> as_object =
          reader_.ReadFacts("t.object_id = ?1 AND e.retired_rev IS NULL", "", e, 0);
      rows.insert(rows.end(), as_object.begin(), as_object.end());
      for (const FactRow& row : rows) {
        auto s = Resolve(row.fact.subject, row.fact.subject_type);
        auto o = Resolve(row.fact.object, row.fact.object_type);
        bool same;
        if (row.triple == 0) {
          same = s == o && s == row.subject;
        } else {
          same = (s == row.subject && o == row.object) ||
                 (IsSymmetricPredicate(row.fact.predicate) && s == row.object &&
                  o == row.subject);
        }
        if (same) continue;
        RetireFact(row);
        AddFact(row.doc, row.fact);
      }
      struct MentionRow {
        int64_t id, doc;
        StoredMention m;
      };
      std::vector<MentionRow> mentions;
      {
        SQLite::Statement& q =
            Sql(std::string("SELECT m.id, m.document_id, COALESCE(NULLIF(m.name, ''), "
                            "x.name), m.count, ") +
                kFormsOfMention +
                " FROM mentions m JOIN entities x ON x.id = m.entity_id WHERE "
                "m.entity_id = ?1 AND m.retired_rev IS NULL ORDER BY m.id");
        q.bind(1, e);
        while (q.executeStep())
          mentions.push_back({q.getColumn(0).getInt64(),
                              q.getColumn(1).getInt64(),
                              {q.getColumn(2).getString(),
                               "",
                               q.getColumn(3).getInt(),
                               ParseForms(q.getColumn(4)),
                               {}}});
      }
      for (MentionRow& row : mentions) {
        row.m.type = EntityType(e);
        if (Resolve(row.m.name, row.m.type) == e) continue;
        RetireRow("mentions", row.id);
        touched_entities_.insert(e);
        AddMention(row.doc, row.m);
      }
    }
  }
}

// --- Commit
// ------------------------------------------------------------------------

void RevisionWriter::CountNodeChanges() {
  for (int64_t e : touched_entities_) {
    SQLite::Statement& before =
        Sql("SELECT 1 FROM mentions WHERE entity_id = ?1 AND added_rev < ?2 AND "
            "(retired_rev IS NULL OR retired_rev >= ?2) LIMIT 1");
    before.bind(1, e);
    before.bind(2, rev_);
    bool was = before.executeStep();
    SQLite::Statement& now =
        Sql("SELECT 1 FROM mentions WHERE entity_id = ?1 "
            "AND retired_rev IS NULL LIMIT 1");
    now.bind(1, e);
    bool is = now.executeStep();
    if (!was && is) ++r_.entities_added;
    if (was && !is) ++r_.entities_retired;
  }
}

int64_t RevisionWriter::Commit() {
  {
    for (int64_t t : touched_triples_) {
      SQLite::Statement& live =
          Sql("SELECT 1 FROM evidence WHERE triple_id = "
              "?1 AND retired_rev IS NULL LIMIT 1");
      live.bind(1, t);
      if (live.executeStep()) continue;
      SQLite::Statement& retire =
          Sql("UPDATE triples SET retired_rev = ?1 "
              "WHERE id = ?2 AND retired_rev IS NULL");
      retire.bind(1, rev_);
      retire.bind(2, t);
      int n = retire.exec();
      r_.triples_retired += n;
      changes_ += n;
    }
  }
  if (changes_ == 0) return 0;  // the destructor rolls back: no empty revisions
  CountNodeChanges();
  SQLite::Statement& q =
      Sql("UPDATE revisions SET docs_added = ?2, docs_changed = ?3, "
          "docs_retired = ?4, "
          "entities_added = ?5, entities_retired = ?6, triples_added = ?7, "
          "triples_retired = ?8, evidence_added = ?9, evidence_retired = ?10, "
          "docs_reextracted = ?11 WHERE id = ?1");
  q.bind(1, rev_);
  q.bind(2, r_.docs_new);
  q.bind(3, r_.docs_changed);
  q.bind(4, r_.docs_removed);
  q.bind(5, r_.entities_added);
  q.bind(6, r_.entities_retired);
  q.bind(7, r_.triples_added);
  q.bind(8, r_.triples_retired);
  q.bind(9, r_.evidence_added);
  q.bind(10, r_.evidence_retired);
  q.bind(11, r_.docs_reextracted);
  q.exec();
  reader_.Finalize();
  tr_.commit();
  r_.revision = rev_;
  return rev_;
}

std::string DescribeFailure(const SQLite::Exception& e, SQLite::Database* db) {
  // SQLite keeps the errno of its last failed system call, but a rollback
  // after it may clear that; errno itself survives the calls that succeed.
  int sys = db ? sqlite3_system_errno(db->getHandle()) : 0;
  int code = e.getErrorCode();
  if (sys == 0 &&
      (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN) &&
      (errno == ENOSPC || errno == EDQUOT || errno == EFBIG || errno == EIO ||
       errno == EROFS))
    sys = errno;  // only the failures of a write: an older errno must not mislead
  std::string what;
  if (e.getErrorCode() == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT) {
    what = "disk full";
  } else if (sys == EFBIG) {
    what = "file size limit reached";
  } else {
    what = e.what();
  }
  if (sys != 0) what += std::string(" (") + std::strerror(sys) + ")";
  return what;
}

void ThrowWriteError(const std::string& path, const SQLite::Exception& e,
                     SQLite::Database& db) {
  if (e.getErrorCode() == SQLITE_BUSY)
    throw Error(path + ": store is being written by another process; try again");
  std::string what = DescribeFailure(e, &db);
  // The revision was rolled back; say where that left the store.
  std::string state = "nothing was written";
  try {
    int64_t rev = db.execAndGet("SELECT COALESCE(MAX(id), 0) FROM revisions").getInt64();
    state += rev > 0 ? "; the store is still at revision " + std::to_string(rev)
                     : "; the store is still empty";
  } catch (const SQLite::Exception&) {
  }
  throw Error(path + ": cannot write store: " + what + "; " + state);
}

}  // namespace kg::internal
