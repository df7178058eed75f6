#include "ingest/patterns.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

#include "base/base.h"
#include "graph/graph.h"

namespace kg {

void Patterns::Load(std::string_view tsv, const std::string& name) {
  int line_no = 0;
  for (const std::string& raw : Split(tsv, '\n')) {
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::string where = name + ":" + std::to_string(line_no);
    auto cols = Split(line, '\t');
    if (cols.size() != 3)
      throw Error(where + ": expected PREDICATE<TAB>CONFIDENCE<TAB>PATTERN");
    Pattern p;
    p.predicate = std::string(Trim(cols[0]));
    char* endp = nullptr;
    p.confidence = std::strtod(cols[1].c_str(), &endp);
    if (endp == cols[1].c_str() || p.confidence <= 0 || p.confidence > 1)
      throw Error(where + ": confidence must be a number in (0, 1]");
    bool has_s = false, has_o = false;
    for (const std::string& tok : Split(Trim(cols[2]), ' ')) {
      if (tok.empty()) continue;
      Element e;
      std::string t = tok;
      if (t.size() > 1 && t.back() == '?') {
        e.optional = true;
        t.pop_back();
      }
      if (t[0] == '!' && t.size() > 1) {
        e.kind = Element::kNot;
        for (const auto& w : Split(t.substr(1), '|')) e.words.push_back(w);
      } else if (t[0] == '~') {
        e.kind = Element::kGap;
        e.modifiers_only = true;
        if (t.size() > 1) e.max_gap = std::atoi(t.c_str() + 1);
      } else if (t[0] == '*') {
        e.kind = Element::kGap;
        e.cross = t.size() > 1 && t[1] == '*';
        size_t digits = e.cross ? 2 : 1;
        if (t.size() > digits) e.max_gap = std::atoi(t.c_str() + digits);
      } else if (t[0] == '=' && t.size() > 1) {
        e.kind = Element::kEntity;
        std::string name = t.substr(1);
        std::replace(name.begin(), name.end(), '_', ' ');
        e.words.push_back(name);
      } else if (t[0] == 'S' && t.size() > 2 && t[1] == '~') {
        p.salient_s = t.substr(2);
        if (!IsEntityType(p.salient_s)) throw Error(where + ": bad slot \"" + tok + "\"");
        has_s = true;
        continue;
      } else if ((t[0] == 'S' || t[0] == 'O') && t.size() > 2 && t[1] == '=') {
        std::string name = t.substr(2);
        std::replace(name.begin(), name.end(), '_', ' ');
        (t[0] == 'S' ? p.fixed_s : p.fixed_o) = name;
        (t[0] == 'S' ? has_s : has_o) = true;
        continue;
      } else if (t[0] == 'S' || t[0] == 'O') {
        if (t.size() > 1 && t[1] != ':' && t[1] != '@')
          throw Error(where + ": bad slot \"" + tok + "\"");
        e.kind = t[0] == 'S' ? Element::kSlotS : Element::kSlotO;
        (t[0] == 'S' ? has_s : has_o) = true;
        size_t at = t.find('@');
        if (at != std::string::npos) {
          std::string flag = t.substr(at + 1);
          if (flag != "adj" && flag != "name")
            throw Error(where + ": unknown slot flag @" + flag);
          e.adj = flag == "adj" ? 1 : -1;
          t = t.substr(0, at);
        }
        if (t.size() > 2) {
          for (const auto& type : Split(t.substr(2), ',')) {
            if (!IsEntityType(type))
              throw Error(where + ": \"" + type + "\" is not an entity type");
            e.words.push_back(type);
          }
        }
      } else {
        e.kind = Element::kWord;
        for (const auto& w : Split(t, '|')) e.words.push_back(w);
      }
      p.elements.push_back(std::move(e));
    }
    if (!has_s || !has_o) throw Error(where + ": a pattern needs both S and O");
    for (const Element& e : p.elements)
      if (e.kind == Element::kWord && !e.optional) {
        p.anchors = e.words;
        break;
      }
    int index = static_cast<int>(patterns_.size());
    if (p.anchors.empty()) unanchored_.push_back(index);
    for (const std::string& w : p.anchors) by_anchor_[w].push_back(index);
    patterns_.push_back(std::move(p));
  }
}

namespace {
// Words a "~" gap may skip: not function words, verbs of saying, or commas;
// what is left is mostly adjectives and nouns ("equipment", "memory").
bool IsModifier(const std::string& w) {
  static const std::unordered_set<std::string_view> stop = {
      "by",    "to",  "from",  "in",    "on",   "of",  "for",  "with",  "at",   "against",
      "and",   "or",  "but",   "the",   "a",    "an",  "that", "which", "who",  "is",
      "are",   "was", "were",  "has",   "have", "had", "said", "says",  "will", "would",
      "could", "its", "their", "his",   "her",  "as",  "than", "not",   "no",   ",",
      "\"",    "(",   ")",     ":",     "-",    "'s",  "be",   "been",  "it",   "they",
      "he",    "she", "this",  "these", "those"};
  return !w.empty() && !stop.count(w);
}
}  // namespace

bool Patterns::MatchFrom(const Pattern& p, size_t e, const std::vector<Unit>& units,
                         size_t u, PatternMatch& m) const {
  if (e == p.elements.size()) {
    m.end = u;
    return true;
  }
  const Element& el = p.elements[e];
  if (el.kind == Element::kGap) {
    // Shortest gap first: the nearest entity is the likeliest argument.
    for (int g = 0; g <= el.max_gap && u + g <= units.size(); ++g) {
      if (g > 0) {
        const Unit& skipped = units[u + g - 1];
        if ((!el.cross && (skipped.entity >= 0 || skipped.lower == ",")) ||
            skipped.lower == ";" || skipped.lower == ".")
          break;
        if (el.modifiers_only && !IsModifier(skipped.lower)) break;
      }
      if (MatchFrom(p, e + 1, units, u + g, m)) return true;
    }
    return false;
  }
  if (el.kind == Element::kNot) {
    bool blocked =
        u < units.size() && units[u].entity < 0 &&
        std::find(el.words.begin(), el.words.end(), units[u].lower) != el.words.end();
    return !blocked && MatchFrom(p, e + 1, units, u, m);
  }
  if (u < units.size()) {
    const Unit& x = units[u];
    bool ok = false;
    if (el.kind == Element::kWord) {
      ok = x.entity < 0 &&
           std::find(el.words.begin(), el.words.end(), x.lower) != el.words.end();
      if (ok && m.trigger == static_cast<size_t>(-1)) {
        m.trigger = u;
        if (MatchFrom(p, e + 1, units, u + 1, m)) return true;
        m.trigger = static_cast<size_t>(-1);
        ok = false;  // already tried
      }
    } else if (el.kind == Element::kEntity) {
      ok = x.entity >= 0 && x.name == el.words[0];
    } else {
      ok = x.entity >= 0 &&
           (el.words.empty() ||
            std::find(el.words.begin(), el.words.end(), x.type) != el.words.end()) &&
           (el.adj == 0 || (el.adj == 1) == x.demonym);
      if (ok) (el.kind == Element::kSlotS ? m.subject : m.object) = u;
    }
    if (ok && MatchFrom(p, e + 1, units, u + 1, m)) return true;
  }
  return el.optional && MatchFrom(p, e + 1, units, u, m);
}

std::vector<PatternMatch> Patterns::Match(const std::vector<Unit>& units) const {
  std::vector<PatternMatch> out;
  // Most patterns need a word the sentence does not have: only the patterns
  // anchored by one of its words (and those with no anchor) are tried.
  std::vector<char> candidate(patterns_.size(), 0);
  for (int pi : unanchored_) candidate[pi] = 1;
  for (const Unit& u : units) {
    if (u.entity >= 0) continue;
    auto it = by_anchor_.find(u.lower);
    if (it != by_anchor_.end())
      for (int pi : it->second) candidate[pi] = 1;
  }
  for (size_t pi = 0; pi < patterns_.size(); ++pi) {
    if (!candidate[pi]) continue;
    const Pattern& p = patterns_[pi];
    for (size_t start = 0; start < units.size(); ++start) {
      // Cheap rejection: a pattern that opens with a slot needs an entity here.
      const Element& first = p.elements[0];
      if ((first.kind == Element::kSlotS || first.kind == Element::kSlotO) &&
          !first.optional && units[start].entity < 0)
        continue;
      PatternMatch m;
      if (!p.fixed_s.empty() || !p.salient_s.empty()) m.subject = PatternMatch::kFixed;
      if (!p.fixed_o.empty()) m.object = PatternMatch::kFixed;
      m.pattern = static_cast<int>(pi);
      m.begin = start;
      m.trigger = static_cast<size_t>(-1);
      if (MatchFrom(p, 0, units, start, m) && m.subject != m.object) {
        if (m.trigger == static_cast<size_t>(-1)) m.trigger = m.begin;
        out.push_back(m);
      }
    }
  }
  return out;
}

const Patterns& Patterns::Bundled() {
  static const Patterns patterns = [] {
    Patterns p;
    p.Load(EmbeddedData("patterns.tsv"), "patterns.tsv");
    return p;
  }();
  return patterns;
}

}  // namespace kg
