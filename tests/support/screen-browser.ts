/** A real Chromium showing pages as a user's browser does (JavaScript on, local network allowed). */
import type { Browser } from 'puppeteer-core';

export const CHROMIUM = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

export async function launchScreenBrowser(): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const root = process.getuid?.() === 0 || process.env['REPORT_NO_SANDBOX'] === '1';
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...(root ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-dev-shm-usage'],
  });
}
