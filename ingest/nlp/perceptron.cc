#include "ingest/nlp/perceptron.h"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

#include "ingest/nlp/bytes.h"

namespace kg {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "model files are little-endian and read in place");

uint64_t HashString(std::string_view s) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a, then mixed
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return MixHash(h, s.size());
}

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
}  // namespace

// Blocks of a huge page or more are aligned to one and advised; smaller
// ones come from the heap as usual.
void* AllocateHuge(size_t bytes) {
  if (bytes < kHugePage) {
    if (void* p = std::malloc(bytes == 0 ? 1 : bytes)) return p;
    throw std::bad_alloc();
  }
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(p, rounded, MADV_HUGEPAGE);  // advice: failure changes nothing
#endif
  return p;
}

void FreeHuge(void* p, size_t) noexcept { std::free(p); }

void LinearModel::Score(const uint64_t* features, size_t n, float* scores) const {
  if (slots_.empty()) return;
  // Three sweeps, so that the memory reads of all features overlap: find
  // each feature's slot (adding its inline weights, prefetching the rows of
  // the others), then add those rows. Integer sums, scaled once: exact and
  // independent of the order of the features.
  constexpr size_t kMax = 128;
  n = std::min(n, kMax);
  uint32_t rows[kMax];
  size_t found = 0;
  int32_t acc[256] = {0};
  const size_t mask = slots_.size() - 1;
  for (size_t i = 0; i < n; ++i) __builtin_prefetch(&slots_[IndexOf(features[i], mask)]);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t tag = TagOf(features[i]);
    for (size_t s = IndexOf(features[i], mask);; s = (s + 1) & mask) {
      const Slot& slot = slots_[s];
      if (slot.tag == tag) {
        if (slot.offset != kInline) {
          rows[found++] = slot.offset;
          __builtin_prefetch(&data_[slot.offset]);
        } else {
          acc[slot.cls[0] & 0xFF] += slot.w[0];  // an unused entry adds 0
          acc[slot.cls[1] & 0xFF] += slot.w[1];
        }
        break;
      }
      if (slot.tag == 0) break;
    }
  }
  for (size_t i = 0; i < found; ++i) {
    const int16_t* row = &data_[rows[i]];
    if (row[0] == kDense) {
      for (int c = 0; c < classes_; ++c) acc[c] += row[1 + c];
    } else {
      for (int k = 0; k < row[0]; ++k) acc[row[1 + 2 * k]] += row[2 + 2 * k];
    }
  }
  for (int c = 0; c < classes_; ++c) scores[c] += static_cast<float>(acc[c]) * scale_;
}

void LinearModel::AddRow(uint64_t key,
                         const std::vector<std::pair<int, int16_t>>& weights) {
  keys_.push_back(key);
  if (2 * weights.size() >= static_cast<size_t>(classes_)) {
    data_.push_back(kDense);
    size_t at = data_.size();
    data_.resize(at + static_cast<size_t>(classes_), 0);
    for (auto [c, w] : weights) data_[at + static_cast<size_t>(c)] = w;
  } else {
    data_.push_back(static_cast<int16_t>(weights.size()));
    for (auto [c, w] : weights) {
      data_.push_back(static_cast<int16_t>(c));
      data_.push_back(w);
    }
  }
}

void LinearModel::Index() {
  size_t slots = 16;
  while (slots < keys_.size() * 2 + 1) slots *= 2;
  slots_.assign(slots, Slot{});
  const size_t mask = slots - 1;
  size_t at = 0;
  for (uint64_t key : keys_) {
    if (at >= data_.size()) throw std::runtime_error("rows run past the weights");
    int16_t n = data_[at];
    size_t size = n == kDense ? static_cast<size_t>(classes_) : 2 * size_t(n);
    if (n < kDense || data_.size() - at - 1 < size)
      throw std::runtime_error("rows run past the weights");
    for (size_t k = 0; n != kDense && k < size; k += 2) {
      int16_t c = data_[at + 1 + k];
      if (c < 0 || c >= classes_) throw std::runtime_error("class out of range");
    }
    size_t s = IndexOf(key, mask);
    while (slots_[s].tag != 0) s = (s + 1) & mask;
    Slot& slot = slots_[s];
    slot.tag = TagOf(key);
    if (n != kDense && n <= 2) {
      for (int k = 0; k < n; ++k) {
        slot.cls[k] = data_[at + 1 + 2 * size_t(k)];
        slot.w[k] = data_[at + 2 + 2 * size_t(k)];
      }
    } else {
      slot.offset = static_cast<uint32_t>(at);
    }
    at += 1 + size;
  }
  if (at != data_.size()) throw std::runtime_error("weights left over after the rows");
}

LinearModel LinearModel::Pruned(int min_weight) const {
  LinearModel m;
  m.classes_ = classes_;
  m.scale_ = scale_;
  std::vector<std::pair<int, int16_t>> kept;
  size_t at = 0;
  for (uint64_t key : keys_) {
    kept.clear();
    int16_t n = data_[at];
    if (n == kDense) {
      for (int c = 0; c < classes_; ++c)
        if (std::abs(data_[at + 1 + static_cast<size_t>(c)]) >= min_weight)
          kept.emplace_back(c, data_[at + 1 + static_cast<size_t>(c)]);
      at += 1 + static_cast<size_t>(classes_);
    } else {
      for (int k = 0; k < n; ++k)
        if (std::abs(data_[at + 2 + 2 * size_t(k)]) >= min_weight)
          kept.emplace_back(data_[at + 1 + 2 * size_t(k)], data_[at + 2 + 2 * size_t(k)]);
      at += 1 + 2 * size_t(n);
    }
    if (!kept.empty()) m.AddRow(key, kept);
  }
  m.Index();
  return m;
}

std::string LinearModel::Serialize() const {
  ByteWriter out;
  out.Put<uint32_t>(static_cast<uint32_t>(classes_));
  out.Put<float>(scale_);
  out.Put<uint64_t>(keys_.size());
  out.bytes().append(reinterpret_cast<const char*>(keys_.data()), keys_.size() * 8);
  out.Put<uint64_t>(data_.size());
  out.bytes().append(reinterpret_cast<const char*>(data_.data()), data_.size() * 2);
  return std::move(out.bytes());
}

LinearModel LinearModel::FromBytes(std::string_view bytes) {
  LinearModel m;
  ByteReader r(bytes);
  m.classes_ = static_cast<int>(r.Get<uint32_t>());
  m.scale_ = r.Get<float>();
  if (m.classes_ < 1 || m.classes_ > 256) throw std::runtime_error("bad class count");
  uint64_t rows = r.GetCount(8);
  std::string_view b = r.GetBytes(rows * 8);
  m.keys_.resize(rows);
  std::memcpy(m.keys_.data(), b.data(), b.size());
  uint64_t words = r.GetCount(2);
  b = r.GetBytes(words * 2);
  m.data_.resize(words);
  std::memcpy(m.data_.data(), b.data(), b.size());
  r.ExpectDone();
  m.Index();
  return m;
}

// --- Training -------------------------------------------------------------------

void Shuffle(std::vector<size_t>& order, std::mt19937_64& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
}

void LinearModelTrainer::Score(const uint64_t* features, size_t n, float* scores) const {
  for (size_t i = 0; i < n; ++i) {
    auto it = rows_.find(features[i]);
    if (it == rows_.end()) continue;
    for (const Entry& e : it->second.entries) scores[e.cls] += e.w;
  }
}

void LinearModelTrainer::Add(Row& row, int cls, float delta) {
  for (Entry& e : row.entries) {
    if (e.cls != cls) continue;
    e.total += static_cast<double>(now_ - e.stamp) * e.w;
    e.stamp = now_;
    e.w += delta;
    return;
  }
  row.entries.push_back({cls, delta, 0.0, now_});
}

void LinearModelTrainer::Update(const uint64_t* features, size_t n, int truth,
                                int guess) {
  if (truth == guess) return;
  for (size_t i = 0; i < n; ++i) {
    Row& row = rows_[features[i]];
    Add(row, truth, 1.0f);
    Add(row, guess, -1.0f);
  }
}

void LinearModelTrainer::Count(const uint64_t* features, size_t n) {
  for (size_t i = 0; i < n; ++i) ++rows_[features[i]].count;
}

LinearModel LinearModelTrainer::Finish(int min_count, float min_weight) const {
  struct Kept {
    uint64_t key;
    std::vector<std::pair<int, float>> w;
  };
  std::vector<Kept> kept;
  float max_abs = 0;
  for (const auto& [key, row] : rows_) {
    if (row.count < min_count) continue;
    Kept k{key, {}};
    for (const Entry& e : row.entries) {
      double total = e.total + static_cast<double>(now_ - e.stamp) * e.w;
      float avg =
          static_cast<float>(total / static_cast<double>(std::max<int64_t>(now_, 1)));
      if (std::fabs(avg) < min_weight) continue;
      k.w.emplace_back(e.cls, avg);
      max_abs = std::max(max_abs, std::fabs(avg));
    }
    if (k.w.empty()) continue;
    std::sort(k.w.begin(), k.w.end());
    kept.push_back(std::move(k));
  }
  // Sorted by key: the layout does not depend on the hash map's order.
  std::sort(kept.begin(), kept.end(),
            [](const Kept& a, const Kept& b) { return a.key < b.key; });
  LinearModel m;
  m.classes_ = classes_;
  m.scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::vector<std::pair<int, int16_t>> quantised;
  for (const Kept& k : kept) {
    quantised.clear();
    for (auto [c, w] : k.w)
      if (auto q = static_cast<int16_t>(std::lround(w / m.scale_)); q != 0)
        quantised.emplace_back(c, q);
    if (!quantised.empty()) m.AddRow(k.key, quantised);
  }
  m.Index();
  return m;
}

}  // namespace kg
