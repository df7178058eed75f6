// Internal to ingest/nlp/: lemmas, learned from the treebank. A word the
// treebank had (with its Penn tag) takes the lemma it had there; another
// takes the ending rule most often seen for its tag and its longest known
// suffix ("-ies" NNS -> "-y", "-ed" VBD -> ""), so "curbed", "export-banned"
// and "rescinds" need no list.
#ifndef KG_INGEST_NLP_LEMMATIZER_H_
#define KG_INGEST_NLP_LEMMATIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/nlp/conllu.h"

namespace kg {

class Lemmatizer {
 public:
  std::string Lemma(std::string_view form, std::string_view upos,
                    std::string_view xpos) const;

  std::string Serialize() const;
  // Throws std::runtime_error on malformed bytes.
  static Lemmatizer FromBytes(std::string_view bytes);
  static Lemmatizer Train(const std::vector<ConlluSentence>& train);

 private:
  struct Rule {
    uint8_t strip = 0;   // characters to cut from the end
    std::string append;  // then to add
  };
  static uint64_t Key(std::string_view a, std::string_view b);
  static std::string Apply(std::string_view lower, const Rule& r);

  static constexpr size_t kMaxSuffix = 5;
  // (lower-cased form, Penn tag) -> lemma, where the rules would get it wrong.
  std::unordered_map<uint64_t, std::string> exceptions_;
  // (Penn tag, suffix) -> rule; suffixes of 0..kMaxSuffix characters.
  std::unordered_map<uint64_t, Rule> rules_;
};

}  // namespace kg

#endif  // KG_INGEST_NLP_LEMMATIZER_H_
