// Writes a synthetic kg store for the query benchmark: ENTITIES entities and
// TRIPLES triples, deterministic from SEED. The store is created (and
// migrated) by Store::Open, then filled in one transaction through SQLiteCpp,
// the way Store::Apply would leave it after one revision: every triple has
// one to three evidence rows in distinct documents, and every entity has
// mentions in the documents that state its triples.
//
// Endpoints are skewed like news: an entity's chance to be picked falls with
// its rank as rank^(-1/3) (a few hubs with about a thousand edges, a median
// near twenty), ranks shuffled over the ids.
//
//   gen_store OUT.db [--entities N] [--triples N] [--documents N] [--seed N]
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/base.h"
#include "graph/graph.h"

namespace {

struct Config {
  std::string out;
  int64_t entities = 100000;
  int64_t triples = 1000000;
  int64_t documents = 50000;
  uint64_t seed = 42;
};

Config ParseArgs(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw kg::Error(a + " needs a value", kg::Error::Kind::kUsage);
      return argv[++i];
    };
    if (a == "--entities") {
      c.entities = std::stoll(next());
    } else if (a == "--triples") {
      c.triples = std::stoll(next());
    } else if (a == "--documents") {
      c.documents = std::stoll(next());
    } else if (a == "--seed") {
      c.seed = std::stoull(next());
    } else if (!a.empty() && a[0] != '-' && c.out.empty()) {
      c.out = a;
    } else {
      throw kg::Error(
          "usage: gen_store OUT.db [--entities N] [--triples N] "
          "[--documents N] [--seed N]",
          kg::Error::Kind::kUsage);
    }
  }
  if (c.out.empty())
    throw kg::Error("usage: gen_store OUT.db ...", kg::Error::Kind::kUsage);
  if (c.entities < 2 || c.triples < 1 || c.documents < 1)
    throw kg::Error("need at least 2 entities, 1 triple and 1 document");
  return c;
}

// Pronounceable, unique names: syllables from the id's digits, then the id.
std::string EntityName(int64_t i, const std::string& type) {
  static const char* const kSyllables[] = {"ka", "ro",  "vin", "tel", "mar", "zen",
                                           "lo", "qua", "dri", "sor", "ne",  "bex"};
  std::string name;
  int64_t x = i * 7919 + 13;
  for (int k = 0; k < 3; ++k) {
    name += kSyllables[x % 12];
    x /= 12;
  }
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name + " " + type + " " + std::to_string(i);
}

std::string Date(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> year(2019, 2025), month(1, 12), day(1, 28);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(rng), month(rng), day(rng));
  return buf;
}

void Generate(const Config& c) {
  namespace fs = std::filesystem;
  if (fs::path(c.out).has_parent_path())
    fs::create_directories(fs::path(c.out).parent_path());
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(c.out + suffix);
  // Creates the schema and its indexes, exactly as kg would.
  kg::Store::Open(c.out, kg::Store::Mode::kReadWrite, kg::Env::Default()).reset();

  SQLite::Database db(c.out, SQLite::OPEN_READWRITE);
  // A half-written benchmark store is simply written again: no journal.
  db.exec("PRAGMA journal_mode = OFF");
  db.exec("PRAGMA synchronous = OFF");
  db.exec("PRAGMA cache_size = -1000000");  // 1 GB: the indexes stay in memory
  std::mt19937_64 rng(c.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);

  const auto& types = kg::EntityTypes();
  const auto& predicates = kg::SchemaPredicates();
  std::vector<int64_t> rank_to_id(c.entities);
  for (int64_t i = 0; i < c.entities; ++i) rank_to_id[i] = i + 1;
  std::shuffle(rank_to_id.begin(), rank_to_id.end(), rng);
  auto pick_entity = [&]() {
    auto rank = static_cast<int64_t>(c.entities * std::pow(unit(rng), 1.5));
    return rank_to_id[std::min(rank, c.entities - 1)];
  };

  SQLite::Transaction tr(db);
  db.exec(
      "INSERT INTO revisions(id, time, kind, message) VALUES "
      "(1, '2026-01-01T00:00:00Z', 'ingest --triples', 'synthetic benchmark store')");
  {
    SQLite::Statement q(db,
                        "INSERT INTO documents(id, uri, title, source, date, hash, "
                        "added_rev) VALUES (?1, ?2, ?3, 'synthetic', ?4, ?5, 1)");
    for (int64_t d = 1; d <= c.documents; ++d) {
      std::string uri = "synthetic/doc-" + std::to_string(d) + ".md";
      q.bind(1, d);
      q.bind(2, uri);
      q.bind(3, "Synthetic article " + std::to_string(d));
      if (unit(rng) < 0.05) {
        q.bind(4);  // undated, as some articles are
      } else {
        q.bind(4, Date(rng));
      }
      q.bind(5, kg::ContentHash(uri));
      q.exec();
      q.reset();
    }
  }
  std::vector<std::string> names(c.entities + 1);
  {
    SQLite::Statement e(db,
                        "INSERT INTO entities(id, name, type, added_rev) "
                        "VALUES (?1, ?2, ?3, 1)");
    SQLite::Statement a(db,
                        "INSERT INTO aliases(entity_id, alias, key, added_rev) "
                        "VALUES (?1, ?2, ?3, 1)");
    auto alias = [&](int64_t id, const std::string& text) {
      a.bind(1, id);
      a.bind(2, text);
      a.bind(3, kg::FoldKey(text));
      a.exec();
      a.reset();
    };
    for (int64_t i = 1; i <= c.entities; ++i) {
      const std::string& type = types[rng() % types.size()];
      names[i] = EntityName(i, type);
      e.bind(1, i);
      e.bind(2, names[i]);
      e.bind(3, type);
      e.exec();
      e.reset();
      alias(i, names[i]);
      if (unit(rng) < 0.1) alias(i, "E" + std::to_string(i));  // a short alias
    }
  }

  // Triples, their evidence, and the mentions that evidence implies.
  std::unordered_map<uint64_t, int> mentions;  // document << 32 | entity -> count
  std::unordered_set<std::string> seen;
  SQLite::Statement t(db,
                      "INSERT INTO triples(id, subject_id, predicate, object_id, "
                      "added_rev) VALUES (?1, ?2, ?3, ?4, 1)");
  SQLite::Statement ev(db,
                       "INSERT INTO evidence(triple_id, document_id, sentence, "
                       "start_offset, end_offset, confidence, added_rev) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)");
  std::uniform_int_distribution<int64_t> doc(1, c.documents);
  for (int64_t id = 1; id <= c.triples;) {
    int64_t s = pick_entity(), o = pick_entity();
    const std::string& p = predicates[rng() % predicates.size()];
    if (s == o) continue;
    if (kg::IsSymmetricPredicate(p) && s > o) std::swap(s, o);
    if (!seen.insert(std::to_string(s) + p + std::to_string(o)).second) continue;
    t.bind(1, id);
    t.bind(2, s);
    t.bind(3, p);
    t.bind(4, o);
    t.exec();
    t.reset();
    double r = unit(rng);
    int count = r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
    std::vector<int64_t> docs;
    while (static_cast<int>(docs.size()) < std::min<int64_t>(count, c.documents)) {
      int64_t d = doc(rng);
      if (std::find(docs.begin(), docs.end(), d) == docs.end()) docs.push_back(d);
    }
    std::string sentence = names[s] + " " + p + " " + names[o] + ".";
    for (int64_t d : docs) {
      ev.bind(1, id);
      ev.bind(2, d);
      ev.bind(3, sentence);
      ev.bind(4, int64_t{0});
      ev.bind(5, static_cast<int64_t>(sentence.size()));
      ev.bind(6, 0.5 + 0.5 * unit(rng));
      ev.exec();
      ev.reset();
      ++mentions[static_cast<uint64_t>(d) << 32 | static_cast<uint64_t>(s)];
      ++mentions[static_cast<uint64_t>(d) << 32 | static_cast<uint64_t>(o)];
    }
    ++id;
  }
  // An entity without a mention is not in the graph: give the unlucky ones one.
  std::vector<char> mentioned(c.entities + 1, 0);
  for (const auto& [key, n] : mentions) mentioned[key & 0xffffffffu] = 1;
  for (int64_t i = 1; i <= c.entities; ++i)
    if (!mentioned[i]) ++mentions[static_cast<uint64_t>(doc(rng)) << 32 | i];
  std::vector<std::pair<uint64_t, int>> sorted(mentions.begin(), mentions.end());
  std::sort(sorted.begin(), sorted.end());
  SQLite::Statement m(db,
                      "INSERT INTO mentions(entity_id, document_id, count, "
                      "added_rev) VALUES (?1, ?2, ?3, 1)");
  for (const auto& [key, n] : sorted) {
    m.bind(1, static_cast<int64_t>(key & 0xffffffffu));
    m.bind(2, static_cast<int64_t>(key >> 32));
    m.bind(3, n);
    m.exec();
    m.reset();
  }
  db.exec(
      "UPDATE revisions SET docs_added = (SELECT COUNT(*) FROM documents), "
      "entities_added = (SELECT COUNT(*) FROM entities), "
      "triples_added = (SELECT COUNT(*) FROM triples), "
      "evidence_added = (SELECT COUNT(*) FROM evidence) WHERE id = 1");
  tr.commit();
  db.exec("PRAGMA journal_mode = WAL");  // as kg leaves its stores
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Config c = ParseArgs(argc, argv);
    auto start = std::chrono::steady_clock::now();
    Generate(c);
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "gen_store: " << c.out << ": " << c.entities << " entities, "
              << c.triples << " triples, " << c.documents << " documents (seed " << c.seed
              << ") in " << s << " s\n";
    return 0;
  } catch (const kg::Error& e) {
    std::cerr << "gen_store: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "gen_store: " << e.what() << "\n";
    return 1;
  }
}
