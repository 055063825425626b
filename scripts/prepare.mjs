#!/usr/bin/env node
/**
 * npm's `prepare` step: builds dist/ afresh whenever TypeScript is installed, which is the case
 * after `npm ci` in a checkout, for `npm pack` / `npm publish`, and when npm installs this
 * package from git (it installs the dev dependencies, runs `prepare`, then packs the files).
 * Without TypeScript (`npm ci --omit=dev`) it builds nothing and does not fail the install;
 * `npm run build` builds dist/ later. With --strict (prepack) a missing TypeScript is an error.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // npm prepares a git dependency in a clone inside its cache; with -g it puts the dev
  // dependencies elsewhere (a bug in npm), and a package without dist/ must not be installed.
  if (process.argv.includes('--strict') || /[\\/]_cacache[\\/]tmp[\\/]git-clone/.test(root)) {
    console.error(
      'prepare: TypeScript is missing, so dist/ cannot be built and the package would not run. ' +
        'Install from a tarball instead: npm install -g "$(npm pack <git-url> | tail -1)"',
    );
    process.exit(1);
  }
  console.log(
    'prepare: TypeScript is not installed, so dist/ is not built (`npm run build` does).',
  );
  process.exit(0);
}
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
// Emitted without type checking (TypeScript 5.6+ `--noCheck`; with isolatedModules the output
// is the same): the types are checked by `npm run check` and `npm run build`, and this halves the
// time `npm ci` and `npm pack` spend here.
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], {
  cwd: root,
  stdio: 'inherit',
});
// Then the bundle bin/report.js prefers (scripts/bundle.mjs; skipped without esbuild).
const bundled =
  result.status === 0
    ? spawnSync(process.execPath, [fileURLToPath(new URL('bundle.mjs', import.meta.url))], {
        cwd: root,
        stdio: 'inherit',
      })
    : result;
process.exitCode = bundled.status ?? 1;
