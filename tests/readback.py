#!/usr/bin/python3
"""Reads an exported graph back with an independent reader and prints it in a
canonical form the C++ tests compare against the store:
  NODE label|type
  EDGE source-label|predicate|target-label|weight
sorted. Usage: readback.py networkx|igraph|networkx-gexf|networkx-json FILE
               readback.py csv DIR   (Gephi's nodes.csv and edges.csv)"""
import csv
import io
import json
import os
import re
import sys


def lines_networkx(g):
    out = [f"NODE {d['label']}|{d['type']}" for _, d in g.nodes(data=True)]
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
        text = open(path, encoding="utf-8").read()
        text = re.sub(r"http://gexf\.net/1\.3", "http://www.gexf.net/1.2draft", text)
        text = text.replace('version="1.3"', 'version="1.2"')
        g = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
        out = [f"NODE {d['label']}|{d['type']}" for _, d in g.nodes(data=True)]
        for s, t, d in g.edges(data=True):
            out.append(f"EDGE {g.nodes[s]['label']}|{d['label']}|"
                       f"{g.nodes[t]['label']}|{float(d['weight']):g}")
        lines = out
    elif reader == "networkx-json":
        import networkx as nx
        with open(path, encoding="utf-8") as f:
            g = nx.node_link_graph(json.load(f))
        if not (g.is_directed() and g.is_multigraph()):
            sys.exit("expected a directed multigraph")
        lines = lines_networkx(g)
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
