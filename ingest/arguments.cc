#include "ingest/arguments.h"

#include "base/base.h"

namespace kg {

namespace {
bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

}  // namespace

std::vector<std::string> RegularBases(const std::string& w) {
  std::vector<std::string> out;
  auto ends = [&](const char* suffix) { return w.ends_with(suffix); };
  auto cut = [&](size_t n) { return w.substr(0, w.size() - n); };
  auto doubled = [&](size_t n) {  // "barred": the consonant before the suffix twice
    return w.size() > n + 2 && w[w.size() - n - 1] == w[w.size() - n - 2];
  };
  if (ends("ies") || ends("ied")) out.push_back(cut(3) + "y");
  if (ends("ing") && w.size() > 5) {
    out.push_back(cut(3));
    out.push_back(cut(3) + "e");
    if (doubled(3)) out.push_back(cut(4));
  }
  if (ends("ed") && w.size() > 4) {
    out.push_back(cut(2));
    out.push_back(cut(1));
    if (doubled(2)) out.push_back(cut(3));
  }
  if (ends("es") && w.size() > 3) out.push_back(cut(2));
  if (ends("s") && !ends("ss") && w.size() > 3) out.push_back(cut(1));
  return out;
}

Arguments::Arguments(const AnnotatedSentence& s,
                     const std::unordered_set<std::string>& light_verbs,
                     const std::function<bool(const std::string&)>& known)
    : s_(s), light_verbs_(light_verbs), children_(s.words.size()) {
  lemmas_.reserve(s.words.size());
  for (size_t i = 0; i < s.words.size(); ++i) {
    lemmas_.push_back(AsciiLower(s.words[i].lemma));
    std::string_view u = s.words[i].upos;
    if (known && (u == "VERB" || u == "NOUN" || u == "ADJ") && !known(lemmas_.back())) {
      std::string form = AsciiLower(s.words[i].form);
      for (const std::string& base : RegularBases(form))
        if (known(base)) {
          lemmas_.back() = base;
          break;
        }
    }
    int h = s.words[i].head;
    if (h >= 0 && static_cast<size_t>(h) < s.words.size())
      children_[static_cast<size_t>(h)].push_back(static_cast<int>(i));
  }
}

bool Arguments::IsVerb(int w) const {
  std::string_view u = s_.words[w].upos;
  return u == "VERB" || (u == "AUX" && Child(w, "cop") < 0 && !children_[w].empty() &&
                         Child(w, "nsubj") >= 0 && Child(w, "obj") >= 0);
}

bool Arguments::IsNoun(int w) const {
  std::string_view u = s_.words[w].upos;
  return u == "NOUN" || u == "PROPN";
}

int Arguments::Child(int w, std::string_view rel) const {
  for (int c : children_[w])
    if (s_.words[c].deprel == rel) return c;
  return -1;
}

bool Arguments::IsRelativeWord(int w) const {
  std::string_view x = s_.words[w].xpos;
  return x == "WDT" || x == "WP" || (lemmas_[w] == "that" && s_.words[w].upos == "PRON");
}

bool Arguments::Passive(int w) const {
  if (Child(w, "nsubj:pass") >= 0 || Child(w, "aux:pass") >= 0) return true;
  if (Child(w, "nsubj") >= 0) return false;
  std::string_view r = rel(w);
  bool participle = s_.words[w].xpos == "VBN";
  // "chips designed by Huawei": a past participle modifying a noun.
  if (participle && r == "acl") return true;
  // "was sanctioned and banned": a bare participle shares the voice.
  int h = s_.words[w].head;
  if (participle && r == "conj" && h >= 0 && Child(w, "aux") < 0) return Passive(h);
  return false;
}

std::vector<int> Arguments::Subject(int w) const {
  std::vector<int> out;
  int h = s_.words[w].head;
  for (int c : children_[w]) {
    std::string_view r = s_.words[c].deprel;
    if (r != "nsubj" && r != "nsubj:pass" && r != "nsubj:outer") continue;
    // "the firm that makes X": the relative word stands for the firm.
    if (IsRelativeWord(c) && StartsWith(rel(w), "acl") && h >= 0)
      out.push_back(h);
    else
      out.push_back(c);
  }
  if (!out.empty() || h < 0) return out;
  std::string_view r = rel(w);
  if (r == "conj" && (IsVerb(h) || s_.words[h].upos == "ADJ")) return Subject(h);
  if (r == "xcomp") {
    // Object control ("forced DeepSeek to use"), else subject control or
    // raising ("moved to ban", "is expected to ban").
    for (int c : children_[h])
      if (s_.words[c].deprel == "obj" || s_.words[c].deprel == "iobj") return {c};
    return Subject(h);
  }
  if (r == "acl") return {h};  // "companies selling chips", "chips made by"
  if (r == "advcl" && (s_.words[w].xpos == "VBG" || s_.words[w].xpos == "VBN")) {
    // "..., forcing Nvidia to...", "responded by banning exports".
    int mark = Child(w, "mark");
    std::string_view m = mark >= 0 ? std::string_view(lemmas_[mark]) : "";
    if (mark < 0 || m == "by" || m == "after" || m == "before" || m == "while")
      return Subject(h);
  }
  return out;
}

std::vector<int> Arguments::ByCase(int w, std::string_view case_word) const {
  std::vector<int> out = DirectCase(w, case_word);
  if (!out.empty() || case_word == "of") return out;
  // The parser often hangs a phrase on the nearest noun: "sells the H20 to
  // Alibaba", "restrict sales of the H20 to China". Look under the object
  // and under "of" phrases, two levels down.
  for (int c : children_[w])
    if (rel(c) == "acl:relcl" && light_verbs_.count(lemmas_[c]))
      for (int k : DirectCase(c, case_word)) out.push_back(k);
  std::vector<int> frontier = {w};
  for (int level = 0; level < 2 && out.empty(); ++level) {
    std::vector<int> next;
    for (int x : frontier)
      for (int c : children_[x]) {
        std::string_view r = s_.words[c].deprel;
        bool of = false;
        for (int k : children_[c])
          if (s_.words[k].deprel == "case" && lemmas_[k] == "of") of = true;
        if (r == "obj" || (StartsWith(r, "nmod") && of)) {
          next.push_back(c);
          // "exports of gallium, germanium and antimony to the US": the
          // phrase may hang on the last conjunct.
          for (int k : children_[c])
            if (s_.words[k].deprel == "conj") next.push_back(k);
        }
      }
    for (int x : next)
      for (int c : DirectCase(x, case_word)) out.push_back(c);
    frontier = std::move(next);
  }
  return out;
}

std::vector<int> Arguments::DirectCase(int w, std::string_view case_word) const {
  std::vector<int> out;
  for (int c : children_[w]) {
    std::string_view r = s_.words[c].deprel;
    if (r == "nmod:poss" || r == "nmod:tmod" || r == "obl:tmod" || r == "obl:npmod")
      continue;
    if (!StartsWith(r, "obl") && !StartsWith(r, "nmod")) continue;
    for (int k : children_[c])
      if (s_.words[k].deprel == "case" && lemmas_[k] == case_word) {
        out.push_back(c);
        break;
      }
  }
  return out;
}

std::vector<int> Arguments::Agent(int w, int depth) const {
  if (depth > 6) return {};
  if (IsVerb(w)) return Passive(w) ? ByCase(w, "by") : Subject(w);
  std::vector<int> out;
  for (int c : children_[w]) {
    std::string_view r = s_.words[c].deprel;
    if (r == "nmod:poss" || r == "compound" || r == "amod") out.push_back(c);
  }
  for (int c : ByCase(w, "by")) out.push_back(c);
  // "Washington imposed a ban on X": the light verb's agent, also when the
  // noun has a possessor ("tightened its restrictions": the types decide).
  int h = s_.words[w].head;
  if (h >= 0 && light_verbs_.count(lemmas_[h]) && IsVerb(h) &&
      (rel(w) == "obj" || rel(w) == "nsubj:pass"))
    for (int c : Agent(h, depth + 1)) out.push_back(c);
  // "the sanctions (that) Washington imposed on X".
  for (int c : children_[w])
    if (rel(c) == "acl:relcl" && light_verbs_.count(lemmas_[c]) && !Passive(c))
      for (int a : Subject(c))
        if (a != w) out.push_back(a);
  if (out.empty() && h >= 0 && rel(w) == "conj" && IsNoun(h)) return Agent(h, depth + 1);
  return out;
}

std::vector<int> Arguments::Patient(int w, int depth) const {
  if (depth > 6) return {};
  if (!IsVerb(w)) return ByCase(w, "of");
  if (Passive(w)) return Subject(w);
  std::vector<int> out;
  int h = s_.words[w].head;
  for (int c : children_[w]) {
    if (s_.words[c].deprel != "obj") continue;
    out.push_back(IsRelativeWord(c) && rel(w) == "acl:relcl" && h >= 0 ? h : c);
  }
  if (!out.empty() || h < 0) return out;
  // "the chips Nvidia sells": an object relative without a relative word.
  if (rel(w) == "acl:relcl" && Child(w, "nsubj") >= 0 &&
      !IsRelativeWord(Child(w, "nsubj")))
    return {h};
  // "designed and built the chips": the object is shared.
  if (rel(w) == "conj" && IsVerb(h) && !Passive(h)) return Patient(h, depth + 1);
  return out;
}

std::vector<int> Arguments::Described(int w) const {
  std::vector<int> out;
  int h = s_.words[w].head;
  std::string_view r = rel(w);
  if (h >= 0 && (r == "appos" || r == "compound" || r == "flat")) {
    // "killed Kennedy and wounded Connally, then the Texas governor": an
    // apposition after the last of coordinated names describes that one,
    // wherever the parser hung it.
    int d = h;
    if (r == "appos")
      for (int c : children_[h])
        if (s_.words[c].deprel == "conj" && s_.words[c].upos == "PROPN" && c > d && c < w)
          d = c;
    out.push_back(d);
  }
  if (Child(w, "cop") >= 0) {
    for (int c : Subject(w)) out.push_back(c);
  }
  for (int c : children_[w])
    if (s_.words[c].deprel == "appos") out.push_back(c);
  if (out.empty() && h >= 0 && r == "conj" && IsNoun(h)) return Described(h);
  return out;
}

std::vector<int> Arguments::Fill(int w, std::string_view role) const {
  if (role == "A") return Agent(w, 0);
  if (role == "P") return Patient(w, 0);
  if (role == "D") return Described(w);
  if (role == "self") return {w};
  if (role == "head") {
    int h = s_.words[w].head;
    return h >= 0 ? std::vector<int>{h} : std::vector<int>{};
  }
  if (role == "conjhead") {  // "a development and publishing company"
    int h = s_.words[w].head;
    return h >= 0 && rel(w) == "conj" ? std::vector<int>{h} : std::vector<int>{};
  }
  if (!role.empty() && role[0] == '@') return ByCase(w, role.substr(1));
  std::vector<int> out;
  for (int c : children_[w]) {
    if (s_.words[c].deprel != role) continue;
    // "Huawei, whose Ascend processors...": "whose" stands for the noun the
    // relative clause modifies.
    if (s_.words[c].xpos == "WP$" || IsRelativeWord(c)) {
      for (int x = w, steps = 0; x >= 0 && steps < 4; x = s_.words[x].head, ++steps)
        if (rel(x) == "acl:relcl") {
          if (s_.words[x].head >= 0) out.push_back(s_.words[x].head);
          break;
        }
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::vector<int> Arguments::Clause(int w) const {
  std::vector<int> out = {w};
  for (int x = w, steps = 0; steps < 6; ++steps) {
    int h = s_.words[x].head;
    if (h < 0) break;
    std::string_view r = rel(x);
    bool up = r == "xcomp" ||
              (r == "conj" && Child(x, "nsubj") < 0 && Child(x, "nsubj:pass") < 0);
    if (!up && (r == "obj" || r == "nsubj:pass") && light_verbs_.count(lemmas_[h]))
      up = true;
    if (!up) break;
    out.push_back(h);
    x = h;
  }
  return out;
}

}  // namespace kg
