// Reading and extraction in parallel batches, delivered in input order.
// With more than one job, a batch is extracted while the one before it is
// delivered: an ingest writes the store as fast as its workers extract.
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "ingest/ingest.h"

namespace kg {

namespace {

// One batch of articles, extracted by `jobs` threads from construction on
// (jobs == 1: by the constructor itself). Destruction waits for them.
class Batch {
 public:
  Batch(const Extractor& extractor, std::vector<Article> articles,
        std::vector<int64_t> positions, int jobs)
      : articles_(std::move(articles)),
        positions_(std::move(positions)),
        results_(articles_.size()) {
    auto work = [this, &extractor] {
      for (size_t i; (i = next_.fetch_add(1)) < articles_.size();) {
        try {
          results_[i] = extractor.Extract(articles_[i]);
        } catch (...) {
          std::lock_guard<std::mutex> lock(mu_);
          if (!error_) error_ = std::current_exception();
        }
      }
    };
    if (jobs <= 1 || articles_.size() == 1) {
      work();
      return;
    }
    try {
      for (int t = 0; t < jobs; ++t) threads_.emplace_back(work);
    } catch (...) {  // no thread to be had: stop those started, then fail
      next_ = articles_.size();
      Join();
      throw;
    }
  }
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  ~Batch() { Join(); }

  // Waits for the extraction; rethrows the first failure.
  void Wait() {
    Join();
    if (error_) std::rethrow_exception(error_);
  }
  size_t size() const { return articles_.size(); }
  const Article& article(size_t i) const { return articles_[i]; }
  DocumentInput& result(size_t i) {
    results_[i].position = positions_[i];
    return results_[i];
  }

 private:
  void Join() {
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  std::vector<Article> articles_;
  std::vector<int64_t> positions_;
  std::vector<DocumentInput> results_;
  std::atomic<size_t> next_{0};
  std::mutex mu_;
  std::exception_ptr error_;
  std::vector<std::thread> threads_;  // last: joined before the rest goes
};

}  // namespace

ExtractStats ExtractArticles(
    Env& env, const Extractor& extractor, const std::vector<std::string>& paths, int jobs,
    const std::function<void(const Article&, DocumentInput&&)>& on_document,
    const ProblemFn& on_problem, const Shard& shard) {
  if (jobs <= 0)
    jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  constexpr size_t kBatchBytes = 8 << 20;  // bounds memory, whatever the corpus
  ExtractStats stats;
  std::vector<Article> articles;
  std::vector<int64_t> positions;
  int64_t position = 0;
  size_t batch_bytes = 0;

  auto deliver = [&](Batch& b) {
    b.Wait();
    for (size_t i = 0; i < b.size(); ++i) {
      ++stats.documents;
      stats.bytes += static_cast<int64_t>(b.article(i).text.size());
      on_document(b.article(i), std::move(b.result(i)));
    }
  };
  std::unique_ptr<Batch> running;  // being extracted while the last is delivered
  auto flush = [&] {
    auto batch = std::make_unique<Batch>(extractor, std::move(articles),
                                         std::move(positions), jobs);
    articles.clear();
    positions.clear();
    batch_bytes = 0;
    if (jobs == 1) {
      deliver(*batch);
      return;
    }
    running.swap(batch);
    if (batch) deliver(*batch);
  };

  ReadArticles(
      env, paths,
      [&](Article&& a) {
        int64_t at = position++;
        if (!shard.Holds(a.uri)) return;
        batch_bytes += a.text.size();
        positions.push_back(at);
        articles.push_back(std::move(a));
        if (batch_bytes >= kBatchBytes) flush();
      },
      [&](const std::string& where, const std::string& what, bool failed) {
        if (failed) ++stats.failed;
        on_problem(where, what, failed);
      });
  if (!articles.empty()) flush();
  if (running) deliver(*running);
  stats.read = position;
  return stats;
}

Shard Shard::Parse(std::string_view spec) {
  Shard s;
  auto slash = spec.find('/');
  if (slash == std::string_view::npos || !ParseDecimal(spec.substr(0, slash), &s.index) ||
      !ParseDecimal(spec.substr(slash + 1), &s.count) || s.count < 1 || s.index < 1 ||
      s.index > s.count)
    throw Error(
        "--shard wants I/N with 1 <= I <= N (e.g. 2/8), not '" + std::string(spec) + "'",
        Error::Kind::kUsage);
  return s;
}

bool Shard::Holds(std::string_view uri) const {
  if (count <= 1) return true;
  uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (unsigned char c : uri) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h % static_cast<uint64_t>(count) == static_cast<uint64_t>(index - 1);
}

}  // namespace kg
