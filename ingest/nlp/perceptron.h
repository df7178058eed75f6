// Internal to ingest/nlp/: the linear model under the tagger and the parser.
// Features are 64-bit hashes; a model maps each to a sparse row of class
// weights. Training keeps exact averaged weights (Collins 2002, with lazy
// averaging as in Honnibal's tagger); the trained model is pruned, quantised
// to 16 bits and laid out flat, so loading it is a copy and a check.
#ifndef KG_INGEST_NLP_PERCEPTRON_H_
#define KG_INGEST_NLP_PERCEPTRON_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kg {

// The 64-bit finaliser of MurmurHash3 (its constants; written here):
// deterministic across runs and machines.
inline uint64_t Finalize(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}
// Hash combination for words, tags and feature keys.
inline uint64_t MixHash(uint64_t a, uint64_t b) {
  return Finalize(a ^ (b + 0x9e3779b97f4a7c15ull + (a << 6) + (a >> 2)));
}
uint64_t HashString(std::string_view s);

// A feature: template number and up to three values, combined with odd
// multipliers and finalised once (cheaper than chaining MixHash; the
// features of a transition are hashed by the hundred).
inline uint64_t Feature(uint64_t tmpl, uint64_t a) {
  return Finalize((tmpl + 1) * 0x9e3779b97f4a7c15ull + a * 0xbf58476d1ce4e5b9ull);
}
inline uint64_t Feature(uint64_t tmpl, uint64_t a, uint64_t b) {
  return Finalize((tmpl + 1) * 0x9e3779b97f4a7c15ull + a * 0xbf58476d1ce4e5b9ull +
                  (b ^ (b >> 31)) * 0x94d049bb133111ebull);
}
inline uint64_t Feature(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  return Finalize((tmpl + 1) * 0x9e3779b97f4a7c15ull + a * 0xbf58476d1ce4e5b9ull +
                  (b ^ (b >> 31)) * 0x94d049bb133111ebull +
                  (c ^ (c >> 29)) * 0xd6e8feb86659fd93ull);
}

// An allocator that asks the kernel to back large blocks with huge pages
// (Linux, madvise mode). The model's table is read at random: with 4 KiB
// pages nearly every lookup also misses the TLB. Same contents, same
// results; only where the bytes live changes.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n);
  void deallocate(T* p, size_t n) noexcept;
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};
void* AllocateHuge(size_t bytes);
void FreeHuge(void* p, size_t bytes) noexcept;
template <class T>
T* HugePageAllocator<T>::allocate(size_t n) {
  return static_cast<T*>(AllocateHuge(n * sizeof(T)));
}
template <class T>
void HugePageAllocator<T>::deallocate(T* p, size_t n) noexcept {
  FreeHuge(p, n * sizeof(T));
}

// The trained, read-only model. Thread-safe.
class LinearModel {
 public:
  int classes() const { return classes_; }
  size_t rows() const { return keys_.size(); }
  // Bytes in memory (the hash table included).
  size_t bytes() const {
    return slots_.size() * sizeof(Slot) + keys_.size() * 8 + data_.size() * 2;
  }
  // scores[c] += the weight of every feature for class c; scores has
  // classes() entries. Unknown features add nothing.
  void Score(const uint64_t* features, size_t n, float* scores) const;

  // The same model without the weights smaller than `min_weight` (in units
  // of the stored, quantised weights): smaller, and nearly as good.
  LinearModel Pruned(int min_weight) const;

  // Flat bytes (little-endian): the keys in order, then the rows; the hash
  // table is built when read. FromBytes throws std::runtime_error on a
  // malformed buffer.
  std::string Serialize() const;
  static LinearModel FromBytes(std::string_view bytes);

 private:
  friend class LinearModelTrainer;
  // Fills slots_ from keys_ and data_; throws std::runtime_error when a row
  // runs past the data or names an unknown class.
  void Index();

  // Open addressing on the key's low bits; `tag` is its high half (never 0:
  // 0 marks an empty slot). A row at data_[offset] is a count n, then either
  // n (class, weight) pairs, or, when n is kDense, a weight for every class.
  // Most features carry one or two weights (a perceptron update touches the
  // right class and the wrong one): those sit in the slot itself, so the
  // lookup that finds the slot is the only memory read.
  struct Slot {
    uint32_t tag = 0;
    uint32_t offset = kInline;
    int16_t cls[2] = {-1, -1};  // inline entries (-1: none)
    int16_t w[2] = {0, 0};
  };
  static constexpr uint32_t kInline = 0xFFFFFFFFu;
  static uint32_t TagOf(uint64_t key) { return static_cast<uint32_t>(key >> 32) | 1u; }
  static size_t IndexOf(uint64_t key, size_t mask) { return key & mask; }
  static constexpr int16_t kDense = -1;
  // Appends a row of (class, weight) pairs to data_, dense when that is no
  // larger.
  void AddRow(uint64_t key, const std::vector<std::pair<int, int16_t>>& weights);

  int classes_ = 0;
  float scale_ = 1;             // weight = stored weight * scale_
  std::vector<uint64_t> keys_;  // one per row, ascending
  std::vector<int16_t, HugePageAllocator<int16_t>> data_;  // the rows, in key order
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
};

// Fisher-Yates with the generator's raw output: the same order on every
// platform (std::shuffle's is the library's choice), for training epochs.
void Shuffle(std::vector<size_t>& order, std::mt19937_64& rng);

// Averaged perceptron training. Deterministic: the same updates in the same
// order give the same model, bit for bit.
class LinearModelTrainer {
 public:
  explicit LinearModelTrainer(int classes) : classes_(classes) {}
  int classes() const { return classes_; }
  // Current (not averaged) weights, as LinearModel::Score.
  void Score(const uint64_t* features, size_t n, float* scores) const;
  // One training instance has passed (for the averages).
  void Tick() { ++now_; }
  // Rewards `truth` and penalises `guess` on every feature (no-op if equal).
  void Update(const uint64_t* features, size_t n, int truth, int guess);
  // Counts features seen, for pruning rare ones.
  void Count(const uint64_t* features, size_t n);

  // The averaged model, keeping features seen at least `min_count` times and
  // weights of magnitude at least `min_weight` (after averaging).
  LinearModel Finish(int min_count, float min_weight) const;

 private:
  struct Entry {
    int32_t cls;
    float w;
    double total;  // sum of w over time, up to stamp
    int64_t stamp;
  };
  struct Row {
    std::vector<Entry> entries;
    int64_t count = 0;
  };
  void Add(Row& row, int cls, float delta);

  int classes_;
  int64_t now_ = 0;
  std::unordered_map<uint64_t, Row> rows_;
};

}  // namespace kg

#endif  // KG_INGEST_NLP_PERCEPTRON_H_
