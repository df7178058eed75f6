#include "ingest/arguments.h"

#include <algorithm>

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

Arguments::Arguments(
    const AnnotatedSentence& s, const std::unordered_set<std::string>& light_verbs,
    const std::function<bool(const std::string&)>& known,
    const std::function<bool(char, std::string_view, std::string_view)>& takes,
    const std::unordered_set<std::string>* intentions)
    : s_(s),
      light_verbs_(light_verbs),
      intentions_(intentions),
      children_(s.words.size()) {
  const int n = static_cast<int>(s.words.size());
  lemmas_.reserve(s.words.size());
  for (int i = 0; i < n; ++i) {
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
    heads_.push_back(h >= 0 && h < n ? h : -1);
    rels_.push_back(s.words[i].deprel);
  }
  ReattachLowPhrases(takes);
  for (int i = 0; i < n; ++i)
    if (heads_[i] >= 0) children_[heads_[i]].push_back(i);
}

// Three repairs of where the parser hung a phrase with a case word (see the
// constructor's contract); the first and the last need `takes`.
void Arguments::ReattachLowPhrases(
    const std::function<bool(char, std::string_view, std::string_view)>& takes) {
  const int n = static_cast<int>(s_.words.size());
  std::vector<std::string_view> case_of(n);
  for (int i = 0; i < n; ++i)
    if (rels_[i] == "case" && heads_[i] >= 0) case_of[heads_[i]] = lemmas_[i];
  // A phrase below the object's head noun, with nothing but nouns, numbers
  // and coordination between ("placed Huawei and 68 of its affiliates
  // outside the United States on the Entity List"), moves to the verb when
  // the verb takes it and has none of its own.
  for (int p = 0; p < n; ++p) {
    if (case_of[p].empty() || !StartsWith(rels_[p], "nmod") || rels_[p] == "nmod:poss")
      continue;
    // Climb from the phrase's head to the verb, through nouns only.
    int x = heads_[p], below = p, steps = 0;
    while (x >= 0 && steps++ < 6 && s_.words[x].upos != "VERB") {
      std::string_view r = rels_[x];
      if (!(StartsWith(r, "nmod") || r == "conj" || r == "appos" || r == "compound" ||
            r == "obj" || r == "nsubj:pass"))
        break;
      below = x;
      x = heads_[x];
    }
    const int verb = x;
    if (verb < 0 || below == p || s_.words[verb].upos != "VERB" || p < verb) continue;
    // The object itself, or a noun the parser coordinated with the verb
    // ("added X, ..., and 60 other entities to its list").
    std::string_view br = rels_[below];
    bool nominal_conj = br == "conj" && s_.words[below].upos != "VERB" &&
                        s_.words[below].upos != "AUX" && s_.words[below].upos != "ADJ";
    if (!(br == "obj" || br == "nsubj:pass" || nominal_conj)) continue;
    // On the object's head itself the parser's choice stands.
    if (heads_[p] == below && !nominal_conj) continue;
    if (!takes || !takes('V', lemmas_[verb], case_of[p])) continue;
    bool verb_has_one = false;
    for (int k = 0; k < n; ++k)
      verb_has_one |=
          heads_[k] == verb && case_of[k] == case_of[p] && StartsWith(rels_[k], "obl");
    if (verb_has_one) continue;
    heads_[p] = verb;
    rels_[p] = "obl";
  }
  // "to the 21st Brigade in Cordoba and to the 12th Brigade in Botoa": a
  // phrase hung on a noun that has one like it before the noun coordinated
  // with it belongs to the nearer one. Without one before ("Samsung and SK
  // Hynix from South Korea") it is shared, as UD hangs shared phrases.
  for (int p = 0; p < n; ++p) {
    if (case_of[p].empty() || !StartsWith(rels_[p], "nmod") || rels_[p] == "nmod:poss")
      continue;
    const int h = heads_[p];
    if (h < 0 || !IsNoun(h)) continue;
    int nearer = -1;
    for (int c = h + 1; c < p; ++c)
      if (heads_[c] == h && rels_[c] == "conj" && IsNoun(c)) nearer = c;
    if (nearer < 0) continue;
    bool first_has_one = false;
    for (int k = h + 1; k < nearer; ++k)
      first_has_one |= heads_[k] == h && case_of[k] == case_of[p];
    if (!first_has_one) continue;
    bool has_own = false;
    for (int k = nearer + 1; k < p; ++k)
      has_own |= heads_[k] == nearer && case_of[k] == case_of[p];
    if (has_own) continue;
    heads_[p] = nearer;
  }
  // A verb's phrase right after its object, when the object's noun takes
  // it and the verb does not.
  for (int p = 0; p < n; ++p) {
    if (case_of[p].empty() || rels_[p] != "obl") continue;
    const int verb = heads_[p];
    if (!takes || verb < 0 || s_.words[verb].upos != "VERB" ||
        takes('V', lemmas_[verb], case_of[p]))
      continue;
    int object = -1;
    for (int k = 0; k < p; ++k)
      if (heads_[k] == verb && rels_[k] == "obj") object = k;
    if (object < 0 || s_.words[object].upos != "NOUN" ||
        !takes('N', lemmas_[object], case_of[p]))
      continue;
    // Nothing between the object and the phrase but the phrase's own words.
    int start = p;
    for (int k = 0; k < p; ++k)
      if (heads_[k] == p) start = std::min(start, k);
    if (start != object + 1) continue;
    heads_[p] = object;
    rels_[p] = "nmod";
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
    if (rels_[c] == rel) return c;
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
  int h = heads_[w];
  if (participle && r == "conj" && h >= 0 && Child(w, "aux") < 0) return Passive(h);
  return false;
}

std::vector<int> Arguments::Subject(int w) const {
  std::vector<int> out;
  int h = heads_[w];
  for (int c : children_[w]) {
    std::string_view r = rels_[c];
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
      if (rels_[c] == "obj" || rels_[c] == "iobj") return {c};
    return Subject(h);
  }
  // "Intel's plan to invest": the possessor of an intention.
  if (r == "acl" && intentions_ && intentions_->count(lemmas_[h]) &&
      Child(w, "mark") >= 0)
    for (int c : children_[h])
      if (rels_[c] == "nmod:poss") return {c};
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
  // "vice president and columnist for The Associated Press": UD hangs a
  // phrase the conjuncts share on the first; after the last it is theirs.
  if (out.empty() && rels_[w] == "conj" && heads_[w] >= 0 && IsNoun(w))
    for (int c : DirectCase(heads_[w], case_word))
      if (c > w) out.push_back(c);
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
        std::string_view r = rels_[c];
        bool of = false;
        for (int k : children_[c])
          if (rels_[k] == "case" && lemmas_[k] == "of") of = true;
        if (r == "obj" || (StartsWith(r, "nmod") && of)) {
          next.push_back(c);
          // "exports of gallium, germanium and antimony to the US": the
          // phrase may hang on the last conjunct.
          for (int k : children_[c])
            if (rels_[k] == "conj") next.push_back(k);
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
    std::string_view r = rels_[c];
    if (r == "nmod:poss" || r == "nmod:tmod" || r == "obl:tmod" || r == "obl:npmod")
      continue;
    if (!StartsWith(r, "obl") && !StartsWith(r, "nmod")) continue;
    for (int k : children_[c])
      if (rels_[k] == "case" && lemmas_[k] == case_word) {
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
    std::string_view r = rels_[c];
    if (r == "nmod:poss" || r == "compound" || r == "amod") out.push_back(c);
  }
  for (int c : ByCase(w, "by")) out.push_back(c);
  // "Washington imposed a ban on X": the light verb's agent, also when the
  // noun has a possessor ("tightened its restrictions": the types decide).
  int h = heads_[w];
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
  int h = heads_[w];
  for (int c : children_[w]) {
    if (rels_[c] != "obj") continue;
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
  int h = heads_[w];
  std::string_view r = rel(w);
  if (h >= 0 && (r == "appos" || r == "compound" || r == "flat" || r == "nmod:desc")) {
    out.push_back(r == "appos" ? Renamed(w) : h);
  }
  if (Child(w, "cop") >= 0) {
    for (int c : Subject(w)) out.push_back(c);
  }
  // "The president of RBF is Stephen Heintz": the subject of a name with a
  // copula describes that name.
  if (h >= 0 && (r == "nsubj" || r == "nsubj:pass") && s_.words[h].upos == "PROPN" &&
      Child(h, "cop") >= 0)
    out.push_back(h);
  // "Valerie Rockefeller serves as RBF's chairwoman", "worked as an analyst
  // at Y": a role "as" what the subject of serve, act or work is.
  if (h >= 0 && IsVerb(h) && StartsWith(r, "obl") && CaseOf(w) == "as" &&
      (lemmas_[h] == "serve" || lemmas_[h] == "act" || lemmas_[h] == "work" ||
       lemmas_[h] == "remain" || lemmas_[h] == "stay" || lemmas_[h] == "join" ||
       lemmas_[h] == "continue"))
    for (int c : Subject(h)) out.push_back(c);
  for (int c : children_[w])
    if (rels_[c] == "appos") out.push_back(c);
  int name = NameAfter(w);
  if (name >= 0 && name != h && std::find(out.begin(), out.end(), name) == out.end())
    out.push_back(name);
  if (out.empty() && h >= 0 && r == "conj" && IsNoun(h)) return Described(h);
  return out;
}

std::string_view Arguments::CaseOf(int w) const {
  for (int c : children_[w])
    if (rels_[c] == "case") return lemmas_[c];
  return "";
}

int Arguments::Renamed(int w) const {
  int h = heads_[w];
  if (h < 0 || rels_[w] != "appos") return -1;
  int d = h;
  for (int c : children_[h])
    if (rels_[c] == "conj" && s_.words[c].upos == "PROPN" && c > d && c < w) d = c;
  return d;
}

int Arguments::NameAfter(int w) const {
  int n = w + 1;
  if (s_.words[w].upos != "NOUN" || n >= static_cast<int>(s_.words.size()) ||
      s_.words[n].upos != "PROPN")
    return -1;
  int name = n;  // the head of the name's own words
  while (heads_[name] > name && heads_[name] <= n + 4 &&
         s_.words[heads_[name]].upos == "PROPN")
    name = heads_[name];
  std::string_view nr = rel(name), r = rel(w);
  bool own_clause = (nr == "nsubj" || nr == "nsubj:pass") &&
                    !(heads_[name] == heads_[w] && (r == "nsubj" || r == "nsubj:pass"));
  return own_clause || name == w ? -1 : name;
}

std::vector<int> Arguments::Fill(int w, std::string_view role) const {
  if (role == "A") return Agent(w, 0);
  if (role == "P") return Patient(w, 0);
  if (role == "D") return Described(w);
  if (role == "self") return {w};
  if (role == "head") {
    int h = heads_[w];
    return h >= 0 ? std::vector<int>{h} : std::vector<int>{};
  }
  if (role == "conjhead") {  // "a development and publishing company"
    int h = heads_[w];
    return h >= 0 && rel(w) == "conj" ? std::vector<int>{h} : std::vector<int>{};
  }
  if (!role.empty() && role[0] == '@') return ByCase(w, role.substr(1));
  std::vector<int> out;
  for (int c : children_[w]) {
    if (rels_[c] != role) continue;
    // "Huawei, whose Ascend processors...": "whose" stands for the noun the
    // relative clause modifies.
    if (s_.words[c].xpos == "WP$" || IsRelativeWord(c)) {
      for (int x = w, steps = 0; x >= 0 && steps < 4; x = heads_[x], ++steps)
        if (rel(x) == "acl:relcl") {
          if (heads_[x] >= 0) out.push_back(heads_[x]);
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
    int h = heads_[x];
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
