/**
 * The built-in template (templates/default) compiled ahead of time. This file is a placeholder:
 * `npm run build` replaces its compiled copy, dist/render/precompiled-template.js, with the
 * precompiled template (scripts/precompile-template.mjs, run by scripts/bundle.mjs after tsc).
 * runPrecompiled uses it only when its key matches the template being built, so a bare `tsc`,
 * an edited templates/default or a custom template all compile the template as it is.
 */
import type { PrecompiledTemplate } from './template-runtime.js';

export const precompiled: PrecompiledTemplate | null = null;
