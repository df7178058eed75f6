// The vocabulary of spec/schema.md and the store's SQL schema with its
// forward migrations.
#include "graph/schema.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "graph/graph.h"

namespace kg {

const std::vector<std::string>& EntityTypes() {
  static const std::vector<std::string> types = {
      "Country", "GovernmentBody", "Company",    "Organization", "Person", "Chip",
      "AIModel", "Product",        "Technology", "Policy",       "Place"};
  return types;
}

bool IsEntityType(std::string_view type) {
  const auto& t = EntityTypes();
  return std::find(t.begin(), t.end(), type) != t.end();
}

const std::vector<std::string>& SchemaPredicates() {
  static const std::vector<std::string> predicates = {"sanctions",
                                                      "restricts_exports_to",
                                                      "restricts_export_of",
                                                      "bans",
                                                      "lifts_restrictions_on",
                                                      "investigates",
                                                      "funds",
                                                      "develops",
                                                      "manufactures",
                                                      "trained_on",
                                                      "uses",
                                                      "owns",
                                                      "sells_to",
                                                      "invests_in",
                                                      "acquires",
                                                      "partners_with",
                                                      "competes_with",
                                                      "based_in",
                                                      "works_for",
                                                      "leads",
                                                      "founded",
                                                      "criticizes",
                                                      "lobbies",
                                                      "meets_with"};
  return predicates;
}

bool IsSchemaPredicate(std::string_view predicate) {
  const auto& p = SchemaPredicates();
  return std::find(p.begin(), p.end(), predicate) != p.end();
}

bool IsSymmetricPredicate(std::string_view predicate) {
  return predicate == "partners_with" || predicate == "competes_with" ||
         predicate == "meets_with";
}

namespace {

// Migration i brings user_version from i to i + 1. Append; never edit.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  docs_added INTEGER NOT NULL DEFAULT 0,
  docs_retired INTEGER NOT NULL DEFAULT 0,
  entities_added INTEGER NOT NULL DEFAULT 0,
  entities_retired INTEGER NOT NULL DEFAULT 0,
  triples_added INTEGER NOT NULL DEFAULT 0,
  triples_retired INTEGER NOT NULL DEFAULT 0,
  evidence_added INTEGER NOT NULL DEFAULT 0,
  evidence_retired INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  uri TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  date TEXT,
  hash TEXT NOT NULL,
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE UNIQUE INDEX documents_live_uri ON documents(uri) WHERE retired_rev IS NULL;
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE TABLE aliases (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  alias TEXT NOT NULL,
  key TEXT NOT NULL,
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE UNIQUE INDEX aliases_live_key ON aliases(key) WHERE retired_rev IS NULL;
CREATE INDEX aliases_entity ON aliases(entity_id);
CREATE TABLE triples (
  id INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES entities(id),
  predicate TEXT NOT NULL,
  object_id INTEGER NOT NULL REFERENCES entities(id),
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE UNIQUE INDEX triples_live_spo
  ON triples(subject_id, predicate, object_id) WHERE retired_rev IS NULL;
CREATE INDEX triples_object ON triples(object_id);
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  triple_id INTEGER NOT NULL REFERENCES triples(id),
  document_id INTEGER NOT NULL REFERENCES documents(id),
  sentence TEXT NOT NULL,
  start_offset INTEGER,
  end_offset INTEGER,
  confidence REAL NOT NULL,
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE INDEX evidence_triple ON evidence(triple_id);
CREATE INDEX evidence_document ON evidence(document_id);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  document_id INTEGER NOT NULL REFERENCES documents(id),
  count INTEGER NOT NULL,
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_document ON mentions(document_id);
)sql",
    // Query lookups (graph/read_query.cc): live triples by object and by
    // predicate, covering, beside triples_live_spo; triples and aliases of
    // past revisions by subject and by key.
    R"sql(
CREATE INDEX triples_live_ops
  ON triples(object_id, predicate, subject_id) WHERE retired_rev IS NULL;
CREATE INDEX triples_live_pso
  ON triples(predicate, subject_id, object_id) WHERE retired_rev IS NULL;
CREATE INDEX triples_subject ON triples(subject_id);
CREATE INDEX aliases_key ON aliases(key);
)sql",
    // Versioning (graph/writer.h): the names each fact and mention was given,
    // so that curation moves rows by name; facts whose two names mean one
    // entity, kept for when they stop meaning one; content versions of a
    // document, so that an edit keeps the rows it did not change (the hash
    // in documents is the one the row was added with); curated aliases; and
    // documents changed, apart from added and retired, in revisions.
    R"sql(
ALTER TABLE evidence ADD COLUMN subject_name TEXT NOT NULL DEFAULT '';
ALTER TABLE evidence ADD COLUMN object_name TEXT NOT NULL DEFAULT '';
UPDATE evidence SET
  subject_name = COALESCE((SELECT x.name FROM triples t JOIN entities x
                           ON x.id = t.subject_id WHERE t.id = evidence.triple_id), ''),
  object_name = COALESCE((SELECT x.name FROM triples t JOIN entities x
                          ON x.id = t.object_id WHERE t.id = evidence.triple_id), '');
ALTER TABLE mentions ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE mentions SET name = COALESCE(
  (SELECT x.name FROM entities x WHERE x.id = mentions.entity_id), '');
ALTER TABLE aliases ADD COLUMN curated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE loop_evidence (
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  predicate TEXT NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  subject_name TEXT NOT NULL,
  object_name TEXT NOT NULL,
  sentence TEXT NOT NULL,
  start_offset INTEGER,
  end_offset INTEGER,
  confidence REAL NOT NULL,
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE INDEX loop_evidence_entity ON loop_evidence(entity_id);
CREATE INDEX loop_evidence_document ON loop_evidence(document_id);
CREATE TABLE document_versions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  hash TEXT NOT NULL,
  added_rev INTEGER NOT NULL REFERENCES revisions(id),
  retired_rev INTEGER REFERENCES revisions(id)
);
CREATE INDEX document_versions_document ON document_versions(document_id);
INSERT INTO document_versions(document_id, hash, added_rev, retired_rev)
  SELECT id, hash, added_rev, retired_rev FROM documents;
ALTER TABLE revisions ADD COLUMN docs_changed INTEGER NOT NULL DEFAULT 0;
UPDATE revisions SET docs_changed = docs_retired,
                     docs_added = docs_added - docs_retired, docs_retired = 0;
)sql",
    // Sharding (kg ingest --shard, kg merge-store): where a document came in
    // the input of the run that added it, counting every shard's articles,
    // so that a merge meets documents in the order one ingest would have.
    R"sql(
ALTER TABLE documents ADD COLUMN position INTEGER;
)sql",
    // Extractor fingerprints (Extractor::fingerprint): the extractor that made
    // each content version of a document, so that kg ingest re-extracts what
    // an older extractor made and a revert brings the old extractor back
    // with the old facts (documents need none: every row the writer adds has
    // a version), and whether the uri is the file the text was read from
    // (only such a uri is a path kg opens); documents re-extracted, apart
    // from changed, in revisions. Versions that article ingests wrote before
    // fingerprints existed, and their copies written by revert or
    // merge-store, get 'unknown', so that the upgrade reaches them too (when
    // their files are ingested again: where their text came from is not
    // known); triples made elsewhere keep ''.
    R"sql(
ALTER TABLE document_versions ADD COLUMN extractor TEXT NOT NULL DEFAULT '';
ALTER TABLE document_versions ADD COLUMN uri_is_file INTEGER NOT NULL DEFAULT 0;
UPDATE document_versions SET extractor = 'unknown'
  WHERE added_rev IN (SELECT id FROM revisions WHERE kind = 'ingest');
UPDATE document_versions SET extractor = 'unknown'
  WHERE extractor = ''
    AND added_rev IN (SELECT id FROM revisions WHERE kind IN ('revert', 'merge-store'))
    AND hash IN (SELECT hash FROM document_versions WHERE extractor = 'unknown');
CREATE INDEX document_versions_live_extractor
  ON document_versions(extractor) WHERE retired_rev IS NULL;
ALTER TABLE revisions ADD COLUMN docs_reextracted INTEGER NOT NULL DEFAULT 0;
)sql",
    // Names as users type them (Mention::forms, Mention::aliases): the names
    // an article used for an entity, with counts, living and dying with
    // their mention row; and the names a lexicon gives an entity, by the
    // name it gives (so they follow curation), kept for good: they state
    // what a name means, not what a document says.
    R"sql(
CREATE TABLE mention_forms (
  mention_id INTEGER NOT NULL REFERENCES mentions(id),
  form TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (mention_id, form)
) WITHOUT ROWID;
CREATE INDEX mention_forms_key ON mention_forms(key);
CREATE TABLE lexicon_names (
  key TEXT PRIMARY KEY,
  alias TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX lexicon_names_name ON lexicon_names(name_key);
)sql",
};

constexpr int kSchemaVersion = sizeof(kMigrations) / sizeof(kMigrations[0]);

}  // namespace

int SchemaVersion() { return kSchemaVersion; }

void Migrate(SQLite::Database& db, const std::string& path) {
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > kSchemaVersion)
    throw Error(path + ": store schema version " + std::to_string(version) +
                " is newer than this kg understands (" + std::to_string(kSchemaVersion) +
                "); upgrade kg");
  if (version == kSchemaVersion) return;
  // All pending migrations in one transaction: a store killed while it is
  // created or upgraded is left as it was, never at a version in between.
  SQLite::Transaction tr(db, SQLite::TransactionBehavior::IMMEDIATE);
  for (; version < kSchemaVersion; ++version) db.exec(kMigrations[version]);
  db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  tr.commit();
}

}  // namespace kg
