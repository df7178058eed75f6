// query: answers over the store — names as users type them, paths,
// neighbourhoods, entity cards, triple listings and pattern matches. Every
// answer reads through Store::Lookup (index lookups), never the whole graph,
// so that it takes milliseconds on a store of a million triples.
#ifndef KG_QUERY_QUERY_H_
#define KG_QUERY_QUERY_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg {

using EntityRef = Store::EntityRef;
// The entities an answer names, by id.
using EntityNames = std::map<int64_t, EntityRef>;

// --- Names ------------------------------------------------------------------

// Up to `max` known names close to `name`, ranked by edit distance on the
// folded name, then by how often the entity is mentioned.
std::vector<std::string> SuggestNames(Store& store, std::string_view name,
                                      const GraphFilter& filter, int max = 5);

// The entity `name` stands for (any alias, any case, with or without
// punctuation) in the graph `filter` selects. Throws Error("unknown entity
// ...; did you mean ...?").
int64_t ResolveEntity(Store& store, Store::Lookup& lookup, std::string_view name,
                      const GraphFilter& filter);
int64_t ResolveEntity(Store& store, std::string_view name, const GraphFilter& filter);
// Several names at once: when some are unknown, one Error names them all
// ("unknown entities "A" (did you mean ...?) and "B"").
std::vector<int64_t> ResolveEntities(Store& store, Store::Lookup& lookup,
                                     const std::vector<std::string_view>& names,
                                     const GraphFilter& filter);

// --- What a walk may use ----------------------------------------------------

// Empty sets allow everything.
struct EdgeFilter {
  std::set<std::string> predicates;  // only edges with these predicates
  std::set<std::string> avoid;       // never edges with these
  std::set<std::string> types;       // only entities of these types
  int min_weight = 0;                // only edges with this many documents
};

// The schema's spelling of each entity type (case-blind: "company" is
// Company), or a usage Error naming the first that is none, with the nearest
// one ("unknown type 'Compnay'; did you mean 'Company'?").
std::set<std::string> CheckTypes(const std::set<std::string>& types);
// The same for predicates ("unknown predicate 'sanction'; did you mean
// 'sanctions'?"): a filter that names no predicate would match nothing.
std::set<std::string> CheckPredicates(const std::set<std::string>& predicates);

enum class Direction { kOut, kIn, kBoth };

// --- Paths ------------------------------------------------------------------

struct Hop {
  Edge edge;
  int64_t from = 0, to = 0;  // in the order the path walks
  bool forward = true;       // walked from subject to object
};

struct Path {
  std::vector<Hop> hops;
  // Weak support costs: the sum over hops of kSupportScale / weight (integer
  // division). Lower is stronger.
  int64_t cost = 0;
};
inline constexpr int64_t kSupportScale = 1000000;

struct PathOptions {
  GraphFilter filter;
  int max_hops = 6;
  int k = 1;
  bool directed = false;  // follow edges only from subject to object
  // Each path uses at least one edge with one of these predicates.
  std::set<std::string> via;
  EdgeFilter edges;
};

// The k shortest loopless paths from `from` to `to` within max_hops (Yen's
// algorithm), ranked by fewer hops, then lower cost (stronger support), then
// the lexicographically smaller sequence of triple ids (earlier triples).
// Parallel triples make distinct paths. from == to gives one path of no hops
// (none when `via` is set). Throws Error when an end is left out by
// edges.types.
//
// The search never loads the graph: it grows balls around both ends by index
// lookups, always the side with the smaller frontier, until they hold every
// path short enough to be among the k best, and runs Yen's algorithm on
// Boost.Graph over that small subgraph only.
std::vector<Path> ShortestPaths(Store& store, int64_t from, int64_t to,
                                const PathOptions& options);

// The best of ShortestPaths: empty hops when from == to; nullopt when there
// is no path within max_hops.
std::optional<std::vector<Hop>> ShortestPath(Store& store, int64_t from, int64_t to,
                                             const PathOptions& options);

// --- Neighbourhoods ---------------------------------------------------------

struct NeighborOptions {
  GraphFilter filter;
  int depth = 1;
  Direction direction = Direction::kBoth;
  EdgeFilter edges;
};

struct Neighbor {
  int depth = 1;  // of hop.to
  Hop hop;        // hop.from is one step nearer the centre than hop.to
};

struct Neighborhood {
  EntityRef center;
  // One group per predicate: groups with the strongest edge first; in a
  // group, nearer first, then by weight, evidence and name.
  struct Group {
    std::string predicate;
    std::vector<Neighbor> rows;
  };
  std::vector<Group> groups;
  int count = 0;  // rows in all groups
  EntityNames entities;
};

// Every edge that leads from a node at depth d - 1 to a node first reached at
// depth d, for d up to options.depth.
Neighborhood Neighbors(Store& store, int64_t center, const NeighborOptions& options);

// --- Entity cards -----------------------------------------------------------

struct EntityCard {
  Node node;
  struct Link {
    Edge edge;
    bool outgoing = true;  // the entity is the subject
  };
  // One group per predicate and direction, the one with most documents
  // first; in a group, by weight, then evidence, then first seen.
  struct Group {
    std::string predicate;
    bool outgoing = true;
    int evidence = 0;  // evidence rows of all its links
    std::vector<Link> links;
  };
  std::vector<Group> groups;
  std::vector<Link> timeline;  // by first seen, then last seen; undated last
  EntityNames entities;
};

EntityCard GetEntityCard(Store& store, int64_t entity, const GraphFilter& filter);

// --- Triple listings --------------------------------------------------------

struct TripleQuery {
  GraphFilter filter;
  std::optional<int64_t> subject, object;
  std::set<std::string> predicates;  // any of these; empty: all
  std::set<std::string> types;       // subject or object of one of these
  int min_weight = 0;
  std::string since, until;  // a supporting article dated in [since, until]
  int limit = 0;             // 0: all
};

struct TripleList {
  std::vector<Edge> edges;  // in triple id order
  bool truncated = false;   // more matched than `limit`
  EntityNames entities;
};

TripleList ListTriples(Store& store, const TripleQuery& query);

// --- Pattern matching -------------------------------------------------------

struct MatchTerm {
  bool variable = false;
  std::string text;  // a variable's name without '?', or the name as typed
  std::string type;  // a variable's type constraint ("?co:Company"), or ""
};

struct MatchPattern {
  std::string source;  // as typed
  MatchTerm subject, predicate, object;
};

// Parses "S P O". A term is ?var, ?var:Type, a bare word, or a "quoted
// name" (\" and \\ escape). Throws a usage Error quoting the pattern.
MatchPattern ParseMatchPattern(std::string_view text);

struct MatchOptions {
  GraphFilter filter;
  int limit = 100;  // 0: all
  int min_weight = 0;
};

struct MatchResult {
  std::vector<std::string> variables;  // in order of first appearance
  std::vector<bool> predicate_variable;
  struct Binding {
    int64_t entity = 0;     // an entity variable's value
    std::string predicate;  // a predicate variable's value
  };
  struct Row {
    std::vector<Binding> values;   // one per variable
    std::vector<int64_t> triples;  // one per pattern, in pattern order
  };
  std::vector<Row> rows;  // in the order found (triple ids ascending)
  bool truncated = false;
  std::map<int64_t, Edge> edges;  // every matched triple
  EntityNames entities;
};

// The bindings of the patterns' variables under which every pattern is a
// triple of the graph (shared variables join; distinct variables may take
// the same value). Names resolve as ResolveEntity does, and a name that
// matches nothing throws likewise; malformed patterns (a variable in both
// predicate and entity positions, conflicting or unknown types) throw usage
// Errors.
MatchResult Match(Store& store, const std::vector<MatchPattern>& patterns,
                  const MatchOptions& options);

}  // namespace kg

#endif  // KG_QUERY_QUERY_H_
