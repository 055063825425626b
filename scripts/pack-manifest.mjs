#!/usr/bin/env node
/**
 * `npm pack` / `npm publish` around the tarball: `strip` (prepack) removes the `prepare` script
 * from package.json, so an install from the tarball or the registry has no install-time script
 * for npm to warn about (dist/ is already built and packed); `restore` (postpack) puts it back.
 * `prepare` stays in the checkout, where npm needs it: `npm ci`, and installs from git.
 *
 * Usage: node scripts/pack-manifest.mjs strip|restore
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const file = new URL('../package.json', import.meta.url);
const saved = new URL('../package.json.prepack', import.meta.url);

if (process.argv[2] === 'strip') {
  if (!existsSync(saved)) renameSync(file, saved);
  const manifest = JSON.parse(readFileSync(saved, 'utf8'));
  delete manifest.scripts.prepare;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (process.argv[2] === 'restore') {
  if (existsSync(saved)) renameSync(saved, file);
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exit(2);
}
