// Names as users type them.
#include <algorithm>
#include <map>

#include "query/query.h"

namespace kg {

namespace {

std::vector<std::string> Suggest(Store& store, Store::Lookup& lookup,
                                 std::string_view name, const GraphFilter& filter,
                                 int max) {
  std::string key = FoldKey(name);
  // A typo or two, not a different word: "Nvidai" suggests Nvidia,
  // "Narnia" does not (three letters differ), nor "america" Mexico.
  const int cap = key.size() <= 4 ? 1 : key.size() <= 9 ? 2 : 3;
  struct Candidate {
    int distance;
    int mentions;
    std::string name;
  };
  std::map<int64_t, Candidate> best;  // one suggestion per entity
  for (const NameEntry& e : store.Names(filter)) {
    int d = EditDistance(key, e.key, cap);
    // A name that contains what was typed is a good guess too ("deep" -> DeepSeek).
    if (key.size() >= 3 && e.key.find(key) != std::string::npos)
      d = std::min(d, 1 + static_cast<int>(e.key.size() - key.size()) / 4);
    if (d > cap) continue;
    auto it = best.find(e.entity_id);
    if (it == best.end() || d < it->second.distance) best[e.entity_id] = {d, 0, e.alias};
  }
  std::vector<Candidate> ranked;
  for (auto& [id, c] : best) {
    std::optional<Node> node = lookup.GetNode(id);
    if (!node) continue;  // not in this graph
    c.mentions = node->mentions;
    ranked.push_back(c);
  }
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.mentions != b.mentions) return a.mentions > b.mentions;
    return a.name < b.name;
  });
  std::vector<std::string> out;
  for (const auto& c : ranked) {
    if (static_cast<int>(out.size()) == max) break;
    out.push_back(c.name);
  }
  return out;
}

}  // namespace

std::vector<std::string> SuggestNames(Store& store, std::string_view name,
                                      const GraphFilter& filter, int max) {
  auto lookup = store.NewLookup(filter);
  return Suggest(store, *lookup, name, filter, max);
}

std::vector<int64_t> ResolveEntities(Store& store, Store::Lookup& lookup,
                                     const std::vector<std::string_view>& names,
                                     const GraphFilter& filter) {
  std::vector<int64_t> ids;
  std::vector<std::string> unknown;  // each with its suggestions
  for (std::string_view name : names) {
    if (auto id = lookup.FindEntity(name)) {
      ids.push_back(*id);
      continue;
    }
    std::string said = "\"" + std::string(name) + "\"";
    std::string guesses;
    for (const std::string& s : Suggest(store, lookup, name, filter, 5))
      guesses += (guesses.empty() ? "\"" : ", \"") + s + "\"";
    unknown.push_back(said + (guesses.empty() ? "" : "\x1f" + guesses));
  }
  if (unknown.empty()) return ids;
  const std::string as_of =
      filter.as_of_date.empty() ? "" : " as of " + filter.as_of_date;
  std::string msg;
  if (unknown.size() == 1) {  // unknown entity "X"; did you mean "Y"?
    size_t cut = unknown[0].find('\x1f');
    msg = "unknown entity " + unknown[0].substr(0, cut) + as_of;
    if (cut != std::string::npos)
      msg += "; did you mean " + unknown[0].substr(cut + 1) + "?";
  } else {  // unknown entities "X" (did you mean "Y"?) and "Z"
    msg = "unknown entities ";
    for (size_t i = 0; i < unknown.size(); ++i) {
      if (i > 0) msg += i + 1 == unknown.size() ? " and " : ", ";
      size_t cut = unknown[i].find('\x1f');
      msg += unknown[i].substr(0, cut);
      if (cut != std::string::npos)
        msg += " (did you mean " + unknown[i].substr(cut + 1) + "?)";
    }
    msg += as_of;
  }
  throw Error(msg);
}

int64_t ResolveEntity(Store& store, Store::Lookup& lookup, std::string_view name,
                      const GraphFilter& filter) {
  return ResolveEntities(store, lookup, {name}, filter)[0];
}

int64_t ResolveEntity(Store& store, std::string_view name, const GraphFilter& filter) {
  auto lookup = store.NewLookup(filter);
  return ResolveEntity(store, *lookup, name, filter);
}

namespace {

// The vocabulary's spelling of each word of `given` (case-blind); a usage
// Error for a word it lacks, with the nearest word when one is near.
std::set<std::string> InVocabulary(const std::set<std::string>& given,
                                   const std::vector<std::string>& vocabulary,
                                   const char* what, const char* plural) {
  std::set<std::string> out;
  for (const std::string& g : given) {
    auto same = std::find_if(
        vocabulary.begin(), vocabulary.end(),
        [&](const std::string& v) { return AsciiLower(v) == AsciiLower(g); });
    if (same != vocabulary.end()) {
      out.insert(*same);
      continue;
    }
    std::string near;
    int best = 3;
    for (const std::string& v : vocabulary) {
      int d = EditDistance(AsciiLower(g), AsciiLower(v), 2);
      // A prefix is near too: "sanction" for "sanctions", "restricts" for
      // "restricts_exports_to".
      if (g.size() >= 4 && AsciiLower(v).rfind(AsciiLower(g), 0) == 0) d = std::min(d, 1);
      if (d < best) best = d, near = v;
    }
    std::string msg = std::string("unknown ") + what + " '" + g + "'";
    if (!near.empty()) msg += "; did you mean '" + near + "'?";
    std::string known;
    for (const std::string& v : vocabulary) known += (known.empty() ? "" : ", ") + v;
    throw Error(msg + " (" + plural + " are " + known + ")", Error::Kind::kUsage);
  }
  return out;
}

}  // namespace

std::set<std::string> CheckTypes(const std::set<std::string>& types) {
  return InVocabulary(types, EntityTypes(), "type", "types");
}

std::set<std::string> CheckPredicates(const std::set<std::string>& predicates) {
  return InVocabulary(predicates, SchemaPredicates(), "predicate", "predicates");
}

}  // namespace kg
