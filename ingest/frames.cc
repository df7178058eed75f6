#include "ingest/frames.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "base/base.h"
#include "ingest/arguments.h"

namespace kg {

namespace {

// The type a slot gives an unknown name: only a slot whose types are all of
// one kind (people; organisations; places) says what a name is, and a name
// the lexicon does not know is no country, government or product. "" when
// the slot says nothing.
std::string UnknownNameType(const std::vector<std::string>& types) {
  auto kind = [](const std::string& t) {
    if (t == "Person") return 1;
    if (t == "Company" || t == "Organization" || t == "GovernmentBody") return 2;
    if (t == "Place" || t == "Country") return 3;
    return 0;
  };
  // A country the lexicon does not know is rare: a slot for organisations
  // or countries types an unknown name as an organisation, and a slot for
  // countries alone types none.
  bool all_countries = true;
  for (const std::string& t : types) all_countries &= t == "Country";
  if (all_countries) return "";
  int k = 0;
  for (const std::string& t : types) {
    if (t == "Country") continue;
    if (kind(t) == 0 || (k != 0 && kind(t) != k)) return "";
    k = kind(t);
  }
  if (k == 0) return "";
  if (k == 3) return "Place";
  for (const std::string& t : types)
    if (t == "Person" || t == "Company" || t == "Organization") return t;
  return "";
}

// For a slot that takes people and organisations alike ("X owns Y"): the
// organisation type an unknown name of two words or more gets (a person's
// name that long is typed before any frame fires), else "".
std::string OrganisationOfMixed(const std::vector<std::string>& types) {
  bool person = false;
  std::string org;
  for (const std::string& t : types) {
    if (t == "Person") {
      person = true;
    } else if (t == "Company" || t == "Organization" || t == "GovernmentBody") {
      if (org.empty()) org = t;
    } else if (t != "Country") {
      return "";
    }
  }
  return person ? org : "";
}

// Splits on `sep` outside [brackets].
std::vector<std::string> SplitOutside(std::string_view text, char sep) {
  std::vector<std::string> out(1);
  int depth = 0;
  for (char c : text) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == sep && depth == 0)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

}  // namespace

Frames::Frames(std::string_view tsv, const std::string& name) : name_(name) {
  int line_no = 0;
  for (const std::string& raw : Split(tsv, '\n')) {
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](const std::string& why) {
      throw Error(name + ":" + std::to_string(line_no) + ": " + why);
    };
    std::vector<std::string> cols = Split(line, '\t');
    if (cols.size() != 5 && cols.size() != 6)
      fail("expected 5 or 6 tab-separated columns, got " + std::to_string(cols.size()));
    Frame f;
    if (cols.size() == 6) {
      if (cols[5] != "denied")
        fail("the only flag is \"denied\", not \"" + cols[5] + "\"");
      f.denied = true;
    }
    f.line = line_no;
    f.predicate = cols[0];
    f.triggers_text = cols[2];
    char* end = nullptr;
    f.confidence = std::strtod(cols[1].c_str(), &end);
    if (end == cols[1].c_str() || *end || f.confidence <= 0 || f.confidence > 1)
      fail("confidence must be a number in (0, 1]: \"" + cols[1] + "\"");
    if (cols[2].size() < 3 || cols[2][1] != ':' ||
        std::string("VNAE").find(cols[2][0]) == std::string::npos)
      fail("triggers must read V:lemma,... N:... A:... or E:name");
    f.pos = cols[2][0];
    auto slot = [&](const std::string& text) {
      Slot s;
      std::string path = text;
      size_t colon = text.rfind(':');
      if (colon != std::string::npos && colon + 1 < text.size() &&
          std::isupper(static_cast<unsigned char>(text[colon + 1]))) {
        path = text.substr(0, colon);
        std::vector<std::string> listed;
        for (const std::string& t : Split(text.substr(colon + 1), ','))
          listed.emplace_back(Trim(t));
        s.types.insert(listed.begin(), listed.end());
        s.first_type = UnknownNameType(listed);
        s.org_type = OrganisationOfMixed(listed);
      }
      for (const std::string& alt : SplitOutside(path, '|')) {
        if (!alt.empty() && alt[0] == '=') {
          s.fixed = alt.substr(1);
          for (char& c : s.fixed)
            if (c == '_') c = ' ';
          continue;
        }
        std::vector<Step> steps;
        for (const std::string& st : SplitOutside(alt, '>')) {
          Step step;
          size_t b = st.find('[');
          step.role = st.substr(0, b);
          if (b != std::string::npos) {
            if (st.back() != ']') fail("unclosed [ in \"" + st + "\"");
            std::string inside = st.substr(b + 1, st.size() - b - 2);
            if (!inside.empty() && inside[0] == '!') {
              step.exclude = true;
              inside.erase(0, 1);
            }
            for (const std::string& l : Split(inside, '|')) {
              step.lemmas.insert(l);
              lemmas_.insert(l);
            }
          }
          if (step.role.empty()) fail("empty step in \"" + text + "\"");
          if (step.role[0] == '~' && step.role != "~restrictor")
            fail("the only salient role is ~restrictor, not \"" + step.role + "\"");
          steps.push_back(std::move(step));
        }
        s.paths.push_back(std::move(steps));
      }
      return s;
    };
    f.subject = slot(cols[3]);
    f.object = slot(cols[4]);
    // "invest in Arizona": where a country fits and a place does not, a
    // place stands for its country. Not where a frame places something
    // ("Andrew Hall of Miami" lives there; his country is not said).
    for (Slot* x : {&f.subject, &f.object})
      x->place_for_country = f.predicate != "based_in" && x->types.count("Country") &&
                             !x->types.count("Place");
    int id = static_cast<int>(frames_.size());
    if (f.pos == 'E') {
      name_frames_.push_back(id);
    } else {
      for (const std::string& t : Split(cols[2].substr(2), ',')) {
        std::string lemma(Trim(t));
        Trigger tr{id, "", {}};
        std::vector<std::string> without = Split(lemma, '~');
        lemma = without[0];
        tr.without.assign(without.begin() + 1, without.end());
        if (size_t plus = lemma.find('+'); plus != std::string::npos) {
          tr.with = lemma.substr(plus + 1);
          lemma = lemma.substr(0, plus);
        }
        if (lemma.empty()) fail("empty trigger lemma");
        lemmas_.insert(lemma);
        if (!tr.with.empty()) lemmas_.insert(tr.with);
        lemmas_.insert(tr.without.begin(), tr.without.end());
        by_lemma_[std::string(1, f.pos) + ":" + lemma].push_back(tr);
        // A verb or noun whose slot starts with "@to" takes a "to" phrase
        // (Arguments reads a misplaced one as its own).
        if (f.pos == 'V' || f.pos == 'N')
          for (const Slot* slot : {&f.subject, &f.object})
            for (const std::vector<Step>& path : slot->paths)
              if (!path.empty() && path[0].role.size() > 1 && path[0].role[0] == '@')
                takes_.insert(std::string(1, f.pos) + " " + lemma + " " +
                              path[0].role.substr(1));
      }
    }
    frames_.push_back(std::move(f));
  }
}

const Frames& Frames::Bundled() {
  static const Frames frames(EmbeddedData("frames.tsv"), "frames.tsv");
  return frames;
}

std::string Frames::Describe(int f) const {
  const Frame& fr = frames_[f];
  return name_ + ":" + std::to_string(fr.line) + " " + fr.predicate + " " +
         fr.triggers_text;
}

namespace {

struct Filler {
  int entity;  // -1: the unknown name at `word`
  std::string_view type;
  bool demonym, coref, coordinated;
  int word = -1;
};

// The entities a word stands for: the name it is part of, or a name
// compounded with a common noun ("the H20 chips"), and the names
// coordinated with it ("A, B and C").
// cues.example_marker: the case words that introduce examples ("such as");
// cues.partitive: nouns that stand for their "of" phrase ("types of").
void EntitiesAt(const Arguments& args, const std::vector<WordEntity>& at,
                const Cues& cues, int w, bool coordinated, std::vector<Filler>& out,
                int depth = 0) {
  if (depth > 8) return;
  int head = w;
  auto add = [&](int x) {
    out.push_back({at[x].entity, at[x].type, at[x].demonym, at[x].coref, coordinated});
  };
  if (at[w].entity >= 0 || at[w].unknown) {
    add(w);
    out.back().word = at[w].span_head;
    if (at[w].span_head >= 0) head = at[w].span_head;
    // "both companies": the second entity, as if coordinated.
    if (at[w].also >= 0) {
      out.push_back(out.back());
      out.back().entity = at[w].also;
      out.back().coordinated = true;
    }
  } else if (args.upos(w) == "NOUN") {  // not an unknown name ("China Council")
    // "the H20, a processor (that) it designed": the name the noun renames.
    int h = args.Renamed(w);
    if (h >= 0 && at[h].entity >= 0 && !at[h].demonym) add(h);
    // "Nexus Q is a media player developed by Google": a noun with a copula
    // stands for its subject.
    if (args.Child(w, "cop") >= 0)
      for (int c : args.children(w))
        if ((args.rel(c) == "nsubj" || args.rel(c) == "nsubj:pass") &&
            at[c].entity >= 0 && !at[c].demonym)
          add(c);
    // "the companies added to the list include Naura, Piotech and
    // SiCarrier": a noun that includes names stands for them.
    if (args.rel(w) == "nsubj" && args.head(w) >= 0) {
      int v = args.head(w);
      std::string_view verb = args.lower_lemma(v);
      if (verb == "include" || verb == "comprise")
        for (int c : args.children(v))
          if (args.rel(c) == "obj")
            EntitiesAt(args, at, cues, c, coordinated, out, depth + 1);
    }
    // "23 types of chipmaking equipment", "a range of Nvidia chips": the
    // noun stands for its "of" phrase.
    if (cues.partitive.count(std::string(args.lower_lemma(w))))
      for (int c : args.children(w))
        if (args.rel(c).substr(0, 4) == "nmod" && args.CaseOf(c) == "of")
          EntitiesAt(args, at, cues, c, coordinated, out, depth + 1);
    // "its chip unit HiSilicon": the name right after the noun.
    int name = args.NameAfter(w);
    if (name >= 0 && at[name].entity >= 0 && !at[name].demonym) add(name);
    // "the older 1970i and 1980i models": names written right before the
    // noun, however the parser hung them ("and" and commas between).
    if (w > 0 && at[w - 1].entity >= 0 && !at[w - 1].demonym && !at[w - 1].coref) {
      int last = -1;
      for (int k = w - 1; k >= 0; --k) {
        std::string_view lemma = args.lower_lemma(k);
        if (at[k].entity >= 0 && !at[k].demonym && !at[k].coref) {
          if (at[k].entity != last) {
            bool compounded = false;
            for (const Filler& f : out) compounded |= f.entity == at[k].entity;
            if (!compounded) add(k);
            last = at[k].entity;
          }
        } else if (!(lemma == "and" || lemma == "," || lemma == "or")) {
          break;
        }
      }
    }
    // "the H20 chips", "the RTX Pro graphics processor", "the machines
    // (DUV)", "companies such as Tencent".
    for (int c : args.children(w)) {
      std::string_view r = args.rel(c);
      if ((r == "compound" || r == "appos") && at[c].entity >= 0 && !at[c].demonym)
        add(c);
      if (r == "compound" && at[c].entity < 0)
        for (int k : args.children(c))
          if (args.rel(k) == "compound" && at[k].entity >= 0 && !at[k].demonym) add(k);
      if (r.substr(0, 4) == "nmod" && at[c].entity >= 0 && !at[c].demonym)
        for (int k : args.children(c))
          if (args.rel(k) == "case" &&
              cues.example_marker.count(std::string(args.lower_lemma(k))))
            EntitiesAt(args, at, cues, c, coordinated, out, depth + 1);
    }
  }
  // "A, B and C"; but in "Winter, a professor at Yale, and Starr, a judge"
  // Starr has a description of its own, and in "in Cordoba and to the 12th
  // Brigade" the second phrase has a preposition of its own.
  auto case_word = [&](int x) -> std::string_view {
    for (int k : args.children(x))
      if (args.rel(k) == "case") return args.lower_lemma(k);
    return "";
  };
  const std::string_view own_case = case_word(head);
  for (int c : args.children(head)) {
    if (args.rel(c) != "conj") continue;
    bool described = false;
    for (int k : args.children(c)) described |= args.rel(k) == "appos";
    std::string_view cc = case_word(c);
    if (!cc.empty() && cc != own_case) continue;
    if (!described) EntitiesAt(args, at, cues, c, true, out, depth + 1);
  }
}

// "The U.S. government told Nvidia that exports would require a licence":
// the entity of a type in `types` that says the clause of word w (the
// subject of a verb of saying above it), or -1.
int Speaker(const Arguments& args, const AnnotatedSentence& s,
            const std::vector<WordEntity>& at, const Cues& cues, int w,
            const std::unordered_set<std::string>& types) {
  for (int x = w, steps = 0; steps < 4; ++steps) {
    const int h = args.head(x);
    const std::string_view r = args.rel(x);
    if (h < 0) return -1;
    if (r == "ccomp" && cues.speech_verb.count(AsciiLower(s.words[h].form))) {
      for (int c : args.children(h))
        if (args.rel(c) == "nsubj" && at[c].entity >= 0 && !at[c].demonym &&
            types.count(at[c].type))
          return at[c].entity;
      return -1;
    }
    if (r != "xcomp" && r != "conj") return -1;
    x = h;
  }
  return -1;
}

// Negation, modality and condition, read from the tree: a cue word among
// the modifiers of the trigger's clause ("did not ban", "could sell", "if
// it sells", "no ban"), a denying head ("illegal for Nvidia to sell",
// "denied selling"), or "from" before a gerund ("barred X from selling").
bool Denied(const Arguments& args, const AnnotatedSentence& s, int trigger,
            const Cues& cues, bool restriction) {
  // A restriction under "lift" is undone; any other fact under "ban" or
  // "a licence to" is prevented.
  const Cues::WordSet& undoing = restriction ? cues.lifter : cues.blocker;
  auto cue = [&](int w) {
    return cues.negation.count(std::string(args.lower_lemma(w))) ||
           cues.negation.count(std::string(Trim(s.words[w].form)));
  };
  for (int c : args.children(trigger)) {
    if (args.rel(c) == "mark" && args.lower_lemma(c) == "from") return true;
    // "no licence would be required", "no company was sanctioned".
    std::string_view r = args.rel(c);
    if (r == "nsubj" || r == "nsubj:pass" || r == "obj")
      for (int d : args.children(c))
        if (args.rel(d) == "det" && args.lower_lemma(d) == "no") return true;
  }
  for (int w : args.Clause(trigger)) {
    for (int c : args.children(w)) {
      std::string_view r = args.rel(c);
      if ((r == "advmod" || r == "aux" || r == "mark" || r == "det" ||
           r == "cc:preconj") &&
          cue(c))
        return true;
    }
    int h = s.words[w].head;
    if (h >= 0 && w != trigger && cue(w)) return true;
    if (h >= 0 && cue(h) && args.rel(w) != "conj") return true;
    if (h >= 0 && args.rel(w) != "conj" &&
        undoing.count(std::string(args.lower_lemma(h))))
      return true;
  }
  return false;
}

}  // namespace

std::vector<FrameMatch> Frames::Match(const AnnotatedSentence& s,
                                      const std::vector<WordEntity>& at, const Cues& cues,
                                      const EntityMaker& make) const {
  std::vector<FrameMatch> out;
  if (!s.parsed || s.words.empty()) return out;
  auto known = [&](const std::string& lemma) {
    return lemmas_.count(lemma) || cues.blocker.count(lemma) ||
           cues.lifter.count(lemma) || cues.light_verb.count(lemma) ||
           cues.negation.count(lemma);
  };
  auto takes = [&](char pos, std::string_view lemma, std::string_view case_word) {
    std::string key(1, pos);
    key += ' ';
    key += lemma;
    key += ' ';
    key += case_word;
    return takes_.count(key) > 0;
  };
  Arguments args(s, cues.light_verb, known, takes, &cues.intention);
  auto fill = [&](int w, const Slot& slot) {
    std::vector<Filler> found, typed;
    bool salient = false;  // a path reached ~restrictor
    for (const std::vector<Step>& path : slot.paths) {
      std::vector<int> frontier = {w};
      for (const Step& step : path) {
        if (step.role[0] == '~') {
          salient |= !frontier.empty();
          frontier.clear();
          break;
        }
        std::vector<int> next;
        for (int x : frontier)
          for (int y : args.Fill(x, step.role))
            if (step.Accepts(args.lower_lemma(y))) next.push_back(y);
        frontier = std::move(next);
      }
      // A frame on a name fires for each name: "self" is that name alone,
      // not the names coordinated with it ("A in X, B in Y" is no "A in Y").
      if (path.size() == 1 && path[0].role == "self") {
        for (int x : frontier)
          if (at[x].entity >= 0 || at[x].unknown) {
            found.push_back(
                {at[x].entity, at[x].type, at[x].demonym, at[x].coref, false});
            found.back().word = at[x].span_head;
          }
        continue;
      }
      const size_t before = found.size();
      for (int x : frontier) EntitiesAt(args, at, cues, x, false, found);
      // "Hernandez Galicia's union": a possessor is no place on the strength
      // of the frame ("International Paper's chairman" is an organisation).
      if (!path.empty() && path.back().role == "nmod:poss" && slot.first_type == "Place")
        found.erase(
            std::remove_if(found.begin() + static_cast<std::ptrdiff_t>(before),
                           found.end(), [](const Filler& f) { return f.entity < 0; }),
            found.end());
    }
    for (Filler f : found) {
      if (f.entity < 0) {
        std::string_view type = slot.first_type;
        if (type.empty() && !slot.org_type.empty() && f.word >= 0) {
          int words = 0;  // "Square Enix owns Taito": an organisation
          for (const WordEntity& x : at) words += x.unknown && x.span_head == f.word;
          if (words >= 2) type = slot.org_type;
        }
        if (type.empty()) continue;
        f.type = type;   // named when the frame fires
        f.coref = true;  // a guess: it costs confidence as a reference does
        typed.push_back(f);
      } else if (slot.types.empty() || slot.types.count(std::string(f.type))) {
        typed.push_back(f);
      } else if (f.type == "Place" && slot.place_for_country && make.country_of) {
        if (int country = make.country_of(f.entity); country >= 0) {
          f.entity = country;
          f.type = "Country";
          typed.push_back(f);
        }
      }
    }
    // Only a clause that names no agent at all takes the salient one.
    // Not for a clause that modifies a noun ("rules restricting sales",
    // "efforts to limit its access"): its agent is the noun's, elsewhere.
    std::string_view rel = args.rel(w);
    if (found.empty() && salient && rel.substr(0, 3) != "acl") {
      int e = Speaker(args, s, at, cues, w, slot.types);
      if (e < 0) e = make.salient("restrictor");
      if (e >= 0) typed.push_back({e, "", false, true, false});
    }
    if (typed.empty() && !slot.fixed.empty()) {
      auto [e, type] = make.fixed(slot.fixed);
      if (e >= 0) typed.push_back({e, "", false, true, false});
    }
    return typed;
  };
  auto fire = [&](int f, int w) {
    const Frame& fr = frames_[f];
    std::vector<Filler> subjects = fill(w, fr.subject);
    if (subjects.empty()) return;
    std::vector<Filler> objects = fill(w, fr.object);
    // A "denied" frame states a restriction by what cannot happen ("cannot
    // be shipped to China without a licence"): it fires only when denied.
    if (objects.empty() ||
        Denied(args, s, w, cues, cues.restriction_predicate.count(fr.predicate) > 0) !=
            fr.denied)
      return;
    auto name = [&](Filler& f) {
      if (f.entity < 0) f.entity = make.unknown(f.word, std::string(f.type));
      return f.entity >= 0;
    };
    for (Filler& a : subjects)
      for (Filler& b : objects) {
        if (a.entity >= 0 && a.entity == b.entity) continue;
        if (a.word >= 0 && a.word == b.word) continue;
        // A frame on a name ("X of Y") says too little to type two unknown
        // names at once.
        if (fr.pos == 'E' && a.entity < 0 && b.entity < 0) continue;
        if (!name(a) || !name(b) || a.entity == b.entity) continue;
        FrameMatch m;
        m.frame = f;
        m.subject = a.entity;
        m.object = b.entity;
        m.coref = a.coref || b.coref;
        m.coordinated = a.coordinated || b.coordinated;
        m.trigger = w;
        out.push_back(m);
      }
  };
  for (size_t i = 0; i < s.words.size(); ++i) {
    int w = static_cast<int>(i);
    if (at[i].entity >= 0 || at[i].unknown) {
      if (at[i].span_head == w && !at[i].coref)
        for (int f : name_frames_) fire(f, w);
      if (at[i].unknown) continue;
      // A generic policy name can be a trigger: "its export controls on X".
      if (at[i].type != "Policy" || at[i].span_head != w) continue;
    }
    std::string_view u = s.words[i].upos;
    char pos = u == "VERB" || u == "AUX"     ? 'V'
               : u == "NOUN" || u == "PROPN" ? 'N'
               : u == "ADJ"                  ? 'A'
                                             : 0;
    if (!pos) continue;
    auto it =
        by_lemma_.find(std::string(1, pos) + ":" + std::string(args.lower_lemma(w)));
    // A title tagged as an adjective ("is the chief executive of AMD").
    if (it == by_lemma_.end() && pos == 'A')
      it = by_lemma_.find("N:" + std::string(args.lower_lemma(w)));
    if (it == by_lemma_.end()) continue;
    for (const Trigger& t : it->second) {
      if (!t.with.empty()) {
        bool ok = false;
        for (int c : args.children(w))
          if (args.lower_lemma(c) == t.with) ok = true;
        if (!ok) continue;
      }
      bool excluded = false;
      for (int c : args.children(w))
        for (const std::string& x : t.without) excluded |= args.lower_lemma(c) == x;
      if (excluded) continue;
      fire(t.frame, w);
    }
  }
  return out;
}

}  // namespace kg
