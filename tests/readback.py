#!/usr/bin/python3
"""Reads an exported graph back with an independent reader and prints it in a
canonical form the C++ tests compare against the store:
  NODE label|type
  EDGE source-label|predicate|target-label|weight
sorted. Usage: readback.py networkx|igraph|networkx-gexf|networkx-json FILE
               readback.py csv DIR   (Gephi's nodes.csv and edges.csv)
Files are read exactly as kg wrote them, as a user's reader would read them:
nothing is rewritten first (NetworkX 2.8 reads GEXF 1.2draft, not 1.3)."""
import csv
import json
import os
import sys


def lines_networkx(g, type_key="type"):
    out = [f"NODE {d['label']}|{d[type_key]}" for _, d in g.nodes(data=True)]
    for s, t, d in g.edges(data=True):
        w = float(d["weight"])
        out.append(f"EDGE {g.nodes[s]['label']}|{d['label']}|{g.nodes[t]['label']}|{w:g}")
    return out


def main():
    reader, path = sys.argv[1], sys.argv[2]
    if reader == "networkx":
        import networkx as nx
        lines = lines_networkx(nx.read_graphml(path, force_multigraph=True))
    elif reader == "networkx-gexf":
        import networkx as nx
        lines = lines_networkx(nx.read_gexf(path))
    elif reader == "networkx-json":
        import networkx as nx
        with open(path, encoding="utf-8") as f:
            g = nx.node_link_graph(json.load(f))
        if not (g.is_directed() and g.is_multigraph()):
            sys.exit("expected a directed multigraph")
        lines = lines_networkx(g, "entity_type")
    elif reader == "csv":
        def rows(name):
            with open(os.path.join(path, name), encoding="utf-8", newline="") as f:
                return list(csv.DictReader(f, strict=True))
        label = {}
        lines = []
        for r in rows("nodes.csv"):
            label[r["Id"]] = r["Label"]
            lines.append(f"NODE {r['Label']}|{r['Type']}")
        for r in rows("edges.csv"):
            if r["Type"] != "Directed" or r["Kind"] != r["Label"]:
                sys.exit(f"bad edge row {r}")
            lines.append(f"EDGE {label[r['Source']]}|{r['Label']}|"
                         f"{label[r['Target']]}|{float(r['Weight']):g}")
    elif reader == "igraph":
        import igraph
        g = igraph.Graph.Read_GraphML(path)
        lines = [f"NODE {v['label']}|{v['type']}" for v in g.vs]
        for e in g.es:
            lines.append(f"EDGE {g.vs[e.source]['label']}|{e['label']}|"
                         f"{g.vs[e.target]['label']}|{float(e['weight']):g}")
    else:
        sys.exit(f"unknown reader {reader}")
    sys.stdout.write("".join(sorted(l.replace("\n", "\\n") + "\n" for l in lines)))


if __name__ == "__main__":
    main()
