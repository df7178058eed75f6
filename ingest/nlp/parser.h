// Internal to ingest/nlp/: the dependency parser. A greedy arc-eager
// transition parser (Nivre 2003) with the root at the end of the buffer
// (Ballesteros & Nivre 2013), scored by an averaged perceptron over the
// feature templates of Zhang & Nivre (2011), and trained with the dynamic
// oracle and error exploration of Goldberg & Nivre (2012): it learns to act
// well from the mistakes it will make, not only from gold configurations.
#ifndef KG_INGEST_NLP_PARSER_H_
#define KG_INGEST_NLP_PARSER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/nlp/conllu.h"
#include "ingest/nlp/perceptron.h"
#include "ingest/nlp/tagger.h"

namespace kg {

// What the parser reads of a sentence: word forms and the tagger's classes.
struct ParserInput {
  std::vector<std::string> forms;
  std::vector<int> tags;    // the tagger's classes
  std::vector<int> coarse;  // the universal tag of each class, as a number
};

struct ParseTree {
  std::vector<int> heads;   // 0-based; -1 for the root
  std::vector<int> labels;  // indices into Parser::label()
};

class Parser {
 public:
  ParseTree Parse(const ParserInput& input) const;
  const std::string& label(int l) const { return labels_[l]; }
  int labels() const { return static_cast<int>(labels_.size()); }
  // How many tag classes the tagger it was trained with had.
  int tags() const { return tags_; }
  const LinearModel& model() const { return model_; }

  // Drops weights smaller than `min_weight` (LinearModel::Pruned).
  void Prune(int min_weight) { model_ = model_.Pruned(min_weight); }

  std::string Serialize() const;
  // Throws std::runtime_error on malformed bytes.
  static Parser FromBytes(std::string_view bytes);
  // Trains on `train`, reading the words' tag classes of `tagger` from
  // `tags` (one vector per sentence): tags as the tagger gives them on text
  // it was not trained on, so that the parser learns to live with its
  // mistakes.
  static Parser Train(const std::vector<ConlluSentence>& train,
                      const std::vector<std::vector<int>>& tags, const Tagger& tagger,
                      const TrainOptions& opts);

 private:
  class State;
  struct Oracle;
  size_t Features(const State& s, uint64_t* f) const;
  // Best legal transition by score; `scores` has one entry per class.
  int Best(const State& s, const float* scores) const;

  std::vector<std::string> labels_;  // UD relations with subtypes; "root" is one
  int root_label_ = 0;
  int fallback_label_ = 0;  // for extra roots: "parataxis"
  int tags_ = 0;
  LinearModel model_;  // one class per transition (State::Classes)
};

}  // namespace kg

#endif  // KG_INGEST_NLP_PARSER_H_
