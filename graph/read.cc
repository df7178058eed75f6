// The read path: the graph as it stood at a revision. A row is live at
// revision R when added_rev <= R and it was not retired at or before R.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>

#include "graph/graph.h"

namespace kg {

namespace {

// The liveness condition for table alias `t`, against parameter ?1.
std::string Live(const char* t) {
  std::string a(t);
  return "(" + a + ".added_rev <= ?1 AND (" + a + ".retired_rev IS NULL OR " + a +
         ".retired_rev > ?1))";
}

// With an as-of date (parameter ?9): the AND term that keeps documents
// aliased `d` dated up to it or undated, and the one that keeps triples `t`
// with live evidence from such a document.
std::string Dated(const std::string& date, const char* d) {
  if (date.empty()) return "";
  std::string a(d);
  return " AND (" + a + ".date IS NULL OR " + a + ".date <= ?9)";
}
std::string TripleDated(const std::string& date, const char* t) {
  if (date.empty()) return "";
  return std::string(" AND EXISTS (SELECT 1 FROM evidence de JOIN documents dd ON "
                     "dd.id = de.document_id WHERE de.triple_id = ") +
         t + ".id AND " + Live("de") + Dated(date, "dd") + ")";
}
void BindDate(SQLite::Statement& q, const std::string& date) {
  if (!date.empty() && q.getIndex("?9") > 0) q.bind(9, date);
}

std::string ColumnText(SQLite::Statement& q, int i) {
  auto c = q.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}

// Streams edges (optionally only `only_triple`) in triple id order, folding
// each triple's evidence rows into one Edge.
void StreamEdges(SQLite::Database& db, int64_t rev, const std::string& date,
                 std::optional<int64_t> only,
                 const std::function<void(const Edge&)>& fn) {
  std::string sql =
      "SELECT t.id, t.subject_id, t.object_id, t.predicate, e.document_id, "
      "e.confidence, e.sentence, e.start_offset, e.end_offset, d.uri, d.title, "
      "d.date FROM triples t JOIN evidence e ON e.triple_id = t.id "
      "JOIN documents d ON d.id = e.document_id WHERE " +
      Live("t") + " AND " + Live("e") + Dated(date, "d") +
      (only ? " AND t.id = ?2" : "") +
      " ORDER BY t.id, e.id";
  SQLite::Statement q(db, sql);
  q.bind(1, rev);
  if (only) q.bind(2, *only);
  BindDate(q, date);

  Edge edge;
  std::set<int64_t> docs;
  std::set<std::string> dates;
  auto flush = [&] {
    if (edge.id == 0) return;
    edge.weight = static_cast<int>(docs.size());
    edge.dates.assign(dates.begin(), dates.end());
    if (!dates.empty()) {
      edge.first_seen = *dates.begin();
      edge.last_seen = *dates.rbegin();
    }
    fn(edge);
  };
  while (q.executeStep()) {
    int64_t id = q.getColumn(0).getInt64();
    if (id != edge.id) {
      flush();
      edge = Edge{};
      docs.clear();
      dates.clear();
      edge.id = id;
      edge.source = q.getColumn(1).getInt64();
      edge.target = q.getColumn(2).getInt64();
      edge.predicate = q.getColumn(3).getString();
    }
    docs.insert(q.getColumn(4).getInt64());
    Evidence ev;
    ev.confidence = q.getColumn(5).getDouble();
    ev.sentence = q.getColumn(6).getString();
    ev.start = q.getColumn(7).isNull() ? -1 : q.getColumn(7).getInt64();
    ev.end = q.getColumn(8).isNull() ? -1 : q.getColumn(8).getInt64();
    ev.document = q.getColumn(9).getString();
    ev.title = ColumnText(q, 10);
    ev.date = ColumnText(q, 11);
    if (!ev.date.empty()) dates.insert(ev.date);
    if (ev.date.empty()) ++edge.undated_evidence;
    ++edge.evidence_count;
    edge.confidence = std::max(edge.confidence, ev.confidence);
    // Best evidence: highest confidence, then latest date, then first seen.
    if (edge.evidence_count == 1 || ev.confidence > edge.best.confidence ||
        (ev.confidence == edge.best.confidence && ev.date > edge.best.date))
      edge.best = std::move(ev);
  }
  flush();
}

}  // namespace

int64_t Store::LatestRevision() {
  return db_->execAndGet("SELECT COALESCE(MAX(id), 0) FROM revisions").getInt64();
}

int64_t Store::Rev(const GraphFilter& filter) {
  return filter.as_of_revision > 0 ? filter.as_of_revision
                                   : std::numeric_limits<int64_t>::max();
}

void Store::ForEachNode(const GraphFilter& filter,
                        const std::function<void(const Node&)>& fn) {
  int64_t rev = Rev(filter);
  struct Seen {
    int mentions = 0;
    std::string first, last;
  };
  std::unordered_map<int64_t, Seen> seen;
  {
    SQLite::Statement q(*db_,
                        "SELECT m.entity_id, SUM(m.count), MIN(d.date), MAX(d.date) "
                        "FROM mentions m JOIN documents d ON d.id = m.document_id "
                        "WHERE " + Live("m") + Dated(filter.as_of_date, "d") +
                        " GROUP BY m.entity_id");
    q.bind(1, rev);
    BindDate(q, filter.as_of_date);
    while (q.executeStep())
      seen[q.getColumn(0).getInt64()] = {q.getColumn(1).getInt(), ColumnText(q, 2),
                                         ColumnText(q, 3)};
  }
  std::unordered_map<int64_t, std::vector<std::string>> dates;
  {
    SQLite::Statement q(*db_,
                        "SELECT DISTINCT m.entity_id, d.date FROM mentions m "
                        "JOIN documents d ON d.id = m.document_id WHERE " +
                            Live("m") + " AND d.date IS NOT NULL" +
                            Dated(filter.as_of_date, "d") + " ORDER BY 1, 2");
    q.bind(1, rev);
    BindDate(q, filter.as_of_date);
    while (q.executeStep())
      dates[q.getColumn(0).getInt64()].push_back(q.getColumn(1).getString());
  }
  std::unordered_map<int64_t, int> degree;
  {
    SQLite::Statement q(*db_, "SELECT subject_id, object_id FROM triples t WHERE " +
                                  Live("t") + TripleDated(filter.as_of_date, "t"));
    q.bind(1, rev);
    BindDate(q, filter.as_of_date);
    while (q.executeStep()) {
      ++degree[q.getColumn(0).getInt64()];
      ++degree[q.getColumn(1).getInt64()];
    }
  }
  SQLite::Statement aliases(*db_, "SELECT entity_id, alias FROM aliases a WHERE " +
                                      Live("a") + " ORDER BY entity_id, alias");
  aliases.bind(1, rev);
  bool more_aliases = aliases.executeStep();

  SQLite::Statement q(*db_,
                      "SELECT id, name, type FROM entities WHERE added_rev <= ?1 "
                      "ORDER BY id");
  q.bind(1, rev);
  while (q.executeStep()) {
    Node n;
    n.id = q.getColumn(0).getInt64();
    n.name = q.getColumn(1).getString();
    n.type = q.getColumn(2).getString();
    while (more_aliases && aliases.getColumn(0).getInt64() < n.id)
      more_aliases = aliases.executeStep();
    while (more_aliases && aliases.getColumn(0).getInt64() == n.id) {
      std::string a = aliases.getColumn(1).getString();
      if (a != n.name) n.aliases.push_back(std::move(a));
      more_aliases = aliases.executeStep();
    }
    auto it = seen.find(n.id);
    if (it == seen.end()) continue;  // no live mention: not in this graph
    n.mentions = it->second.mentions;
    n.first_seen = it->second.first;
    n.last_seen = it->second.last;
    if (auto d = dates.find(n.id); d != dates.end()) n.dates = std::move(d->second);
    n.degree = degree[n.id];
    fn(n);
  }
}

void Store::ForEachEdge(const GraphFilter& filter,
                        const std::function<void(const Edge&)>& fn) {
  StreamEdges(*db_, Rev(filter), filter.as_of_date, std::nullopt, fn);
}

Edge Store::GetEdge(int64_t triple_id, const GraphFilter& filter) {
  Edge found;
  StreamEdges(*db_, Rev(filter), filter.as_of_date, triple_id,
              [&](const Edge& e) { found = e; });
  if (found.id == 0) throw Error("no live triple " + std::to_string(triple_id));
  return found;
}

namespace {
class StoreView : public GraphSource {
 public:
  StoreView(Store& store, GraphFilter filter) : store_(store), filter_(filter) {}
  void ForEachNode(const std::function<void(const Node&)>& fn) override {
    store_.ForEachNode(filter_, fn);
  }
  void ForEachEdge(const std::function<void(const Edge&)>& fn) override {
    store_.ForEachEdge(filter_, fn);
  }

 private:
  Store& store_;
  GraphFilter filter_;
};
}  // namespace

std::unique_ptr<GraphSource> Store::View(const GraphFilter& filter) {
  return std::make_unique<StoreView>(*this, filter);
}

std::vector<TripleEnds> Store::Triples(const GraphFilter& filter) {
  std::vector<TripleEnds> out;
  SQLite::Statement q(*db_,
                      "SELECT id, subject_id, object_id, predicate FROM triples t "
                      "WHERE " + Live("t") + TripleDated(filter.as_of_date, "t") +
                      " ORDER BY id");
  q.bind(1, Rev(filter));
  BindDate(q, filter.as_of_date);
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                   q.getColumn(2).getInt64(), q.getColumn(3).getString()});
  return out;
}

std::optional<Node> Store::GetNode(int64_t entity_id, const GraphFilter& filter) {
  std::optional<Node> found;
  // Nodes are few next to edges; a full pass keeps one definition of a node.
  ForEachNode(filter, [&](const Node& n) {
    if (n.id == entity_id) found = n;
  });
  return found;
}

std::vector<NameEntry> Store::Names(const GraphFilter& filter) {
  std::vector<NameEntry> names;
  SQLite::Statement q(*db_, "SELECT key, alias, entity_id FROM aliases a WHERE " +
                                Live("a") + " ORDER BY key");
  q.bind(1, Rev(filter));
  while (q.executeStep())
    names.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getInt64()});
  return names;
}

std::optional<int64_t> Store::FindEntity(std::string_view name,
                                         const GraphFilter& filter) {
  SQLite::Statement q(*db_, "SELECT entity_id FROM aliases a WHERE key = ?2 AND " +
                                Live("a"));
  q.bind(1, Rev(filter));
  q.bind(2, FoldKey(name));
  if (q.executeStep()) return q.getColumn(0).getInt64();
  return std::nullopt;
}

Stats Store::GetStats(const GraphFilter& filter) {
  int64_t rev = Rev(filter);
  Stats s;
  const std::string& date = filter.as_of_date;
  auto count = [&](const std::string& sql) {
    SQLite::Statement q(*db_, sql);
    q.bind(1, rev);
    BindDate(q, date);
    q.executeStep();
    return q.getColumn(0).getInt64();
  };
  s.documents =
      count("SELECT COUNT(*) FROM documents d WHERE " + Live("d") + Dated(date, "d"));
  s.triples = count("SELECT COUNT(*) FROM triples t WHERE " + Live("t") +
                    TripleDated(date, "t"));
  s.evidence = count("SELECT COUNT(*) FROM evidence e JOIN documents d ON "
                     "d.id = e.document_id WHERE " + Live("e") + Dated(date, "d"));
  s.revisions = count("SELECT COUNT(*) FROM revisions WHERE id <= ?1");
  {
    SQLite::Statement q(*db_,
                        "SELECT type, COUNT(*) FROM entities WHERE id IN ("
                        "SELECT entity_id FROM mentions m JOIN documents d ON "
                        "d.id = m.document_id WHERE " + Live("m") + Dated(date, "d") +
                            ") GROUP BY type ORDER BY COUNT(*) DESC, type");
    q.bind(1, rev);
    BindDate(q, date);
    while (q.executeStep()) {
      s.entities_by_type.emplace_back(q.getColumn(0).getString(),
                                      q.getColumn(1).getInt64());
      s.entities += q.getColumn(1).getInt64();
    }
  }
  {
    SQLite::Statement q(*db_,
                        "SELECT predicate, COUNT(*) FROM triples t WHERE " +
                            Live("t") + TripleDated(date, "t") +
                            " GROUP BY predicate ORDER BY COUNT(*) DESC, predicate");
    q.bind(1, rev);
    BindDate(q, date);
    while (q.executeStep())
      s.triples_by_predicate.emplace_back(q.getColumn(0).getString(),
                                          q.getColumn(1).getInt64());
  }
  return s;
}

}  // namespace kg
