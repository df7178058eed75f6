// Reading and extraction in parallel batches, delivered in input order.
#include <atomic>
#include <thread>

#include "ingest/ingest.h"

namespace kg {

ExtractStats ExtractArticles(
    Env& env, const Extractor& extractor, const std::vector<std::string>& paths,
    int jobs, const std::function<void(const Article&, DocumentInput&&)>& on_document,
    const ProblemFn& on_problem, const Shard& shard) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  constexpr size_t kBatchBytes = 8 << 20;  // bounds memory, whatever the corpus
  ExtractStats stats;
  std::vector<Article> batch;
  std::vector<int64_t> positions;
  int64_t position = 0;
  size_t batch_bytes = 0;

  auto flush = [&] {
    std::vector<DocumentInput> results(batch.size());
    if (jobs == 1 || batch.size() == 1) {
      for (size_t i = 0; i < batch.size(); ++i) results[i] = extractor.Extract(batch[i]);
    } else {
      std::atomic<size_t> next{0};
      auto work = [&] {
        for (size_t i; (i = next.fetch_add(1)) < batch.size();)
          results[i] = extractor.Extract(batch[i]);
      };
      std::vector<std::thread> threads;
      for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
      work();
      for (auto& t : threads) t.join();
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      ++stats.documents;
      stats.bytes += static_cast<int64_t>(batch[i].text.size());
      results[i].position = positions[i];
      on_document(batch[i], std::move(results[i]));
    }
    batch.clear();
    positions.clear();
    batch_bytes = 0;
  };

  ReadArticles(
      env, paths,
      [&](Article&& a) {
        int64_t at = position++;
        if (!shard.Holds(a.uri)) return;
        batch_bytes += a.text.size();
        positions.push_back(at);
        batch.push_back(std::move(a));
        if (batch_bytes >= kBatchBytes) flush();
      },
      [&](const std::string& where, const std::string& what, bool failed) {
        if (failed) ++stats.failed;
        on_problem(where, what, failed);
      });
  if (!batch.empty()) flush();
  return stats;
}

Shard Shard::Parse(std::string_view spec) {
  Shard s;
  auto slash = spec.find('/');
  auto number = [&](std::string_view digits, int* out) {
    if (digits.empty() || digits.size() > 6) return false;
    int v = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  if (slash == std::string_view::npos || !number(spec.substr(0, slash), &s.index) ||
      !number(spec.substr(slash + 1), &s.count) || s.count < 1 || s.index < 1 ||
      s.index > s.count)
    throw Error("--shard wants I/N with 1 <= I <= N (e.g. 2/8), not '" +
                    std::string(spec) + "'",
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
