// The libraries the page of `kg export html` uses, bundled by esbuild
// (npm run bundle) into one minified script that sets window.KGLibs.
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeLineProgram } from "sigma/rendering";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";

window.KGLibs = { Graph, Sigma, EdgeLineProgram, FA2Layout, forceAtlas2 };
