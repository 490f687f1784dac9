// Bundles the page into dist/ (index.html copied, src/app.ts and its imports into one app.js); the demo's Maven
// build (profile web-page) copies dist/ into the application's static resources. Run with `npm run build`, which
// first regenerates src/gen/ and type-checks.
import * as esbuild from "esbuild";

await esbuild.build({
  entryPoints: ["src/app.ts", "src/index.html"],
  outdir: "dist",
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  loader: { ".html": "copy" },
  logLevel: "warning",
});
