// Writes `kg ingest --triples` input for tests/html_view_test.sh:
//   node html_hostile.js                  names, sentences, titles and uris of
//                                         markup and script (and a few plain ones)
//   node html_hostile.js --scale N M      N entities and M facts, deterministic
"use strict";
const line = (doc, s, p, o, evidence, date, title, types = ["Company", "Company"]) =>
  JSON.stringify({ doc, subject: s, subject_type: types[0], predicate: p, object: o,
                   object_type: types[1], confidence: 0.9, evidence,
                   ...(date ? { date } : {}), ...(title ? { title } : {}) });

if (process.argv[2] === "--scale") {
  const [n, m] = [+process.argv[3], +process.argv[4]];
  const types = ["Country", "GovernmentBody", "Company", "Organization", "Person", "Chip", "AIModel",
                 "Product", "Technology", "Policy"];
  const predicates = ["sanctions", "restricts_exports_to", "bans", "investigates", "funds", "develops",
                      "manufactures", "uses", "owns", "trained_on"];
  let seed = 12345;  // xorshift32: every bit of it is random enough here
  const rand = (k) => {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return (seed >>> 0) % k;
  };
  const name = (i) => "Entity " + i;
  const out = [];
  for (let j = 0; j < m; ++j) {
    // A few hubs and a long tail, as in news: half the facts touch 5% of the entities.
    const pick = () => (rand(2) ? rand(Math.max(1, Math.floor(n / 20))) : rand(n));
    let s = pick(), o = pick();
    if (s === o) o = (o + 1) % n;
    const doc = rand(Math.max(1, Math.floor(m / 4)));
    const day = new Date(Date.UTC(2024, 0, 1) + (doc % 700) * 86400000).toISOString().slice(0, 10);
    out.push(line("https://example.org/news/" + doc, name(s), predicates[j % predicates.length], name(o),
                  `${name(s)} and ${name(o)} were named in report ${doc}, fact ${j}.`,
                  doc % 13 ? day : "", "Report " + doc, [types[s % types.length], types[o % types.length]]));
  }
  process.stdout.write(out.join("\n") + "\n");
} else {
  const hostile = [
    "<img src=x onerror=window.__kgInjected=1>",
    "</script><script>window.__kgInjected=2</script>",
    "\"><svg onload=window.__kgInjected=3>",
    "<b>Tags</b> &amp; & Co",
    "<!-- open comment",
    "]]> CDATA end",
    "{{constructor.constructor('window.__kgInjected=4')()}}",
    "Line\u2028separator\u2029Corp",
    "<iframe srcdoc='<script>parent.__kgInjected=5</script>'>",
    "<a href=javascript:window.__kgInjected=6>link</a>",
  ];
  const out = [];
  hostile.forEach((name, i) => {
    out.push(line(i % 2 ? "javascript:window.__kgInjected=7" : "https://example.org/a?q=<script>&x=" + i,
                  name, "competes_with", "Anchor " + i,
                  "Evidence <img src=x onerror=window.__kgInjected=8> & " + name,
                  i % 3 ? "2025-01-2" + i : "", "<i>Title</i> </script> " + name));
    out.push(line("plain-" + i, "Anchor " + i, "owns", "Plain " + i, "Anchor " + i + " owns Plain " + i + ".",
                  "2024-12-01", ""));
  });
  process.stdout.write(out.join("\n") + "\n");
}
