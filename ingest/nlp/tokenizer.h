// Internal to ingest/nlp/: raw text to sentences of words, the way the UD
// English treebanks cut them: punctuation apart, clitics split ("do n't",
// "Nvidia 's"), hyphenated compounds split ("export - control") but for
// bound prefixes ("anti-monopoly"), abbreviations whole ("U.S.", "Inc.").
// Offsets are bytes of the text as given; forms are normalised (NFKC,
// typographic quotes, apostrophes and dashes as ASCII), so the models see
// one spelling while evidence keeps the article's own characters.
#ifndef KG_INGEST_NLP_TOKENIZER_H_
#define KG_INGEST_NLP_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kg {

struct RawWord {
  std::string form;             // normalised
  uint32_t begin = 0, end = 0;  // bytes of the original text
  bool space_after = true;
};

struct RawSentence {
  uint32_t begin = 0, end = 0;  // bytes of the original text
  std::vector<RawWord> words;
};

class Tokenizer {
 public:
  // Rules from a TSV of KIND<TAB>VALUE lines ('#' comments):
  //   abbreviation  a word that keeps its final period ("Corp.", "U.S.")
  //   prefix        a bound prefix that keeps its hyphen ("anti", "co")
  //   opener        a capitalised word that starts a sentence after an
  //                 abbreviation ("the U.S. The ...": "The")
  // Throws Error("NAME:LINE: ...") on a malformed line.
  explicit Tokenizer(std::string_view rules_tsv, const std::string& name = "tokens.tsv");

  std::vector<RawSentence> Split(std::string_view text) const;

  // A word's normalised spelling, as Split writes forms: for words that
  // come from elsewhere (a treebank, kg annotate --tokenized).
  static std::string Normalize(std::string_view word);

  // Longest sentence in words: a longer run is cut, so that no input (a
  // table, a list without stops) makes one sentence of thousands of words.
  static constexpr size_t kMaxWords = 200;

  // The bundled rules (ingest/data/tokens.tsv).
  static const Tokenizer& Bundled();

 private:
  struct Chunk;
  void TokenizeChunk(const Chunk& c, std::vector<RawWord>& out) const;
  bool IsAbbreviation(std::string_view word) const;

  std::unordered_set<std::string> abbreviations_;  // lower case, with the period
  std::unordered_set<std::string> prefixes_;       // lower case
  std::unordered_set<std::string> openers_;
};

}  // namespace kg

#endif  // KG_INGEST_NLP_TOKENIZER_H_
