#include "ingest/text.h"

#include "ingest/nlp/tokenizer.h"

namespace kg {

namespace {

template <typename W>
Surface Merge(const std::vector<W>& w, uint32_t offset) {
  Surface out;
  for (size_t i = 0; i < w.size();) {
    size_t j = i + 1;
    // A "-" glued to the words on both sides joins them.
    while (j + 1 < w.size() && w[j].form == "-" && !w[j - 1].space_after &&
           !w[j].space_after)
      j += 2;
    Token t;
    for (size_t k = i; k < j; ++k) t.text += w[k].form;
    t.begin = w[i].begin - offset;
    t.end = w[j - 1].end - offset;
    t.lower.reserve(t.text.size());
    for (char ch : t.text)
      t.lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    unsigned char c0 = static_cast<unsigned char>(t.text[0]);
    t.word = (c0 >= '0' && c0 <= '9') || (c0 >= 'a' && c0 <= 'z') ||
             (c0 >= 'A' && c0 <= 'Z') || c0 >= 0x80;
    // "US$300", "HK$5bn", "€20m": an amount of money, never a name.
    const bool money = t.text.find('$') != std::string::npos ||
                       t.text.rfind("\u20ac", 0) == 0 || t.text.rfind("\u00a3", 0) == 0 ||
                       t.text.rfind("\u00a5", 0) == 0;
    if (money) t.word = false;
    t.capitalized = ((c0 >= 'A' && c0 <= 'Z') || (c0 >= 0x80 && t.word)) && !money;
    out.tokens.push_back(std::move(t));
    out.words.emplace_back(static_cast<int>(i), static_cast<int>(j));
    i = j;
  }
  return out;
}

}  // namespace

Surface SurfaceOf(const AnnotatedSentence& s) { return Merge(s.words, s.begin); }

std::vector<Token> SurfaceTokens(std::string_view text) {
  std::vector<Token> out;
  for (const RawSentence& s : Tokenizer::Bundled().Split(text)) {
    Surface surface = Merge(s.words, 0);
    for (Token& t : surface.tokens) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kg
