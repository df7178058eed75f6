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
  int cap = std::max(2, static_cast<int>(key.size()) / 2);
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

int64_t ResolveEntity(Store& store, Store::Lookup& lookup, std::string_view name,
                      const GraphFilter& filter) {
  if (auto id = lookup.FindEntity(name)) return *id;
  std::string msg = "unknown entity \"" + std::string(name) + "\"";
  if (!filter.as_of_date.empty()) msg += " as of " + filter.as_of_date;
  auto suggestions = Suggest(store, lookup, name, filter, 5);
  if (!suggestions.empty()) {
    msg += "; did you mean ";
    for (size_t i = 0; i < suggestions.size(); ++i)
      msg += (i ? ", \"" : "\"") + suggestions[i] + "\"";
    msg += "?";
  }
  throw Error(msg);
}

int64_t ResolveEntity(Store& store, std::string_view name, const GraphFilter& filter) {
  auto lookup = store.NewLookup(filter);
  return ResolveEntity(store, *lookup, name, filter);
}

void CheckTypes(const std::set<std::string>& types) {
  for (const std::string& t : types) {
    if (IsEntityType(t)) continue;
    std::string known;
    for (const std::string& k : EntityTypes()) known += (known.empty() ? "" : ", ") + k;
    throw Error("unknown type '" + t + "'; types are " + known, Error::Kind::kUsage);
  }
}

}  // namespace kg
