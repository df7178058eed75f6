#include "ingest/entities.h"

#include <algorithm>

#include "base/base.h"

namespace kg {

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
  // name before it; patterns read it word by word. But in "TSMC Arizona, the
  // Taiwanese chipmaker's subsidiary" the possessor is another company.
  const bool after_comma = i > 0 && t[i - 1].lower == ",";
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
      const bool possessive = k + 1 < t.size() && t[k + 1].lower == "'s";
      if (after_comma && !possessive) return false;
      std::string key = r.noun == "administration" ? "administration" : r.type;
      // The nearest fitting entity earlier in this sentence, else the
      // salient one: "Samsung ..., which the South Korean company said".
      int id = -1;
      for (auto m = out.rbegin(); m != out.rend() && id < 0; ++m)
        if (!m->demonym && entities_[m->entity].type == r.type &&
            !(after_comma && m->end + 1 == i))  // not the name it describes
          id = m->entity;
      int anchor =
          after_comma && !out.empty() && out.back().end + 1 == i ? out.back().entity : -1;
      const Lexicon::Entry& e = lex_.entry(lm.entry);
      int country = EntityFor(e.canonical, e.type, false);
      if (id < 0) id = entities_.Salient(key, si, 3, country);
      if (id < 0 || id == anchor) return false;
      // In an apposition the possessor is a guess unless the article has
      // placed it in that country.
      if (after_comma && entities_.BasedIn(id) != country) return false;
      out.push_back({i + 1, noun, country, true, false});
      ++entities_[id].mentions;
      out.push_back({k, k + 1, id, false, true});
      return true;
    }
  }
  return false;
}

// "Nvidia H800", an alias of the H800: the maker's name is a mention of the
// maker too, and the name says who makes it (a develops fact). Adds both
// mentions when the alias is a company's name followed by another alias of
// the same product.
bool MentionFinder::SplitMakerPrefix(const std::vector<Token>& t, size_t i,
                                     const Lexicon::Match& lm, size_t si,
                                     std::vector<SurfaceMention>& out) {
  const Lexicon::Entry& product = lex_.entry(lm.entry);
  if (product.type != "Chip" && product.type != "AIModel" && product.type != "Product")
    return false;
  const size_t end = i + static_cast<size_t>(lm.length);
  for (size_t p = i + 1; p < end; ++p) {
    std::vector<Token> prefix(t.begin() + static_cast<std::ptrdiff_t>(i),
                              t.begin() + static_cast<std::ptrdiff_t>(p));
    Lexicon::Match maker = lex_.LongestAt(prefix, 0);
    if (maker.length != static_cast<int>(p - i) || maker.demonym ||
        lex_.entry(maker.entry).type != "Company")
      continue;
    Lexicon::Match rest = lex_.LongestAt(t, p);
    if (rest.entry != lm.entry || p + static_cast<size_t>(rest.length) != end) continue;
    const Lexicon::Entry& m = lex_.entry(maker.entry);
    int maker_id = EntityFor(m.canonical, m.type, true);
    out.push_back({i, p, maker_id, false, false});
    entities_.Remember(maker_id, si);
    int product_id = EntityFor(product.canonical, product.type, true);
    out.push_back({p, end, product_id, false, false});
    entities_.Remember(product_id, si);
    role_facts_.emplace_back(maker_id, "develops", product_id);
    return true;
  }
  return false;
}

// "in Beijing", "BANGKOK, Thailand": a capital that the lexicon reads as
// its government is a place where a phrase places something in it: after a
// locative preposition, or before a comma and its country or region.
std::optional<SurfaceMention> MentionFinder::CapitalAsPlace(const std::vector<Token>& t,
                                                            size_t i, size_t length) {
  std::string said = JoinTokens(t, i, i + length);
  if (!cues_.capital.count(AsciiLower(said))) return std::nullopt;
  bool placed = i > 0 && cues_.locative.count(t[i - 1].lower) > 0;
  if (!placed && i + length + 1 < t.size() && t[i + length].lower == ",") {
    Lexicon::Match next = lex_.LongestAt(t, i + length + 1);
    placed =
        (next.length > 0 && !next.demonym && lex_.entry(next.entry).type == "Country") ||
        cues_.place_country.count(t[i + length + 1].lower) > 0;
  }
  if (!placed) return std::nullopt;
  // One name however it is cased: "BANGKOK" is Bangkok.
  std::string name;
  for (size_t k = i; k < i + length; ++k) {
    std::string w = t[k].text;
    bool caps = w.size() > 1;
    for (char c : w) caps &= !(c >= 'a' && c <= 'z');
    if (caps)
      for (size_t c = 1; c < w.size(); ++c) w[c] = static_cast<char>(std::tolower(w[c]));
    name += (k > i ? " " : "") + w;
  }
  int id = EntityFor(name, "Place", false);
  return SurfaceMention{i, i + length, id, false, false};
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
    // "New Mexico", "West Virginia": a place names.tsv knows, longer than
    // the lexicon's name inside it (Mexico, Virginia).
    if (t[i].capitalized) {
      size_t place = 0;
      for (size_t len = 3; len >= 2 && place == 0; --len)
        if (i + len <= t.size() && len > static_cast<size_t>(lm.length) &&
            cues_.place_country.count(AsciiLower(JoinTokens(t, i, i + len))))
          place = len;
      if (place > 0) {
        out.push_back(
            {i, i + place, NameUnknown(t, i, i + place, "Place", si), false, false});
        i += place;
        continue;
      }
    }
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
      if (j > i + lm.length && NamesOrganisation(t, i + lm.length, j)) {
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
    if (lm.length > 1 && !lm.demonym && SplitMakerPrefix(t, i, lm, si, out)) {
      i += static_cast<size_t>(lm.length);
      continue;
    }
    if (lm.length > 0 && !lm.demonym) {
      if (auto m = CapitalAsPlace(t, i, static_cast<size_t>(lm.length))) {
        out.push_back(*m);
        i = m->end;
        continue;
      }
    }
    // "in Turkish", "published in Chinese": a demonym after "in" with no
    // noun of its own is a language, not a country.
    if (lm.length > 0 && lm.demonym && i > 0 && t[i - 1].lower == "in") {
      size_t next = i + static_cast<size_t>(lm.length);
      if (next >= t.size() || !t[next].word || t[next].capitalized ||
          !std::isalpha(static_cast<unsigned char>(t[next].lower[0]))) {
        i = next;
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
      if (NamesOrganisation(t, i + 1, j)) {
        if (auto m = Classify(t, i, j, si, /*whole=*/true)) out.push_back(*m);
        i = j;
        continue;
      }
    }
    if (t[i].word && (t[i].capitalized || IsProductShape(t[i].text))) {
      size_t j = FirstName(t, i, NameRunEnd(t, i + 1));
      // "Zegyuan Zoe Liu" for the lexicon's Zoe Liu: one unknown word
      // glued to a known person's name is another spelling of a part of it.
      if (j == i + 1 && j < t.size() && AllAlpha(t[i].text) &&
          !cues_.person_cue.count(t[i].lower) && !cues_.role.count(t[i].lower) &&
          !cues_.not_name.count(t[i].lower)) {
        Lexicon::Match next = lex_.LongestAt(t, j);
        if (next.length > 0 && !next.demonym && lex_.entry(next.entry).type == "Person") {
          const Lexicon::Entry& e = lex_.entry(next.entry);
          int id = EntityFor(e.canonical, e.type, true);
          out.push_back({i, j + next.length, id, false, false});
          entities_.Remember(id, si);
          entities_.NoteSurname(e.canonical, id);
          i = j + next.length;
          continue;
        }
      }
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

// The lexicon country a "-based" word names ("Beijing-based", "beijing-based"),
// or nullptr.
const Lexicon::Entry* MentionFinder::BasedCountry(const std::string& word) const {
  if (word.size() < 8 || !AsciiLower(word).ends_with("-based")) return nullptr;
  std::vector<Token> place = SurfaceTokens(word.substr(0, word.size() - 6));
  if (place.empty()) return nullptr;
  for (Token& p : place) p.capitalized = true;  // translations lose capitals
  Lexicon::Match lm = lex_.LongestAt(place, 0);
  if (lm.length != static_cast<int>(place.size())) return nullptr;
  const Lexicon::Entry& e = lex_.entry(lm.entry);
  return e.type == "Country" ? &e : nullptr;
}

// "Beijing-based", "beijing-based": a place glued to "based".
std::optional<SurfaceMention> MentionFinder::BasedIn(const std::vector<Token>& t,
                                                     size_t i) {
  const Lexicon::Entry* e = BasedCountry(t[i].text);
  if (!e) return std::nullopt;
  SurfaceMention m{i, i + 1, EntityFor(e->canonical, e->type, true), false, false};
  m.based = true;
  return m;
}

// The country of "Beijing-based" or "Hangzhou-based" (lexicon or names.tsv),
// or -1.
int MentionFinder::BasedInCountry(const std::string& word) {
  if (const Lexicon::Entry* e = BasedCountry(word))
    return EntityFor(e->canonical, e->type, false);
  if (word.size() < 8) return -1;
  auto it = cues_.place_country.find(AsciiLower(word.substr(0, word.size() - 6)));
  if (it == cues_.place_country.end() || lex_.FindCanonical(it->second) < 0) return -1;
  return EntityFor(it->second, "Country", false);
}

std::optional<SurfaceMention> MentionFinder::Coreference(const std::vector<Token>& t,
                                                         size_t i, size_t si) {
  if ((t[i].lower == "the" || t[i].lower == "this") && i + 1 < t.size()) {
    // "the company", "the Hangzhou-based company"; but "ByteDance, the
    // Beijing-based company that ..." is an apposition, read word by word.
    if (i > 0 && t[i - 1].lower == ",") return std::nullopt;
    // "Dan Hutcheson, vice chair of the Ottawa-based firm": a role's
    // employer, named nowhere before as a rule; not the salient company.
    if (i > 1 && (t[i - 1].lower == "of" || t[i - 1].lower == "at") &&
        (cues_.role.count(t[i - 2].lower) || cues_.person_cue.count(t[i - 2].lower)))
      return std::nullopt;
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
      // "the Beijing-based company" is based in China.
      if (k > i + 1)
        if (int country = BasedInCountry(t[i + 1].text); country >= 0)
          role_facts_.emplace_back(id, "based_in", country);
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
  // "Chinese developers ... their access": "their" after a demonym on a
  // plural noun in this sentence stands for that country.
  if (t[i].lower == "their") {
    for (auto m = current_.rbegin(); m != current_.rend(); ++m) {
      if (!m->demonym) continue;
      bool plural = false;
      for (size_t k = m->end; k < std::min(m->end + 2, i); ++k)
        plural |= t[k].word && !t[k].capitalized && t[k].lower.size() > 3 &&
                  t[k].lower.back() == 's' && !t[k].lower.ends_with("ss");
      if (!plural) break;
      SurfaceMention r{i, i + 1, m->entity, false, true};
      r.its = true;
      return r;
    }
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
