#!/usr/bin/env node
/**
 * After `tsc`: bundles dist/cli/bin-entry.js, with the packages it loads at every run (commander,
 * yaml, zod, markdown-it, handlebars …), into dist/bundle/ with esbuild, so a run of `report`
 * reads and compiles a few files instead of about 400 (Node.js 20 has no compile cache). What a
 * run loads only when needed stays apart: the parts of report it imports lazily become separate
 * chunks, and the heavy packages (Chromium's driver, pdf-lib, the canvas, the font wasm) stay in
 * node_modules. bin/report.js uses the bundle only when it is newer than dist/cli/main.js, so a
 * `tsc` without this step never runs stale code. Without esbuild (it comes with the dev
 * dependencies) nothing is bundled and report runs from dist/ as compiled.
 *
 * The bundle lives two folders deep like the compiled modules (dist/bundle/ as dist/cli/), so
 * their `new URL('../../templates/…', import.meta.url)` find the same files.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The built-in template, precompiled into dist/ (bundled below like the rest).
await import('./precompile-template.mjs');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('bundle: esbuild is not installed; report runs from dist/ as compiled.');
  process.exit(0);
}
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: [
    'dist/cli/bin-entry.js',
    // A worker's script is a file of its own, next to the chunk that starts it.
    'dist/infra/template-thread.js',
  ],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded only for a PDF, a chart not in the cache or a font subset not in the cache.
  external: ['puppeteer-core', 'pdf-lib', '@napi-rs/canvas', 'chart.js', 'harfbuzzjs', 'wawoff2'],
  // The CommonJS packages bundled (handlebars) may call require().
  banner: {
    js: "import { createRequire as __reportCreateRequire } from 'node:module'; const require = __reportCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [zodTwoLocales()],
});

// The YAML parser as one CommonJS file, for the parse cache to require at once when a file it
// kept is asked where a field is (src/load/parse-cache.ts): a synchronous load that needs no
// require() of an ES module (Node.js 22.12 warns about that).
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['dist/load/parse-yaml.js'],
  outfile: `${outdir}/parse-yaml.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});

/**
 * zod's `z.locales` namespace holds the messages of 60 languages (about 370 KB that every run
 * would read and compile); report uses two of them (src/validate/messages.ts: zhCN and en), so
 * the bundle's `z.locales` has those two.
 */
function zodTwoLocales() {
  return {
    name: 'zod-two-locales',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)
          ? { path: path.join(args.resolveDir, '../locales/index.js'), namespace: 'zod-locales' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents:
          "export { default as en } from './en.js';\nexport { default as zhCN } from './zh-CN.js';\n",
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }));
    },
  };
}
