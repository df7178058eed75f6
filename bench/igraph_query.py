"""The realistic alternative to `kg path|neighbors|entity`: load the graph that
`kg export graphml` wrote into igraph and answer the same question there.

As a program, one process answers one question, as kg does:
    /usr/bin/python3 igraph_query.py GRAPH.graphml path FROM TO
    /usr/bin/python3 igraph_query.py GRAPH.graphml neighbors ENTITY
    /usr/bin/python3 igraph_query.py GRAPH.graphml entity ENTITY
query_bench.py also imports it to time the questions on a graph already
loaded.
"""

import sys

import igraph


class Loaded:
    """A GraphML file in igraph, with a name index (case-insensitive)."""

    def __init__(self, path):
        self.graph = igraph.Graph.Read_GraphML(path)
        self.index = {name.lower(): i for i, name in enumerate(self.graph.vs["label"])}

    def vertex(self, name):
        v = self.index.get(name.lower())
        if v is None:
            raise KeyError("unknown entity %r" % name)
        return v

    def describe(self, e):
        edge = self.graph.es[e]
        src = self.graph.vs[edge.source]["label"]
        dst = self.graph.vs[edge.target]["label"]
        return "%s --%s--> %s (%d documents)\n  \"%s\"\n  %s" % (
            src, edge["predicate"], dst, int(edge["weight"] or 0), edge["evidence"],
            edge["document"])

    def path(self, a, b):
        """One shortest path, both directions, each hop with its evidence."""
        g = self.graph
        hops = g.get_shortest_paths(self.vertex(a), to=self.vertex(b), mode="all",
                                    output="epath")[0]
        return [self.describe(e) for e in hops]

    def neighbors(self, name):
        """Incident edges grouped by predicate, strongest first."""
        g = self.graph
        v = self.vertex(name)
        groups = {}
        for e in g.incident(v, mode="all"):
            groups.setdefault(g.es[e]["predicate"], []).append(e)
        lines = []
        for predicate in sorted(groups):
            edges = sorted(groups[predicate], key=lambda e: -(g.es[e]["weight"] or 0))
            lines.append(predicate)
            lines.extend(self.describe(e) for e in edges)
        return lines

    def entity(self, name):
        """The card: attributes, triples by predicate and direction, timeline."""
        g = self.graph
        v = self.vertex(name)
        node = g.vs[v]
        lines = ["%s (%s) aliases=%s mentions=%s seen=%s..%s degree=%d" % (
            node["label"], node["type"], node["aliases"], node["mentions"],
            node["first_seen"], node["last_seen"], g.degree(v))]
        incident = g.incident(v, mode="all")
        groups = {}
        for e in incident:
            key = (g.es[e]["predicate"], g.es[e].source == v)
            groups.setdefault(key, []).append(e)
        for key in sorted(groups):
            lines.append("%s %s" % key)
            lines.extend(self.describe(e) for e in sorted(
                groups[key], key=lambda e: -(g.es[e]["weight"] or 0)))
        timeline = sorted(incident, key=lambda e: g.es[e]["first_seen"] or "9999")
        lines.extend(self.describe(e) for e in timeline)
        return lines


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    loaded = Loaded(argv[1])
    command = argv[2]
    if command == "path":
        lines = loaded.path(argv[3], argv[4])
    elif command == "neighbors":
        lines = loaded.neighbors(argv[3])
    elif command == "entity":
        lines = loaded.entity(argv[3])
    else:
        sys.stderr.write("unknown command %r\n" % command)
        return 2
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
