// The extractor: sentences -> entity mentions (lexicon, name shapes, cue
// words) -> in-article coreference -> relation patterns -> facts.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ingest/ingest.h"
#include "ingest/lexicon.h"
#include "ingest/patterns.h"
#include "ingest/text.h"

namespace kg {

namespace {

using WordSet = std::unordered_set<std::string_view>;

// Words that precede a person's name ("analyst Brian Colello").
const WordSet kPersonCues = {
    "president", "secretary", "minister", "premier", "chancellor", "senator", "sen.",
    "representative", "rep.", "governor", "mr.", "ms.", "mrs.", "dr.", "prof.",
    "ceo", "analyst", "analysts", "economist", "spokesperson", "spokesman",
    "spokeswoman", "chairman", "chairwoman", "founder", "co-founder", "lawmaker",
    "professor", "researcher", "commissioner", "ambassador", "envoy", "official",
    "executive", "director", "chief", "investor", "author", "said", "says", "told",
    "according", "by", "leader", "chair", "head", "strategist", "partner", "fellow",
    "general", "lawyer", "attorney", "premier", "vice", "deputy", "rotating"};
// Words after ", a/an/the" that make the name before the comma a person.
const WordSet kRoleWords = {
    "analyst", "ceo", "chief", "executive", "founder", "co-founder", "president",
    "director", "chairman", "chair", "head", "professor", "economist", "secretary",
    "minister", "spokesperson", "spokesman", "spokeswoman", "researcher", "fellow",
    "associate", "author", "partner", "official", "senator", "representative",
    "lawmaker", "strategist", "adviser", "advisor", "general", "manager", "member",
    "engineer", "scientist", "commissioner", "investor", "vice", "principal", "lawyer",
    "attorney", "consultant", "banker", "expert", "scholar", "historian", "editor",
    "reporter", "journalist", "correspondent", "columnist", "aide", "premier",
    "deputy", "lobbyist", "trader", "owner", "chancellor"};
const WordSet kSpeechVerbs = {"said", "says", "told", "added", "wrote", "argued",
                              "noted", "warned", "explained", "stated"};
// Words before a name that make it a company ("startup DeepSeek").
const WordSet kCompanyCues = {"startup", "company", "chipmaker", "firm", "rival",
                              "maker", "supplier", "manufacturer", "giant", "developer",
                              "carmaker", "unit", "subsidiary", "foundry", "lab"};
const WordSet kCompanySuffixes = {
    "inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "co", "co.",
    "group", "holdings", "technologies", "technology", "semiconductor",
    "semiconductors", "systems", "bank", "capital", "partners", "securities",
    "research", "insights", "strategy", "labs", "ai", "electronics", "materials",
    "industries", "international", "plc", "llc", "ag", "sa", "microelectronics",
    "motors", "networks", "devices", "instruments", "robotics", "analytics"};
const WordSet kOrgSuffixes = {"university", "institute", "council", "foundation",
                              "association", "center", "centre", "forum", "times",
                              "news", "journal", "post", "society", "academy",
                              "alliance", "federation", "union", "school", "college"};
const WordSet kGovSuffixes = {"ministry", "department", "bureau", "agency",
                              "commission", "administration", "committee",
                              "parliament", "senate", "office", "authority",
                              "court", "council", "cabinet", "regulator"};
const WordSet kPolicySuffixes = {"act", "rule", "rules", "list", "law", "regulation",
                                 "regulations", "order", "directive", "bill"};
// Capitalised words that are not names on their own.
const WordSet kNotNames = {
    "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "so", "since",
    "still", "however", "some", "many", "most", "after", "before", "while", "when",
    "if", "what", "this", "that", "these", "those", "it", "its", "he", "she", "they",
    "we", "i", "you", "his", "her", "their", "our", "my", "under", "over", "as", "by",
    "with", "from", "to", "of", "no", "not", "one", "two", "three", "last", "next",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.",
    "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "critics",
    "officials", "experts", "analysts", "meanwhile", "also", "even", "yet", "then",
    "there", "here", "both", "all", "each", "every", "other", "another", "such",
    "new", "first", "mr", "ms", "dr", "read", "more", "why", "how", "who", "where",
    "according", "despite", "although", "though", "because", "until", "during",
    "into", "than", "about", "against", "between", "through", "without", "within",
    "whether", "my", "your", "chinese", "american", "ai", "ceo", "chief", "executive",
    "president", "secretary", "minister", "representative", "senator", "republican",
    "democrat", "democrats", "republicans", "washington", "dissemination", "ok"};
const WordSet kConnectors = {"of", "for", "on", "and", "&", "de", "der", "van", "von"};
const WordSet kNegations = {"not",   "n't",    "no",     "never",  "neither", "nor",
                            "without", "illegal", "cannot", "unable", "could",
                            "would", "might",  "may",    "if",     "whether",
                            "unless", "should", "refused", "denied", "deny",
                            "barred", "prevent", "prevented", "stop", "stopped",
                            "forbidden", "banned", "blocked", "halt", "halted",
                            "cease", "ceased", "won't", "didn't", "doesn't", "don't"};

struct DefiniteRef {
  const char* noun;
  const char* type;
};
// "the company" and friends: the most recent entity of the type.
const DefiniteRef kDefiniteRefs[] = {
    {"company", "Company"},      {"firm", "Company"},         {"chipmaker", "Company"},
    {"startup", "Company"},      {"group", "Company"},        {"giant", "Company"},
    {"model", "AIModel"},        {"chip", "Chip"},            {"processor", "Chip"},
    {"administration", "GovernmentBody"}, {"ministry", "GovernmentBody"},
    {"department", "GovernmentBody"},     {"agency", "GovernmentBody"},
    {"law", "Policy"}};

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool HasAlpha(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}
bool AllAlpha(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalpha(c) || c == '-' || c == '\'' || c == '.' || c >= 0x80;
  });
}
// "H800", "MI308", "910B", "A100", "GPT-4o": letters and digits together.
bool IsProductShape(std::string_view s) {
  bool decade = s.size() >= 4 && (s.back() == 's' || s.back() == 'S') &&
                std::all_of(s.begin(), s.end() - 1, ::isdigit);  // "1990s"
  bool ordinal = s.ends_with("th") || s.ends_with("st") || s.ends_with("nd") ||
                 s.ends_with("rd");  // "19th", "21st"
  bool unit = s.ends_with("nm") || s.ends_with("bn") || s.ends_with("m") ||
              s.ends_with("gb") || s.ends_with("kg");  // "7nm", "5bn"
  return s.size() >= 3 && s.size() <= 12 && HasDigit(s) && HasAlpha(s) && !decade &&
         !(std::isdigit(static_cast<unsigned char>(s[0])) && (ordinal || unit));
}

struct DocEntity {
  std::string name, type;
  int mentions = 0;
  bool confident = false;  // from the lexicon or a strong cue: worth listing
};

struct Mention {
  size_t begin, end;  // tokens
  int entity;
  bool demonym = false;
  bool coref = false;
  bool based = false;  // "Beijing-based": the entity, then the word "based"
};

class DocumentExtractor {
 public:
  DocumentExtractor(const Lexicon& lex, const Patterns& pat) : lex_(lex), pat_(pat) {}

  void Run(const std::string& text, DocumentInput& out) {
    std::vector<Sentence> sentences = SplitSentences(text);
    std::set<std::tuple<int, std::string, int, size_t>> seen;
    for (size_t si = 0; si < sentences.size(); ++si) {
      const Sentence& s = sentences[si];
      std::string_view sv = std::string_view(text).substr(s.begin, s.end - s.begin);
      std::vector<Token> tokens = Tokenize(sv);
      std::vector<Mention> mentions = FindMentions(tokens, si);
      std::vector<Unit> units;
      std::vector<const Mention*> unit_mention;
      BuildUnits(tokens, mentions, units, unit_mention);
      if (debug_) DebugUnits(units);
      for (const PatternMatch& m : pat_.Match(units)) {
        if (Negated(units, m)) continue;
        const std::string& pred = pat_.predicate(m.pattern);
        // (entity, was it a coreference, was it reached by coordination)
        auto slot = [&](size_t u, const std::string& fixed) {
          std::vector<std::tuple<int, bool, bool>> out;
          if (u == PatternMatch::kFixed) {
            int e = lex_.FindCanonical(fixed);
            if (e >= 0) out.emplace_back(EntityFor(fixed, lex_.entry(e).type, true), false, false);
            return out;
          }
          for (size_t k : Coordinated(units, u))
            out.emplace_back(units[k].entity, unit_mention[k]->coref, k != u);
          return out;
        };
        auto subjects = slot(m.subject, pat_.fixed_subject(m.pattern));
        auto objects = slot(m.object, pat_.fixed_object(m.pattern));
        for (auto [se, s_coref, s_coord] : subjects)
          for (auto [oe, o_coref, o_coord] : objects) {
            if (se == oe) continue;
            if (!seen.emplace(se, pred, oe, si).second) continue;
            Fact f;
            f.subject = entities_[se].name;
            f.subject_type = entities_[se].type;
            f.predicate = pred;
            f.object = entities_[oe].name;
            f.object_type = entities_[oe].type;
            double conf = pat_.confidence(m.pattern);
            if (s_coref || o_coref) conf *= 0.85;
            if (s_coord || o_coord) conf *= 0.95;
            f.confidence = static_cast<int>(conf * 100 + 0.5) / 100.0;
            f.sentence = std::string(sv);
            f.start = s.cp_begin;
            f.end = s.cp_end;
            out.facts.push_back(std::move(f));
          }
      }
    }
    for (const DocEntity& e : entities_)
      if (e.confident) out.mentions.push_back({e.name, e.type, e.mentions});
  }

 private:
  int EntityFor(const std::string& name, const std::string& type, bool confident) {
    auto it = by_name_.find(name);
    int id;
    if (it != by_name_.end()) {
      id = it->second;
    } else {
      id = static_cast<int>(entities_.size());
      entities_.push_back({name, type, 0, false});
      by_name_[name] = id;
    }
    entities_[id].confident |= confident;
    ++entities_[id].mentions;
    return id;
  }

  void Remember(int entity, size_t sentence) {
    last_seen_[entity] = sentence;
  }

  // The most salient entity of a kind seen within `window` sentences: the one
  // the article has mentioned most, then the most recent. "the company" in a
  // story about Nvidia is Nvidia, even when a customer was named last.
  int Salient(const std::string& kind, size_t si, size_t window) const {
    int best = -1;
    for (const auto& [e, when] : last_seen_) {
      const DocEntity& d = entities_[e];
      bool fits = kind == "administration"
                      ? d.type == "GovernmentBody" &&
                            d.name.find("administration") != std::string::npos
                      : d.type == kind;
      if (!fits || si - when > window) continue;
      if (best < 0 || d.mentions > entities_[best].mentions ||
          (d.mentions == entities_[best].mentions && when > last_seen_.at(best)))
        best = e;
    }
    return best;
  }

  // "the Chinese company", "the South Korean chipmaker": the demonym, then
  // the salient company; patterns see "[China@adj] [Huawei]".
  bool DemonymReference(const std::vector<Token>& t, size_t i, size_t si,
                        std::vector<Mention>& out) {
    if (t[i].lower != "the" || i + 2 >= t.size()) return false;
    Lexicon::Match lm = lex_.LongestAt(t, i + 1);
    if (lm.length == 0 || !lm.demonym) return false;
    size_t noun = i + 1 + lm.length;
    // Up to two plain words between: "the Chinese telecommunications giant".
    for (size_t k = noun; k < std::min(t.size(), noun + 3); ++k) {
      if (!t[k].word || t[k].capitalized) return false;
      for (const DefiniteRef& r : kDefiniteRefs) {
        if (t[k].lower != r.noun) continue;
        // "the Dutch company ASML" names its company: not a reference.
        if (k + 1 < t.size() && t[k + 1].capitalized) return false;
        std::string key = std::string(r.noun) == "administration" ? "administration" : r.type;
        // The nearest fitting entity earlier in this sentence, else the
        // salient one: "Samsung ..., which the South Korean company said".
        int id = -1;
        for (auto m = out.rbegin(); m != out.rend() && id < 0; ++m)
          if (!m->demonym && entities_[m->entity].type == r.type) id = m->entity;
        if (id < 0) id = Salient(key, si, 3);
        if (id < 0) return false;
        const Lexicon::Entry& e = lex_.entry(lm.entry);
        out.push_back({i + 1, noun, EntityFor(e.canonical, e.type, false), true, false});
        ++entities_[id].mentions;
        out.push_back({k, k + 1, id, false, true});
        return true;
      }
    }
    return false;
  }

  std::vector<Mention> FindMentions(const std::vector<Token>& t, size_t si) {
    std::vector<Mention> out;
    size_t i = 0;
    while (i < t.size()) {
      if (DemonymReference(t, i, si, out)) {
        i = out.back().end;
        continue;
      }
      Lexicon::Match lm = lex_.LongestAt(t, i);
      if (lm.length > 0) {
        const Lexicon::Entry& e = lex_.entry(lm.entry);
        int id = EntityFor(e.canonical, e.type, !lm.demonym);
        out.push_back({i, i + lm.length, id, lm.demonym, false});
        if (!lm.demonym) Remember(id, si);
        if (e.type == "Person") NoteSurname(e.canonical, id);
        i += lm.length;
        continue;
      }
      if (auto m = BasedIn(t, i)) {
        out.push_back(*m);
        ++i;
        continue;
      }
      if (auto m = Coreference(t, i, si)) {
        out.push_back(*m);
        i = m->end;
        continue;
      }
      if (t[i].word && (t[i].capitalized || IsProductShape(t[i].text))) {
        size_t j = i + 1;
        while (j < t.size()) {
          if (t[j].word && t[j].capitalized && lex_.LongestAt(t, j).length == 0) {
            ++j;
          } else if (kConnectors.count(t[j].lower) && j + 1 < t.size() &&
                     t[j + 1].capitalized && t[j + 1].word &&
                     lex_.LongestAt(t, j + 1).length == 0) {
            j += 2;
          } else {
            break;
          }
        }
        if (auto m = Classify(t, i, j, si)) out.push_back(*m);
        i = j;
        continue;
      }
      ++i;
    }
    return out;
  }

  // "Beijing-based", "beijing-based": a place glued to "based".
  std::optional<Mention> BasedIn(const std::vector<Token>& t, size_t i) {
    const std::string& w = t[i].lower;
    if (w.size() < 8 || !w.ends_with("-based")) return std::nullopt;
    std::vector<Token> place = Tokenize(t[i].text.substr(0, t[i].text.size() - 6));
    if (place.empty()) return std::nullopt;
    for (Token& p : place) p.capitalized = true;  // translations lose capitals
    Lexicon::Match lm = lex_.LongestAt(place, 0);
    if (lm.length != static_cast<int>(place.size())) return std::nullopt;
    const Lexicon::Entry& e = lex_.entry(lm.entry);
    if (e.type != "Country") return std::nullopt;
    Mention m{i, i + 1, EntityFor(e.canonical, e.type, true), false, false};
    m.based = true;
    return m;
  }

  void NoteSurname(const std::string& name, int id) {
    auto sp = name.rfind(' ');
    if (sp != std::string::npos) surnames_[name.substr(sp + 1)] = id;
  }

  std::optional<Mention> Coreference(const std::vector<Token>& t, size_t i, size_t si) {
    if ((t[i].lower == "the" || t[i].lower == "this") && i + 1 < t.size()) {
      for (const DefiniteRef& r : kDefiniteRefs) {
        if (t[i + 1].lower != r.noun) continue;
        if (i + 2 < t.size() && t[i + 2].capitalized) return std::nullopt;  // "the company Nvidia"
        std::string key = std::string(r.noun) == "administration" ? "administration" : r.type;
        int id = Salient(key, si, 3);
        if (id < 0) return std::nullopt;
        ++entities_[id].mentions;
        return Mention{i, i + 2, id, false, true};
      }
    }
    if (t[i].lower == "he" || t[i].lower == "she") {
      int id = Salient("Person", si, 1);
      if (id >= 0) return Mention{i, i + 1, id, false, true};
    }
    return std::nullopt;
  }

  // A run of capitalised tokens [a, b) that the lexicon does not know.
  std::optional<Mention> Classify(const std::vector<Token>& t, size_t a, size_t b,
                                  size_t si) {
    // Title and role words at the front are cues, not part of the name.
    bool person_cue = a > 0 && kPersonCues.count(t[a - 1].lower);
    while (a < b && (kPersonCues.count(t[a].lower) || kNotNames.count(t[a].lower))) {
      if (kPersonCues.count(t[a].lower)) person_cue = true;
      ++a;
    }
    while (b > a && kConnectors.count(t[b - 1].lower)) --b;
    if (a >= b) return std::nullopt;
    size_t n = b - a;
    std::string name;
    for (size_t k = a; k < b; ++k) {
      if (k > a) name += ' ';
      name += t[k].text;
    }
    const std::string& last = t[b - 1].lower;
    std::string prev = a > 0 ? t[a - 1].lower : "";
    std::string prev2 = a > 1 ? t[a - 2].lower : "";
    bool sentence_start = a == 0 || (a == 1 && !t[0].word);

    auto make = [&](const std::string& type, bool confident) {
      int id = EntityFor(name, type, confident);
      Remember(id, si);
      if (type == "Person") NoteSurname(name, id);
      return Mention{a, b, id, false, false};
    };

    // A known name with a typo, as careless translation and OCR leave them.
    if (int e = lex_.FuzzyFind(name); e >= 0) {
      const Lexicon::Entry& entry = lex_.entry(e);
      int id = EntityFor(entry.canonical, entry.type, true);
      Remember(id, si);
      return Mention{a, b, id, false, false};
    }
    if (n == 1 && surnames_.count(std::string(t[a].text))) {
      int id = surnames_[std::string(t[a].text)];
      ++entities_[id].mentions;
      Remember(id, si);
      return Mention{a, b, id, false, false};
    }
    if (n == 1 && IsProductShape(t[a].text)) {
      std::string next = b < t.size() ? t[b].lower : "";
      bool model = next == "model" || next == "models" ||
                   t[a].lower.rfind("gpt", 0) == 0 || t[a].lower.rfind("llama", 0) == 0;
      return make(model ? "AIModel" : "Chip", true);
    }
    if (kCompanySuffixes.count(last) && n >= 2) return make("Company", true);
    if (kGovSuffixes.count(last) && n >= 2) return make("GovernmentBody", true);
    if (kOrgSuffixes.count(last) && n >= 2) return make("Organization", true);
    if (kPolicySuffixes.count(last) && n >= 2) return make("Policy", true);

    bool alphabetic = true;
    for (size_t k = a; k < b; ++k) alphabetic &= AllAlpha(t[k].text);
    // ", a technology analyst for ..." after the name.
    bool apposition = false;
    if (b + 1 < t.size() && t[b].lower == ",") {
      for (size_t k = b + 1; k < std::min(t.size(), b + 6); ++k)
        if (kRoleWords.count(t[k].lower)) apposition = true;
    }
    bool speech = (b < t.size() && kSpeechVerbs.count(t[b].lower)) ||
                  (a > 0 && kSpeechVerbs.count(prev));
    if (alphabetic && n >= 2 && n <= 4 && (person_cue || apposition || speech))
      return make("Person", true);
    if (kCompanyCues.count(prev) || (kCompanyCues.count(prev2) && prev == ",")) {
      if (!sentence_start || n >= 2) return make("Company", true);
    }
    // "an analyst at Morningstar", "CEO of Moor Insights": an employer.
    if ((prev == "at" || prev == "for" || prev == "of" || prev == "with") &&
        (kRoleWords.count(prev2) || prev2 == "analysts")) {
      return make("Company", false);
    }
    return std::nullopt;
  }

  void BuildUnits(const std::vector<Token>& t, const std::vector<Mention>& mentions,
                  std::vector<Unit>& units, std::vector<const Mention*>& unit_mention) {
    size_t mi = 0;
    for (size_t i = 0; i < t.size();) {
      if (mi < mentions.size() && mentions[mi].begin == i) {
        const Mention& m = mentions[mi++];
        Unit u;
        u.entity = m.entity;
        u.type = entities_[m.entity].type;
        u.demonym = m.demonym;
        u.name = entities_[m.entity].name;
        units.push_back(std::move(u));
        unit_mention.push_back(&m);
        if (m.based) {
          Unit b;
          b.lower = "based";
          units.push_back(std::move(b));
          unit_mention.push_back(nullptr);
        }
        i = m.end;
        continue;
      }
      Unit u;
      u.lower = t[i].lower;
      units.push_back(std::move(u));
      unit_mention.push_back(nullptr);
      ++i;
    }
  }

  // A negation, modal or condition before the trigger word denies the fact.
  // Nominal patterns ("China's DeepSeek", "Brian Colello, an analyst") state
  // no event, so nothing before them can deny them.
  static bool Negated(const std::vector<Unit>& units, const PatternMatch& m) {
    static const WordSet nominal = {"'s", ",", "of", "from", "such", "based", "(", "-",
                                    "and", "'", "analyst", "analysts", "chief", "ceo"};
    if (m.trigger >= units.size() || units[m.trigger].entity >= 0 ||
        nominal.count(units[m.trigger].lower))
      return false;
    size_t from = m.begin >= 5 ? m.begin - 5 : 0;
    for (size_t k = from; k < m.trigger && k < units.size(); ++k)
      if (units[k].entity < 0 && kNegations.count(units[k].lower)) return true;
    return false;
  }

  // The slot's entity and those coordinated with it ("A, B and C").
  static std::vector<size_t> Coordinated(const std::vector<Unit>& units, size_t u) {
    std::vector<size_t> out = {u};
    auto joins = [&](size_t k) {
      return units[k].entity < 0 &&
             (units[k].lower == "," || units[k].lower == "and" || units[k].lower == "or");
    };
    auto same = [&](size_t k) {
      return units[k].entity >= 0 && units[k].type == units[u].type &&
             units[k].demonym == units[u].demonym;
    };
    for (size_t k = u + 1; k + 1 < units.size() && joins(k);) {
      size_t next = k + 1;
      if (units[k].lower == "," && next < units.size() && units[next].lower == "and") ++next;
      if (next >= units.size() || !same(next)) break;
      out.push_back(next);
      k = next + 1;
      if (k >= units.size()) break;
    }
    // "Silver Lake and MGX, an investment fund": what follows the comma
    // describes MGX alone.
    bool apposition = u + 1 < units.size() && units[u + 1].lower == ",";
    for (size_t k = u; !apposition && k >= 2 && joins(k - 1);) {
      size_t prev = k - 2;
      if (units[k - 1].lower == "and" && prev >= 1 && units[prev].lower == ",") {
        if (prev == 0) break;
        --prev;
      }
      if (!same(prev)) break;
      out.push_back(prev);
      k = prev;
    }
    return out;
  }

  // KG_DEBUG_UNITS=1 prints each sentence as the matcher sees it.
  void DebugUnits(const std::vector<Unit>& units) const {
    std::string line;
    for (const Unit& u : units)
      line += u.entity >= 0 ? "[" + entities_[u.entity].name + ":" + u.type +
                                  (u.demonym ? "@adj" : "") + "] "
                            : u.lower + " ";
    std::fprintf(stderr, "%s\n", line.c_str());
  }

  const bool debug_ = std::getenv("KG_DEBUG_UNITS") != nullptr;
  const Lexicon& lex_;
  const Patterns& pat_;
  std::vector<DocEntity> entities_;
  std::unordered_map<std::string, int> by_name_;
  std::unordered_map<std::string, int> surnames_;
  std::map<int, size_t> last_seen_;  // entity -> sentence of its last mention
};

}  // namespace

struct Extractor::Impl {
  Lexicon lexicon;
  const Patterns* patterns;
};

Extractor::Extractor(const std::vector<std::pair<std::string, std::string>>& lexicons)
    : impl_(std::make_unique<Impl>()) {
  impl_->lexicon = Lexicon::Bundled();
  for (const auto& [name, content] : lexicons) impl_->lexicon.Load(content, name);
  impl_->patterns = &Patterns::Bundled();
}

Extractor::~Extractor() = default;

DocumentInput Extractor::Extract(const Article& article) const {
  DocumentInput doc;
  doc.uri = article.uri;
  doc.title = article.title;
  doc.source = article.source;
  doc.date = article.date;
  doc.hash = article.hash.empty() ? ContentHash(article.text) : article.hash;
  DocumentExtractor ex(impl_->lexicon, *impl_->patterns);
  std::string text = NormalizeText(article.text);
  ex.Run(text, doc);
  return doc;
}

}  // namespace kg
