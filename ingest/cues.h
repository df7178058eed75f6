// Internal to ingest/: the cue words that type names and deny facts, read
// from ingest/data/cues.tsv and names.tsv (data, not code: a list grows without a build
// of new logic).
#ifndef KG_INGEST_CUES_H_
#define KG_INGEST_CUES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kg {

struct Cues {
  using WordSet = std::unordered_set<std::string>;
  WordSet person_cue, role, speech_verb, company_cue, company_suffix, organization_suffix,
      government_suffix, policy_suffix, place_suffix, not_name, connector, negation,
      employee, light_verb, blocker, lifter, restriction_predicate, example_marker,
      locative, intention, noun_before_of, partitive,
      given_name,  // names.tsv: "roger" starts a person's name
      capital;     // names.tsv: "beijing", also in place_country
  struct Reference {
    std::string noun, type;  // "the company" -> a Company named before
  };
  std::vector<Reference> references;
  // Common nouns that say what a name is ("startup" -> Company).
  std::unordered_map<std::string, std::string> noun_type;
  // Places by their lower-case name (names.tsv), with the country they lie in.
  std::unordered_map<std::string, std::string> place_country;

  // Lines KIND<TAB>WORD (reference and noun: KIND<TAB>NOUN<TAB>TYPE; place:
  // place and capital: KIND<TAB>NAME<TAB>COUNTRY; given: given<TAB>NAME);
  // '#' comments. Adds
  // to `into`, so cues.tsv and names.tsv make one set.
  // Throws Error("NAME:LINE: ...") on an unknown kind or a malformed line.
  static void ParseInto(Cues& into, std::string_view tsv, const std::string& name);
  static Cues Parse(std::string_view tsv, const std::string& name) {
    Cues c;
    ParseInto(c, tsv, name);
    return c;
  }
  static const Cues& Bundled();
};

}  // namespace kg

#endif  // KG_INGEST_CUES_H_
