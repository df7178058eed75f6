// Reading and extraction in parallel batches, delivered in input order.
#include <atomic>
#include <thread>

#include "ingest/ingest.h"

namespace kg {

ExtractStats ExtractArticles(
    Env& env, const Extractor& extractor, const std::vector<std::string>& paths,
    int jobs, const std::function<void(const Article&, DocumentInput&&)>& on_document,
    const ProblemFn& on_problem) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  constexpr size_t kBatchBytes = 8 << 20;  // bounds memory, whatever the corpus
  ExtractStats stats;
  std::vector<Article> batch;
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
      on_document(batch[i], std::move(results[i]));
    }
    batch.clear();
    batch_bytes = 0;
  };

  ReadArticles(
      env, paths,
      [&](Article&& a) {
        batch_bytes += a.text.size();
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

}  // namespace kg
