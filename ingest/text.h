// Internal to ingest/: normalisation, sentences and tokens.
#ifndef KG_INGEST_TEXT_H_
#define KG_INGEST_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

// NFKC, then typographic quotes, apostrophes and dashes to ASCII, and no-break
// spaces to spaces. Evidence offsets count code points of this text.
std::string NormalizeText(std::string_view text);

struct Sentence {
  size_t begin = 0, end = 0;         // byte offsets in the normalised document
  int64_t cp_begin = 0, cp_end = 0;  // the same in code points
};

// Splits on . ! ? followed by a capital, digit or quote, except after known
// abbreviations ("U.S.", "Corp.", "Jan.") and initials; every line break that
// ends a line without terminal punctuation ends a sentence too (headlines,
// bullet points).
std::vector<Sentence> SplitSentences(const std::string& text);

struct Token {
  std::string_view text;        // a view into the sentence
  std::string lower;            // ASCII-lowercased
  uint32_t begin = 0, end = 0;  // byte offsets in the sentence
  bool capitalized = false;     // starts with an uppercase letter or a digit+letter shape
  bool word = false;            // letters or digits (not punctuation)
};

// Words keep inner periods, hyphens, apostrophes and ampersands ("U.S.",
// "GPT-4o", "AT&T"); a trailing possessive "'s" is its own token.
std::vector<Token> Tokenize(std::string_view sentence);

}  // namespace kg

#endif  // KG_INGEST_TEXT_H_
