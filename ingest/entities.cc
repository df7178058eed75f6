#include "ingest/entities.h"

#include <algorithm>

#include "base/base.h"

namespace kg {

namespace {

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

// "6th", "21st", "101st".
bool IsOrdinal(std::string_view s) {
  if (s.size() < 3 || !std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  std::string_view end = s.substr(s.size() - 2);
  if (end != "st" && end != "nd" && end != "rd" && end != "th") return false;
  return std::all_of(s.begin(), s.end() - 2, ::isdigit);
}

}  // namespace

// --- DocumentEntities -------------------------------------------------------------

int DocumentEntities::Add(const std::string& name, const std::string& type,
                          bool confident, EntitySpan::Source source) {
  auto it = by_name_.find(name);
  int id;
  if (it != by_name_.end()) {
    id = it->second;
  } else {
    id = static_cast<int>(entities_.size());
    entities_.push_back({name, type, 0, false, source});
    by_name_[name] = id;
  }
  entities_[id].confident |= confident;
  ++entities_[id].mentions;
  return id;
}

void DocumentEntities::NoteSurname(const std::string& name, int e) {
  auto sp = name.rfind(' ');
  if (sp != std::string::npos) short_names_[name.substr(sp + 1)] = e;
}

int DocumentEntities::ByShortName(const std::string& word) const {
  auto it = short_names_.find(word);
  return it == short_names_.end() ? -1 : it->second;
}

// The most salient entity of a kind seen within `window` sentences: the one
// the article has mentioned most, then the most recent. "the company" in a
// story about Nvidia is Nvidia, even when a customer was named last.
int DocumentEntities::Salient(const std::string& kind, size_t si, size_t window,
                              int country) const {
  int best = -1;
  for (const auto& [e, when] : last_seen_) {
    const Entity& d = entities_[e];
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

std::vector<int> DocumentEntities::SalientTwo(const std::string& type, size_t si,
                                              size_t window) const {
  std::vector<std::tuple<int, size_t, int>> seen;  // (mentions, sentence, entity)
  for (const auto& [e, when] : last_seen_)
    if (entities_[e].type == type && si - when <= window)
      seen.emplace_back(entities_[e].mentions, when, e);
  std::sort(seen.rbegin(), seen.rend());
  std::vector<int> out;
  for (size_t k = 0; k < seen.size() && k < 2; ++k) out.push_back(std::get<2>(seen[k]));
  return out;
}

// --- MentionFinder ----------------------------------------------------------------

// "the Chinese company", "the South Korean chipmaker": the demonym, then
// the salient company; patterns see "[China@adj] [Huawei]".
bool MentionFinder::DemonymReference(const std::vector<Token>& t, size_t i, size_t si,
                                     std::vector<SurfaceMention>& out) {
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
    for (const Cues::Reference& r : cues_.references) {
      if (t[k].lower != r.noun) continue;
      // "the Dutch company ASML" names its company: not a reference.
      if (k + 1 < t.size() && t[k + 1].capitalized) return false;
      std::string key = r.noun == "administration" ? "administration" : r.type;
      // The nearest fitting entity earlier in this sentence, else the
      // salient one: "Samsung ..., which the South Korean company said".
      int id = -1;
      for (auto m = out.rbegin(); m != out.rend() && id < 0; ++m)
        if (!m->demonym && entities_[m->entity].type == r.type) id = m->entity;
      const Lexicon::Entry& e = lex_.entry(lm.entry);
      int country = EntityFor(e.canonical, e.type, false);
      if (id < 0) id = entities_.Salient(key, si, 3, country);
      if (id < 0) return false;
      out.push_back({i + 1, noun, country, true, false});
      ++entities_[id].mentions;
      out.push_back({k, k + 1, id, false, true});
      return true;
    }
  }
  return false;
}

std::vector<SurfaceMention> MentionFinder::Find(
    const std::vector<Token>& t, const AnnotatedSentence& s,
    const std::vector<std::pair<int, int>>& words, size_t si) {
  sentence_ = &s;
  words_ = &words;
  untyped_.clear();
  unknown_.clear();
  role_facts_.clear();
  std::vector<SurfaceMention>& out = current_;
  out.clear();
  size_t i = 0;
  while (i < t.size()) {
    if (DemonymReference(t, i, si, out)) {
      i = out.back().end;
      continue;
    }
    Lexicon::Match lm = lex_.LongestAt(t, i);
    // "the European Space Agency", "Mexican Oil Workers Union", "China
    // Council for the Promotion of International Trade": a demonym or a
    // country that opens the name of an organisation is part of that name.
    // A capital that stands for its country ("Havana Radio Reloj") stays a
    // place before the name.
    bool country_name = false;
    if (lm.length > 0 && !lm.demonym && lex_.entry(lm.entry).type == "Country") {
      std::string said;
      for (size_t k = i; k < i + static_cast<size_t>(lm.length); ++k)
        said += (k > i ? " " : "") + t[k].text;
      country_name = said == lex_.entry(lm.entry).canonical;
    }
    if (lm.length > 0 && (lm.demonym || country_name)) {
      size_t j = FirstName(t, i, NameRunEnd(t, i + lm.length));
      bool organisation = false;
      for (size_t k = i + lm.length; k < j; ++k)
        organisation |= IsOrganisationSuffix(t[k].lower);
      if (j > i + lm.length && organisation) {
        if (auto m = Classify(t, i, j, si, /*whole=*/true)) {
          out.push_back(*m);
          NoteAcronym(t, *m);
          // "the Haitian Parliament" is based in Haiti; the "American
          // University of Beirut" names where it is.
          const Lexicon::Entry& e = lex_.entry(lm.entry);
          bool placed = false;
          for (size_t k = i + 1; k + 1 < j; ++k)
            placed |= t[k].lower == "of" || t[k].lower == "in";
          if (e.type == "Country" && entities_[m->entity].type != "Person" && !placed)
            role_facts_.emplace_back(m->entity, "based_in",
                                     EntityFor(e.canonical, e.type, false));
        }
        i = j;
        continue;
      }
    }
    if (lm.length > 0) {
      const Lexicon::Entry& e = lex_.entry(lm.entry);
      int id = EntityFor(e.canonical, e.type, !lm.demonym);
      out.push_back({i, i + lm.length, id, lm.demonym, false});
      if (!lm.demonym) entities_.Remember(id, si);
      if (e.type == "Person") {
        entities_.NoteSurname(e.canonical, id);
        NoteRole(t, i, e.canonical, id);
      }
      if (!lm.demonym) NoteAcronym(t, out.back());
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
    // "6th Fleet", "21st Brigade of Cerro Muriano": an ordinal opens a name
    // that ends as an organisation's does.
    if (i + 1 < t.size() && IsOrdinal(t[i].lower) && t[i + 1].capitalized) {
      size_t j = FirstName(t, i, NameRunEnd(t, i + 1));
      bool organisation = false;
      for (size_t k = i + 1; k < j; ++k) organisation |= IsOrganisationSuffix(t[k].lower);
      if (organisation) {
        if (auto m = Classify(t, i, j, si, /*whole=*/true)) out.push_back(*m);
        i = j;
        continue;
      }
    }
    if (t[i].word && (t[i].capitalized || IsProductShape(t[i].text))) {
      size_t j = FirstName(t, i, NameRunEnd(t, i + 1));
      if (auto m = Classify(t, i, j, si)) {
        out.push_back(*m);
        NoteAcronym(t, *m);
      }
      i = j;
      continue;
    }
    ++i;
  }
  return out;
}

// The end of a run of capitalised words from `j` that the lexicon does not
// know, with connectors inside ("Bank of America"). Days, months and other
// capitalised non-names end a run.
size_t MentionFinder::NameRunEnd(const std::vector<Token>& t, size_t j) const {
  auto name_word = [&](size_t k) {
    return t[k].word && t[k].capitalized && !cues_.not_name.count(t[k].lower) &&
           lex_.LongestAt(t, k).length == 0;
  };
  while (j < t.size()) {
    if (name_word(j)) {
      ++j;
    } else if (cues_.connector.count(t[j].lower) && j + 1 < t.size() &&
               name_word(j + 1)) {
      j += 2;
    } else if (cues_.connector.count(t[j].lower) && j + 2 < t.size() &&
               (t[j + 1].lower == "the" || t[j + 1].lower == "a") && name_word(j + 2)) {
      j += 3;  // "Council for the Promotion of ...", "Ministry of the Interior"
    } else {
      break;
    }
  }
  return j;
}

// Whether tokens [a, b) are shaped like a person's name: two to four words,
// the first a common given name or one inside an initial ("Roger K. Crouch").
bool MentionFinder::PersonShaped(const std::vector<Token>& t, size_t a, size_t b) const {
  auto initial = [&](size_t k) {
    const std::string& w = t[k].text;
    return w.size() == 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1] == '.';
  };
  if (b - a < 2 || b - a > 4 || initial(b - 1) || !AllAlpha(t[b - 1].text)) return false;
  bool inner_initial = false;
  for (size_t k = a; k < b; ++k) {
    if (!AllAlpha(t[k].text) && !initial(k)) return false;
    if (k > a && initial(k)) inner_initial = true;
  }
  return inner_initial || cues_.given_name.count(t[a].lower) > 0;
}

// The end of the first name in the run [a, end): a connector joins two
// names, not one, after a person's name ("Roger K. Crouch of NASA") and
// before one ("the European Space Agency and Roger K. Crouch").
size_t MentionFinder::FirstName(const std::vector<Token>& t, size_t a, size_t end) const {
  size_t first = a;  // "Dr. Helen Ortiz of ...": the name after its title
  while (first + 1 < end && cues_.person_cue.count(t[first].lower)) ++first;
  for (size_t c = a + 1; c + 1 < end; ++c) {
    if (!cues_.connector.count(t[c].lower)) continue;
    if (PersonShaped(t, first, c)) return c;
    // "Queens College of the City University ...": two organisations, each
    // with its own last word; but "Council for the Promotion of ...".
    if (c + 2 < end && (t[c + 1].lower == "the" || t[c + 1].lower == "a") &&
        IsOrganisationSuffix(t[c - 1].lower)) {
      size_t next = c + 2;
      while (next < end && !cues_.connector.count(t[next].lower)) ++next;
      if (IsOrganisationSuffix(t[next - 1].lower)) return c;
    }
    // "Yangtze River Storage and Changxin Storage": two names alike.
    if (t[c].lower == "and" && c - a >= 2 && end - c >= 3 &&
        t[c - 1].lower == t[end - 1].lower)
      return c;
    if (t[c].lower == "and" && (cues_.given_name.count(t[c + 1].lower) ||
                                (c + 3 < end && PersonShaped(t, c + 1, c + 4)) ||
                                (c + 2 < end && PersonShaped(t, c + 1, c + 3))))
      return c;
  }
  return end;
}

bool MentionFinder::IsOrganisationSuffix(std::string w) const {
  if (!w.empty() && w.back() == '.') w.pop_back();
  return cues_.company_suffix.count(w) || cues_.organization_suffix.count(w) ||
         cues_.government_suffix.count(w);
}

// "Beijing-based", "beijing-based": a place glued to "based".
std::optional<SurfaceMention> MentionFinder::BasedIn(const std::vector<Token>& t,
                                                     size_t i) {
  const std::string& w = t[i].lower;
  if (w.size() < 8 || !w.ends_with("-based")) return std::nullopt;
  std::vector<Token> place = SurfaceTokens(t[i].text.substr(0, t[i].text.size() - 6));
  if (place.empty()) return std::nullopt;
  for (Token& p : place) p.capitalized = true;  // translations lose capitals
  Lexicon::Match lm = lex_.LongestAt(place, 0);
  if (lm.length != static_cast<int>(place.size())) return std::nullopt;
  const Lexicon::Entry& e = lex_.entry(lm.entry);
  if (e.type != "Country") return std::nullopt;
  SurfaceMention m{i, i + 1, EntityFor(e.canonical, e.type, true), false, false};
  m.based = true;
  return m;
}

std::optional<SurfaceMention> MentionFinder::Coreference(const std::vector<Token>& t,
                                                         size_t i, size_t si) {
  if ((t[i].lower == "the" || t[i].lower == "this") && i + 1 < t.size()) {
    // "the company", "the Hangzhou-based company"; but "ByteDance, the
    // Beijing-based company that ..." is an apposition, read word by word.
    if (i > 0 && t[i - 1].lower == ",") return std::nullopt;
    size_t k = i + 1;
    if (k + 1 < t.size() && t[k].lower.ends_with("-based")) ++k;
    for (const Cues::Reference& r : cues_.references) {
      if (t[k].lower != r.noun) continue;
      if (k + 1 < t.size() && t[k + 1].capitalized)
        return std::nullopt;  // "the company Nvidia"
      std::string key = r.noun == "administration" ? "administration" : r.type;
      int id = entities_.Salient(key, si, 3);
      if (id < 0) return std::nullopt;
      ++entities_[id].mentions;
      return SurfaceMention{i, k + 1, id, false, true};
    }
  }
  // "both companies", "the two chipmakers": the two most salient of the
  // kind named in this sentence or the two before. With more than two in
  // this sentence, which two is a guess: none.
  if ((t[i].lower == "both" ||
       (t[i].lower == "the" && i + 1 < t.size() && t[i + 1].lower == "two")) &&
      i + 2 < t.size()) {
    size_t k = t[i].lower == "both" ? i + 1 : i + 2;
    const std::string& noun = t[k].lower;
    for (const Cues::Reference& r : cues_.references) {
      if (noun != r.noun + "s" &&
          !(r.noun.ends_with("y") && noun == r.noun.substr(0, r.noun.size() - 1) + "ies"))
        continue;
      if (r.noun == "administration" || r.type == "Policy") break;
      int here = 0;
      for (const SurfaceMention& m : current_)
        here += !m.demonym && entities_[m.entity].type == r.type;
      if (here > 2) break;
      std::vector<int> two = entities_.SalientTwo(r.type, si, 2);
      if (two.size() < 2) break;
      SurfaceMention m{i, k + 1, two[1], false, true};
      m.also = two[0];
      return m;
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
    for (const SurfaceMention& m : current_) {
      if (id >= 0) break;
      if (!m.demonym && entities_[m.entity].type == "Company") id = m.entity;
    }
    // "The Commerce Department tightened its rules": with no company named
    // before it in the sentence, the first government or organisation.
    for (const SurfaceMention& m : current_) {
      if (id >= 0) break;
      const std::string& type = entities_[m.entity].type;
      if (!m.demonym && !m.coref &&
          (type == "GovernmentBody" || type == "Organization" || type == "Country"))
        id = m.entity;
    }
    if (id < 0) id = entities_.Salient("Company", si, 1);
    if (id < 0) return std::nullopt;
    SurfaceMention m{i, i + 1, id, false, true};
    m.its = true;
    return m;
  }
  if (t[i].lower == "he" || t[i].lower == "she") {
    int id = entities_.Salient("Person", si, 1);
    // Machine-translated coverage calls a company "she" (the seed article):
    // with no person in sight, the salient company.
    if (id < 0 && t[i].lower == "she") id = entities_.Salient("Company", si, 1);
    if (id >= 0) return SurfaceMention{i, i + 1, id, false, true};
  }
  // "it" as a clause's subject or object: the sentence's company named
  // before it, else the salient company of the sentence before. "It is
  // illegal to ..." and "made it illegal for" name nothing.
  static const std::unordered_set<std::string> expletive_before = {
      "make",     "made",     "makes",      "making",    "find", "found", "finds",
      "consider", "consider", "considered", "considers", "keep", "kept",  "keeps"};
  bool expletive =
      (i + 1 < t.size() &&
       (t[i + 1].lower == "is" || t[i + 1].lower == "was" || t[i + 1].lower == "'s")) ||
      (i > 0 && expletive_before.count(t[i - 1].lower));
  if (t[i].lower == "it" && !expletive) {
    int id = -1;
    for (const SurfaceMention& m : current_)
      if (!m.demonym && entities_[m.entity].type == "Company") id = m.entity;
    if (id < 0) id = entities_.Salient("Company", si, 1);
    // "China's commerce ministry said ... It urged Washington to ...".
    if (id < 0) id = entities_.Salient("GovernmentBody", si, 1);
    if (id >= 0) return SurfaceMention{i, i + 1, id, false, true};
  }
  return std::nullopt;
}

// A run of capitalised tokens [a, b) that the lexicon does not know.
std::optional<SurfaceMention> MentionFinder::Classify(const std::vector<Token>& t,
                                                      size_t a, size_t b, size_t si,
                                                      bool whole) {
  // "New York", "New Delhi": a place whose first word is no name alone.
  if (b - a >= 2 && cues_.not_name.count(t[a].lower)) {
    std::string place;
    for (size_t k = a; k < b; ++k) place += (k > a ? " " : "") + t[k].lower;
    if (cues_.place_country.count(place)) {
      std::string name;
      for (size_t k = a; k < b; ++k) name += (k > a ? " " : "") + t[k].text;
      int id = EntityFor(name, "Place", false, EntitySpan::Source::kOpenName);
      entities_.Remember(id, si);
      return SurfaceMention{a, b, id, false, false};
    }
  }
  // Title and role words at the front are cues, not part of the name.
  bool person_cue = a > 0 && cues_.person_cue.count(t[a - 1].lower);
  while (a < b && !whole &&
         (cues_.person_cue.count(t[a].lower) || cues_.not_name.count(t[a].lower))) {
    if (cues_.person_cue.count(t[a].lower)) person_cue = true;
    ++a;
  }
  while (b > a && cues_.connector.count(t[b - 1].lower)) --b;
  if (a >= b) return std::nullopt;
  // "Co.", "Group", "Act" alone name nothing.
  bool all_suffixes = true;
  for (size_t k = a; k < b && all_suffixes; ++k) {
    std::string w = t[k].lower;
    if (!w.empty() && w.back() == '.') w.pop_back();
    all_suffixes =
        cues_.company_suffix.count(w) || cues_.company_suffix.count(t[k].lower) ||
        cues_.organization_suffix.count(w) || cues_.government_suffix.count(w) ||
        cues_.policy_suffix.count(w) || (b - a == 1 && cues_.place_suffix.count(w));
  }
  if (all_suffixes) return std::nullopt;
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
    int id = EntityFor(name, type, confident, EntitySpan::Source::kOpenName);
    entities_.Remember(id, si);
    if (type == "Person") entities_.NoteSurname(name, id);
    return SurfaceMention{a, b, id, false, false};
  };

  // A known name with a typo, as careless translation and OCR leave them.
  if (int e = lex_.FuzzyFind(name); e >= 0) {
    const Lexicon::Entry& entry = lex_.entry(e);
    int id = EntityFor(entry.canonical, entry.type, true);
    entities_.Remember(id, si);
    return SurfaceMention{a, b, id, false, false};
  }
  // A name typed earlier in the article ("Square Enix is a Japanese
  // company. Square Enix has owned Taito ...").
  if (int id = entities_.Find(name); id >= 0 && !entities_[id].type.empty()) {
    ++entities_[id].mentions;
    entities_.Remember(id, si);
    return SurfaceMention{a, b, id, false, false};
  }
  if (int id = n == 1 ? entities_.ByShortName(std::string(t[a].text)) : -1; id >= 0) {
    ++entities_[id].mentions;
    entities_.Remember(id, si);
    return SurfaceMention{a, b, id, false, false};
  }
  if (n == 1 && IsProductShape(t[a].text)) {
    std::string next = b < t.size() ? t[b].lower : "";
    bool model = next == "model" || next == "models" || t[a].lower.rfind("gpt", 0) == 0 ||
                 t[a].lower.rfind("llama", 0) == 0;
    return make(model ? "AIModel" : "Chip", true);
  }
  // "Chicago", "BANGKOK": a place names.tsv knows; kept for its facts, not
  // listed.
  if (cues_.place_country.count(AsciiLower(name)) ||
      (n >= 2 && cues_.place_suffix.count(last)))
    return make("Place", false);
  if (cues_.company_suffix.count(last) && n >= 2) return make("Company", true);
  if (cues_.government_suffix.count(last) && n >= 2) return make("GovernmentBody", true);
  if (cues_.organization_suffix.count(last) && n >= 2) return make("Organization", true);
  if (cues_.policy_suffix.count(last) && n >= 2) return make("Policy", true);
  // "Council for the Promotion of Trade", "Bank of Ayudhya": the word
  // before the first connector heads the name.
  for (size_t k = a + 1; k + 1 < b; ++k) {
    if (!cues_.connector.count(t[k].lower)) continue;
    std::string head = t[k - 1].lower;
    if (cues_.company_suffix.count(head)) return make("Company", true);
    if (cues_.government_suffix.count(head)) return make("GovernmentBody", true);
    if (cues_.organization_suffix.count(head)) return make("Organization", true);
    break;
  }

  bool alphabetic = true;
  for (size_t k = a; k < b; ++k) alphabetic &= AllAlpha(t[k].text);
  // "Roger K. Crouch", "Walter R. Mears": an initial between names; "Jeremy
  // Rifkin": a common given name first (names.tsv).
  if (PersonShaped(t, a, b)) return make("Person", true);
  // "NASA", "ETA": an acronym the lexicon does not know names an
  // organisation more often than anything else; not listed on that alone.
  if (n == 1 && t[a].text.size() >= 2 && t[a].text.size() <= 5 &&
      std::all_of(t[a].text.begin(), t[a].text.end(),
                  [](char c) { return c >= 'A' && c <= 'Z'; }) &&
      !(sentence_start && b < t.size() && t[b].lower == ","))
    return make("Organization", false);
  // ", a technology analyst for ..." after the name.
  bool apposition = false;
  if (b + 1 < t.size() && t[b].lower == ",") {
    for (size_t k = b + 1; k < std::min(t.size(), b + 6); ++k)
      if (cues_.role.count(t[k].lower)) apposition = true;
  }
  bool speech = (b < t.size() && cues_.speech_verb.count(t[b].lower)) ||
                (a > 0 && cues_.speech_verb.count(prev));
  // "Winter, 53, a former ...": an age in commas follows only people.
  bool age = b + 3 < t.size() && t[b].lower == "," && t[b + 2].lower == "," &&
             t[b + 1].text.size() <= 3 &&
             std::all_of(t[b + 1].text.begin(), t[b + 1].text.end(), ::isdigit);
  if (alphabetic && n >= 2 && n <= 4 && (person_cue || apposition || speech || age))
    return make("Person", true);
  if (alphabetic && n == 1 && !sentence_start && (age || (person_cue && speech)))
    return make("Person", false);
  // "an FDA spokeswoman", "Chevron spokesman Jonathan Lifa": an employer.
  if (b < t.size() && cues_.employee.count(t[b].lower) && (!sentence_start || n >= 2))
    return make(cues_.government_suffix.count(last) ? "GovernmentBody" : "Company",
                false);
  if (cues_.company_cue.count(prev) || (cues_.company_cue.count(prev2) && prev == ",")) {
    if (!sentence_start || n >= 2) return make("Company", true);
  }
  // "an analyst at Morningstar", "CEO of Moor Insights": an employer.
  if ((prev == "at" || prev == "for" || prev == "of" || prev == "with") &&
      (cues_.role.count(prev2) || prev2 == "analysts")) {
    return make("Company", false);
  }
  // "its V2 model", "the Kirin processors", "Mate 40 phones": a noun right
  // after the name that says what kind of product it is (cues.tsv noun).
  if (b < t.size() && !person_cue) {
    std::string next = t[b].lower;
    auto it = cues_.noun_type.find(next);
    if (it == cues_.noun_type.end() && next.size() > 3 && next.back() == 's')
      it = cues_.noun_type.find(next.substr(0, next.size() - 1));
    if (it != cues_.noun_type.end() &&
        (it->second == "AIModel" || it->second == "Chip" || it->second == "Product"))
      return make(it->second, true);
  }
  // Left for the analysis to type, if the sentence gets one.
  untyped_.emplace_back(a, b);
  return std::nullopt;
}

// "Semiconductor Manufacturing International Corp. (SMIC)": an acronym in
// brackets right after a name is a short name of it for the rest of the
// document, unless the lexicon knows it as something else.
void MentionFinder::NoteAcronym(const std::vector<Token>& t, const SurfaceMention& m) {
  size_t k = m.end;
  if (k + 2 >= t.size() || t[k].text != "(" || t[k + 2].text != ")") return;
  const std::string& w = t[k + 1].text;
  bool caps = w.size() >= 2 && w.size() <= 8 && w[0] >= 'A' && w[0] <= 'Z';
  for (char c : w) caps &= (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '&';
  if (!caps || lex_.LongestAt(t, k + 1).length > 0) return;
  entities_.NoteShortName(w, m.entity);
}

// "President Joe Biden": a title from roles.tsv right before a known name.
void MentionFinder::NoteRole(const std::vector<Token>& t, size_t begin,
                             const std::string& person, int id) {
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

}  // namespace kg
