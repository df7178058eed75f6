// Names as users type them.
#include <algorithm>
#include <map>
#include <set>

#include "query/query.h"

namespace kg {

std::vector<std::string> SuggestNames(Store& store, std::string_view name,
                                      const GraphFilter& filter, int max) {
  std::string key = FoldKey(name);
  int cap = std::max(2, static_cast<int>(key.size()) / 2);
  std::map<int64_t, int> mentions;
  store.ForEachNode(filter, [&](const Node& n) { mentions[n.id] = n.mentions; });

  struct Candidate {
    int distance;
    int mentions;
    std::string name;
  };
  std::map<int64_t, Candidate> best;  // one suggestion per entity
  for (const NameEntry& e : store.Names(filter)) {
    auto m = mentions.find(e.entity_id);
    if (m == mentions.end()) continue;
    int d = EditDistance(key, e.key, cap);
    // A name that contains what was typed is a good guess too ("deep" -> DeepSeek).
    if (key.size() >= 3 && e.key.find(key) != std::string::npos)
      d = std::min(d, 1 + static_cast<int>(e.key.size() - key.size()) / 4);
    if (d > cap) continue;
    auto it = best.find(e.entity_id);
    if (it == best.end() || d < it->second.distance)
      best[e.entity_id] = {d, m->second, e.alias};
  }
  std::vector<Candidate> ranked;
  for (auto& [id, c] : best) ranked.push_back(c);
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

int64_t ResolveEntity(Store& store, std::string_view name, const GraphFilter& filter) {
  if (auto id = store.FindEntity(name, filter)) return *id;
  std::string msg = "unknown entity \"" + std::string(name) + "\"";
  auto suggestions = SuggestNames(store, name, filter);
  if (!suggestions.empty()) {
    msg += "; did you mean ";
    for (size_t i = 0; i < suggestions.size(); ++i)
      msg += (i ? ", \"" : "\"") + suggestions[i] + "\"";
    msg += "?";
  }
  throw Error(msg);
}

}  // namespace kg
