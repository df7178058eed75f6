// The page of `kg export html`: draws the graph kg embedded in #kg-data
// (its shape is at the top of exporters/html.cc) with sigma.js and
// graphology, lays it out with graphology's ForceAtlas2 in a web worker,
// and builds the controls and the cards. Every name, alias, title and
// sentence is data: it reaches the document only as text nodes (append,
// textContent), never as markup, and only http(s) uris become links.
(function () {
  "use strict";
  const { Graph, Sigma, EdgeLineProgram, FA2Layout, forceAtlas2 } = window.KGLibs;
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const types = data.types, predicates = data.predicates, docs = data.docs;
  const N = data.nodes.length, E = data.edges.length;

  // --- DOM: elements with text children only ---------------------------------
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e[k] = v;  // properties (id, type, checked, title...), never innerHTML
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const plural = (n, one, many) => n.toLocaleString("en") + " " + (n === 1 ? one : many);

  // --- The graph ----------------------------------------------------------------
  const graph = new Graph({ type: "directed", multi: true, allowSelfLoops: true });
  const nodeType = new Int32Array(N);
  data.nodes.forEach(([label, type, mentions], i) => {
    nodeType[i] = type;
    // A golden-angle spiral, so the first picture is already spread out.
    const r = Math.sqrt(i + 1) * 10, a = i * 2.399963;
    graph.addNode(String(i), {
      label, x: r * Math.cos(a), y: r * Math.sin(a),
      size: 2 + 2.2 * Math.log2(1 + Math.max(1, mentions)),
      color: types[type][1],
    });
  });
  const out = Array.from({ length: N }, () => []), inc = Array.from({ length: N }, () => []);
  const edgeUndated = new Uint8Array(E);
  const edgeDates = [];  // per edge, the dates of its dated evidence
  const allDates = new Set();
  let undatedEvidence = 0;
  data.edges.forEach(([s, t, p, weight, evidence], j) => {
    out[s].push(j);
    inc[t].push(j);
    const dates = [];
    for (const [d] of evidence) {
      const date = docs[d][2];
      if (date) { dates.push(date); allDates.add(date); } else { edgeUndated[j] = 1; ++undatedEvidence; }
    }
    edgeDates.push(dates);
    graph.addEdgeWithKey(String(j), String(s), String(t), {
      size: 0.6 + 0.6 * Math.log2(weight), color: "#c4c8d0",
    });
  });
  const dates = [...allDates].sort();

  // --- What is shown: filters and the timeline -------------------------------
  const typeOn = types.map(() => true), predOn = predicates.map(() => true);
  const time = { lo: 0, hi: Math.max(0, dates.length - 1), undated: true };
  const nodeShown = new Uint8Array(N).fill(1), edgeShown = new Uint8Array(E).fill(1);
  let shownNodes = N, shownEdges = E, selected = null;

  function inWindow(list, undated, from, to) {
    if (undated && time.undated) return true;
    for (const d of list) if (d >= from && d <= to) return true;
    return false;
  }
  function computeShown() {
    const fullTime = time.undated && time.lo === 0 && time.hi >= dates.length - 1;
    const from = dates[time.lo] || "", to = dates[time.hi] || "";
    const edgeFilter = predOn.some((on) => !on);
    const degree = new Int32Array(N);
    shownEdges = 0;
    data.edges.forEach(([s, t, p], j) => {
      const show = predOn[p] && typeOn[nodeType[s]] && typeOn[nodeType[t]] &&
        (fullTime || inWindow(edgeDates[j], edgeUndated[j], from, to));
      edgeShown[j] = show ? 1 : 0;
      if (show) { ++shownEdges; ++degree[s]; ++degree[t]; }
    });
    shownNodes = 0;
    data.nodes.forEach((n, i) => {
      let show = typeOn[nodeType[i]];
      // As kg's own filters: a filter on facts keeps the entities they link.
      if (show && (edgeFilter || !fullTime) && degree[i] === 0)
        show = !edgeFilter && inWindow(n[4], n[4].length === 0, from, to);
      nodeShown[i] = show ? 1 : 0;
      if (show) ++shownNodes;
    });
  }

  // --- The renderer --------------------------------------------------------------
  const container = el("div", { id: "kg-canvas", style: "position:absolute;inset:0" });
  const tooltip = el("div", { id: "kg-tooltip" });
  const panel = el("aside", { id: "kg-panel", hidden: true });
  const controls = el("aside", { id: "kg-controls" });
  document.body.prepend(el("div", { id: "kg-app" }, controls,
                           el("main", { id: "kg-graph" }, container), panel), tooltip);

  // Past a few thousand edges, one-pixel lines without arrowheads, and no
  // edges while the camera moves: the picture stays fluid without a GPU.
  const large = E > 5000;
  const renderer = new Sigma(graph, container, {
    edgeProgramClasses: { line1: EdgeLineProgram },
    defaultEdgeType: large ? "line1" : "arrow",
    hideEdgesOnMove: large,
    enableEdgeEvents: true,
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.6,
    zIndex: true,
    nodeReducer: (node, attrs) => {
      const i = +node;
      if (!nodeShown[i]) return { ...attrs, hidden: true };
      if (node === selected) return { ...attrs, highlighted: true, zIndex: 1 };
      return attrs;
    },
    edgeReducer: (edge, attrs) => {
      const j = +edge;
      if (!edgeShown[j]) return { ...attrs, hidden: true };
      if (selected !== null && (graph.source(edge) === selected || graph.target(edge) === selected))
        return { ...attrs, color: "#4a5568", zIndex: 1 };
      return attrs;
    },
  });
  const refresh = () => renderer.refresh({ skipIndexation: true });

  // The test hook: after the first render, what was drawn.
  renderer.once("afterRender", () => {
    document.body.dataset.kgNodes = String(shownNodes);
    document.body.dataset.kgEdges = String(shownEdges);
    document.body.dataset.kgFirstRenderMs = String(Math.round(performance.now()));
  });
  renderer.refresh();

  // --- Hover: an edge's predicate -------------------------------------------------
  let mouse = { x: 0, y: 0 };
  container.addEventListener("mousemove", (e) => {
    mouse = { x: e.clientX, y: e.clientY };
    tooltip.style.left = mouse.x + 12 + "px";
    tooltip.style.top = mouse.y + 12 + "px";
  });
  const nodeName = (i) => data.nodes[i][0];
  renderer.on("enterEdge", ({ edge }) => {
    const [s, t, p] = data.edges[+edge];
    tooltip.textContent = nodeName(s) + " \u2014" + predicates[p] + "\u2192 " + nodeName(t);
    tooltip.style.display = "block";
    container.style.cursor = "pointer";
  });
  renderer.on("leaveEdge", () => { tooltip.style.display = "none"; container.style.cursor = ""; });
  renderer.on("clickNode", ({ node }) => showNode(+node));
  renderer.on("clickEdge", ({ edge }) => showEdge(+edge));

  function select(i) {
    selected = i === null ? null : String(i);
    refresh();
  }
  function focusNode(i) {
    const d = renderer.getNodeDisplayData(String(i));
    if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: 0.25 }, { duration: 500 });
    showNode(i);
  }

  // --- Cards -------------------------------------------------------------------------
  function sourceLine(docIndex) {
    const [uri, title, date] = docs[docIndex];
    const link = /^https?:\/\//i.test(uri)
      ? el("a", { href: uri, target: "_blank", rel: "noopener noreferrer" }, uri)
      : el("span", {}, uri);
    return el("div", { class: "kg-source" }, title ? el("b", {}, title) : null,
              title ? " \u00b7 " : null, date || "undated", " \u00b7 ", link);
  }
  function evidenceList(j) {
    return el("ul", { class: "kg-evidence" }, ...data.edges[j][4].map(([d, sentence]) =>
      el("li", {}, el("blockquote", {}, sentence), sourceLine(d))));
  }
  function nodeLink(i) {
    return el("button", { class: "kg-link", type: "button", onclick: () => focusNode(i) }, nodeName(i));
  }
  function openPanel(...children) {
    panel.replaceChildren(el("button", { class: "kg-close", type: "button",
                                         onclick: () => { panel.hidden = true; select(null); } }, "Close"),
                          ...children.filter((c) => c !== null));
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function showNode(i) {
    select(i);
    const [name, type, mentions, aliases, nodeDates] = data.nodes[i];
    // Triples grouped by predicate: "based_in →" out of the entity, "← based_in" into it.
    const groups = new Map();
    const add = (key, j, other) => { if (!groups.has(key)) groups.set(key, []); groups.get(key).push([j, other]); };
    for (const j of out[i]) add(predicates[data.edges[j][2]] + " \u2192", j, data.edges[j][1]);
    for (const j of inc[i]) add("\u2190 " + predicates[data.edges[j][2]], j, data.edges[j][0]);
    const sections = [...groups.entries()].sort((a, b) => b[1].length - a[1].length).map(([key, rows]) =>
      el("section", {}, el("h3", {}, key + " (" + rows.length + ")"),
         ...rows.sort((a, b) => data.edges[b[0]][3] - data.edges[a[0]][3]).map(([j, other]) => {
           const details = el("details", { class: "kg-triple" },
             el("summary", {}, nodeLink(other), " ",
                el("span", { class: "kg-count" }, plural(data.edges[j][3], "document", "documents"))));
           details.addEventListener("toggle", () => {
             if (details.open && details.childElementCount === 1) details.append(evidenceList(j));
           }, { once: false });
           return details;
         })));
    openPanel(
      el("h2", {}, name),
      el("div", {}, el("span", { class: "kg-swatch", style: "background:" + types[type][1] }), " ",
         types[type][0], " \u00b7 ", plural(mentions, "mention", "mentions"),
         nodeDates.length ? " \u00b7 " + nodeDates[0] + " \u2013 " + nodeDates[nodeDates.length - 1] : null),
      aliases.length ? el("div", { class: "kg-muted" }, "Also: " + aliases.join(", ")) : null,
      sections.length ? null : el("p", { class: "kg-muted" }, "No facts."),
      ...sections);
  }
  function showEdge(j) {
    const [s, t, p, weight] = data.edges[j];
    select(null);
    openPanel(el("h2", {}, nodeLink(s), " \u2014" + predicates[p] + "\u2192 ", nodeLink(t)),
              el("div", { class: "kg-muted" }, plural(weight, "document", "documents")),
              evidenceList(j));
  }

  // --- Controls ------------------------------------------------------------------------
  const status = el("div", { class: "kg-muted" });
  const updateStatus = () => {
    status.textContent = plural(shownNodes, "entity", "entities") + ", " + plural(shownEdges, "fact", "facts") + " shown";
  };
  const apply = () => { computeShown(); updateStatus(); refresh(); };
  function checkList(items, on, colour) {
    const boxes = items.map((item, k) => el("input", { type: "checkbox", checked: true,
      onchange: (e) => { on[k] = e.target.checked; apply(); } }));
    const rows = items.map((item, k) => el("div", { class: "kg-row" }, boxes[k],
      colour ? el("span", { class: "kg-swatch", style: "background:" + colour(k) }) : null,
      el("label", { onclick: () => boxes[k].click() }, item)));
    const all = (value) => { boxes.forEach((b, k) => { b.checked = value; on[k] = value; }); apply(); };
    return [el("div", { class: "kg-buttons" },
               el("button", { type: "button", onclick: () => all(true) }, "all"),
               el("button", { type: "button", onclick: () => all(false) }, "none")),
            el("div", { class: "kg-list" }, ...rows)];
  }

  // Search: every name and alias, prefix matches first.
  const names = [];
  data.nodes.forEach(([name, , , aliases], i) => {
    names.push([name.toLowerCase(), i, null]);
    for (const a of aliases) names.push([a.toLowerCase(), i, a]);
  });
  const results = el("ul", { id: "kg-results" });
  const search = el("input", { id: "kg-search", type: "search", placeholder: "Find a name or alias",
                               autocomplete: "off" });
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    const found = [], seen = new Set();
    if (q) {
      for (const pass of [0, 1])
        for (const [key, i, alias] of names) {
          if (found.length >= 12) break;
          if (seen.has(i) || (pass === 0 ? !key.startsWith(q) : !key.includes(q))) continue;
          seen.add(i);
          found.push([i, alias]);
        }
    }
    results.replaceChildren(...found.map(([i, alias]) => el("li", {}, el("button", {
      type: "button", onclick: () => focusNode(i) }, nodeName(i),
      alias ? el("span", { class: "kg-muted" }, " (" + alias + ")") : null))));
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && results.firstChild) results.firstChild.firstChild.click();
  });

  // The timeline: a window over the evidence dates.
  const lo = el("input", { type: "range", min: 0, max: time.hi, value: 0, step: 1 });
  const hi = el("input", { type: "range", min: 0, max: time.hi, value: time.hi, step: 1 });
  const windowLabel = el("div", {});
  const showWindow = () => {
    windowLabel.textContent = dates.length ? dates[time.lo] + " \u2013 " + dates[time.hi] : "no dated evidence";
  };
  const onRange = (which) => () => {
    time.lo = +lo.value; time.hi = +hi.value;
    if (time.lo > time.hi) { if (which === lo) time.hi = time.lo; else time.lo = time.hi; }
    lo.value = time.lo; hi.value = time.hi;
    showWindow(); apply();
  };
  lo.addEventListener("input", onRange(lo));
  hi.addEventListener("input", onRange(hi));
  const undated = el("input", { type: "checkbox", checked: true,
                                onchange: (e) => { time.undated = e.target.checked; apply(); } });
  showWindow();

  // The layout: ForceAtlas2 in a worker, for a while, or until stopped.
  let layout = null, layoutTimer = 0;
  const layoutButton = el("button", { type: "button" }, "Stop layout");
  layoutButton.dataset.kg = "layout";
  function runLayout(ms) {
    try {
      if (!layout) {
        const settings = forceAtlas2.inferSettings(graph);
        layout = new FA2Layout(graph, { settings: { ...settings, barnesHutOptimize: N > 1000 } });
      }
      layout.start();
      layoutButton.textContent = "Stop layout";
      clearTimeout(layoutTimer);
      layoutTimer = setTimeout(stopLayout, ms);
    } catch (err) {  // no workers: a few rounds in the page instead
      forceAtlas2.assign(graph, { iterations: N > 2000 ? 20 : 200, settings: forceAtlas2.inferSettings(graph) });
      layoutButton.disabled = true;
    }
  }
  function stopLayout() {
    if (layout) layout.stop();
    clearTimeout(layoutTimer);
    layoutButton.textContent = "Run layout";
  }
  layoutButton.addEventListener("click", () => (layout && layout.isRunning() ? stopLayout() : runLayout(15000)));

  controls.append(
    el("h1", {}, "kg graph"),
    el("div", { class: "kg-muted" }, plural(N, "entity", "entities") + ", " + plural(E, "fact", "facts")),
    status,
    el("h3", {}, "Search"), search, results,
    el("h3", {}, "Entity types"), ...checkList(types.map((t) => t[0]), typeOn, (k) => types[k][1]),
    el("h3", {}, "Predicates"), ...checkList(predicates, predOn, null),
    el("h3", {}, "Timeline"), windowLabel, lo, hi,
    el("div", { class: "kg-row" }, undated,
       el("label", { onclick: () => undated.click() }, "undated evidence (" + undatedEvidence + ")")),
    el("h3", {}, "Layout"), el("div", { class: "kg-buttons" }, layoutButton),
    el("p", { class: "kg-muted" }, "Click an entity or a fact for its evidence; hover a fact for its predicate."));
  updateStatus();
  window.kgView = { graph, renderer };  // for the console and for tests
  runLayout(N > 2000 ? 20000 : 6000);
})();
