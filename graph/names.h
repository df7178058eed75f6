// Internal to graph/: an entity's other names, gathered from its names in
// the store, the names articles used for it and the names lexicons give it,
// into Node::aliases.
#ifndef KG_GRAPH_NAMES_H_
#define KG_GRAPH_NAMES_H_

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "graph/graph.h"

namespace kg {

class NameCounter {
 public:
  explicit NameCounter(const std::string& name) : own_(FoldKey(name)) {}

  // One more name, used `count` times by articles (0: never). Names that
  // fold alike are one; it is shown as it was most often written.
  void Add(const std::string& name, int count) {
    std::string key = FoldKey(name);
    if (key.empty() || key == own_) return;
    Folded& f = by_key_[key];
    f.total += count;
    f.spellings[name] += count;
    if (f.shown.empty() || Better(name, f.shown, f)) f.shown = name;
  }

  // Node::aliases and Node::alias_mentions: most used first, then by name.
  void Finish(Node& n) const {
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [key, f] : by_key_) ranked.emplace_back(-f.total, f.shown);
    std::sort(ranked.begin(), ranked.end());
    n.aliases.clear();
    n.alias_mentions.clear();
    for (auto& [minus, name] : ranked) {
      n.aliases.push_back(std::move(name));
      n.alias_mentions.push_back(-minus);
    }
  }

 private:
  struct Folded {
    int total = 0;
    std::map<std::string, int> spellings;
    std::string shown;
  };
  // A word of five letters or more in capitals is a dateline's or a
  // headline's ("WASHINGTON"), shown only when there is no other spelling.
  static bool Shouted(const std::string& s) {
    int upper = 0;
    for (char c : s) {
      if (c >= 'a' && c <= 'z') return false;
      upper += c >= 'A' && c <= 'Z';
    }
    return upper >= 5;
  }
  static bool Better(const std::string& a, const std::string& b, const Folded& f) {
    if (Shouted(a) != Shouted(b)) return Shouted(b);
    int na = f.spellings.at(a), nb = f.spellings.at(b);
    return na != nb ? na > nb : a < b;
  }
  std::string own_;
  std::map<std::string, Folded> by_key_;
};

}  // namespace kg

#endif  // KG_GRAPH_NAMES_H_
