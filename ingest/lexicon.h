// Internal to ingest/: the dictionary of known entities (ingest/data/lexicon.tsv,
// plus a user's --lexicon files) and its matcher.
#ifndef KG_INGEST_LEXICON_H_
#define KG_INGEST_LEXICON_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/text.h"

namespace kg {

class Lexicon {
 public:
  struct Entry {
    std::string type, canonical;
    std::vector<std::string> aliases;  // as written in ALIASES; not demonyms
  };
  struct Match {
    int length = 0;  // tokens; 0 when nothing matched
    int entry = -1;
    bool demonym = false;  // "Chinese" for China
  };

  // Adds the entries of a TSV file: TYPE, CANONICAL, ALIASES (|-separated),
  // DEMONYMS (|-separated); '#' starts a comment line. A later entry wins an
  // alias both claim. Throws Error("NAME:LINE: ...") on a malformed line.
  void Load(std::string_view tsv, const std::string& name);

  // The longest alias starting at tokens[i]. Case: an alias word in lower case
  // matches any case; a capitalised one needs a capitalised word ("Deepseek"
  // matches DeepSeek, "meta" does not match Meta); an all-caps one ("AMD",
  // "US") must match exactly. An alias of several words matches in any case
  // but for its all-caps words.
  Match LongestAt(const std::vector<Token>& tokens, size_t i) const;

  // A known organisation or person whose name is one typo away from `name`
  // ("Morningsar" -> Morningstar), for names of 8+ letters; -1 when none or
  // more than one is that close. Chips and models are never guessed: "H100"
  // and "H800" are one letter apart and different things.
  int FuzzyFind(std::string_view name) const;

  const Entry& entry(int i) const { return entries_[i]; }
  int FindCanonical(std::string_view canonical) const;
  size_t size() const { return entries_.size(); }

  // The bundled lexicon, parsed once.
  static const Lexicon& Bundled();

 private:
  struct Alias {
    std::vector<std::string> words;  // as written
    std::vector<std::string> lower;
    int entry;
    bool demonym;
  };
  void AddAlias(std::string_view alias, int entry, bool demonym);

  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<Alias>> by_first_;  // lower first word
  std::unordered_map<std::string, int> canonical_;
  std::vector<std::pair<std::string, int>> fuzzy_keys_;  // FoldKey, entry
  std::unordered_set<std::string> plural_types_ = {"Chip", "Product", "AIModel"};
};

}  // namespace kg

#endif  // KG_INGEST_LEXICON_H_
