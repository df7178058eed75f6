// Whole-graph reads for exports (Store::ForEachNode, ForEachEdge, View).
// Each table is read in rowid order and folded in memory: joining evidence
// and mentions through their indexes visits their pages at random, which
// took 19 s on a 1,000,000-triple store where these scans take about two.
// Memory holds a few integers per row, not the text: the best sentence of
// each edge is read in a last pass over evidence, which reports the edges,
// so they come in the order their best evidence was written. A View uses a
// second connection and thread to plan the edges while the nodes are read.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "graph/graph.h"
#include "graph/names.h"
#include "graph/sql.h"

namespace kg {

namespace {

// A statement for the scans, on SQLite's own API: SQLiteCpp's Column
// copies a shared_ptr on every read, a tenth of an export's time.
class Scan {
 public:
  Scan(SQLite::Database& db, const std::string& sql) {
    if (sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &s_, nullptr) != SQLITE_OK)
      throw SQLite::Exception(db.getHandle());
  }
  Scan(const Scan&) = delete;
  Scan& operator=(const Scan&) = delete;
  ~Scan() { sqlite3_finalize(s_); }

  void Bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  // The as-of date as parameter ?9, when the query has one (graph/sql.h).
  void BindDate(const std::string& date) {
    int i = sqlite3_bind_parameter_index(s_, "?9");
    if (!date.empty() && i > 0)
      sqlite3_bind_text(s_, i, date.data(), static_cast<int>(date.size()),
                        SQLITE_TRANSIENT);
  }
  // The next row; false at the end.
  bool Step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(sqlite3_db_handle(s_), rc);
  }
  int64_t Int(int i) const { return sqlite3_column_int64(s_, i); }
  double Real(int i) const { return sqlite3_column_double(s_, i); }
  bool Null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  // "" for NULL.
  std::string_view Text(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string_view(p, sqlite3_column_bytes(s_, i)) : std::string_view();
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// A dense map from row ids to positions; ids are INTEGER PRIMARY KEYs, never
// above the number of rows ever written, so a vector indexed by id is small.
class IdIndex {
 public:
  void Set(int64_t id, int32_t value) {
    // Ids from kg's writer are dense (INTEGER PRIMARY KEYs, never above the
    // rows ever written): a vector. One far beyond that (a store written by
    // another tool) goes to a map rather than growing the vector to it.
    if (id >= 0 && static_cast<size_t>(id) < 4 * (count_ + 1) + (1 << 20)) {
      if (static_cast<size_t>(id) >= dense_.size()) dense_.resize(id + 1, -1);
      if (dense_[id] < 0) ++count_;
      dense_[id] = value;
    } else {
      if (sparse_.emplace(id, value).second) ++count_;
      sparse_[id] = value;
    }
  }
  // The value set for `id`, or -1.
  int32_t Get(int64_t id) const {
    if (id >= 0 && static_cast<size_t>(id) < dense_.size()) return dense_[id];
    if (sparse_.empty()) return -1;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? -1 : it->second;
  }

 private:
  std::vector<int32_t> dense_;
  std::unordered_map<int64_t, int32_t> sparse_;
  size_t count_ = 0;
};

// Every document with its date's rank among the distinct dates, so that
// dates sort and dedupe as small integers. Rank 0 is "undated".
struct Documents {
  struct Row {
    std::string uri, title;
  };
  std::vector<Row> rows;  // only when asked for: the nodes need dates alone
  IdIndex index;
  std::vector<std::string> dates{""};  // by rank
  // By document id: its date rank, or -1 when outside the as-of date (or
  // not a document). Kept apart from the rows: the scans look it up once
  // per evidence or mention row, and it fits in the cache.
  IdIndex rank;

  Documents(SQLite::Database& db, const std::string& as_of_date, bool with_rows) {
    Scan q(db, "SELECT id, uri, title, date FROM documents ORDER BY id");
    std::vector<std::pair<int64_t, std::string>> raw;
    while (q.Step()) {
      if (with_rows) {
        index.Set(q.Int(0), static_cast<int32_t>(rows.size()));
        rows.push_back({std::string(q.Text(1)), std::string(q.Text(2))});
      }
      raw.emplace_back(q.Int(0), std::string(q.Text(3)));
    }
    for (const auto& [id, date] : raw)
      if (!date.empty()) dates.push_back(date);
    std::sort(dates.begin() + 1, dates.end());
    dates.erase(std::unique(dates.begin() + 1, dates.end()), dates.end());
    for (const auto& [id, date] : raw) {
      if (date.empty()) {
        rank.Set(id, 0);
      } else if (as_of_date.empty() || date <= as_of_date) {
        rank.Set(id, static_cast<int32_t>(
                         std::lower_bound(dates.begin() + 1, dates.end(), date) -
                         dates.begin()));
      }
    }
  }
  // The date rank of document `id`, or -1 when the filter leaves it out.
  int32_t Rank(int64_t id) const { return rank.Get(id); }
};

// Sorts and dedupes `ranks` and sets `dates` to the dates they stand for.
void DatesOf(std::vector<int32_t>& ranks, const Documents& docs,
             std::vector<std::string>& dates) {
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  dates.clear();
  for (int32_t r : ranks)
    if (r > 0) dates.push_back(docs.dates[r]);
}

void ScanNodes(SQLite::Database& db, int64_t rev, const std::string& date,
               const std::function<void(const Node&)>& fn) {
  Documents docs(db, date, /*with_rows=*/false);

  // Live mentions in documents of the filter: each entity's mention count,
  // and the date ranks of its documents, grouped by entity (counting sort).
  std::vector<std::pair<int32_t, int32_t>> seen;  // (entity position, rank)
  std::vector<int> counts;
  IdIndex entity_pos;
  {
    Scan q(db, "SELECT entity_id, document_id, count FROM mentions m WHERE " + Live("m") +
                   " ORDER BY id");
    q.Bind(1, rev);
    while (q.Step()) {
      int32_t rank = docs.Rank(q.Int(1));
      if (rank < 0) continue;
      int64_t e = q.Int(0);
      int32_t pos = entity_pos.Get(e);
      if (pos < 0) {
        pos = static_cast<int32_t>(counts.size());
        entity_pos.Set(e, pos);
        counts.push_back(0);
      }
      counts[pos] += static_cast<int>(q.Int(2));
      seen.emplace_back(pos, rank);
    }
  }
  std::vector<size_t> seen_start(counts.size() + 1, 0);
  for (const auto& s : seen) ++seen_start[s.first + 1];
  for (size_t i = 1; i < seen_start.size(); ++i) seen_start[i] += seen_start[i - 1];
  std::vector<int32_t> seen_ranks(seen.size());
  {
    std::vector<size_t> next(seen_start.begin(), seen_start.end() - 1);
    for (const auto& s : seen) seen_ranks[next[s.first]++] = s.second;
  }
  std::vector<std::pair<int32_t, int32_t>>().swap(seen);

  std::vector<int> degree(counts.size(), 0);
  {
    Scan q(db, "SELECT subject_id, object_id FROM triples t WHERE " + Live("t") +
                   TripleDated(date, "t"));
    q.Bind(1, rev);
    q.BindDate(date);
    while (q.Step()) {
      for (int i : {0, 1}) {
        int32_t pos = entity_pos.Get(q.Int(i));
        if (pos >= 0) ++degree[pos];
      }
    }
  }

  // The names articles used, by entity position; the names lexicons give,
  // by the name they give them to.
  std::vector<std::vector<std::pair<std::string, int>>> forms(counts.size());
  {
    Scan f(db,
           "SELECT m.entity_id, m.document_id, f.form, f.count FROM mention_forms f "
           "JOIN mentions m ON m.id = f.mention_id WHERE " +
               Live("m"));
    f.Bind(1, rev);
    while (f.Step()) {
      int32_t pos = entity_pos.Get(f.Int(0));
      if (pos < 0 || docs.Rank(f.Int(1)) < 0) continue;
      forms[static_cast<size_t>(pos)].emplace_back(std::string(f.Text(2)),
                                                   static_cast<int>(f.Int(3)));
    }
  }
  std::unordered_map<std::string, std::vector<std::string>> lexicon_names;
  {
    Scan l(db, "SELECT name_key, alias FROM lexicon_names");
    while (l.Step())
      lexicon_names[std::string(l.Text(0))].push_back(std::string(l.Text(1)));
  }

  Scan aliases(db, "SELECT entity_id, alias FROM aliases a WHERE " + Live("a") +
                       " ORDER BY entity_id, alias");
  aliases.Bind(1, rev);
  bool more_aliases = aliases.Step();

  Scan q(db,
         "SELECT id, name, type FROM entities WHERE added_rev <= ?1 "
         "ORDER BY id");
  q.Bind(1, rev);
  while (q.Step()) {
    Node n;
    n.id = q.Int(0);
    while (more_aliases && aliases.Int(0) < n.id) more_aliases = aliases.Step();
    int32_t pos = entity_pos.Get(n.id);
    if (pos < 0) continue;  // no live mention: not in this graph
    n.name = std::string(q.Text(1));
    n.type = std::string(q.Text(2));
    NameCounter names(n.name);
    while (more_aliases && aliases.Int(0) == n.id) {
      std::string a = std::string(aliases.Text(1));
      if (!lexicon_names.empty())  // no folding per node when no lexicon gave names
        if (auto it = lexicon_names.find(FoldKey(a)); it != lexicon_names.end())
          for (const std::string& l : it->second) names.Add(l, 0);
      names.Add(a, 0);
      more_aliases = aliases.Step();
    }
    for (const auto& [form, count] : forms[static_cast<size_t>(pos)])
      names.Add(form, count);
    names.Finish(n);
    n.mentions = counts[pos];
    n.degree = degree[pos];
    std::vector<int32_t> ranks(seen_ranks.begin() + seen_start[pos],
                               seen_ranks.begin() + seen_start[pos + 1]);
    DatesOf(ranks, docs, n.dates);
    if (!n.dates.empty()) {
      n.first_seen = n.dates.front();
      n.last_seen = n.dates.back();
    }
    fn(n);
  }
}

// Everything the edges need but their sentences.
struct EdgePlan {
  struct Triple {
    int64_t id, source, target;
    int32_t predicate;
  };
  struct Ev {
    int64_t id, document;
    double confidence;
    int32_t triple, rank;
  };
  explicit EdgePlan(Documents d) : docs(std::move(d)) {}
  Documents docs;
  std::vector<Triple> triples;
  std::vector<std::string> predicates;
  std::vector<Ev> evidence;   // grouped by triple, in id order within a group
  std::vector<size_t> start;  // triple i's evidence: [start[i], start[i + 1])
  std::vector<std::pair<int64_t, int32_t>> best;  // (evidence id, triple), sorted
};

// One pass over triples and one over evidence (ids, documents, confidence).
std::unique_ptr<EdgePlan> PlanEdges(SQLite::Database& db, int64_t rev,
                                    const std::string& date) {
  auto plan = std::make_unique<EdgePlan>(Documents(db, date, /*with_rows=*/true));
  auto& triples = plan->triples;
  auto& predicates = plan->predicates;
  IdIndex triple_pos;
  std::unordered_map<std::string, int32_t> predicate_ids;
  {
    Scan q(db,
           "SELECT id, subject_id, object_id, predicate FROM triples t "
           "WHERE " +
               Live("t") + " ORDER BY id");
    q.Bind(1, rev);
    while (q.Step()) {
      std::string p(q.Text(3));
      auto [it, fresh] =
          predicate_ids.emplace(p, static_cast<int32_t>(predicates.size()));
      if (fresh) predicates.push_back(std::move(p));
      triple_pos.Set(q.Int(0), static_cast<int32_t>(triples.size()));
      triples.push_back({q.Int(0), q.Int(1), q.Int(2), it->second});
    }
  }

  // Live evidence of live triples from documents of the filter, grouped by
  // triple (a counting sort: the scan is in evidence id order, and the
  // placement keeps it within each group).
  std::vector<EdgePlan::Ev> scanned;
  {
    Scan q(db,
           "SELECT id, triple_id, document_id, confidence FROM evidence e "
           "WHERE " +
               Live("e") + " ORDER BY id");
    q.Bind(1, rev);
    while (q.Step()) {
      int32_t t = triple_pos.Get(q.Int(1));
      int64_t d = q.Int(2);
      int32_t rank = plan->docs.Rank(d);
      if (t < 0 || rank < 0) continue;
      scanned.push_back({q.Int(0), d, q.Real(3), t, rank});
    }
  }
  auto& start = plan->start;
  start.assign(triples.size() + 1, 0);
  for (const auto& e : scanned) ++start[e.triple + 1];
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  plan->evidence.resize(scanned.size());
  {
    std::vector<size_t> next(start.begin(), start.end() - 1);
    for (const auto& e : scanned) plan->evidence[next[e.triple]++] = e;
  }

  // Best evidence: highest confidence, then latest date, then first written.
  for (size_t t = 0; t < triples.size(); ++t) {
    if (start[t] == start[t + 1]) continue;  // no live evidence: no edge
    const EdgePlan::Ev* b = &plan->evidence[start[t]];
    for (size_t i = start[t] + 1; i < start[t + 1]; ++i) {
      const auto& e = plan->evidence[i];
      if (e.confidence > b->confidence ||
          (e.confidence == b->confidence && e.rank > b->rank))
        b = &e;
    }
    plan->best.emplace_back(b->id, static_cast<int32_t>(t));
  }
  std::sort(plan->best.begin(), plan->best.end());
  return plan;
}

// Edges handed over together; `size` of them are filled. A batch is used
// again once read, so that its edges' strings keep their memory.
struct EdgeBatch {
  std::vector<Edge> edges;
  size_t size = 0;
};
constexpr size_t kBatch = 1024;

// The last pass over evidence: the best sentences, and the edges, in batches
// of up to kBatch, to `emit`, which may swap in another batch to fill next;
// stops early when `emit` returns false.
void ReadEdges(SQLite::Database& db, const EdgePlan& plan,
               const std::function<bool(EdgeBatch&)>& emit) {
  Scan q(db,
         "SELECT id, sentence, start_offset, end_offset FROM evidence "
         "WHERE id >= ?1 ORDER BY id");
  const auto& best = plan.best;
  q.Bind(1, best.empty() ? std::numeric_limits<int64_t>::max() : best.front().first);
  const Documents& docs = plan.docs;
  std::vector<int64_t> doc_ids;
  std::vector<int32_t> ranks;
  EdgeBatch batch;
  auto want = best.begin();
  while (want != best.end() && q.Step()) {
    // Rows are never deleted, so each wanted id comes; skipping past one
    // that did not keeps the rest of the edges all the same.
    while (want != best.end() && want->first < q.Int(0)) ++want;
    if (want == best.end() || q.Int(0) != want->first) continue;
    int64_t best_id = want->first;
    int32_t t = want->second;
    ++want;
    if (batch.size == batch.edges.size()) batch.edges.emplace_back();
    Edge& edge = batch.edges[batch.size++];
    edge.undated_evidence = 0;
    edge.confidence = 0;
    edge.first_seen.clear();
    edge.last_seen.clear();
    const EdgePlan::Triple& triple = plan.triples[t];
    edge.id = triple.id;
    edge.source = triple.source;
    edge.target = triple.target;
    edge.predicate = plan.predicates[triple.predicate];
    doc_ids.clear();
    ranks.clear();
    const EdgePlan::Ev* b = nullptr;
    for (size_t i = plan.start[t]; i < plan.start[t + 1]; ++i) {
      const auto& e = plan.evidence[i];
      if (e.id == best_id) b = &e;
      doc_ids.push_back(e.document);
      ranks.push_back(e.rank);
      if (e.rank == 0) ++edge.undated_evidence;
      edge.confidence = std::max(edge.confidence, e.confidence);
    }
    edge.evidence_count = static_cast<int>(plan.start[t + 1] - plan.start[t]);
    std::sort(doc_ids.begin(), doc_ids.end());
    edge.weight =
        static_cast<int>(std::unique(doc_ids.begin(), doc_ids.end()) - doc_ids.begin());
    DatesOf(ranks, docs, edge.dates);
    if (!edge.dates.empty()) {
      edge.first_seen = edge.dates.front();
      edge.last_seen = edge.dates.back();
    }
    const Documents::Row& d = docs.rows[docs.index.Get(b->document)];
    edge.best.sentence.assign(q.Text(1));
    edge.best.confidence = b->confidence;
    edge.best.start = q.Null(2) ? -1 : q.Int(2);
    edge.best.end = q.Null(3) ? -1 : q.Int(3);
    edge.best.document = d.uri;
    edge.best.title = d.title;
    edge.best.date = docs.dates[b->rank];
    if (batch.size == kBatch) {
      if (!emit(batch)) return;
      batch.size = 0;
    }
  }
  if (batch.size > 0) emit(batch);
}

// Batches from a producer thread to the consumer, at most kDepth ahead.
class BatchQueue {
 public:
  // Hands `batch` over and leaves a read one (or an empty one) in its place.
  // False once the consumer has given up: the producer should stop.
  bool Push(EdgeBatch& batch) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < kDepth || cancelled_; });
    if (cancelled_) return false;
    queue_.push_back(std::move(batch));
    batch = EdgeBatch();
    if (!spare_.empty()) {
      batch = std::move(spare_.back());
      spare_.pop_back();
    }
    ready_.notify_one();
    return true;
  }
  // A batch the consumer has read, for the producer to fill again.
  void Recycle(EdgeBatch&& batch) {
    std::lock_guard<std::mutex> lock(mu_);
    batch.size = 0;
    spare_.push_back(std::move(batch));
  }
  // The producer is done, with `error` if it failed.
  void Close(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    error_ = error;
    ready_.notify_one();
  }
  // The next batch; nullopt at the end; rethrows the producer's error.
  std::optional<EdgeBatch> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (!queue_.empty()) {
      EdgeBatch batch = std::move(queue_.front());
      queue_.pop_front();
      room_.notify_one();
      return batch;
    }
    if (error_) std::rethrow_exception(error_);
    return std::nullopt;
  }
  void Cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    room_.notify_one();
  }

 private:
  static constexpr size_t kDepth = 8;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<EdgeBatch> queue_;
  std::vector<EdgeBatch> spare_;
  bool closed_ = false, cancelled_ = false;
  std::exception_ptr error_;
};

// The graph at one revision, read on two threads with a second connection:
// while the caller takes the nodes, the edges are planned; while it takes
// the edges, the next ones are read. The revision is fixed when the view is
// made, so both connections read the same graph even if a writer commits
// in between (rows of later revisions are not live at it).
class StoreView : public GraphSource {
 public:
  StoreView(SQLite::Database& db, std::unique_ptr<SQLite::Database> reader, int64_t rev,
            std::string date, std::unique_ptr<Store::Lookup> lookup)
      : db_(db),
        reader_(std::move(reader)),
        rev_(rev),
        date_(std::move(date)),
        lookup_(std::move(lookup)) {}
  ~StoreView() override {
    if (plan_.valid()) plan_.wait();  // it reads through reader_
  }

  void ForEachNode(const std::function<void(const Node&)>& fn) override {
    StartPlan();
    ScanNodes(db_, rev_, date_, fn);
  }

  void ForEachEdge(const std::function<void(const Edge&)>& fn) override {
    StartPlan();
    std::unique_ptr<EdgePlan> plan = plan_.get();
    BatchQueue queue;
    std::thread producer([&] {
      try {
        ReadEdges(*reader_, *plan, [&](EdgeBatch& b) { return queue.Push(b); });
        queue.Close(nullptr);
      } catch (...) {
        queue.Close(std::current_exception());
      }
    });
    try {
      while (std::optional<EdgeBatch> batch = queue.Pop()) {
        for (size_t i = 0; i < batch->size; ++i) fn(batch->edges[i]);
        queue.Recycle(std::move(*batch));
      }
    } catch (...) {
      queue.Cancel();
      producer.join();
      throw;
    }
    producer.join();
  }

  // One index lookup per edge, on the first connection (the edges stream
  // through the second).
  std::vector<Evidence> EdgeEvidence(const Edge& edge) override {
    std::vector<Evidence> all;
    lookup_->GetEdge(edge.id, &all);
    return all;
  }

 private:
  void StartPlan() {
    if (plan_.valid()) return;
    plan_ = std::async(std::launch::async,
                       [this] { return PlanEdges(*reader_, rev_, date_); });
  }

  SQLite::Database& db_;
  std::unique_ptr<SQLite::Database> reader_;
  int64_t rev_;
  std::string date_;
  std::future<std::unique_ptr<EdgePlan>> plan_;
  std::unique_ptr<Store::Lookup> lookup_;  // at rev_ and date_
};

}  // namespace

void Store::ForEachNode(const GraphFilter& filter,
                        const std::function<void(const Node&)>& fn) {
  ScanNodes(*db_, Rev(filter), filter.as_of_date, fn);
}

void Store::ForEachEdge(const GraphFilter& filter,
                        const std::function<void(const Edge&)>& fn) {
  std::unique_ptr<EdgePlan> plan = PlanEdges(*db_, Rev(filter), filter.as_of_date);
  ReadEdges(*db_, *plan, [&](EdgeBatch& batch) {
    for (size_t i = 0; i < batch.size; ++i) fn(batch.edges[i]);
    return true;
  });
}

std::unique_ptr<GraphSource> Store::View(const GraphFilter& filter) {
  int64_t rev = filter.as_of_revision > 0 ? filter.as_of_revision : LatestRevision();
  if (rev == 0) rev = std::numeric_limits<int64_t>::max();  // no revision yet
  GraphFilter pinned(rev);
  pinned.as_of_date = filter.as_of_date;
  return std::make_unique<StoreView>(*db_, OpenReadConnection(path_), rev,
                                     filter.as_of_date, NewLookup(pinned));
}

}  // namespace kg
