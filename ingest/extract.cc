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
const WordSet kPersonCues = {"president",  "secretary",    "minister",   "premier",
                             "chancellor", "senator",      "sen.",       "representative",
                             "rep.",       "governor",     "mr.",        "ms.",
                             "mrs.",       "dr.",          "prof.",      "ceo",
                             "analyst",    "analysts",     "economist",  "spokesperson",
                             "spokesman",  "spokeswoman",  "chairman",   "chairwoman",
                             "founder",    "co-founder",   "lawmaker",   "professor",
                             "researcher", "commissioner", "ambassador", "envoy",
                             "official",   "executive",    "director",   "chief",
                             "investor",   "author",       "said",       "says",
                             "told",       "according",    "by",         "leader",
                             "chair",      "head",         "strategist", "partner",
                             "fellow",     "general",      "lawyer",     "attorney",
                             "premier",    "vice",         "deputy",     "rotating"};
// Words after ", a/an/the" that make the name before the comma a person.
const WordSet kRoleWords = {
    "analyst",        "ceo",        "chief",       "executive",  "founder",
    "co-founder",     "president",  "director",    "chairman",   "chair",
    "head",           "professor",  "economist",   "secretary",  "minister",
    "spokesperson",   "spokesman",  "spokeswoman", "researcher", "fellow",
    "associate",      "author",     "partner",     "official",   "senator",
    "representative", "lawmaker",   "strategist",  "adviser",    "advisor",
    "general",        "manager",    "member",      "engineer",   "scientist",
    "commissioner",   "investor",   "vice",        "principal",  "lawyer",
    "attorney",       "consultant", "banker",      "expert",     "scholar",
    "historian",      "editor",     "reporter",    "journalist", "correspondent",
    "columnist",      "aide",       "premier",     "deputy",     "lobbyist",
    "trader",         "owner",      "chancellor"};
const WordSet kSpeechVerbs = {"said",   "says",  "told",   "added",     "wrote",
                              "argued", "noted", "warned", "explained", "stated"};
// Words before a name that make it a company ("startup DeepSeek").
const WordSet kCompanyCues = {"startup",    "company",   "chipmaker", "firm",
                              "rival",      "maker",     "supplier",  "manufacturer",
                              "giant",      "developer", "carmaker",  "unit",
                              "subsidiary", "foundry",   "lab"};
const WordSet kCompanySuffixes = {"inc",
                                  "inc.",
                                  "corp",
                                  "corp.",
                                  "corporation",
                                  "ltd",
                                  "ltd.",
                                  "co",
                                  "co.",
                                  "group",
                                  "holdings",
                                  "technologies",
                                  "technology",
                                  "semiconductor",
                                  "semiconductors",
                                  "systems",
                                  "bank",
                                  "capital",
                                  "partners",
                                  "securities",
                                  "research",
                                  "insights",
                                  "strategy",
                                  "labs",
                                  "ai",
                                  "electronics",
                                  "materials",
                                  "industries",
                                  "international",
                                  "plc",
                                  "llc",
                                  "ag",
                                  "sa",
                                  "microelectronics",
                                  "motors",
                                  "networks",
                                  "devices",
                                  "instruments",
                                  "robotics",
                                  "analytics"};
const WordSet kOrgSuffixes = {"university",  "institute", "council",  "foundation",
                              "association", "center",    "centre",   "forum",
                              "times",       "news",      "journal",  "post",
                              "society",     "academy",   "alliance", "federation",
                              "union",       "school",    "college"};
const WordSet kGovSuffixes = {"ministry",   "department",     "bureau",    "agency",
                              "commission", "administration", "committee", "parliament",
                              "senate",     "office",         "authority", "court",
                              "council",    "cabinet",        "regulator"};
const WordSet kPolicySuffixes = {"act",       "rule",       "rules",       "list",
                                 "law",       "regulation", "regulations", "order",
                                 "directive", "bill"};
// Capitalised words that are not names on their own.
const WordSet kNotNames = {"the",
                           "a",
                           "an",
                           "in",
                           "on",
                           "at",
                           "for",
                           "but",
                           "and",
                           "or",
                           "so",
                           "since",
                           "still",
                           "however",
                           "some",
                           "many",
                           "most",
                           "after",
                           "before",
                           "while",
                           "when",
                           "if",
                           "what",
                           "this",
                           "that",
                           "these",
                           "those",
                           "it",
                           "its",
                           "he",
                           "she",
                           "they",
                           "we",
                           "i",
                           "you",
                           "his",
                           "her",
                           "their",
                           "our",
                           "my",
                           "under",
                           "over",
                           "as",
                           "by",
                           "with",
                           "from",
                           "to",
                           "of",
                           "no",
                           "not",
                           "one",
                           "two",
                           "three",
                           "last",
                           "next",
                           "monday",
                           "tuesday",
                           "wednesday",
                           "thursday",
                           "friday",
                           "saturday",
                           "sunday",
                           "january",
                           "february",
                           "march",
                           "april",
                           "may",
                           "june",
                           "july",
                           "august",
                           "september",
                           "october",
                           "november",
                           "december",
                           "jan.",
                           "feb.",
                           "mar.",
                           "apr.",
                           "jun.",
                           "jul.",
                           "aug.",
                           "sep.",
                           "sept.",
                           "oct.",
                           "nov.",
                           "dec.",
                           "critics",
                           "officials",
                           "experts",
                           "analysts",
                           "meanwhile",
                           "also",
                           "even",
                           "yet",
                           "then",
                           "there",
                           "here",
                           "both",
                           "all",
                           "each",
                           "every",
                           "other",
                           "another",
                           "such",
                           "new",
                           "first",
                           "mr",
                           "ms",
                           "dr",
                           "read",
                           "more",
                           "why",
                           "how",
                           "who",
                           "where",
                           "according",
                           "despite",
                           "although",
                           "though",
                           "because",
                           "until",
                           "during",
                           "into",
                           "than",
                           "about",
                           "against",
                           "between",
                           "through",
                           "without",
                           "within",
                           "whether",
                           "my",
                           "your",
                           "chinese",
                           "american",
                           "ai",
                           "ceo",
                           "chief",
                           "executive",
                           "president",
                           "secretary",
                           "minister",
                           "representative",
                           "senator",
                           "republican",
                           "democrat",
                           "democrats",
                           "republicans",
                           "washington",
                           "dissemination",
                           "ok"};
const WordSet kConnectors = {"of", "for", "on", "and", "&", "de", "der", "van", "von"};
// "would" is left out: news reports the future in the past with it ("said it
// would give Intel $8.5 billion"), which is no hypothetical.
const WordSet kNegations = {
    "not",     "n't",       "no",      "never",   "neither",   "nor",
    "without", "illegal",   "cannot",  "unable",  "could",     "might",
    "may",     "if",        "whether", "unless",  "should",    "refused",
    "denied",  "deny",      "barred",  "prevent", "prevented", "stop",
    "stopped", "forbidden", "banned",  "blocked", "halt",      "halted",
    "cease",   "ceased",    "won't",   "didn't",  "doesn't",   "don't"};

struct DefiniteRef {
  const char* noun;
  const char* type;
};
// "the company" and friends: the most recent entity of the type.
const DefiniteRef kDefiniteRefs[] = {{"company", "Company"},
                                     {"firm", "Company"},
                                     {"chipmaker", "Company"},
                                     {"startup", "Company"},
                                     {"group", "Company"},
                                     {"giant", "Company"},
                                     {"model", "AIModel"},
                                     {"chip", "Chip"},
                                     {"processor", "Chip"},
                                     {"administration", "GovernmentBody"},
                                     {"ministry", "GovernmentBody"},
                                     {"department", "GovernmentBody"},
                                     {"agency", "GovernmentBody"},
                                     {"bureau", "GovernmentBody"},
                                     {"regulator", "GovernmentBody"},
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
  // "10-nanometre", "5-year": a number with a unit word, not a name.
  size_t dash = s.find('-');
  bool measure = std::isdigit(static_cast<unsigned char>(s[0])) &&
                 dash != std::string_view::npos && s.size() - dash > 3;
  return s.size() >= 3 && s.size() <= 12 && HasDigit(s) && HasAlpha(s) && !decade &&
         !measure &&
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
  bool its = false;    // "its" read as "[Company] 's"
};

// A title before a known person's name that states a fact (roles.tsv).
struct Role {
  std::unordered_set<std::string> titles;
  std::string predicate, object;
};
using Roles = std::unordered_map<std::string, std::vector<Role>>;

class DocumentExtractor {
 public:
  DocumentExtractor(const Lexicon& lex, const Patterns& pat, const Roles& roles)
      : lex_(lex), pat_(pat), roles_(roles) {}

  void Run(const std::string& text, DocumentInput& out) {
    std::vector<Sentence> sentences = SplitSentences(text);
    std::set<std::tuple<int, std::string, int, size_t>> seen;
    for (size_t si = 0; si < sentences.size(); ++si) {
      const Sentence& s = sentences[si];
      std::string_view sv = std::string_view(text).substr(s.begin, s.end - s.begin);
      std::vector<Token> tokens = Tokenize(sv);
      role_facts_.clear();
      std::vector<Mention> mentions = FindMentions(tokens, si);
      for (auto [se, pred, oe] : role_facts_) {
        if (!seen.emplace(se, pred, oe, si).second) continue;
        out.facts.push_back(MakeFact(se, pred, oe, 0.85, sv, s));
      }
      std::vector<Unit> units;
      std::vector<const Mention*> unit_mention;
      BuildUnits(tokens, mentions, units, unit_mention);
      if (debug_) DebugUnits(units);
      // Agentless patterns (a salient subject) go last and yield to a match
      // that names the agent: "received $6 billion from Washington".
      std::vector<PatternMatch> matches = pat_.Match(units);
      std::stable_partition(matches.begin(), matches.end(), [&](const PatternMatch& m) {
        return pat_.salient_subject(m.pattern).empty();
      });
      std::set<std::pair<std::string, int>> stated;  // (predicate, object) here
      for (const PatternMatch& m : matches) {
        if (debug_)
          std::fprintf(stderr, "  pattern %d (%s)%s\n", m.pattern,
                       pat_.predicate(m.pattern).c_str(),
                       Negated(units, m) ? " negated" : "");
        if (Negated(units, m)) continue;
        const std::string& pred = pat_.predicate(m.pattern);
        // (entity, was it a coreference, was it reached by coordination)
        auto slot = [&](size_t u, const std::string& fixed) {
          std::vector<std::tuple<int, bool, bool>> out;
          const std::string& salient = pat_.salient_subject(m.pattern);
          if (u == PatternMatch::kFixed && &fixed == &pat_.fixed_subject(m.pattern) &&
              !salient.empty()) {
            int e = Salient(salient, si, si + 1);
            if (e >= 0) out.emplace_back(e, true, false);
            return out;
          }
          if (u == PatternMatch::kFixed) {
            int e = lex_.FindCanonical(fixed);
            if (e >= 0)
              out.emplace_back(EntityFor(fixed, lex_.entry(e).type, true), false, false);
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
            if (!pat_.salient_subject(m.pattern).empty() && stated.count({pred, oe}))
              continue;
            stated.emplace(pred, oe);
            if (!seen.emplace(se, pred, oe, si).second) continue;
            double conf = pat_.confidence(m.pattern);
            if (s_coref || o_coref) conf *= 0.85;
            if (s_coord || o_coord) conf *= 0.95;
            Fact f = MakeFact(se, pred, oe, conf, sv, s);
            if (pred == "based_in") based_.emplace(se, oe);
            out.facts.push_back(std::move(f));
          }
      }
    }
    for (const DocEntity& e : entities_)
      if (e.confident) out.mentions.push_back({e.name, e.type, e.mentions});
  }

 private:
  Fact MakeFact(int se, const std::string& pred, int oe, double conf,
                std::string_view sentence, const Sentence& s) const {
    Fact f;
    f.subject = entities_[se].name;
    f.subject_type = entities_[se].type;
    f.predicate = pred;
    f.object = entities_[oe].name;
    f.object_type = entities_[oe].type;
    f.confidence = static_cast<int>(conf * 100 + 0.5) / 100.0;
    f.sentence = std::string(sentence);
    f.start = s.cp_begin;
    f.end = s.cp_end;
    return f;
  }

  // "President Joe Biden": a title from roles.tsv right before a known name.
  void NoteRole(const std::vector<Token>& t, size_t begin, const std::string& person,
                int id) {
    auto it = roles_.find(person);
    if (it == roles_.end() || begin == 0) return;
    const std::string& title = t[begin - 1].lower;
    if (begin >= 2) {
      const std::string& before = t[begin - 2].lower;
      if (before == "former" || before == "vice" || before == "deputy" || before == "ex")
        return;
    }
    for (const Role& r : it->second) {
      if (!r.titles.count(title)) continue;
      int o = lex_.FindCanonical(r.object);
      if (o < 0) continue;
      role_facts_.emplace_back(id, r.predicate,
                               EntityFor(r.object, lex_.entry(o).type, true));
    }
  }

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

  void Remember(int entity, size_t sentence) { last_seen_[entity] = sentence; }

  // The most salient entity of a kind seen within `window` sentences: the one
  // the article has mentioned most, then the most recent. "the company" in a
  // story about Nvidia is Nvidia, even when a customer was named last.
  int Salient(const std::string& kind, size_t si, size_t window, int country = -1) const {
    int best = -1;
    for (const auto& [e, when] : last_seen_) {
      const DocEntity& d = entities_[e];
      // "the Taiwanese chipmaker" is not the company this article already
      // placed in China.
      if (country >= 0) {
        auto b = based_.find(e);
        if (b != based_.end() && b->second != country) continue;
      }
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
    // "DeepSeek, the Chinese startup behind R1": an apposition describes the
    // name before it; patterns read it word by word.
    if (i > 0 && t[i - 1].lower == ",") return false;
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
        std::string key =
            std::string(r.noun) == "administration" ? "administration" : r.type;
        // The nearest fitting entity earlier in this sentence, else the
        // salient one: "Samsung ..., which the South Korean company said".
        int id = -1;
        for (auto m = out.rbegin(); m != out.rend() && id < 0; ++m)
          if (!m->demonym && entities_[m->entity].type == r.type) id = m->entity;
        const Lexicon::Entry& e = lex_.entry(lm.entry);
        int country = EntityFor(e.canonical, e.type, false);
        if (id < 0) id = Salient(key, si, 3, country);
        if (id < 0) return false;
        out.push_back({i + 1, noun, country, true, false});
        ++entities_[id].mentions;
        out.push_back({k, k + 1, id, false, true});
        return true;
      }
    }
    return false;
  }

  std::vector<Mention> FindMentions(const std::vector<Token>& t, size_t si) {
    std::vector<Mention>& out = current_;
    out.clear();
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
        if (e.type == "Person") {
          NoteSurname(e.canonical, id);
          NoteRole(t, i, e.canonical, id);
        }
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
        // Days, months and other capitalised non-names end a name.
        auto name_word = [&](size_t k) {
          return t[k].word && t[k].capitalized && !kNotNames.count(t[k].lower) &&
                 lex_.LongestAt(t, k).length == 0;
        };
        while (j < t.size()) {
          if (name_word(j)) {
            ++j;
          } else if (kConnectors.count(t[j].lower) && j + 1 < t.size() &&
                     name_word(j + 1)) {
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
      // "the company", "the Hangzhou-based company"; but "ByteDance, the
      // Beijing-based company that ..." is an apposition, read word by word.
      if (i > 0 && t[i - 1].lower == ",") return std::nullopt;
      size_t k = i + 1;
      if (k + 1 < t.size() && t[k].lower.ends_with("-based")) ++k;
      for (const DefiniteRef& r : kDefiniteRefs) {
        if (t[k].lower != r.noun) continue;
        if (k + 1 < t.size() && t[k + 1].capitalized)
          return std::nullopt;  // "the company Nvidia"
        std::string key =
            std::string(r.noun) == "administration" ? "administration" : r.type;
        int id = Salient(key, si, 3);
        if (id < 0) return std::nullopt;
        ++entities_[id].mentions;
        return Mention{i, k + 1, id, false, true};
      }
    }
    // "its" after a company was named: "[Nvidia] 's", for possessive patterns.
    if (t[i].lower == "its") {
      // The sentence's first company is usually the clause's subject
      // ("AMD said it would resume shipments of its MI308"); else the
      // salient one from the sentence before.
      int id = -1;
      // "Huawei markets its ...": a company right before, with no comma.
      if (!current_.empty() && !current_.back().demonym &&
          entities_[current_.back().entity].type == "Company" &&
          i - current_.back().end <= 2) {
        bool comma = false;
        for (size_t k = current_.back().end; k < i; ++k) comma |= t[k].lower == ",";
        if (!comma) id = current_.back().entity;
      }
      for (const Mention& m : current_) {
        if (id >= 0) break;
        if (!m.demonym && entities_[m.entity].type == "Company") id = m.entity;
      }
      if (id < 0) id = Salient("Company", si, 1);
      if (id < 0) return std::nullopt;
      Mention m{i, i + 1, id, false, true};
      m.its = true;
      return m;
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
    // "Winter, 53, a former ...": an age in commas follows only people.
    bool age = b + 3 < t.size() && t[b].lower == "," && t[b + 2].lower == "," &&
               t[b + 1].text.size() <= 3 &&
               std::all_of(t[b + 1].text.begin(), t[b + 1].text.end(), ::isdigit);
    if (alphabetic && n >= 2 && n <= 4 && (person_cue || apposition || speech || age))
      return make("Person", true);
    if (alphabetic && n == 1 && !sentence_start && (age || (person_cue && speech)))
      return make("Person", false);
    // "an FDA spokeswoman", "Chevron spokesman Jonathan Lifa": an employer.
    static const WordSet kEmployeeWords = {
        "spokesman", "spokeswoman", "spokesperson", "employee",  "employees",  "analyst",
        "official",  "officials",   "economist",    "executive", "executives", "lawyer"};
    if (b < t.size() && kEmployeeWords.count(t[b].lower) && (!sentence_start || n >= 2))
      return make(kGovSuffixes.count(last) ? "GovernmentBody" : "Company", false);
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

  // "on Tuesday", "last week", "this month": time phrases between a subject
  // and its verb that patterns need not spell out. Returns their length.
  static size_t TimePhrase(const std::vector<Token>& t, size_t i) {
    static const WordSet days = {"monday", "tuesday",  "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};
    static const WordSet spans = {"week", "month", "year", "weekend", "quarter"};
    if (i + 1 >= t.size()) return 0;
    if (t[i].lower == "on" && days.count(t[i + 1].lower)) return 2;
    if ((t[i].lower == "last" || t[i].lower == "this" || t[i].lower == "next") &&
        spans.count(t[i + 1].lower))
      return 2;
    return 0;
  }

  void BuildUnits(const std::vector<Token>& t, const std::vector<Mention>& mentions,
                  std::vector<Unit>& units, std::vector<const Mention*>& unit_mention) {
    size_t mi = 0;
    for (size_t i = 0; i < t.size();) {
      if (mi < mentions.size() && mentions[mi].begin > i) {
        if (size_t n = TimePhrase(t, i); n > 0 && i + n <= mentions[mi].begin) {
          i += n;
          continue;
        }
      } else if (mi >= mentions.size()) {
        if (size_t n = TimePhrase(t, i); n > 0) {
          i += n;
          continue;
        }
      }
      if (mi < mentions.size() && mentions[mi].begin == i) {
        const Mention& m = mentions[mi++];
        Unit u;
        u.entity = m.entity;
        u.type = entities_[m.entity].type;
        u.demonym = m.demonym;
        u.name = entities_[m.entity].name;
        units.push_back(std::move(u));
        unit_mention.push_back(&m);
        if (m.based || m.its) {
          Unit b;
          b.lower = m.based ? "based" : "'s";
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
    static const WordSet nominal = {"'s",      ",",        "of",    "from", "such",
                                    "based",   "(",        "-",     "and",  "'",
                                    "analyst", "analysts", "chief", "ceo"};
    if (m.trigger >= units.size() || units[m.trigger].entity >= 0 ||
        nominal.count(units[m.trigger].lower))
      return false;
    // When the object opens the match (passives: "chips made by ASML"), what
    // stands before it belongs to another clause.
    bool object_first = m.object != PatternMatch::kFixed &&
                        (m.subject == PatternMatch::kFixed || m.object < m.subject);
    size_t from = object_first ? m.begin : (m.begin >= 5 ? m.begin - 5 : 0);
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
      if (units[k].lower == "," && next < units.size() && units[next].lower == "and")
        ++next;
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
  const Roles& roles_;
  std::vector<std::tuple<int, std::string, int>> role_facts_;  // this sentence
  std::vector<Mention> current_;        // this sentence's mentions so far
  std::unordered_map<int, int> based_;  // entity -> country, from based_in facts
  std::vector<DocEntity> entities_;
  std::unordered_map<std::string, int> by_name_;
  std::unordered_map<std::string, int> surnames_;
  std::map<int, size_t> last_seen_;  // entity -> sentence of its last mention
};

}  // namespace

struct Extractor::Impl {
  Lexicon lexicon;
  const Patterns* patterns;
  Roles roles;
};

namespace {
Roles LoadRoles(std::string_view tsv, const Lexicon& lex) {
  Roles roles;
  int line_no = 0;
  for (const std::string& line : Split(tsv, '\n')) {
    ++line_no;
    if (Trim(line).empty() || line[0] == '#') continue;
    auto cols = Split(line, '\t');
    std::string where = "roles.tsv:" + std::to_string(line_no);
    if (cols.size() != 4)
      throw Error(where + ": expected PERSON, TITLES, PREDICATE, ORGANISATION");
    if (lex.FindCanonical(cols[0]) < 0 || lex.FindCanonical(cols[3]) < 0)
      throw Error(where + ": names must be canonical names of the lexicon");
    Role r;
    for (const auto& t : Split(cols[1], '|')) r.titles.insert(t);
    r.predicate = cols[2];
    r.object = cols[3];
    roles[cols[0]].push_back(std::move(r));
  }
  return roles;
}
}  // namespace

Extractor::Extractor(const std::vector<std::pair<std::string, std::string>>& lexicons)
    : impl_(std::make_unique<Impl>()) {
  impl_->lexicon = Lexicon::Bundled();
  for (const auto& [name, content] : lexicons) impl_->lexicon.Load(content, name);
  impl_->patterns = &Patterns::Bundled();
  impl_->roles = LoadRoles(EmbeddedData("roles.tsv"), impl_->lexicon);
  fingerprint_ = ComputeFingerprint(lexicons);
}

Extractor::~Extractor() = default;

DocumentInput Extractor::Extract(const Article& article) const {
  DocumentInput doc;
  doc.uri = article.uri;
  doc.title = article.title;
  doc.source = article.source;
  doc.date = article.date;
  doc.hash = article.hash.empty() ? ContentHash(article.text) : article.hash;
  doc.extractor = fingerprint_;
  doc.uri_is_file = article.uri_is_file;
  DocumentExtractor ex(impl_->lexicon, *impl_->patterns, impl_->roles);
  std::string text = NormalizeText(article.text);
  ex.Run(text, doc);
  return doc;
}

// --- Fingerprint ----------------------------------------------------------------

namespace {
// Bump when extraction code changes output: the next kg ingest then
// re-extracts every stored document whose text it has.
constexpr int kExtractorVersion = 1;
}  // namespace

std::string Extractor::ComputeFingerprint(
    const std::vector<std::pair<std::string, std::string>>& lexicons) const {
  std::string version = "kg extractor " + std::to_string(kExtractorVersion);
  // The parts that determine the output, hashed in this order.
  std::vector<std::string_view> parts = {version, EmbeddedData("lexicon.tsv"),
                                         EmbeddedData("patterns.tsv"),
                                         EmbeddedData("roles.tsv")};
  // MODELS: add here, in a fixed order, the checksum of every model file
  // the extractor loads (kept in impl_; parts.push_back(checksum)).
  // Users' lexicons: their content only; the names are for messages.
  for (const auto& [name, content] : lexicons) parts.push_back(content);
  std::string hashes;  // fixed-width, so parts cannot run into each other
  for (std::string_view part : parts) hashes += ContentHash(part);
  return ContentHash(hashes);
}

}  // namespace kg
