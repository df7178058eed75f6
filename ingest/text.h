// Internal to ingest/: sentences as the lexicon, the mention finder and the
// relation patterns read them ("surface tokens").
#ifndef KG_INGEST_TEXT_H_
#define KG_INGEST_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/nlp/annotation.h"

namespace kg {

struct Token {
  std::string text;             // normalised, as the analysis writes forms
  std::string lower;            // ASCII-lowercased
  uint32_t begin = 0, end = 0;  // bytes of the sentence
  bool capitalized = false;     // starts with an uppercase (or non-ASCII) letter
  bool word = false;            // letters or digits (not punctuation)
};

// A sentence's words with each hyphenated word whole again ("Beijing-based",
// "GPT-4o", as names and patterns spell them); words[k] is the range of
// words token k stands for.
struct Surface {
  std::vector<Token> tokens;
  std::vector<std::pair<int, int>> words;
};
Surface SurfaceOf(const AnnotatedSentence& sentence);

// The surface tokens of a short text such as a lexicon alias, cut as an
// article's words are (ingest/nlp/tokenizer.h), so the two always match.
std::vector<Token> SurfaceTokens(std::string_view text);

}  // namespace kg

#endif  // KG_INGEST_TEXT_H_
