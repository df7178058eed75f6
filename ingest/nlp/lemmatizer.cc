#include "ingest/nlp/lemmatizer.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "base/base.h"
#include "ingest/nlp/bytes.h"
#include "ingest/nlp/perceptron.h"
#include "ingest/nlp/words.h"

namespace kg {

uint64_t Lemmatizer::Key(std::string_view a, std::string_view b) {
  return MixHash(HashString(a), HashString(b));
}

std::string Lemmatizer::Apply(std::string_view word, const Rule& r) {
  if (r.strip > word.size()) return std::string(word);
  // A rule strips bytes; one that would cut a character in two ("běijīng"
  // under the VBG default "-ing") leaves the word as it is.
  const size_t cut = word.size() - r.strip;
  if (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80)
    return std::string(word);
  std::string out(word.substr(0, cut));
  out += r.append;
  return out.empty() ? std::string(word) : out;
}

std::string Lemmatizer::Lemma(std::string_view form, std::string_view upos,
                              std::string_view xpos) const {
  std::string lower = AsciiLower(form);
  const uint64_t tag = HashString(xpos);
  if (auto it = exceptions_.find(MixHash(HashString(lower), tag));
      it != exceptions_.end()) {
    std::string lemma = it->second;
    if (upos == "PROPN" && !form.empty() && form[0] >= 'A' && form[0] <= 'Z' &&
        lemma[0] >= 'a' && lemma[0] <= 'z')
      lemma[0] = static_cast<char>(lemma[0] - 'a' + 'A');
    return lemma;
  }
  // Proper nouns keep their capitals: "Americans" -> "American".
  std::string_view base = upos == "PROPN" ? form : std::string_view(lower);
  size_t chars = 0;
  for (unsigned char c : lower) chars += (c & 0xC0) != 0x80;
  for (size_t k = std::min(kMaxSuffix, chars) + 1; k-- > 0;) {
    auto it = rules_.find(MixHash(tag, HashString(Utf8Suffix(lower, k))));
    if (it != rules_.end()) return Apply(base, it->second);
  }
  return std::string(base);
}

Lemmatizer Lemmatizer::Train(const std::vector<ConlluSentence>& train) {
  // The lemma each (form, tag) most often had.
  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> seen;
  for (const auto& s : train)
    for (const auto& w : s.words)
      if (!w.lemma.empty() && w.lemma != "_")
        ++seen[{AsciiLower(w.form), w.xpos}]
              [w.upos == "PROPN" ? AsciiLower(w.lemma) : w.lemma];
  std::map<std::pair<std::string, std::string>, std::string> lemma_of;
  for (const auto& [key, lemmas] : seen) {
    auto best = std::max_element(lemmas.begin(), lemmas.end(),
                                 [](auto& a, auto& b) { return a.second < b.second; });
    lemma_of[key] = best->first;
  }
  // Ending rules, counted over distinct words (rare words behave like types,
  // not like the frequent irregular ones).
  auto rule_for = [](const std::string& form, const std::string& lemma) {
    size_t common = 0;
    while (common < form.size() && common < lemma.size() && form[common] == lemma[common])
      ++common;
    Rule r;
    r.strip = static_cast<uint8_t>(std::min<size_t>(form.size() - common, 255));
    r.append = lemma.substr(common);
    return r;
  };
  std::map<std::pair<std::string, std::string>,
           std::map<std::pair<int, std::string>, int>>
      counts;  // (tag, suffix) -> rule -> words
  for (const auto& [key, lemma] : lemma_of) {
    const auto& [form, xpos] = key;
    Rule r = rule_for(form, AsciiLower(lemma));
    if (r.strip > 6) continue;  // suppletion ("went" -> "go"): an exception
    size_t chars = 0;
    for (unsigned char c : form) chars += (c & 0xC0) != 0x80;
    for (size_t k = 0; k <= std::min(kMaxSuffix, chars); ++k)
      ++counts[{xpos, std::string(Utf8Suffix(form, k))}][{r.strip, r.append}];
  }
  Lemmatizer l;
  for (const auto& [key, rules] : counts) {
    auto best = std::max_element(rules.begin(), rules.end(),
                                 [](auto& a, auto& b) { return a.second < b.second; });
    if (best->second < 2 && !key.second.empty()) continue;
    l.rules_[Key(key.first, key.second)] = {static_cast<uint8_t>(best->first.first),
                                            best->first.second};
  }
  // Exceptions: the words the rules get wrong.
  for (const auto& [key, lemma] : lemma_of) {
    const auto& [form, xpos] = key;
    std::string got = AsciiLower(l.Lemma(form, "", xpos));
    if (got != AsciiLower(lemma) || (lemma != AsciiLower(lemma) && xpos.rfind("NNP", 0)))
      l.exceptions_[Key(form, xpos)] = lemma;
  }
  return l;
}

std::string Lemmatizer::Serialize() const {
  ByteWriter out;
  std::vector<std::pair<uint64_t, std::string>> ex(exceptions_.begin(),
                                                   exceptions_.end());
  std::sort(ex.begin(), ex.end());
  out.Put<uint64_t>(ex.size());
  for (const auto& [k, v] : ex) {
    out.Put<uint64_t>(k);
    out.PutString(v);
  }
  std::vector<std::pair<uint64_t, Rule>> rules(rules_.begin(), rules_.end());
  std::sort(rules.begin(), rules.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out.Put<uint64_t>(rules.size());
  for (const auto& [k, r] : rules) {
    out.Put<uint64_t>(k);
    out.Put<uint8_t>(r.strip);
    out.PutString(r.append);
  }
  return std::move(out.bytes());
}

Lemmatizer Lemmatizer::FromBytes(std::string_view bytes) {
  Lemmatizer l;
  ByteReader r(bytes);
  uint64_t n = r.GetCount(12);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r.Get<uint64_t>();
    l.exceptions_[k] = r.GetString();
  }
  n = r.GetCount(13);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k = r.Get<uint64_t>();
    Rule rule;
    rule.strip = r.Get<uint8_t>();
    rule.append = r.GetString();
    l.rules_[k] = rule;
  }
  r.ExpectDone();
  return l;
}

}  // namespace kg
