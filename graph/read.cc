// The read path: the graph as it stood at a revision (graph/live.h); the
// whole-graph scans for exports are in read_scan.cc.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <limits>
#include <set>

#include "graph/graph.h"
#include "graph/sql.h"

namespace kg {

namespace {

std::string ColumnText(SQLite::Statement& q, int i) {
  auto c = q.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}

// Streams edges (optionally only `only_triple`) in triple id order, folding
// each triple's evidence rows into one Edge. Joins through the indexes:
// right for one edge, slow for all (ForEachEdge scans instead).
void StreamEdges(SQLite::Database& db, int64_t rev, const std::string& date,
                 std::optional<int64_t> only,
                 const std::function<void(const Edge&)>& fn) {
  std::string sql =
      "SELECT t.id, t.subject_id, t.object_id, t.predicate, e.document_id, "
      "e.confidence, e.sentence, e.start_offset, e.end_offset, d.uri, d.title, "
      "d.date FROM triples t JOIN evidence e ON e.triple_id = t.id "
      "JOIN documents d ON d.id = e.document_id WHERE " +
      Live("t") + " AND " + Live("e") + Dated(date, "d") +
      (only ? " AND t.id = ?2" : "") + " ORDER BY t.id, e.id";
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

Edge Store::GetEdge(int64_t triple_id, const GraphFilter& filter) {
  Edge found;
  StreamEdges(*db_, Rev(filter), filter.as_of_date, triple_id,
              [&](const Edge& e) { found = e; });
  if (found.id == 0) throw Error("no live triple " + std::to_string(triple_id));
  return found;
}

std::vector<TripleEnds> Store::Triples(const GraphFilter& filter) {
  std::vector<TripleEnds> out;
  SQLite::Statement q(*db_,
                      "SELECT id, subject_id, object_id, predicate FROM triples t "
                      "WHERE " +
                          Live("t") + TripleDated(filter.as_of_date, "t") +
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
  // The names articles used and lexicons give.
  SQLite::Statement f(*db_,
                      "SELECT DISTINCT f.key, f.form, m.entity_id FROM mention_forms f "
                      "JOIN mentions m ON m.id = f.mention_id WHERE " +
                          Live("m") + " ORDER BY f.key");
  f.bind(1, Rev(filter));
  while (f.executeStep())
    names.push_back({f.getColumn(0).getString(), f.getColumn(1).getString(),
                     f.getColumn(2).getInt64()});
  SQLite::Statement l(*db_,
                      "SELECT l.key, l.alias, a.entity_id FROM lexicon_names l JOIN "
                      "aliases a ON a.key = l.name_key WHERE " +
                          Live("a") + " ORDER BY l.key");
  l.bind(1, Rev(filter));
  while (l.executeStep())
    names.push_back({l.getColumn(0).getString(), l.getColumn(1).getString(),
                     l.getColumn(2).getInt64()});
  return names;
}

std::optional<int64_t> Store::FindEntity(std::string_view name,
                                         const GraphFilter& filter) {
  SQLite::Statement q(*db_,
                      "SELECT entity_id FROM aliases a WHERE key = ?2 AND " + Live("a"));
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
  s.triples =
      count("SELECT COUNT(*) FROM triples t WHERE " + Live("t") + TripleDated(date, "t"));
  s.evidence = count(
      "SELECT COUNT(*) FROM evidence e JOIN documents d ON "
      "d.id = e.document_id WHERE " +
      Live("e") + Dated(date, "d"));
  s.revisions = count("SELECT COUNT(*) FROM revisions WHERE id <= ?1");
  {
    SQLite::Statement q(*db_,
                        "SELECT type, COUNT(*) FROM entities WHERE id IN ("
                        "SELECT entity_id FROM mentions m JOIN documents d ON "
                        "d.id = m.document_id WHERE " +
                            Live("m") + Dated(date, "d") +
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
                        "SELECT predicate, COUNT(*) FROM triples t WHERE " + Live("t") +
                            TripleDated(date, "t") +
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
