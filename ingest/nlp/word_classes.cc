#include "ingest/nlp/word_classes.h"

#include <algorithm>
#include <map>
#include <vector>

#include "ingest/nlp/bytes.h"
#include "ingest/nlp/perceptron.h"

namespace kg {

namespace {

struct Detachment {
  uint32_t pos;
  std::string_view suffix, ending;
};
// WordNet's detachment rules (morphy(7WN)): an inflected form loses the
// suffix and gains the ending.
constexpr Detachment kRules[] = {
    {WordClasses::kNoun, "s", ""},        {WordClasses::kNoun, "ses", "s"},
    {WordClasses::kNoun, "xes", "x"},     {WordClasses::kNoun, "zes", "z"},
    {WordClasses::kNoun, "ches", "ch"},   {WordClasses::kNoun, "shes", "sh"},
    {WordClasses::kNoun, "men", "man"},   {WordClasses::kNoun, "ies", "y"},
    {WordClasses::kVerb, "s", ""},        {WordClasses::kVerb, "ies", "y"},
    {WordClasses::kVerb, "es", "e"},      {WordClasses::kVerb, "es", ""},
    {WordClasses::kVerb, "ed", "e"},      {WordClasses::kVerb, "ed", ""},
    {WordClasses::kVerb, "ing", "e"},     {WordClasses::kVerb, "ing", ""},
    {WordClasses::kAdjective, "er", ""},  {WordClasses::kAdjective, "est", ""},
    {WordClasses::kAdjective, "er", "e"}, {WordClasses::kAdjective, "est", "e"},
};

const struct {
  const char* name;
  uint32_t pos;
} kParts[] = {{"noun", WordClasses::kNoun},
              {"verb", WordClasses::kVerb},
              {"adj", WordClasses::kAdjective},
              {"adv", WordClasses::kAdverb}};

}  // namespace

uint32_t WordClasses::Of(std::string_view lower) const {
  uint32_t out = 0;
  if (auto it = lemmas_.find(HashString(lower)); it != lemmas_.end()) out |= it->second;
  if (auto it = exceptions_.find(HashString(lower)); it != exceptions_.end())
    out |= it->second;
  std::string stem;
  for (const Detachment& d : kRules) {
    if (lower.size() <= d.suffix.size() + 1 || !lower.ends_with(d.suffix)) continue;
    stem.assign(lower.substr(0, lower.size() - d.suffix.size()));
    stem += d.ending;
    auto it = lemmas_.find(HashString(stem));
    if (it != lemmas_.end() && (it->second & d.pos)) out |= d.pos << kInflected;
  }
  return out;
}

WordClasses WordClasses::FromWordNet(Env& env, const std::string& dir) {
  WordClasses wc;
  std::map<std::string, uint32_t> lemmas;              // sorted: a deterministic build
  std::map<std::string, int> capitalised, lower_case;  // noun spellings
  for (const auto& part : kParts) {
    std::string index = env.ReadFile(dir + "/index." + part.name);
    for (const std::string& line : Split(index, '\n')) {
      if (line.empty() || line[0] == ' ') continue;  // the licence header
      std::string lemma = line.substr(0, line.find(' '));
      if (lemma.find('_') != std::string::npos) continue;  // several words
      lemmas[lemma] |= part.pos;
    }
    std::string exc = env.ReadFile(dir + "/" + part.name + ".exc");
    for (const std::string& line : Split(exc, '\n')) {
      std::string form = line.substr(0, line.find(' '));
      if (!form.empty() && form.find('_') == std::string::npos)
        wc.exceptions_[HashString(form)] |= static_cast<uint16_t>(part.pos << kInflected);
    }
  }
  // Nouns that WordNet only ever spells with a capital: names.
  std::string data = env.ReadFile(dir + "/data.noun");
  for (const std::string& line : Split(data, '\n')) {
    if (line.empty() || line[0] == ' ') continue;
    std::vector<std::string> f = Split(line.substr(0, line.find(" | ")), ' ');
    if (f.size() < 5) continue;
    int words = static_cast<int>(std::strtol(f[3].c_str(), nullptr, 16));
    for (int k = 0; k < words && 4 + 2 * k < static_cast<int>(f.size()); ++k) {
      const std::string& w = f[4 + 2 * static_cast<size_t>(k)];
      std::string lower = w;
      for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      (w == lower ? lower_case : capitalised)[lower]++;
    }
  }
  for (const auto& [lemma, pos] : lemmas) {
    uint32_t classes = pos;
    if (capitalised.count(lemma) && !lower_case.count(lemma)) classes |= kProper;
    wc.lemmas_[HashString(lemma)] = static_cast<uint16_t>(classes);
  }
  return wc;
}

std::string WordClasses::Serialize() const {
  ByteWriter out;
  for (const auto* table : {&lemmas_, &exceptions_}) {
    std::vector<std::pair<uint64_t, uint16_t>> sorted(table->begin(), table->end());
    std::sort(sorted.begin(), sorted.end());
    out.Put<uint64_t>(sorted.size());
    for (auto [k, v] : sorted) {
      out.Put<uint64_t>(k);
      out.Put<uint16_t>(v);
    }
  }
  return std::move(out.bytes());
}

WordClasses WordClasses::FromBytes(std::string_view bytes) {
  WordClasses wc;
  ByteReader r(bytes);
  for (auto* table : {&wc.lemmas_, &wc.exceptions_}) {
    uint64_t n = r.GetCount(10);
    table->reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t k = r.Get<uint64_t>();
      (*table)[k] = r.Get<uint16_t>();
    }
  }
  r.ExpectDone();
  return wc;
}

}  // namespace kg
