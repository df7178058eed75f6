// Internal to graph/: SQL fragments for reading the store at a revision
// (parameter ?1) and an as-of date (parameter ?9). A row is live at revision R
// when added_rev <= R and it was not retired at or before R.
#ifndef KG_GRAPH_SQL_H_
#define KG_GRAPH_SQL_H_

#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <string>

namespace kg {

// The liveness condition for table alias `t`, against parameter ?1.
inline std::string Live(const char* t) {
  std::string a(t);
  return "(" + a + ".added_rev <= ?1 AND (" + a + ".retired_rev IS NULL OR " + a +
         ".retired_rev > ?1))";
}

// With an as-of date: the AND term that keeps documents aliased `d` dated up
// to it or undated, and the one that keeps triples `t` with live evidence
// from such a document. Both "" without a date.
inline std::string Dated(const std::string& date, const char* d) {
  if (date.empty()) return "";
  std::string a(d);
  return " AND (" + a + ".date IS NULL OR " + a + ".date <= ?9)";
}
inline std::string TripleDated(const std::string& date, const char* t) {
  if (date.empty()) return "";
  return std::string(
             " AND EXISTS (SELECT 1 FROM evidence de JOIN documents dd ON "
             "dd.id = de.document_id WHERE de.triple_id = ") +
         t + ".id AND " + Live("de") + Dated(date, "dd") + ")";
}
inline void BindDate(SQLite::Statement& q, const std::string& date) {
  if (!date.empty() && q.getIndex("?9") > 0) q.bind(9, date);
}

// Another read-only connection to the store at `path` (store.cc), for work
// on a second thread; it sees only committed revisions.
std::unique_ptr<SQLite::Database> OpenReadConnection(const std::string& path);

}  // namespace kg

#endif  // KG_GRAPH_SQL_H_
