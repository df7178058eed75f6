// Bundles libs.js (sigma.js, graphology, ForceAtlas2) with esbuild into one
// minified script, node_modules/.kg/libs.min.js, and writes beside it
// node_modules/.kg/LICENSES.txt: the name, version and licence text of every
// npm package that ended up in the bundle. The kg build embeds both files
// (exporters/html/embed.cmake); scripts/setup runs this after `npm ci`.
import { build } from "esbuild";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = "node_modules/.kg";
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: ["libs.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  legalComments: "none",
  metafile: true,
  outfile: join(out, "libs.min.js"),
  logLevel: "warning",
});

// The package folder of each bundled input: node_modules/NAME or
// node_modules/@SCOPE/NAME.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.add(m[1]);
}
let text = "The libraries bundled into this page, with their licences.\n";
for (const name of [...packages].sort()) {
  const dir = join("node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const licence = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  text += `\n==== ${pkg.name} ${pkg.version} (${pkg.license}) ====\n`;
  text += licence ? readFileSync(join(dir, licence), "utf8").trim() + "\n" : "(no licence file)\n";
}
writeFileSync(join(out, "LICENSES.txt"), text);
console.log(`bundled ${[...packages].sort().join(", ")} into ${out}/libs.min.js`);
