/** Stand-ins for browsers that fail the way real ones do. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A browser whose file exists and whose `--version` works, but that dies at start the way
 * Debian's Chromium does for a user who can create no user namespace and has no setuid helper.
 */
export function sandboxlessBrowser(dir: string): string {
  const stub = join(dir, 'chromium-without-sandbox');
  writeFileSync(
    stub,
    [
      '#!/bin/sh',
      'case "$*" in *--version*) echo "Chromium 156.0.0.0"; exit 0;; esac',
      'echo "[1:1:1130/1.1:FATAL:zygote_host_impl_linux.cc(130)] No usable sandbox! If this is a Debian system, please install the chromium-sandbox package to solve this problem." >&2',
      'exit 133',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return stub;
}
