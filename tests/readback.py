#!/usr/bin/python3
"""Reads an exported graph back with an independent reader and prints it in a
canonical form the C++ tests compare against the store:
  NODE label|type
  EDGE source-label|predicate|target-label|weight
sorted. Usage: readback.py networkx|igraph|networkx-gexf FILE"""
import re
import sys
import tempfile


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
        with tempfile.NamedTemporaryFile("w", suffix=".gexf", delete=False,
                                         encoding="utf-8") as f:
            f.write(text)
        g = nx.read_gexf(f.name)
        out = [f"NODE {d['label']}|{d['type']}" for _, d in g.nodes(data=True)]
        for s, t, d in g.edges(data=True):
            out.append(f"EDGE {g.nodes[s]['label']}|{d['label']}|"
                       f"{g.nodes[t]['label']}|{float(d['weight']):g}")
        lines = out
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
