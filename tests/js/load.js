#!/usr/bin/env node
// Loads a kg export with a JavaScript client and prints it in readback.py's
// canonical form (NODE label|type, EDGE source|predicate|target|weight,
// sorted by UTF-8 bytes), so a test can compare it with what kg reports.
//   node load.js cytoscape FILE.cyjs        Cytoscape.js, headless
//   node load.js graphology-gexf FILE.gexf  graphology-gexf (Gephi Lite)
//   node load.js graphology-graphml FILE.graphml
// Also checks what each client needs beyond counts (exits 1 with a message):
// the entity type is never a node's `type` in Cytoscape's data, every node
// carries its aliases, and a dated element's YYYYMMDD number is its date.
'use strict';
const fs = require('fs');

function fail(message) {
  process.stderr.write(`load.js: ${message}\n`);
  process.exit(1);
}

function checkDates(what, attrs) {
  for (const key of ['first_seen', 'last_seen']) {
    const date = attrs[key];
    const ymd = attrs[key + '_ymd'];
    if (date === undefined || date === null || date === '') {
      if (ymd !== undefined && ymd !== null) fail(`${what}: ${key}_ymd without ${key}`);
      continue;
    }
    if (typeof ymd !== 'number' || ymd !== Number(date.replace(/-/g, '')))
      fail(`${what}: ${key} ${date} but ${key}_ymd ${JSON.stringify(ymd)}`);
  }
}

function cytoscapeLines(file) {
  const cytoscape = require('cytoscape');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!doc.elements || !Array.isArray(doc.elements.nodes) || !Array.isArray(doc.elements.edges))
    fail('no elements.nodes and elements.edges');
  const cy = cytoscape({headless: true, styleEnabled: false, elements: doc.elements});
  if (cy.nodes().length !== doc.elements.nodes.length ||
      cy.edges().length !== doc.elements.edges.length)
    fail(`Cytoscape.js kept ${cy.nodes().length} of ${doc.elements.nodes.length} nodes ` +
         `and ${cy.edges().length} of ${doc.elements.edges.length} edges`);
  const lines = [];
  cy.nodes().forEach((n) => {
    const d = n.data();
    if ('type' in d) fail(`node ${d.id} has a "type"`);
    if (!Array.isArray(d.aliases)) fail(`node ${d.id} has no aliases list`);
    if (d.name !== d.label) fail(`node ${d.id}: name and label differ`);
    checkDates(`node ${d.id}`, d);
    lines.push(`NODE ${d.name}|${d.entity_type}`);
  });
  cy.edges().forEach((e) => {
    const d = e.data();
    if (d.interaction !== d.predicate) fail(`edge ${d.id}: interaction is not the predicate`);
    if (!(d.evidence_count >= 1)) fail(`edge ${d.id}: no evidence_count`);
    checkDates(`edge ${d.id}`, d);
    lines.push(`EDGE ${e.source().data('name')}|${d.predicate}|` +
               `${e.target().data('name')}|${d.weight}`);
  });
  return lines;
}

function graphologyLines(graph, typeKey) {
  const lines = [];
  graph.forEachNode((id, a) => {
    checkDates(`node ${id}`, a);
    lines.push(`NODE ${a.label}|${a[typeKey]}`);
  });
  graph.forEachEdge((id, a, s, t, sa, ta) => {
    checkDates(`edge ${id}`, a);
    lines.push(`EDGE ${sa.label}|${a.label}|${ta.label}|${a.weight}`);
  });
  return lines;
}

function main() {
  const [client, file] = process.argv.slice(2);
  let lines;
  if (client === 'cytoscape') {
    lines = cytoscapeLines(file);
  } else if (client === 'graphology-gexf') {
    const Graph = require('graphology');
    const gexf = require('graphology-gexf');
    const graph = gexf.parse(Graph, fs.readFileSync(file, 'utf8'));
    if (graph.type !== 'directed') fail(`a ${graph.type} graph, not directed`);
    lines = graphologyLines(graph, 'type');
  } else if (client === 'graphology-graphml') {
    const Graph = require('graphology');
    const graphml = require('graphology-graphml');
    const graph = graphml.parse(Graph, fs.readFileSync(file, 'utf8'));
    if (graph.type !== 'directed') fail(`a ${graph.type} graph, not directed`);
    lines = graphologyLines(graph, 'type');
  } else {
    fail(`unknown client ${client}`);
  }
  const out = lines.map((l) => l.replace(/\n/g, '\\n') + '\n');
  out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  process.stdout.write(out.join(''));
}

main();
