#include "ingest/cues.h"

#include "base/base.h"
#include "graph/graph.h"

namespace kg {

void Cues::ParseInto(Cues& c, std::string_view tsv, const std::string& name) {
  const std::pair<const char*, WordSet*> kinds[] = {
      {"person_cue", &c.person_cue},
      {"role", &c.role},
      {"speech_verb", &c.speech_verb},
      {"company_cue", &c.company_cue},
      {"company_suffix", &c.company_suffix},
      {"organization_suffix", &c.organization_suffix},
      {"government_suffix", &c.government_suffix},
      {"policy_suffix", &c.policy_suffix},
      {"place_suffix", &c.place_suffix},
      {"not_name", &c.not_name},
      {"connector", &c.connector},
      {"negation", &c.negation},
      {"employee", &c.employee},
      {"light_verb", &c.light_verb},
      {"blocker", &c.blocker},
      {"lifter", &c.lifter},
      {"restriction_predicate", &c.restriction_predicate},
      {"example_marker", &c.example_marker},
      {"locative", &c.locative},
      {"intention", &c.intention},
      {"noun_before_of", &c.noun_before_of},
      {"partitive", &c.partitive},
      {"given", &c.given_name}};
  int line_no = 0;
  for (const std::string& line : Split(tsv, '\n')) {
    ++line_no;
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cols = Split(line, '\t');
    std::string where = name + ":" + std::to_string(line_no) + ": ";
    if (cols[0] == "place" || cols[0] == "capital") {
      if (cols.size() != 3 || cols[1].empty() || cols[2].empty())
        throw Error(where + "expected " + cols[0] + "<TAB>NAME<TAB>COUNTRY");
      c.place_country[AsciiLower(cols[1])] = cols[2];
      if (cols[0] == "capital") c.capital.insert(AsciiLower(cols[1]));
      continue;
    }
    if (cols[0] == "reference" || cols[0] == "noun") {
      if (cols.size() != 3 || !IsEntityType(cols[2]))
        throw Error(where + "expected " + cols[0] +
                    "<TAB>NOUN<TAB>TYPE with a schema type");
      if (cols[0] == "reference") {
        c.references.push_back({cols[1], cols[2]});
      } else {
        c.noun_type[cols[1]] = cols[2];
      }
      continue;
    }
    WordSet* set = nullptr;
    for (const auto& [kind, s] : kinds)
      if (cols[0] == kind) set = s;
    if (!set) throw Error(where + "unknown kind '" + cols[0] + "'");
    if (cols.size() != 2 || cols[1].empty())
      throw Error(where + "expected KIND<TAB>WORD");
    set->insert(cols[1]);
  }
}

const Cues& Cues::Bundled() {
  static const Cues cues = [] {
    Cues c = Parse(EmbeddedData("cues.tsv"), "cues.tsv");
    ParseInto(c, EmbeddedData("names.tsv"), "names.tsv");
    return c;
  }();
  return cues;
}

}  // namespace kg
