// Opens a page of `kg export html` from file:// in headless Chromium, over
// the DevTools protocol on a pipe (no port, no npm package), and checks it:
//   node html_view.js CHROMIUM PAGE.html NODES EDGES [options]
//     --screenshot FILE.png   a picture, taken after --settle-ms (default 4000)
//     --hostile               no element or script the data could inject ran
//     --measure               time to first render and frame rates, printed
// Prints what it saw; exits 1 when a check fails.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const [chromium, page, wantNodes, wantEdges, ...rest] = process.argv.slice(2);
const opt = (name) => rest.includes(name);
const value = (name, def) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : def);
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kg-chromium-"));
const browser = spawn(chromium, [
  "--headless", "--no-sandbox", "--remote-debugging-pipe", `--user-data-dir=${profile}`,
  "--no-first-run", "--no-default-browser-check", "--disable-extensions",
  "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--window-size=1400,900",
  "about:blank",
], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
let browserLog = "";
browser.stderr.on("data", (d) => { browserLog += d; });

// The protocol: JSON messages ended by NUL, commands on fd 3, answers on fd 4.
let nextId = 1, buffered = "";
const pending = new Map(), listeners = [];
browser.stdio[4].on("data", (chunk) => {
  buffered += chunk.toString("utf8");
  let end;
  while ((end = buffered.indexOf("\0")) >= 0) {
    const msg = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else {
      for (const l of listeners) l(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (method, params) => send(method, params, sessionId);
  const errors = [];
  listeners.push((msg) => {
    if (msg.sessionId !== sessionId) return;
    if (msg.method === "Runtime.exceptionThrown")
      errors.push(msg.params.exceptionDetails.exception?.description || msg.params.exceptionDetails.text);
    if (msg.method === "Runtime.consoleAPICalled" && msg.params.type === "error")
      errors.push(msg.params.args.map((a) => a.value ?? a.description).join(" "));
    if (msg.method === "Log.entryAdded" && msg.params.entry.level === "error")
      errors.push(msg.params.entry.text + " " + (msg.params.entry.url || ""));
    if (msg.method === "Network.requestWillBeSent" && !/^(file|blob|data|about):/.test(msg.params.request.url))
      errors.push("the page asked the network for " + msg.params.request.url);
  });
  await s("Runtime.enable");
  await s("Page.enable");
  await s("Log.enable");
  await s("Network.enable");
  await s("Emulation.setDeviceMetricsOverride", { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });
  const evaluate = async (expression, awaitPromise = false) => {
    const r = await s("Runtime.evaluate", { expression, returnByValue: true, awaitPromise });
    if (r.exceptionDetails) throw new Error(expression + ": " + JSON.stringify(r.exceptionDetails));
    return r.result.value;
  };

  const started = Date.now();
  await s("Page.navigate", { url: "file://" + path.resolve(page) });
  let drawn = null;
  while (Date.now() - started < 120000) {
    drawn = await evaluate("document.body && document.body.dataset.kgNodes !== undefined ? " +
      "[+document.body.dataset.kgNodes, +document.body.dataset.kgEdges, +document.body.dataset.kgFirstRenderMs] : null");
    if (drawn || errors.length) break;
    await sleep(100);
  }
  check(errors.length === 0, "errors in the page: " + errors.join(" | "));
  check(drawn !== null, "the page never set data-kg-nodes (no first render in 120 s)");
  if (drawn) {
    console.log(`drawn: ${drawn[0]} nodes, ${drawn[1]} edges; first render at ${drawn[2]} ms after navigation`);
    check(drawn[0] === +wantNodes, `data-kg-nodes is ${drawn[0]}, the store has ${wantNodes}`);
    check(drawn[1] === +wantEdges, `data-kg-edges is ${drawn[1]}, the store has ${wantEdges}`);
  }

  if (drawn && opt("--measure")) {
    // Frames the browser showed in 5 s, while the layout runs (sigma draws
    // every step of it), and then while the camera zooms and pans.
    const fps = (motion) => evaluate(`new Promise((done) => {
      let frames = 0; const t0 = performance.now();
      (function tick(t) {
        frames++;
        ${motion}
        if (t - t0 < 5000) requestAnimationFrame(tick); else done(frames * 1000 / (t - t0));
      })(t0);
    })`, true);
    const layoutFps = await fps("");
    console.log(`frame rate while the layout runs: ${layoutFps.toFixed(1)} fps`);
    await evaluate("document.querySelector('#kg-controls button[data-kg=layout]').click()");
    await sleep(500);
    // A user's zoom: the camera animates in and out (sigma leaves the edges
    // out while the camera moves in a large graph, and draws them when it stops).
    const moveFps = await fps(`if (frames === 1 || frames % 90 === 0)
        kgView.renderer.getCamera().animate({ ratio: frames % 180 ? 0.3 : 1, x: 0.45 + (frames % 7) / 50 },
                                            { duration: 1400 });`);
    console.log(`frame rate while zooming and panning: ${moveFps.toFixed(1)} fps`);
    // A whole still frame, edges included, until the GPU (here: software) is done.
    const still = await evaluate(`(() => {
      const R = kgView.renderer, t = performance.now(), px = new Uint8Array(4);
      for (let k = 0; k < 3; ++k) {
        R.getCamera().setState({ ratio: 1 - k / 10 });
        R.render();
        for (const gl of Object.values(R.webGLContexts)) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      }
      return (performance.now() - t) / 3;
    })()`);
    console.log(`a still frame with every edge: ${still.toFixed(0)} ms`);
  }

  if (drawn && opt("--hostile")) {
    // Search for each hostile name, open its card, open every triple's
    // evidence, and hover nothing: the card, the results and the tooltip are
    // built from text nodes, so no element but the page's own may appear.
    const names = await evaluate("JSON.parse(document.getElementById('kg-data').textContent).nodes.map((n) => n[0])");
    let shown = 0, links = [];
    for (const name of names.slice(0, 40)) {
      const r = await evaluate(`(() => {
        const q = document.getElementById("kg-search");
        q.value = ${JSON.stringify(name.slice(0, 30))};
        q.dispatchEvent(new Event("input"));
        const first = document.querySelector("#kg-results button");
        if (first) first.click();
        for (const d of document.querySelectorAll("#kg-panel details")) d.open = true;
        // The evidence is built when a triple is opened (its toggle event).
        return new Promise((done) => setTimeout(() => done({
          title: document.querySelector("#kg-panel h2")?.textContent,
          links: [...document.querySelectorAll("#kg-panel a[href]")].map((a) => a.getAttribute("href")) }), 50));
      })()`, true);
      if (r.title === name) ++shown;
      else failures.push(`the card of ${JSON.stringify(name)} is titled ${JSON.stringify(r.title)}`);
      links = links.concat(r.links);
    }
    check(links.length > 0 && links.every((h) => /^https?:\/\//.test(h)),
          "links in the cards that are not http(s), or none: " + links.join(" "));
    console.log(`hostile: ${shown} cards found by search and titled with the name as text, ${links.length} links`);
    const found = await evaluate(`(() => {
      const bad = [...document.querySelectorAll("img, iframe, object, embed, svg, math, style, link, meta, script, b, i")]
        .filter((e) => !(e.tagName === "SCRIPT" && (e.id === "kg-data" || !e.src) && e.parentNode === document.body) &&
                       !(e.tagName === "STYLE" && e.parentNode === document.head) &&
                       !(e.tagName === "META" && e.parentNode === document.head) &&
                       !(e.tagName === "B" && e.parentNode.className === "kg-source"));
      return { injected: window.__kgInjected || null, bad: bad.map((e) => e.outerHTML.slice(0, 80)),
               scripts: document.scripts.length };
    })()`);
    console.log(`hostile: ${found.scripts} scripts, ${found.bad.length} foreign elements`);
    check(found.injected === null, "a script the data carried ran: window.__kgInjected = " + found.injected);
    check(found.bad.length === 0, "elements the data injected: " + found.bad.join(" | "));
    check(found.scripts === 3, `${found.scripts} scripts in the page, not its 3`);
  }

  if (opt("--screenshot")) {
    await sleep(+value("--settle-ms", "4000"));
    const shot = await s("Page.captureScreenshot", { format: "png" });
    fs.writeFileSync(value("--screenshot"), Buffer.from(shot.data, "base64"));
    console.log("screenshot: " + value("--screenshot"));
  }
}

main()
  .catch((err) => failures.push(String(err && err.stack || err)))
  .finally(async () => {
    try { await Promise.race([send("Browser.close"), sleep(3000)]); } catch (e) { /* gone already */ }
    browser.kill("SIGKILL");
    try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 }); } catch (e) { /* left in tmp */ }
    if (failures.length) {
      for (const f of failures) console.error("FAIL: " + f);
      if (browserLog && process.env.KG_VERBOSE) console.error(browserLog);
      process.exit(1);
    }
    console.log("ok");
    process.exit(0);
  });
