// Bundles sigma.js and graphology (entry.js) into ../assets/sigma-bundle.js, the one script
// every kg view page inlines.  Run from this directory:  npm ci && npm run build
// The output is committed (and shipped in the wheel), so users and CI never need npm.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const version = (name) => lock.packages[`node_modules/${name}`].version;
// MIT asks for the copyright and permission notice to travel with the code.
const notices = [
  ["sigma", "LICENSE.txt"],
  ["graphology", "LICENSE.txt"],
  ["graphology-utils", "LICENSE.txt"],
  ["events", "LICENSE"],
].map(([name, file]) => {
  const text = readFileSync(`node_modules/${name}/${file}`, "utf8").replaceAll("*/", "* /");
  return `${name} ${version(name)}:\n${text.trim()}`;
});
const banner = [
  "/*",
  ` * kg views bundle: sigma ${version("sigma")} and graphology ${version("graphology")},`,
  ` * built by kg/views/js/build.mjs with esbuild ${version("esbuild")}. Do not edit; rebuild.`,
  " *",
  ...notices.join("\n\n").split("\n").map((line) => ` * ${line}`.trimEnd()),
  " */",
].join("\n");

await build({
  entryPoints: ["entry.js"],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "kgSigma",
  target: ["es2019"],
  charset: "ascii",
  legalComments: "none",
  banner: { js: banner },
  outfile: "../assets/sigma-bundle.js",
  logLevel: "info",
});
