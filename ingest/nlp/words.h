// Internal to ingest/nlp/: what the tagger, the parser and the lemmatiser
// see of a word's spelling.
#ifndef KG_INGEST_NLP_WORDS_H_
#define KG_INGEST_NLP_WORDS_H_

#include <string>
#include <string_view>

namespace kg {

// ASCII-lower-cased, with every digit read as 0: "2024" and "1999" are one
// word to the models, "H800" is "h000". Other bytes are kept.
void NormalizedLower(std::string_view form, std::string* out);

// The word's shape: X for a capital, x for a lower-case letter, d for a digit,
// other characters as they are, runs of one kind collapsed and the whole cut
// to 6: "Huawei" -> "Xx", "H800" -> "Xd", "GPT-4o" -> "X-dx", "U.S." -> "X.X.".
std::string WordShape(std::string_view form);

// The first / last `n` characters (UTF-8 code points) of `s`.
std::string_view Utf8Prefix(std::string_view s, size_t n);
std::string_view Utf8Suffix(std::string_view s, size_t n);

}  // namespace kg

#endif  // KG_INGEST_NLP_WORDS_H_
