#include "ingest/nlp/tagger.h"

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>

#include "ingest/nlp/bytes.h"
#include "ingest/nlp/words.h"

namespace kg {

struct Tagger::WordInfo {
  uint64_t lower, form, shape, ambiguity, classes;
  uint64_t prefix[3], suffix[4];
};

namespace {

constexpr size_t kMaxFeatures = 64;
// Classes of the words before the sentence (-1) and after it (-2), for features.
constexpr int kStart = -1;

// A sentence padded with two words on each side, so features never test bounds.
constexpr size_t kPad = 2;

}  // namespace

void Tagger::Describe(const std::vector<std::string>& forms,
                      std::vector<WordInfo>& info) const {
  static const uint64_t kPadHash[2] = {HashString("<s>"), HashString("</s>")};
  info.assign(forms.size() + 2 * kPad, WordInfo{});
  for (size_t k = 0; k < kPad; ++k) {
    for (WordInfo* w : {&info[k], &info[info.size() - 1 - k]}) {
      uint64_t h = kPadHash[w != &info[k]];
      *w = {h, h, h, h, h, {h, h, h}, {h, h, h, h}};
    }
  }
  std::string lower;
  for (size_t i = 0; i < forms.size(); ++i) {
    WordInfo& w = info[i + kPad];
    const std::string& f = forms[i];
    NormalizedLower(f, &lower);
    w.lower = HashString(lower);
    w.form = HashString(f);
    w.shape = HashString(WordShape(f));
    auto it = ambiguity_.find(w.lower);
    w.ambiguity = it == ambiguity_.end() ? 0 : it->second;
    w.classes = dictionary_.Of(lower);
    for (size_t k = 0; k < 3; ++k) w.prefix[k] = HashString(Utf8Prefix(lower, k + 1));
    for (size_t k = 0; k < 4; ++k) w.suffix[k] = HashString(Utf8Suffix(lower, k + 1));
  }
}

// Features of word i (an index into the padded `info`); tags[j] is the class
// given to padded word j so far (kStart outside the sentence).
size_t Tagger::Features(const std::vector<WordInfo>& info, size_t i, const int* tags,
                        uint64_t* f) {
  const WordInfo &w = info[i], &p1 = info[i - 1], &p2 = info[i - 2], &n1 = info[i + 1],
                 &n2 = info[i + 2];
  uint64_t t1 = static_cast<uint64_t>(tags[i - 1] + 8),
           t2 = static_cast<uint64_t>(tags[i - 2] + 8);
  size_t n = 0;
  f[n++] = Feature(0, 0);
  f[n++] = Feature(1, w.lower);
  f[n++] = Feature(2, w.form);
  for (uint64_t k = 0; k < 3; ++k) f[n++] = Feature(3 + k, w.prefix[k]);
  for (uint64_t k = 0; k < 4; ++k) f[n++] = Feature(6 + k, w.suffix[k]);
  f[n++] = Feature(10, w.shape);
  f[n++] = Feature(11, w.ambiguity);
  f[n++] = Feature(12, t1);
  f[n++] = Feature(13, t2);
  f[n++] = Feature(14, t1, t2);
  f[n++] = Feature(15, t1, w.lower);
  f[n++] = Feature(16, p1.lower);
  f[n++] = Feature(17, p2.lower);
  f[n++] = Feature(18, n1.lower);
  f[n++] = Feature(19, n2.lower);
  f[n++] = Feature(20, p1.suffix[2]);
  f[n++] = Feature(21, n1.suffix[2]);
  f[n++] = Feature(22, n1.shape);
  f[n++] = Feature(23, n1.ambiguity);
  f[n++] = Feature(24, n2.ambiguity);
  f[n++] = Feature(25, p1.lower, w.lower);
  f[n++] = Feature(26, w.lower, n1.lower);
  f[n++] = Feature(27, t1, n1.ambiguity);
  f[n++] = Feature(28, i == kPad, w.shape);
  f[n++] = Feature(29, w.ambiguity, n1.ambiguity);
  f[n++] = Feature(30, t1, w.suffix[2]);
  f[n++] = Feature(31, p1.shape);
  f[n++] = Feature(32, n1.form);
  f[n++] = Feature(33, t1, n1.lower);
  f[n++] = Feature(34, w.lower, n1.ambiguity);
  f[n++] = Feature(35, p1.form);
  f[n++] = Feature(36, w.shape, n1.shape);
  // What the dictionary says of the word and the next one.
  f[n++] = Feature(37, w.classes);
  f[n++] = Feature(38, w.classes, w.suffix[1]);
  f[n++] = Feature(39, w.classes, w.shape);
  f[n++] = Feature(48, n1.classes);
  return n;
}

std::vector<int> Tagger::Tag(const std::vector<std::string>& forms) const {
  std::vector<WordInfo> info;
  Describe(forms, info);
  std::vector<int> tags(info.size(), kStart);
  std::vector<float> scores(upos_.size());
  uint64_t f[kMaxFeatures];
  for (size_t i = kPad; i + kPad < info.size(); ++i) {
    if (auto it = unambiguous_.find(info[i].lower); it != unambiguous_.end()) {
      tags[i] = it->second;
      continue;
    }
    size_t n = Features(info, i, tags.data(), f);
    std::fill(scores.begin(), scores.end(), 0.0f);
    model_.Score(f, n, scores.data());
    tags[i] =
        static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  }
  return std::vector<int>(tags.begin() + kPad, tags.end() - kPad);
}

void Tagger::Index() {
  coarse_.clear();
  class_of_.clear();
  for (size_t c = 0; c < upos_.size(); ++c) {
    coarse_.push_back(static_cast<int>(std::find(upos_.begin(), upos_.end(), upos_[c]) -
                                       upos_.begin()));
    class_of_[upos_[c] + " " + xpos_[c]] = static_cast<int>(c);
  }
}

int Tagger::ClassOf(std::string_view upos, std::string_view xpos) const {
  std::string key;
  key.reserve(upos.size() + xpos.size() + 1);
  key.append(upos).append(" ").append(xpos);
  auto it = class_of_.find(key);
  return it == class_of_.end() ? 0 : it->second;
}

std::string Tagger::Serialize() const {
  ByteWriter out;
  out.PutStrings(upos_);
  out.PutStrings(xpos_);
  std::string dictionary = dictionary_.Serialize();
  out.Put<uint64_t>(dictionary.size());
  out.bytes() += dictionary;
  auto map = [&](const auto& m) {
    std::vector<std::pair<uint64_t, uint64_t>> sorted(m.begin(), m.end());
    std::sort(sorted.begin(), sorted.end());
    out.Put<uint64_t>(sorted.size());
    for (auto [k, v] : sorted) {
      out.Put<uint64_t>(k);
      out.Put<uint64_t>(static_cast<uint64_t>(v));
    }
  };
  map(ambiguity_);
  map(unambiguous_);
  out.bytes() += model_.Serialize();
  return std::move(out.bytes());
}

Tagger Tagger::FromBytes(std::string_view bytes) {
  Tagger t;
  ByteReader r(bytes);
  t.upos_ = r.GetStrings();
  t.xpos_ = r.GetStrings();
  if (t.upos_.size() != t.xpos_.size() || t.upos_.empty() || t.upos_.size() > 256)
    throw std::runtime_error("bad tag set");
  t.Index();
  t.dictionary_ = WordClasses::FromBytes(r.GetBytes(r.GetCount(1)));
  uint64_t n = r.GetCount(16);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r.Get<uint64_t>();
    t.ambiguity_[k] = r.Get<uint64_t>();
  }
  n = r.GetCount(16);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r.Get<uint64_t>(), v = r.Get<uint64_t>();
    if (v >= t.upos_.size()) throw std::runtime_error("tag out of range");
    t.unambiguous_[k] = static_cast<int>(v);
  }
  t.model_ = LinearModel::FromBytes(r.Rest());
  if (t.model_.classes() != t.classes()) throw std::runtime_error("tag count mismatch");
  return t;
}

// --- Training -------------------------------------------------------------------

Tagger Tagger::Train(const std::vector<ConlluSentence>& train, const TrainOptions& opts) {
  Tagger t;
  // Classes: the (UPOS, XPOS) pairs of the treebank, most frequent first.
  std::map<std::pair<std::string, std::string>, int64_t> pair_count;
  for (const auto& s : train)
    for (const auto& w : s.words) ++pair_count[{w.upos, w.xpos}];
  std::vector<std::pair<int64_t, std::pair<std::string, std::string>>> pairs;
  for (const auto& [p, c] : pair_count) pairs.push_back({-c, p});
  std::sort(pairs.begin(), pairs.end());
  if (pairs.size() > 256) throw std::runtime_error("more than 256 tag pairs");
  std::map<std::pair<std::string, std::string>, int> class_of;
  for (const auto& [c, p] : pairs) {
    class_of[p] = static_cast<int>(t.upos_.size());
    t.upos_.push_back(p.first);
    t.xpos_.push_back(p.second);
  }
  t.Index();
  if (opts.dictionary) t.dictionary_ = *opts.dictionary;
  // The classes each word was seen with.
  std::map<uint64_t, std::map<int, int64_t>> seen;
  std::string lower;
  for (const auto& s : train)
    for (const auto& w : s.words) {
      NormalizedLower(w.form, &lower);
      ++seen[HashString(lower)][class_of[{w.upos, w.xpos}]];
    }
  for (const auto& [word, classes] : seen) {
    int64_t total = 0, best = 0;
    int best_class = 0;
    uint64_t set = 0;
    for (auto [c, n] : classes) {
      total += n;
      if (n > best) best = n, best_class = c;
    }
    for (auto [c, n] : classes)
      if (n * 20 >= total) set = MixHash(set, static_cast<uint64_t>(c) + 1);
    if (total >= 2) t.ambiguity_[word] = set;
    if (total >= 20 && best * 100 >= total * 99) t.unambiguous_[word] = best_class;
  }

  // The training sentences, described once.
  std::vector<std::vector<WordInfo>> info(train.size());
  std::vector<std::vector<int>> gold(train.size());
  std::vector<std::string> forms;
  for (size_t si = 0; si < train.size(); ++si) {
    forms.clear();
    for (const auto& w : train[si].words) forms.push_back(w.form);
    t.Describe(forms, info[si]);
    gold[si].assign(info[si].size(), kStart);
    for (size_t i = 0; i < forms.size(); ++i)
      gold[si][i + kPad] = class_of[{train[si].words[i].upos, train[si].words[i].xpos}];
  }
  LinearModelTrainer trainer(t.classes());
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(opts.seed);
  std::vector<float> scores(t.classes());
  uint64_t f[kMaxFeatures];
  for (int it = 0; it < opts.iterations; ++it) {
    Shuffle(order, rng);
    int64_t right = 0, total = 0;
    for (size_t si : order) {
      const std::vector<WordInfo>& words = info[si];
      std::vector<int> tags(words.size(), kStart);
      for (size_t i = kPad; i + kPad < words.size(); ++i) {
        int truth = gold[si][i], guess;
        if (auto u = t.unambiguous_.find(words[i].lower); u != t.unambiguous_.end()) {
          guess = u->second;
        } else {
          size_t n = Features(words, i, tags.data(), f);
          if (it == 0) trainer.Count(f, n);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.Score(f, n, scores.data());
          guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) -
                                   scores.begin());
          trainer.Update(f, n, truth, guess);
          trainer.Tick();
        }
        right += guess == truth;
        ++total;
        tags[i] = guess;  // the history is the tagger's own, as it will be
      }
    }
    if (opts.log)
      opts.log("tagger iteration " + std::to_string(it + 1) + ": " +
               std::to_string(100.0 * right / std::max<int64_t>(total, 1)) +
               "% right on train");
  }
  t.model_ = trainer.Finish(opts.min_count, opts.min_weight);
  return t;
}
}  // namespace kg
