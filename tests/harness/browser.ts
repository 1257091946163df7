// Debian's Chromium driven by playwright-core (no browser download here). The flags keep it from
// reaching for the network, which this machine does not have.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The environment Chromium starts with: the tests' own, without libfaketime. The moved-clock runs
 * (.ci/moved-clock) preload libfaketime into every process; Chromium's GPU and network processes hang
 * under it. The page does not need the moved clock: it takes "today" from the archive, whose Node side
 * still runs with the moved clock.
 */
export function browserEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key === 'LD_PRELOAD' || key.startsWith('FAKETIME') || key === 'DONT_FAKE_MONOTONIC') continue;
    out[key] = value;
  }
  return out;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    env: browserEnvironment(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
