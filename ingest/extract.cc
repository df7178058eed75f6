// The extractor: an analysed document (ingest/nlp) -> entity mentions
// (entities.h) -> relation patterns over the sentence's words -> facts.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <unordered_set>

#include "ingest/arguments.h"
#include "ingest/cues.h"
#include "ingest/entities.h"
#include "ingest/frames.h"
#include "ingest/ingest.h"
#include "ingest/lexicon.h"
#include "ingest/nlp/analyzer.h"
#include "ingest/patterns.h"
#include "ingest/text.h"

namespace kg {

namespace {

// Two entities that could be in a fact: a place only beside something that
// can be based there ("Shenzhen, China" states nothing).
bool TwoEntities(const std::vector<SurfaceMention>& mentions, const DocumentEntities& e) {
  bool placeable = false;
  for (const SurfaceMention& m : mentions) {
    const std::string& type = e[m.entity].type;
    placeable |= type != "Place" && type != "Country";
  }
  int first = -1;
  for (const SurfaceMention& m : mentions) {
    if (!placeable && e[m.entity].type == "Place") continue;
    if (first < 0) first = m.entity;
    if (m.entity != first) return true;
  }
  return false;
}

class DocumentExtractor {
 public:
  // A title or role word ("analyst", "president", "founder"), or a noun
  // that says what an organisation or product is ("company", "startup"): a
  // sentence with one that names something the lexicon does not know can
  // say who works for whom or what a name is, so it is worth analysing. It
  // costs: `kg extract --explain` shows the share of words analysed.
  bool HasRoleWord(const std::vector<Token>& tokens) const {
    // "X is a Chinese company": a noun that says a name is an organisation
    // or a product, too.
    for (const Token& t : tokens) {
      if (cues_.role.count(t.lower) || cues_.employee.count(t.lower)) return true;
      auto it = cues_.noun_type.find(t.lower);
      if (it != cues_.noun_type.end() && it->second != "Person" && it->second != "Place")
        return true;
    }
    return false;
  }

  DocumentExtractor(const Lexicon& lex, const Cues& cues, const Patterns& pat,
                    const Frames& frames, const Roles& roles, const Analyzer& analyzer,
                    std::atomic<int64_t>* frame_fires = nullptr,
                    std::atomic<int64_t>* analysed = nullptr)
      : cues_(cues),
        pat_(pat),
        frames_(frames),
        frame_fires_(frame_fires),
        analysed_(analysed),
        analyzer_(analyzer),
        finder_(lex, cues, roles, entities_),
        lex_(lex) {}

  // Marks the mentions of every sentence of `doc` and parses the sentences
  // that hold two or more (`parse_all`: every sentence); with `out`, also
  // extracts the facts, sentence by sentence, for salience is read as the
  // article unfolds ("the company" is the company named so far).
  void Run(std::string_view text, AnnotatedDocument& doc, bool parse_all,
           DocumentInput* out) {
    std::set<std::tuple<int, std::string, int, size_t>> seen;
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      AnnotatedSentence& s = doc.sentences[si];
      Surface surface = SurfaceOf(s);
      if (analysed_) {
        ++analysed_[0];
        analysed_[2] += static_cast<int64_t>(s.words.size());
      }
      std::vector<SurfaceMention> mentions =
          finder_.Find(surface.tokens, s, surface.words, si);
      // Only a sentence that can hold a fact is analysed: one that mentions
      // two entities (by name, demonym, "the company", "its"...). The
      // analysis then types the names the cue words could not.
      // Names nobody could type count too: the analysis may type them.
      if (parse_all || TwoEntities(mentions, entities_) ||
          (finder_.untyped() > 0 && finder_.untyped() + mentions.size() >= 2 &&
           HasRoleWord(surface.tokens))) {
        if (analysed_) {
          ++analysed_[1];
          analysed_[3] += static_cast<int64_t>(s.words.size());
        }
        analyzer_.Tag(s);
        RepairTags(s);
        analyzer_.Parse(s);
        std::vector<SurfaceMention> more = finder_.TypeOpenNames(surface.tokens, si);
        if (!more.empty()) {
          mentions.insert(mentions.end(), more.begin(), more.end());
          std::sort(mentions.begin(), mentions.end(),
                    [](const SurfaceMention& x, const SurfaceMention& y) {
                      return x.begin < y.begin;
                    });
        }
      }
      for (const SurfaceMention& m : mentions) {
        if (out && !m.coref && !m.demonym && !m.its && !m.based && m.end > m.begin)
          NoteForm(m.entity, JoinTokens(surface.tokens, m.begin, m.end));
        const DocumentEntities::Entity& e = entities_[m.entity];
        EntitySpan span;
        span.begin = surface.words[m.begin].first;
        span.end = surface.words[m.end - 1].second;
        span.name = e.name;
        span.type = e.type;
        span.source = m.coref ? EntitySpan::Source::kReference : e.source;
        span.demonym = m.demonym;
        s.entities.push_back(std::move(span));
      }
      if (out) Extract(text, s, si, surface, mentions, seen, *out);
    }
    if (!out) return;
    for (size_t e = 0; e < entities_.all().size(); ++e)
      if (entities_.all()[e].confident)
        out->mentions.push_back(MentionOf(static_cast<int>(e)));
  }

 private:
  // "that exports of its H20 chip to China would require a licence": a word
  // that is a noun as often as a verb, tagged a verb right before "of", is
  // the noun (cues.tsv noun_before_of), so that the parser reads it as one.
  void RepairTags(AnnotatedSentence& s) const {
    for (size_t i = 0; i + 1 < s.words.size(); ++i) {
      AnnotatedWord& w = s.words[i];
      if (w.upos != "VERB" || AsciiLower(s.words[i + 1].form) != "of") continue;
      std::string lower = AsciiLower(w.form);
      if (!cues_.noun_before_of.count(lower)) continue;
      w.upos = "NOUN";
      w.xpos = lower.back() == 's' ? "NNS" : "NN";
    }
  }

  // A name the article used for entity `e` (not "it", "the company" or
  // "Chinese"), for Mention::forms.
  void NoteForm(int e, std::string form) {
    if (form.size() > 100) return;  // no name a user would type
    ++forms_[e][std::move(form)];
  }

  Mention MentionOf(int id) const {
    const DocumentEntities::Entity& e = entities_[id];
    Mention m{e.name, e.type, e.mentions, {}, {}};
    const std::string key = FoldKey(e.name);
    if (auto it = forms_.find(id); it != forms_.end())
      for (const auto& [form, n] : it->second)
        if (std::string k = FoldKey(form); !k.empty() && k != key) m.forms[form] += n;
    if (int entry = lex_.FindCanonical(e.name); entry >= 0)
      m.aliases = lex_.entry(entry).aliases;
    return m;
  }

  void Extract(std::string_view text, const AnnotatedSentence& s, size_t si,
               const Surface& surface, const std::vector<SurfaceMention>& mentions,
               std::set<std::tuple<int, std::string, int, size_t>>& seen,
               DocumentInput& out) {
    const size_t first = out.facts.size();
    ExtractFacts(text, s, si, surface, mentions, seen, out);
    // The governments that restrict, for a later clause that names none.
    for (size_t k = first; k < out.facts.size(); ++k) {
      const Fact& f = out.facts[k];
      if (!cues_.restriction_predicate.count(f.predicate) ||
          f.predicate == "investigates" ||
          (f.subject_type != "Country" && f.subject_type != "GovernmentBody"))
        continue;
      int e = entities_.Find(f.subject);
      if (e < 0) continue;
      auto& [count, last] = restrictors_[e];
      ++count;
      last = si;
    }
    // "based in Hangzhou": based in China too, for names.tsv knows where
    // Hangzhou lies. Organisations only: a person "of Miami" is said to be
    // there, not placed in a country on the strength of it.
    for (size_t k = first, n = out.facts.size(); k < n; ++k) {
      if (out.facts[k].predicate != "based_in" || out.facts[k].object_type != "Place" ||
          out.facts[k].subject_type == "Person")
        continue;
      auto it = cues_.place_country.find(AsciiLower(out.facts[k].object));
      if (it == cues_.place_country.end() || lex_.FindCanonical(it->second) < 0) continue;
      Fact f = out.facts[k];
      f.object = it->second;
      f.object_type = "Country";
      f.confidence = static_cast<int>(f.confidence * 95 + 0.5) / 100.0;
      bool known = false;
      for (size_t j = first; j < out.facts.size(); ++j)
        known |= out.facts[j].subject == f.subject &&
                 out.facts[j].predicate == "based_in" && out.facts[j].object == f.object;
      if (!known) out.facts.push_back(std::move(f));
    }
  }

  void ExtractFacts(std::string_view text, const AnnotatedSentence& s, size_t si,
                    const Surface& surface, const std::vector<SurfaceMention>& mentions,
                    std::set<std::tuple<int, std::string, int, size_t>>& seen,
                    DocumentInput& out) {
    std::string_view sv = text.substr(s.begin, s.end - s.begin);
    for (auto [se, pred, oe] : finder_.role_facts()) {
      if (!seen.emplace(se, pred, oe, si).second) continue;
      out.facts.push_back(MakeFact(se, pred, oe, 0.85, sv, s));
    }
    // Every pattern has a slot that only a mention fills.
    if (mentions.empty()) return;
    std::vector<Unit> units;
    std::vector<const SurfaceMention*> unit_mention;
    BuildUnits(surface.tokens, mentions, units, unit_mention);
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
          int e = entities_.Salient(salient, si, si + 1);
          if (e >= 0) out.emplace_back(e, true, false);
          return out;
        }
        if (u == PatternMatch::kFixed) {
          int e = lex_.FindCanonical(fixed);
          if (e >= 0)
            out.emplace_back(entities_.Add(fixed, lex_.entry(e).type, true), false,
                             false);
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
          if (pred == "based_in") entities_.NoteBasedIn(se, oe);
          out.facts.push_back(MakeFact(se, pred, oe, conf, sv, s));
        }
    }
    ExtractFrames(s, si, sv, surface, mentions, seen, out);
  }

  // The frames over the sentence's tree (frames.tsv), after the patterns:
  // a fact both find is stated once.
  void ExtractFrames(const AnnotatedSentence& s, size_t si, std::string_view sv,
                     const Surface& surface, const std::vector<SurfaceMention>& mentions,
                     std::set<std::tuple<int, std::string, int, size_t>>& seen,
                     DocumentInput& out) {
    if (!s.parsed) return;
    std::vector<WordEntity> at(s.words.size());
    auto span_head = [&](int b, int e) {
      for (int w = b; w < e; ++w)
        if (s.words[w].head < b || s.words[w].head >= e) return w;
      return b;
    };
    for (const SurfaceMention& m : mentions) {
      int b = surface.words[m.begin].first, e = surface.words[m.end - 1].second;
      int head = span_head(b, e);
      for (int w = b; w < e; ++w)
        at[w] = {m.entity, entities_[m.entity].type, m.demonym, m.coref, head, false,
                 m.also};
    }
    // Names no one could type, if the tagger reads them as proper nouns or
    // they are capitalised where a sentence does not capitalise
    // ("International Paper's chairman": the tagger reads an adjective and
    // a noun).
    std::map<int, std::pair<size_t, size_t>> unknown;  // head word -> tokens
    for (auto [a, b] : finder_.unknown()) {
      int wb = surface.words[a].first, we = surface.words[b - 1].second;
      bool first = true;  // the sentence's first word, after any quotes
      for (int w = 0; w < wb; ++w) first &= s.words[w].upos == "PUNCT";
      bool proper = b - a >= 2 && !first;
      for (int w = wb; w < we && !proper; ++w) proper = s.words[w].upos == "PROPN";
      for (int w = wb; w < we; ++w) proper &= s.words[w].upos != "PUNCT";
      if (!proper) continue;
      int head = span_head(wb, we);
      unknown[head] = {a, b};
      for (int w = wb; w < we; ++w) {
        at[w].unknown = true;
        at[w].span_head = head;
      }
    }
    Frames::EntityMaker make;
    make.fixed = [&](const std::string& name) -> std::pair<int, std::string> {
      int e = lex_.FindCanonical(name);
      if (e < 0) return {-1, ""};
      int id = entities_.Add(name, lex_.entry(e).type, true);
      return {id, entities_[id].type};
    };
    make.salient = [&](const std::string&) {
      // The government that restricted most within kRestrictorWindow
      // sentences, else the salient government body. Two countries
      // restricting in that stretch make the agent ambiguous, unless the
      // article names one at least twice as often as any other: then that
      // one ("The Hague ... which Washington had restricted ... have been
      // blocked from China" in an article about the Netherlands).
      // A country this sentence names, but not as a clause's subject, is
      // more likely the one restricted ("barred the H100 from the country").
      auto named_here = [&](int e) {
        bool named = false;
        for (size_t w = 0; w < at.size(); ++w) {
          if (at[w].entity != e) continue;
          named = true;
          std::string_view r = s.words[w].deprel;
          if (r == "nsubj" || r == "nsubj:pass") return false;
        }
        return named;
      };
      int best = -1;
      std::vector<int> countries;
      for (const auto& [e, use] : restrictors_) {
        if (si - use.second > kRestrictorWindow) continue;
        if (entities_[e].type == "Country" && named_here(e)) continue;
        if (entities_[e].type == "Country") countries.push_back(e);
        if (best < 0 || use.first > restrictors_[best].first ||
            (use.first == restrictors_[best].first &&
             use.second > restrictors_[best].second))
          best = e;
      }
      if (countries.size() > 1) {
        std::sort(countries.begin(), countries.end(), [&](int a, int b) {
          return entities_[a].mentions > entities_[b].mentions;
        });
        if (entities_[countries[0]].mentions < 2 * entities_[countries[1]].mentions)
          return -1;
        best = countries[0];
      }
      if (best < 0) best = entities_.Salient("GovernmentBody", si, 2);
      // Else a country named in the sentences before, not in this one.
      if (best < 0) {
        int country = entities_.Salient("Country", si - std::min<size_t>(si, 1), 1);
        best = named_here(country) ? -1 : country;
      }
      return best;
    };
    make.country_of = [&](int place) {
      auto it = cues_.place_country.find(AsciiLower(entities_[place].name));
      if (it == cues_.place_country.end()) return -1;
      return make.fixed(it->second).first;
    };
    make.unknown = [&](int w, const std::string& type) {
      auto it = unknown.find(w);
      if (it == unknown.end()) return -1;
      return finder_.NameUnknown(surface.tokens, it->second.first, it->second.second,
                                 type, si);
    };
    for (const FrameMatch& m : frames_.Match(s, at, cues_, make)) {
      const std::string& pred = frames_.predicate(m.frame);
      if (!seen.emplace(m.subject, pred, m.object, si).second) continue;
      if (frame_fires_) ++frame_fires_[m.frame];
      double conf = frames_.confidence(m.frame);
      if (m.coref) conf *= 0.85;
      if (m.coordinated) conf *= 0.95;
      if (pred == "based_in") entities_.NoteBasedIn(m.subject, m.object);
      out.facts.push_back(MakeFact(m.subject, pred, m.object, conf, sv, s));
    }
  }

  // Evidence keeps the article's own characters; offsets are its bytes.
  Fact MakeFact(int se, const std::string& pred, int oe, double conf,
                std::string_view sentence, const AnnotatedSentence& s) const {
    Fact f;
    f.subject = entities_[se].name;
    f.subject_type = entities_[se].type;
    f.predicate = pred;
    f.object = entities_[oe].name;
    f.object_type = entities_[oe].type;
    f.confidence = static_cast<int>(conf * 100 + 0.5) / 100.0;
    f.sentence = std::string(sentence);
    // Readers hand over valid UTF-8; text from elsewhere may not be, and a
    // fact's evidence always is (offsets still point at the raw bytes).
    SanitizeUtf8(&f.sentence);
    f.start = s.begin;
    f.end = s.end;
    return f;
  }

  // "on Tuesday", "last week", "this month": time phrases between a subject
  // and its verb that patterns need not spell out. Returns their length.
  static size_t TimePhrase(const std::vector<Token>& t, size_t i) {
    static const std::unordered_set<std::string> days = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    static const std::unordered_set<std::string> spans = {"week", "month", "year",
                                                          "weekend", "quarter"};
    if (i + 1 >= t.size()) return 0;
    if (t[i].lower == "on" && days.count(t[i + 1].lower)) return 2;
    if ((t[i].lower == "last" || t[i].lower == "this" || t[i].lower == "next") &&
        spans.count(t[i + 1].lower))
      return 2;
    return 0;
  }

  void BuildUnits(const std::vector<Token>& t,
                  const std::vector<SurfaceMention>& mentions, std::vector<Unit>& units,
                  std::vector<const SurfaceMention*>& unit_mention) {
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
        const SurfaceMention& m = mentions[mi++];
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
  bool Negated(const std::vector<Unit>& units, const PatternMatch& m) const {
    static const std::unordered_set<std::string> nominal = {
        "'s", ",",   "of", "from",    "such",     "based", "(",
        "-",  "and", "'",  "analyst", "analysts", "chief", "ceo"};
    if (m.trigger >= units.size() || units[m.trigger].entity >= 0 ||
        nominal.count(units[m.trigger].lower))
      return false;
    // When the object opens the match (passives: "chips made by ASML"), what
    // stands before it belongs to another clause.
    bool object_first = m.object != PatternMatch::kFixed &&
                        (m.subject == PatternMatch::kFixed || m.object < m.subject);
    size_t from = object_first ? m.begin : (m.begin >= 5 ? m.begin - 5 : 0);
    for (size_t k = from; k < m.trigger && k < units.size(); ++k)
      if (units[k].entity < 0 && cues_.negation.count(units[k].lower)) return true;
    // "Taiwan curbed chip exports to Huawei": a restriction between the
    // subject and the trigger prevents the fact (as in the frames).
    if (cues_.restriction_predicate.count(pat_.predicate(m.pattern))) return false;
    auto blocker = [&](const std::string& w) {
      if (cues_.blocker.count(w)) return true;
      for (const std::string& b : RegularBases(w))
        if (cues_.blocker.count(b)) return true;
      return false;
    };
    for (size_t k = m.begin; k < m.trigger && k < units.size(); ++k)
      if (units[k].entity < 0 && blocker(units[k].lower)) return true;
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
  // Restricting governments: entity -> (facts, last sentence). A clause
  // that names no agent takes one seen within kRestrictorWindow sentences
  // (an article's restricting government stays the same for long
  // stretches; two countries restricting make it ambiguous).
  static constexpr size_t kRestrictorWindow = 30;
  std::map<int, std::pair<int, size_t>> restrictors_;
  const Cues& cues_;
  const Patterns& pat_;
  const Frames& frames_;
  std::atomic<int64_t>* frame_fires_;
  std::atomic<int64_t>* analysed_;  // sentences, analysed; words, analysed
  const Analyzer& analyzer_;
  DocumentEntities entities_;
  std::map<int, std::map<std::string, int>> forms_;  // NoteForm
  MentionFinder finder_;
  const Lexicon& lex_;
};

}  // namespace

struct Extractor::Impl {
  Lexicon lexicon;
  const Patterns* patterns;
  const Frames* frames;
  std::unique_ptr<std::atomic<int64_t>[]> frame_fires;
  std::atomic<int64_t> analysed[4] = {};  // as DocumentExtractor::analysed_
  const Cues* cues;
  Roles roles;
  std::shared_ptr<const Analyzer> analyzer;
  bool analyse_all = false;
  double min_confidence = 0;
};

Extractor::Extractor(const std::vector<std::pair<std::string, std::string>>& lexicons,
                     std::shared_ptr<const Analyzer> analyzer, bool analyse_all,
                     double min_confidence)
    : impl_(std::make_unique<Impl>()) {
  impl_->analyse_all = analyse_all;
  impl_->min_confidence = min_confidence;
  impl_->lexicon = Lexicon::Bundled();
  for (const auto& [name, content] : lexicons) impl_->lexicon.Load(content, name);
  impl_->patterns = &Patterns::Bundled();
  impl_->frames = &Frames::Bundled();
  impl_->frame_fires = std::make_unique<std::atomic<int64_t>[]>(impl_->frames->size());
  impl_->cues = &Cues::Bundled();
  impl_->roles = LoadRoles(EmbeddedData("roles.tsv"), impl_->lexicon);
  impl_->analyzer = analyzer ? std::move(analyzer) : LoadAnalyzer(Env::Default());
  fingerprint_ = ComputeFingerprint(lexicons);
}

Extractor::~Extractor() = default;

AnnotatedDocument Extractor::Annotate(const Article& article, bool parse_all) const {
  AnnotatedDocument doc = impl_->analyzer->Split(article.text);
  DocumentExtractor ex(impl_->lexicon, *impl_->cues, *impl_->patterns, *impl_->frames,
                       impl_->roles, *impl_->analyzer);
  ex.Run(article.text, doc, parse_all, nullptr);
  return doc;
}

void Extractor::AnnotateWords(AnnotatedDocument& doc) const {
  DocumentExtractor ex(impl_->lexicon, *impl_->cues, *impl_->patterns, *impl_->frames,
                       impl_->roles, *impl_->analyzer);
  ex.Run("", doc, true, nullptr);
}

DocumentInput Extractor::Extract(const Article& article) const {
  DocumentInput doc;
  doc.uri = article.uri;
  doc.title = article.title;
  doc.source = article.source;
  doc.date = article.date;
  doc.hash = article.hash.empty() ? ContentHash(article.text) : article.hash;
  doc.extractor = fingerprint_;
  doc.uri_is_file = article.uri_is_file;
  AnnotatedDocument annotated = impl_->analyzer->Split(article.text);
  DocumentExtractor ex(impl_->lexicon, *impl_->cues, *impl_->patterns, *impl_->frames,
                       impl_->roles, *impl_->analyzer, impl_->frame_fires.get(),
                       impl_->analysed);
  ex.Run(article.text, annotated, impl_->analyse_all, &doc);
  if (impl_->min_confidence > 0)
    std::erase_if(doc.facts,
                  [&](const Fact& f) { return f.confidence < impl_->min_confidence; });
  return doc;
}

std::string Extractor::Explain() const {
  std::vector<std::pair<int64_t, int>> fired;
  for (size_t f = 0; f < impl_->frames->size(); ++f)
    fired.emplace_back(-impl_->frame_fires[f].load(), static_cast<int>(f));
  std::sort(fired.begin(), fired.end());
  const auto& a = impl_->analysed;
  std::string out =
      "analysed " + std::to_string(a[1].load()) + " of " + std::to_string(a[0].load()) +
      " sentences (" + std::to_string(a[3].load()) + " of " +
      std::to_string(a[2].load()) +
      " words): those naming two entities, or an unknown name by a role word\n";
  out += "facts found by each frame (frames.tsv), most first:\n";
  for (auto [minus, f] : fired)
    out += std::to_string(-minus) + "\t" + impl_->frames->Describe(f) + "\n";
  return out;
}

std::shared_ptr<const Analyzer> LoadAnalyzer(Env& env, const std::string& path) {
  // One analyzer per model file for the life of the process: the models are
  // tens of megabytes and every extractor shares them.
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const Analyzer>> loaded;
  std::string p = path.empty() ? DefaultModelPath(env) : path;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = loaded[p];
  if (!slot) slot = Analyzer::Load(env, p);
  return slot;
}

// --- Fingerprint ----------------------------------------------------------------

namespace {
// Bump when extraction code changes output: the next kg ingest then
// re-extracts every stored document whose text it has.
constexpr int kExtractorVersion = 6;
}  // namespace

std::string Extractor::ComputeFingerprint(
    const std::vector<std::pair<std::string, std::string>>& lexicons) const {
  std::string version = "kg extractor " + std::to_string(kExtractorVersion) +
                        (impl_->analyse_all ? " analysing all sentences" : "");
  if (impl_->min_confidence > 0)
    version += " min confidence " + std::to_string(impl_->min_confidence);
  // The parts that determine the output, hashed in this order.
  std::vector<std::string_view> parts = {version,
                                         EmbeddedData("lexicon.tsv"),
                                         EmbeddedData("patterns.tsv"),
                                         EmbeddedData("frames.tsv"),
                                         EmbeddedData("roles.tsv"),
                                         EmbeddedData("cues.tsv"),
                                         EmbeddedData("names.tsv"),
                                         EmbeddedData("tokens.tsv"),
                                         impl_->analyzer->checksum()};
  // Users' lexicons: their content only; the names are for messages.
  for (const auto& [name, content] : lexicons) parts.push_back(content);
  std::string hashes;  // fixed-width, so parts cannot run into each other
  for (std::string_view part : parts) hashes += ContentHash(part);
  return ContentHash(hashes);
}

}  // namespace kg
