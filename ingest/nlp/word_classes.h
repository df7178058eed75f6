// Internal to ingest/nlp/: the parts of speech a dictionary gives a word,
// so the tagger knows "curbed" can be a verb and "Hangzhou" is no common
// noun even when the treebank never had them. Built at training time from
// WordNet 3.0 (Debian wordnet-base: the index.* lemma lists and *.exc
// exception lists), with WordNet's own detachment rules ("morphy") applied
// at lookup; stored in the model file, so kg needs no WordNet to run.
#ifndef KG_INGEST_NLP_WORD_CLASSES_H_
#define KG_INGEST_NLP_WORD_CLASSES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/base.h"

namespace kg {

class WordClasses {
 public:
  enum : uint32_t {
    kNoun = 1,
    kVerb = 2,
    kAdjective = 4,
    kAdverb = 8,
    // The same four, << 4: an inflected form of such a lemma ("curbed").
    kInflected = 4,
    kProper = 1 << 8,  // a noun WordNet writes only with a capital
  };
  // The classes of a lower-cased word; 0 when the dictionary lacks it.
  uint32_t Of(std::string_view lower) const;
  bool empty() const { return lemmas_.empty(); }
  size_t size() const { return lemmas_.size() + exceptions_.size(); }

  // Reads WordNet's dictionary folder (index.noun, noun.exc, data.noun, ...)
  // through `env`. Throws Error naming a missing file.
  static WordClasses FromWordNet(Env& env, const std::string& dir);
  std::string Serialize() const;
  // Throws std::runtime_error on malformed bytes.
  static WordClasses FromBytes(std::string_view bytes);

 private:
  std::unordered_map<uint64_t, uint16_t> lemmas_;      // lemma -> classes
  std::unordered_map<uint64_t, uint16_t> exceptions_;  // irregular form -> classes
};

}  // namespace kg

#endif  // KG_INGEST_NLP_WORD_CLASSES_H_
