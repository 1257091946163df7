// Where e2e tests put their screenshots: test-results/screenshots by default (looked at after a run),
// docs/screenshots (the README's pictures) only when UPDATE_SCREENSHOTS=1, so that a test run does not
// leave the work tree changed.
import fs from 'node:fs';
import path from 'node:path';

export function screenshotDir(): string {
  const root = path.resolve(__dirname, '..', '..');
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs', 'screenshots') : path.join(root, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
