// Build the dashboard into static/: one JS bundle, one CSS bundle, the page and the country borders.
// Run with `npm ci && npm run build` (see tools/build_web.sh); the output is deterministic.
import { build } from "esbuild";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "static");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: { app: join(here, "src", "main.js"), style: join(here, "src", "style.css") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  legalComments: "none",
  metafile: true,
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  logLevel: "warning",
});
await copyFile(join(here, "src", "index.html"), join(out, "index.html"));
// Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON, from the world-atlas package.
await copyFile(join(here, "node_modules", "world-atlas", "countries-50m.json"), join(out, "countries.json"));

// One notice file for every npm package whose code or data ships in static/.
const used = new Set(["world-atlas"]);
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) used.add(match[1]);
}
const notices = [];
for (const name of [...used].sort()) {
  const dir = join(here, "node_modules", name);
  const meta = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
  const licenseFile = (await readdir(dir)).find((file) => /^licen[cs]e/i.test(file));
  const text = licenseFile ? await readFile(join(dir, licenseFile), "utf8") : "";
  notices.push(`${name} ${meta.version} (${meta.license})\n\n${text.trim()}\n`);
}
await writeFile(join(out, "THIRD_PARTY_LICENSES.txt"), notices.join("\n" + "-".repeat(72) + "\n\n"));
