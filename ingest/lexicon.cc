#include "ingest/lexicon.h"

#include <algorithm>
#include <unordered_set>

#include "base/base.h"
#include "graph/graph.h"

namespace kg {

namespace {

enum class CaseRule { kAny, kCapitalized, kExact };

CaseRule RuleFor(std::string_view word) {
  bool has_upper = false, has_lower = false;
  int letters = 0;
  for (unsigned char c : word) {
    if (c >= 'A' && c <= 'Z') has_upper = true, ++letters;
    if (c >= 'a' && c <= 'z') has_lower = true, ++letters;
  }
  // No capitals, or a lower-case start ("iPhone"): the word is distinctive
  // in any case.
  if (!has_upper || (word[0] >= 'a' && word[0] <= 'z')) return CaseRule::kAny;
  if (!has_lower && letters >= 2) return CaseRule::kExact;
  return CaseRule::kCapitalized;
}

// "Co" and "Co.", "Corp." and "Corp": an abbreviation with or without its
// stop is one word.
bool SameWord(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& longer = a.size() > b.size() ? a : b;
  const std::string& shorter = a.size() > b.size() ? b : a;
  return longer.size() == shorter.size() + 1 && longer.back() == '.' &&
         longer.compare(0, shorter.size(), shorter) == 0 && shorter.size() >= 2;
}

bool WordMatches(const std::string& alias_word, const std::string& alias_lower,
                 const Token& t, bool multiword) {
  if (!SameWord(t.lower, alias_lower)) return false;
  CaseRule rule = RuleFor(alias_word);
  // Several words together are a name in any case ("gina raimondo" in a
  // careless translation); an acronym among them still needs its capitals.
  if (multiword && rule == CaseRule::kCapitalized) rule = CaseRule::kAny;
  switch (rule) {
    case CaseRule::kAny:
      return true;
    case CaseRule::kExact:
      return SameWord(t.text, alias_word);
    case CaseRule::kCapitalized:
      return t.capitalized;
  }
  return false;
}

}  // namespace

void Lexicon::AddAlias(std::string_view alias, int entry, bool demonym) {
  alias = Trim(alias);
  if (alias.empty()) return;
  std::vector<Token> toks = SurfaceTokens(alias);
  if (toks.empty()) return;
  Alias a;
  for (const Token& t : toks) {
    a.words.emplace_back(t.text);
    a.lower.push_back(t.lower);
  }
  a.entry = entry;
  a.demonym = demonym;
  static const std::unordered_set<std::string> kNamed = {"Company", "Organization",
                                                         "Person", "GovernmentBody"};
  if (!demonym && kNamed.count(entries_[entry].type)) {
    std::string key = FoldKey(alias);
    if (key.size() >= 8) fuzzy_keys_.emplace_back(std::move(key), entry);
  }
  auto& list = by_first_[a.lower[0]];
  // A later entry wins an alias both claim.
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Alias& o) { return o.words == a.words; }),
             list.end());
  list.push_back(std::move(a));
}

void Lexicon::Load(std::string_view tsv, const std::string& name) {
  int line_no = 0;
  for (const std::string& raw : Split(tsv, '\n')) {
    ++line_no;
    std::string_view line = raw;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    auto cols = Split(line, '\t');
    std::string where = name + ":" + std::to_string(line_no);
    if (cols.size() < 2 || cols.size() > 4)
      throw Error(where + ": expected TYPE<TAB>CANONICAL<TAB>ALIASES<TAB>DEMONYMS");
    std::string type(Trim(cols[0])), canonical(Trim(cols[1]));
    if (!IsEntityType(type))
      throw Error(where + ": \"" + type + "\" is not one of the schema's entity types");
    if (canonical.empty()) throw Error(where + ": empty canonical name");
    int entry;
    if (auto it = canonical_.find(canonical); it != canonical_.end()) {
      entry = it->second;
      entries_[entry].type = type;
    } else {
      entry = static_cast<int>(entries_.size());
      entries_.push_back({type, canonical, {}});
      canonical_[canonical] = entry;
    }
    AddAlias(canonical, entry, false);
    if (cols.size() > 2)
      for (const auto& a : Split(cols[2], '|')) {
        AddAlias(a, entry, false);
        std::string alias(Trim(a));
        auto& known = entries_[entry].aliases;
        if (!alias.empty() && std::find(known.begin(), known.end(), alias) == known.end())
          known.push_back(std::move(alias));
      }
    if (cols.size() > 3)
      for (const auto& a : Split(cols[3], '|')) AddAlias(a, entry, true);
  }
}

Lexicon::Match Lexicon::LongestAt(const std::vector<Token>& tokens, size_t i) const {
  Match best;
  auto it = by_first_.find(tokens[i].lower);
  if (it == by_first_.end()) return best;
  for (const Alias& a : it->second) {
    if (i + a.words.size() > tokens.size()) continue;
    if (static_cast<int>(a.words.size()) <= best.length) continue;
    bool ok = true;
    size_t last = a.words.size() - 1;
    for (size_t k = 0; k < last && ok; ++k)
      ok = WordMatches(a.words[k], a.lower[k], tokens[i + k], a.words.size() > 1);
    if (ok) {
      const Token& t = tokens[i + last];
      ok = WordMatches(a.words[last], a.lower[last], t, a.words.size() > 1);
      // A plural of a product name: "iPhones", "H800s", "Kirin processors"
      // stay the product.
      if (!ok && plural_types_.count(entries_[a.entry].type) && t.lower.size() > 2 &&
          t.lower.back() == 's' &&
          std::string_view(t.lower).substr(0, t.lower.size() - 1) == a.lower[last]) {
        Token singular = t;
        singular.lower.pop_back();
        singular.text = singular.text.substr(0, singular.text.size() - 1);
        ok = WordMatches(a.words[last], a.lower[last], singular, a.words.size() > 1);
      }
    }
    if (ok) best = {static_cast<int>(a.words.size()), a.entry, a.demonym};
  }
  return best;
}

int Lexicon::FuzzyFind(std::string_view name) const {
  // Folding only drops characters (but for a few rare letters): a short name
  // is not worth folding.
  if (name.size() < 8) return -1;
  std::string key = FoldKey(name);
  if (key.size() < 8) return -1;
  int found = -1;
  for (const auto& [k, entry] : fuzzy_keys_) {
    if (k[0] != key[0] || k.size() + 1 < key.size() || key.size() + 1 < k.size())
      continue;
    if (EditDistance(key, k, 1) <= 1) {
      if (found >= 0 && found != entry) return -1;  // ambiguous
      found = entry;
    }
  }
  return found;
}

int Lexicon::FindCanonical(std::string_view canonical) const {
  auto it = canonical_.find(std::string(canonical));
  return it == canonical_.end() ? -1 : it->second;
}

const Lexicon& Lexicon::Bundled() {
  static const Lexicon lexicon = [] {
    Lexicon l;
    l.Load(EmbeddedData("lexicon.tsv"), "lexicon.tsv");
    return l;
  }();
  return lexicon;
}

}  // namespace kg
