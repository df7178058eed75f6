// Internal to ingest/nlp/: the part-of-speech tagger. A greedy left-to-right
// averaged perceptron over sparse features of the word, its affixes and
// shape, its neighbours and the tags already given, the tags a word was seen
// with in training (its ambiguity class) and the parts of speech a
// dictionary gives it (word_classes.h). One class is a pair of a
// universal tag and a Penn tag ("PROPN NNP"), so the two always agree.
#ifndef KG_INGEST_NLP_TAGGER_H_
#define KG_INGEST_NLP_TAGGER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/nlp/conllu.h"
#include "ingest/nlp/perceptron.h"
#include "ingest/nlp/word_classes.h"

namespace kg {

struct TrainOptions {
  int iterations = 10;
  uint64_t seed = 1;
  int min_count = 1;        // prune features seen fewer times
  float min_weight = 0.0f;  // prune averaged weights smaller than this
  // Progress lines ("tagger iteration 3: 96.1% on train"), or null.
  std::function<void(const std::string&)> log;
  // A dictionary's parts of speech for words (the tagger keeps a copy);
  // may be null.
  const WordClasses* dictionary = nullptr;
};

class Tagger {
 public:
  // One tag (class) per word of `forms` (normalised word forms).
  std::vector<int> Tag(const std::vector<std::string>& forms) const;
  const std::string& upos(int tag) const { return upos_[tag]; }
  const std::string& xpos(int tag) const { return xpos_[tag]; }
  int classes() const { return static_cast<int>(upos_.size()); }
  // The universal tag of a class as a number (the same for all classes
  // that share it), for features that generalise over the Penn tags.
  int coarse(int tag) const { return coarse_[tag]; }
  // The class of a (universal, Penn) pair; 0 when the pair is unknown.
  int ClassOf(std::string_view upos, std::string_view xpos) const;
  const LinearModel& model() const { return model_; }

  // Drops weights smaller than `min_weight` (LinearModel::Pruned).
  void Prune(int min_weight) { model_ = model_.Pruned(min_weight); }

  std::string Serialize() const;
  // Throws std::runtime_error on malformed bytes.
  static Tagger FromBytes(std::string_view bytes);
  static Tagger Train(const std::vector<ConlluSentence>& train, const TrainOptions& opts);

 private:
  struct WordInfo;
  void Describe(const std::vector<std::string>& forms, std::vector<WordInfo>& info) const;
  static size_t Features(const std::vector<WordInfo>& info, size_t i, const int* tags,
                         uint64_t* out);

  LinearModel model_;
  void Index();  // fills coarse_ and class_of_ from upos_ and xpos_

  std::vector<std::string> upos_, xpos_;
  std::vector<int> coarse_;
  std::unordered_map<std::string, int> class_of_;  // "UPOS XPOS" -> class
  WordClasses dictionary_;
  // Lower-cased word hash -> hash of the set of classes it was seen with.
  std::unordered_map<uint64_t, uint64_t> ambiguity_;
  // Frequent words that always had one class.
  std::unordered_map<uint64_t, int> unambiguous_;
};

}  // namespace kg

#endif  // KG_INGEST_NLP_TAGGER_H_
