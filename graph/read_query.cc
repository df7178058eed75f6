// Index lookups for the query layer (Store::Lookup). The latest revision is
// read with `retired_rev IS NULL`, so that SQLite can use the partial
// covering indexes on live triples; other revisions use the plain indexes
// on subject and object (schema.cc).
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>
#include <set>

#include "graph/graph.h"
#include "graph/names.h"

namespace kg {

namespace {

std::string Text(SQLite::Statement& q, int i) {
  auto c = q.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}

class SqlLookup : public Store::Lookup {
 public:
  SqlLookup(SQLite::Database& db, const GraphFilter& filter)
      : db_(db), rev_(filter.as_of_revision), date_(filter.as_of_date) {}

  void Triples(const Store::TriplePattern& pattern,
               const std::function<bool(const TripleEnds&)>& fn) override {
    const char* end = pattern.subject     ? "subject_id"
                      : pattern.object    ? "object_id"
                      : pattern.predicate ? "predicate"
                                          : "";
    std::string sql = "SELECT t.id, t.subject_id, t.object_id, t.predicate FROM " +
                      Triples(end) + " WHERE " + TripleIn("t");
    if (pattern.subject) sql += " AND t.subject_id = :s";
    if (pattern.predicate) sql += " AND t.predicate = :p";
    if (pattern.object) sql += " AND t.object_id = :o";
    auto row = [](SQLite::Statement& q) {
      return TripleEnds{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                        q.getColumn(2).getInt64(), q.getColumn(3).getString()};
    };
    if (!pattern.subject && !pattern.object && !pattern.predicate) {
      // A scan streams into `fn`, which may look up triples itself: it gets
      // a statement of its own, in the table's own (id) order.
      SQLite::Statement q(db_, sql + " ORDER BY t.id");
      BindSlice(q);
      while (q.executeStep())
        if (!fn(row(q))) break;
      return;
    }
    SQLite::Statement& q = Prepare(sql);
    if (pattern.subject) q.bind(":s", *pattern.subject);
    if (pattern.predicate) q.bind(":p", *pattern.predicate);
    if (pattern.object) q.bind(":o", *pattern.object);
    // Index order is not id order; lookups are small, so sort them.
    std::vector<TripleEnds> found;
    while (q.executeStep()) found.push_back(row(q));
    std::sort(found.begin(), found.end(),
              [](const TripleEnds& a, const TripleEnds& b) { return a.id < b.id; });
    for (const TripleEnds& t : found)
      if (!fn(t)) break;
  }

  std::optional<Store::EntityRef> Entity(int64_t id) override {
    SQLite::Statement& q = Prepare("SELECT name, type FROM entities WHERE id = :id");
    q.bind(":id", id);
    std::optional<Store::EntityRef> found;
    if (q.executeStep())
      found =
          Store::EntityRef{id, q.getColumn(0).getString(), q.getColumn(1).getString()};
    q.reset();
    return found;
  }

  std::optional<int64_t> FindEntity(std::string_view name) override {
    // A name of the store (its own, curated) first; then the entity that
    // articles in this graph called so most often; then the name a lexicon
    // gives it.
    const std::string key = FoldKey(name);
    if (auto id = Named(key)) return id;
    {
      SQLite::Statement& q = Prepare(
          "SELECT m.entity_id FROM mention_forms f JOIN mentions m ON m.id = "
          "f.mention_id JOIN documents d ON d.id = m.document_id WHERE f.key = :key "
          "AND " +
          Live("m") + Dated("d") +
          " GROUP BY m.entity_id ORDER BY SUM(f.count) DESC, m.entity_id LIMIT 1");
      q.bind(":key", key);
      std::optional<int64_t> id;
      if (q.executeStep()) id = q.getColumn(0).getInt64();
      q.reset();
      if (id) return id;
    }
    SQLite::Statement& q = Prepare("SELECT name FROM lexicon_names WHERE key = :key");
    q.bind(":key", key);
    std::string given = q.executeStep() ? q.getColumn(0).getString() : "";
    q.reset();
    if (given.empty()) return std::nullopt;
    return Named(FoldKey(given));
  }

  // The entity whose live name folds to `key`, when this graph mentions it.
  std::optional<int64_t> Named(const std::string& key) {
    SQLite::Statement& q =
        Prepare("SELECT a.entity_id FROM aliases a WHERE a.key = :key AND " + Live("a"));
    q.bind(":key", key);
    if (!q.executeStep()) return std::nullopt;
    int64_t id = q.getColumn(0).getInt64();
    q.reset();
    SQLite::Statement& m = Prepare(
        "SELECT 1 FROM mentions m JOIN documents d ON d.id = m.document_id "
        "WHERE m.entity_id = :id AND " +
        Live("m") + Dated("d") + " LIMIT 1");
    m.bind(":id", id);
    bool mentioned = m.executeStep();
    m.reset();
    if (!mentioned) return std::nullopt;
    return id;
  }

  int Weight(int64_t triple_id) override {
    SQLite::Statement& q = Prepare(
        "SELECT COUNT(DISTINCT e.document_id) FROM triples t "
        "JOIN evidence e ON e.triple_id = t.id JOIN documents d ON d.id = e.document_id "
        "WHERE t.id = :id AND " +
        Live("t") + " AND " + Live("e") + Dated("d"));
    q.bind(":id", triple_id);
    q.executeStep();
    int weight = q.getColumn(0).getInt();
    q.reset();
    return weight;
  }

  std::optional<Edge> GetEdge(int64_t triple_id, std::vector<Evidence>* all) override {
    SQLite::Statement& t = Prepare(
        "SELECT t.subject_id, t.object_id, t.predicate FROM triples t "
        "WHERE t.id = :id AND " +
        Live("t"));
    t.bind(":id", triple_id);
    if (!t.executeStep()) return std::nullopt;
    Edge edge;
    edge.id = triple_id;
    edge.source = t.getColumn(0).getInt64();
    edge.target = t.getColumn(1).getInt64();
    edge.predicate = t.getColumn(2).getString();
    t.reset();

    SQLite::Statement& q = Prepare(
        "SELECT e.document_id, e.confidence, e.sentence, e.start_offset, "
        "e.end_offset, d.uri, d.title, d.date FROM evidence e "
        "JOIN documents d ON d.id = e.document_id WHERE e.triple_id = :id AND " +
        Live("e") + Dated("d") + " ORDER BY e.id");
    q.bind(":id", triple_id);
    std::set<int64_t> docs;
    std::set<std::string> dates;
    if (all) all->clear();
    while (q.executeStep()) {
      docs.insert(q.getColumn(0).getInt64());
      Evidence ev;
      ev.confidence = q.getColumn(1).getDouble();
      ev.sentence = q.getColumn(2).getString();
      ev.start = q.getColumn(3).isNull() ? -1 : q.getColumn(3).getInt64();
      ev.end = q.getColumn(4).isNull() ? -1 : q.getColumn(4).getInt64();
      ev.document = q.getColumn(5).getString();
      ev.title = Text(q, 6);
      ev.date = Text(q, 7);
      if (!ev.date.empty()) dates.insert(ev.date);
      if (ev.date.empty()) ++edge.undated_evidence;
      ++edge.evidence_count;
      edge.confidence = std::max(edge.confidence, ev.confidence);
      if (all) all->push_back(ev);
      // Best: highest confidence, then latest date, then first stored.
      if (edge.evidence_count == 1 || ev.confidence > edge.best.confidence ||
          (ev.confidence == edge.best.confidence && ev.date > edge.best.date))
        edge.best = std::move(ev);
    }
    if (edge.evidence_count == 0) return std::nullopt;  // cut away by the date
    edge.weight = static_cast<int>(docs.size());
    edge.dates.assign(dates.begin(), dates.end());
    if (!dates.empty()) {
      edge.first_seen = *dates.begin();
      edge.last_seen = *dates.rbegin();
    }
    if (all)
      std::stable_sort(all->begin(), all->end(),
                       [](const Evidence& a, const Evidence& b) {
                         if (a.date.empty() != b.date.empty()) return b.date.empty();
                         return a.date < b.date;
                       });
    return edge;
  }

  std::optional<Node> GetNode(int64_t entity_id) override {
    auto ref = Entity(entity_id);
    if (!ref) return std::nullopt;
    Node n;
    n.id = entity_id;
    n.name = ref->name;
    n.type = ref->type;
    {
      SQLite::Statement& q = Prepare(
          "SELECT SUM(m.count), MIN(d.date), MAX(d.date) FROM mentions m "
          "JOIN documents d ON d.id = m.document_id WHERE m.entity_id = :id AND " +
          Live("m") + Dated("d"));
      q.bind(":id", entity_id);
      q.executeStep();
      if (q.getColumn(0).isNull()) {  // no live mention
        q.reset();
        return std::nullopt;
      }
      n.mentions = q.getColumn(0).getInt();
      n.first_seen = Text(q, 1);
      n.last_seen = Text(q, 2);
      q.reset();
    }
    {
      SQLite::Statement& q = Prepare(
          "SELECT DISTINCT d.date FROM mentions m JOIN documents d "
          "ON d.id = m.document_id WHERE m.entity_id = :id AND " +
          Live("m") + Dated("d") + " AND d.date IS NOT NULL ORDER BY 1");
      q.bind(":id", entity_id);
      while (q.executeStep()) n.dates.push_back(q.getColumn(0).getString());
    }
    {
      NameCounter names(n.name);
      SQLite::Statement& a = Prepare(
          "SELECT a.alias FROM aliases a WHERE a.entity_id = :id AND " + Live("a"));
      a.bind(":id", entity_id);
      std::vector<std::string> own;
      while (a.executeStep()) {
        own.push_back(a.getColumn(0).getString());
        names.Add(own.back(), 0);
      }
      SQLite::Statement& f = Prepare(
          "SELECT f.form, SUM(f.count) FROM mention_forms f JOIN mentions m ON m.id = "
          "f.mention_id JOIN documents d ON d.id = m.document_id WHERE m.entity_id = :id "
          "AND " +
          Live("m") + Dated("d") + " GROUP BY f.form");
      f.bind(":id", entity_id);
      while (f.executeStep())
        names.Add(f.getColumn(0).getString(), f.getColumn(1).getInt());
      SQLite::Statement& l =
          Prepare("SELECT alias FROM lexicon_names WHERE name_key = :name");
      for (const std::string& name : own) {
        l.reset();
        l.bind(":name", FoldKey(name));
        while (l.executeStep()) names.Add(l.getColumn(0).getString(), 0);
      }
      names.Finish(n);
    }
    for (const char* end : {"subject_id", "object_id"}) {
      SQLite::Statement& q =
          Prepare("SELECT COUNT(*) FROM " + Triples(end) + " WHERE t." +
                  std::string(end) + " = :id AND " + TripleIn("t"));
      q.bind(":id", entity_id);
      q.executeStep();
      n.degree += q.getColumn(0).getInt();
      q.reset();
    }
    return n;
  }

 private:
  // The liveness condition for table alias `t` in this slice.
  std::string Live(const std::string& t) const {
    if (rev_ == 0) return "(" + t + ".retired_rev IS NULL)";
    return "(" + t + ".added_rev <= :rev AND (" + t + ".retired_rev IS NULL OR " + t +
           ".retired_rev > :rev))";
  }
  // The triples table as `t`, to be searched by the column `by` ("" for a
  // scan). At the latest revision the partial covering index of live triples
  // on that column answers without touching the table; SQLite's planner,
  // without statistics, would pick the plain index and read every row.
  std::string Triples(std::string_view by) const {
    if (rev_ != 0 || by.empty()) return "triples t";
    if (by == "subject_id") return "triples t INDEXED BY triples_live_spo";
    if (by == "object_id") return "triples t INDEXED BY triples_live_ops";
    return "triples t INDEXED BY triples_live_pso";
  }
  // The as-of date on documents aliased `d`, as a further AND term: dated
  // up to it, or undated.
  std::string Dated(const std::string& d) const {
    return date_.empty() ? ""
                         : " AND (" + d + ".date IS NULL OR " + d + ".date <= :date)";
  }
  // Triple `t` is in the slice: live, with live evidence from a document the
  // as-of date keeps.
  std::string TripleIn(const std::string& t) const {
    std::string s = Live(t);
    if (!date_.empty())
      s += " AND EXISTS (SELECT 1 FROM evidence ev JOIN documents dv ON "
           "dv.id = ev.document_id WHERE ev.triple_id = " +
           t + ".id AND " + Live("ev") + Dated("dv") + ")";
    return s;
  }

  // A cached statement, reset, with the slice's parameters bound. The
  // previous use of the same SQL must be finished. Callers reset what they
  // do not step to the end, so that no read snapshot outlives a call.
  SQLite::Statement& Prepare(const std::string& sql) {
    auto& slot = statements_[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
    SQLite::Statement& q = *slot;
    q.reset();
    q.clearBindings();
    BindSlice(q);
    return q;
  }
  void BindSlice(SQLite::Statement& q) const {
    if (rev_ != 0 && q.getIndex(":rev") > 0) q.bind(":rev", rev_);
    if (!date_.empty() && q.getIndex(":date") > 0) q.bind(":date", date_);
  }

  SQLite::Database& db_;
  int64_t rev_;       // 0: the latest
  std::string date_;  // "": no as-of date
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace

std::unique_ptr<Store::Lookup> Store::NewLookup(const GraphFilter& filter) {
  return std::make_unique<SqlLookup>(*db_, filter);
}

}  // namespace kg
