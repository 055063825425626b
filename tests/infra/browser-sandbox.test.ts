import { describe, expect, it } from 'vitest';
import {
  browserOwnError,
  importantLines,
  isSandboxFailure,
  sandboxFixes,
} from '../../src/infra/browser-sandbox.js';
import { CHROMIUM } from './print-helpers.js';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const NO_SANDBOX =
  '[20309:20309:1130/142700.179202:ERROR:content/browser/zygote_host/zygote_host_impl_linux.cc:130] No usable sandbox! If this is a Debian system, please install the chromium-sandbox package to solve this problem.';

describe("Chromium's own reason", () => {
  it('keeps the sandbox line without its log prefix, and drops D-Bus noise', () => {
    const stderr = [
      '[1:1:1130/1.1:ERROR:dbus/bus.cc:405] Failed to connect to the bus: Could not parse server address',
      NO_SANDBOX,
      'Trace/breakpoint trap',
    ].join('\n');
    const text = importantLines(stderr);
    expect(text.startsWith('No usable sandbox!')).toBe(true);
    expect(text).not.toMatch(/dbus|zygote_host_impl/);
    expect(isSandboxFailure(text)).toBe(true);
  });

  it('other failures are not taken for the sandbox', () => {
    expect(isSandboxFailure('error while loading shared libraries: libnss3.so')).toBe(false);
  });

  it('is empty when the browser starts fine on its own', async () => {
    // A minute, not the doctor's 15 s: a loaded test machine must not turn slowness into an error.
    expect(await browserOwnError(CHROMIUM, ['--no-sandbox'], { timeoutMs: 60_000 })).toBe('');
  });
});

describe('what fixes a sandbox failure', () => {
  it("Debian's Chromium without its helper: the package first, the opt-out last", () => {
    const fixes = sandboxFixes('/usr/bin/chromium', 'en', {
      platform: 'linux',
      osRelease: DEBIAN,
      apparmorRestrictsUserns: false,
      exists: () => false,
    });
    expect(fixes[0]).toContain('apt-get install -y chromium-sandbox');
    expect(fixes.at(-1)).toContain('REPORT_NO_SANDBOX=1');
  });

  it('Ubuntu with AppArmor restricting user namespaces: Chrome/Edge or a profile', () => {
    const fixes = sandboxFixes('/home/u/.cache/puppeteer/chrome-headless-shell/x/y', 'en', {
      platform: 'linux',
      osRelease: 'ID=ubuntu\n',
      apparmorRestrictsUserns: true,
      exists: () => false,
    });
    expect(fixes.join('\n')).toMatch(/AppArmor profile/);
    expect(fixes.join('\n')).toContain('apparmor-userns-restrictions.md');
    expect(fixes.join('\n')).not.toContain('chromium-sandbox');
  });

  it('in Chinese too', () => {
    const fixes = sandboxFixes('/usr/bin/chromium', 'zh-CN', {
      platform: 'linux',
      osRelease: DEBIAN,
      apparmorRestrictsUserns: false,
      exists: () => false,
    });
    expect(fixes[0]).toContain('沙箱');
    expect(fixes[0]).toContain('apt-get install -y chromium-sandbox');
  });
});
