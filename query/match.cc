// Conjunctive triple patterns: parsed, compiled to slots, ordered greedily
// (the pattern with the most fixed positions next), and joined depth-first
// by index lookups, memoised per distinct lookup.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <tuple>

#include "query/query.h"
#include "query/walker.h"

namespace kg {

namespace {

[[noreturn]] void Bad(std::string_view pattern, const std::string& what) {
  throw Error("pattern \"" + std::string(pattern) + "\": " + what, Error::Kind::kUsage);
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

MatchTerm ParseVariable(std::string_view pattern, const std::string& token) {
  MatchTerm term;
  term.variable = true;
  std::string body = token.substr(1);
  if (size_t colon = body.find(':'); colon != std::string::npos) {
    term.type = body.substr(colon + 1);
    body.resize(colon);
    if (!IsEntityType(term.type)) {
      std::string known;
      for (const std::string& k : EntityTypes()) known += (known.empty() ? "" : ", ") + k;
      Bad(pattern,
          "unknown type '" + term.type + "' in " + token + "; types are " + known);
    }
  }
  if (body.empty() || !std::all_of(body.begin(), body.end(), IsWordChar))
    Bad(pattern, "bad variable " + token + "; write ?name or ?name:Type");
  term.text = body;
  return term;
}

}  // namespace

MatchPattern ParseMatchPattern(std::string_view text) {
  MatchPattern p;
  p.source = std::string(text);
  std::vector<MatchTerm> terms;
  size_t i = 0;
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    if (text[i] == '"') {
      MatchTerm term;
      size_t start = i++;
      bool closed = false;
      while (i < text.size()) {
        char c = text[i++];
        if (c == '\\' && i < text.size()) {
          term.text += text[i++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          term.text += c;
        }
      }
      if (!closed) Bad(text, "unterminated quote at " + std::string(text.substr(start)));
      if (Trim(term.text).empty()) Bad(text, "empty name \"\"");
      terms.push_back(std::move(term));
      continue;
    }
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string token(text.substr(start, i - start));
    if (token[0] == '?') {
      terms.push_back(ParseVariable(text, token));
    } else {
      MatchTerm term;
      term.text = token;
      terms.push_back(std::move(term));
    }
  }
  if (terms.size() != 3)
    Bad(text, "expected SUBJECT PREDICATE OBJECT, got " + std::to_string(terms.size()) +
                  (terms.size() == 1 ? " term" : " terms") +
                  (terms.size() > 3 ? " (quote names of several words: "
                                      "'?x based_in \"United States\"')"
                                    : ""));
  p.subject = std::move(terms[0]);
  p.predicate = std::move(terms[1]);
  p.object = std::move(terms[2]);
  if (!p.predicate.variable) {
    const std::string& name = p.predicate.text;
    bool snake = !name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
                 std::all_of(name.begin(), name.end(), [](char c) {
                   return std::islower(static_cast<unsigned char>(c)) ||
                          std::isdigit(static_cast<unsigned char>(c)) || c == '_';
                 });
    if (!snake)
      Bad(text, "the predicate '" + name + "' is not lower_snake_case (e.g. sanctions)");
  }
  if (p.predicate.variable && !p.predicate.type.empty())
    Bad(text, "?" + p.predicate.text + " stands for a predicate and takes no type");
  return p;
}

namespace {

// One position of a compiled pattern: a constant, or a variable's index.
struct Slot {
  int var = -1;
  int64_t entity = 0;     // a constant entity
  std::string predicate;  // a constant predicate
};

struct Compiled {
  Slot s, p, o;
};

struct Variable {
  std::string name, type;
  bool predicate = false;
};

class Matcher {
 public:
  Matcher(Store& store, const std::vector<MatchPattern>& patterns,
          const MatchOptions& options)
      : store_(store),
        options_(options),
        lookup_(store.NewLookup(options.filter)),
        walker_(*lookup_, no_filter_) {
    if (patterns.empty())
      throw Error("give at least one pattern, such as '?gov sanctions ?co'",
                  Error::Kind::kUsage);
    for (const MatchPattern& p : patterns) {
      Compiled c;
      c.s = EntitySlot(p, p.subject);
      c.p = PredicateSlot(p, p.predicate);
      c.o = EntitySlot(p, p.object);
      compiled_.push_back(std::move(c));
    }
    Order();
  }

  MatchResult Run() {
    values_.assign(variables_.size(), {});
    bound_.assign(variables_.size(), 0);
    triples_.assign(compiled_.size(), 0);
    Step(0);
    for (const Variable& v : variables_) {
      result_.variables.push_back(v.name);
      result_.predicate_variable.push_back(v.predicate);
    }
    for (const MatchResult::Row& row : result_.rows) {
      for (int64_t t : row.triples) {
        if (result_.edges.count(t)) continue;
        auto edge = lookup_->GetEdge(t);
        if (!edge) continue;
        Name(edge->source);
        Name(edge->target);
        result_.edges.emplace(t, std::move(*edge));
      }
      for (size_t v = 0; v < variables_.size(); ++v)
        if (!variables_[v].predicate) Name(row.values[v].entity);
    }
    return std::move(result_);
  }

 private:
  int VariableIndex(const MatchPattern& p, const MatchTerm& term, bool predicate) {
    auto it = index_.find(term.text);
    if (it == index_.end()) {
      it = index_.emplace(term.text, static_cast<int>(variables_.size())).first;
      variables_.push_back({term.text, "", predicate});
    }
    Variable& v = variables_[it->second];
    if (v.predicate != predicate)
      Bad(p.source, "?" + term.text +
                        " stands for a predicate in one place and an "
                        "entity in another");
    if (!term.type.empty()) {
      if (!v.type.empty() && v.type != term.type)
        Bad(p.source,
            "?" + term.text + " is given two types, " + v.type + " and " + term.type);
      v.type = term.type;
    }
    return it->second;
  }

  Slot EntitySlot(const MatchPattern& p, const MatchTerm& term) {
    Slot slot;
    if (term.variable) {
      slot.var = VariableIndex(p, term, false);
    } else {
      slot.entity = ResolveEntity(store_, *lookup_, term.text, options_.filter);
    }
    return slot;
  }

  Slot PredicateSlot(const MatchPattern& p, const MatchTerm& term) {
    Slot slot;
    if (term.variable) {
      slot.var = VariableIndex(p, term, true);
    } else {
      slot.predicate = term.text;
    }
    return slot;
  }

  // Greedy join order: next, the pattern with most positions fixed by
  // constants or by variables bound earlier; ends weigh more than predicates.
  void Order() {
    std::vector<char> bound(variables_.size(), 0), used(compiled_.size(), 0);
    auto fixed = [&](const Slot& s) { return s.var < 0 || bound[s.var]; };
    for (size_t step = 0; step < compiled_.size(); ++step) {
      int best = -1, best_score = -1;
      for (size_t i = 0; i < compiled_.size(); ++i) {
        if (used[i]) continue;
        const Compiled& c = compiled_[i];
        int score = 4 * fixed(c.s) + 4 * fixed(c.o) + fixed(c.p);
        if (score > best_score) {
          best = static_cast<int>(i);
          best_score = score;
        }
      }
      used[best] = 1;
      order_.push_back(best);
      for (const Slot* s : {&compiled_[best].s, &compiled_[best].p, &compiled_[best].o})
        if (s->var >= 0) bound[s->var] = 1;
    }
  }

  // Binds an entity slot to `id`; false when it conflicts. Appends what it
  // bound to `newly`.
  bool BindEntity(const Slot& slot, int64_t id, std::vector<int>& newly) {
    if (slot.var < 0) return slot.entity == id;
    if (bound_[slot.var]) return values_[slot.var].entity == id;
    const Variable& v = variables_[slot.var];
    if (!v.type.empty() && walker_.Entity(id).type != v.type) return false;
    values_[slot.var].entity = id;
    bound_[slot.var] = 1;
    newly.push_back(slot.var);
    return true;
  }

  bool BindPredicate(const Slot& slot, const std::string& predicate,
                     std::vector<int>& newly) {
    if (slot.var < 0) return slot.predicate == predicate;
    if (bound_[slot.var]) return values_[slot.var].predicate == predicate;
    values_[slot.var].predicate = predicate;
    bound_[slot.var] = 1;
    newly.push_back(slot.var);
    return true;
  }

  // The triples a pattern can match given what is bound, memoised.
  const std::vector<TripleEnds>& Candidates(const Compiled& c) {
    Store::TriplePattern pattern;
    auto entity = [&](const Slot& s) -> std::optional<int64_t> {
      if (s.var < 0) return s.entity;
      if (bound_[s.var]) return values_[s.var].entity;
      return std::nullopt;
    };
    pattern.subject = entity(c.s);
    pattern.object = entity(c.o);
    if (c.p.var < 0) {
      pattern.predicate = c.p.predicate;
    } else if (bound_[c.p.var]) {
      pattern.predicate = values_[c.p.var].predicate;
    }
    auto key = std::make_tuple(pattern.subject.value_or(0), pattern.object.value_or(0),
                               pattern.predicate ? "=" + *pattern.predicate : "");
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    auto emplaced = memo_.try_emplace(key);
    std::vector<TripleEnds>& found = emplaced.first->second;
    if (emplaced.second)
      lookup_->Triples(pattern, [&](const TripleEnds& t) {
        found.push_back(t);
        return true;
      });
    return found;
  }

  // False once the result is full.
  bool Step(size_t step) {
    if (step == order_.size()) {
      if (options_.limit > 0 && static_cast<int>(result_.rows.size()) == options_.limit) {
        result_.truncated = true;
        return false;
      }
      result_.rows.push_back({values_, triples_});
      return true;
    }
    int index = order_[step];
    const Compiled& c = compiled_[index];
    auto visit = [&](const TripleEnds& t) {
      std::vector<int> newly;
      bool ok = BindEntity(c.s, t.subject, newly) &&
                BindPredicate(c.p, t.predicate, newly) &&
                BindEntity(c.o, t.object, newly) &&
                (options_.min_weight <= 1 || walker_.Weight(t.id) >= options_.min_weight);
      bool more = true;
      if (ok) {
        triples_[index] = t.id;
        more = Step(step + 1);
      }
      for (int v : newly) bound_[v] = 0;
      return more;
    };
    if (step == 0) {  // runs once: stream it, however large
      Store::TriplePattern pattern;
      if (c.s.var < 0) pattern.subject = c.s.entity;
      if (c.o.var < 0) pattern.object = c.o.entity;
      if (c.p.var < 0) pattern.predicate = c.p.predicate;
      bool more = true;
      lookup_->Triples(pattern, [&](const TripleEnds& t) { return more = visit(t); });
      return more;
    }
    // Deeper steps add to the memo meanwhile; std::map keeps this entry.
    for (const TripleEnds& t : Candidates(c))
      if (!visit(t)) return false;
    return true;
  }

  void Name(int64_t id) {
    if (!result_.entities.count(id)) result_.entities.emplace(id, walker_.Entity(id));
  }

  Store& store_;
  MatchOptions options_;
  std::unique_ptr<Store::Lookup> lookup_;
  EdgeFilter no_filter_;
  Walker walker_;
  std::vector<Variable> variables_;
  std::map<std::string, int> index_;
  std::vector<Compiled> compiled_;
  std::vector<int> order_;
  std::vector<MatchResult::Binding> values_;
  std::vector<char> bound_;
  std::vector<int64_t> triples_;
  std::map<std::tuple<int64_t, int64_t, std::string>, std::vector<TripleEnds>> memo_;
  MatchResult result_;
};

}  // namespace

MatchResult Match(Store& store, const std::vector<MatchPattern>& patterns,
                  const MatchOptions& options) {
  return Matcher(store, patterns, options).Run();
}

}  // namespace kg
