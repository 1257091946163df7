// Opening the app in the browser as a clerk would: go to the harness's page and log in at the login
// screen. The harness seeds one administrator (HARNESS_ADMIN) in every archive it opens unless told not
// to (startHarness({ seedAdmin: false })), and its own `harness.dispatch` acts as that administrator; the
// page, like a window of the app, has its own session and must log in.
import type { Page } from 'playwright-core';
import { HARNESS_ADMIN, type Harness } from '../harness/server';

export { HARNESS_ADMIN };

export interface Credentials {
  name: string;
  password: string;
}

/** What the window shows once it has opened: the login screen, first-run setup, or the workspace. */
const OPENED = '[data-testid="login-page"], [data-testid="setup-page"], [data-testid="first-admin-page"], [data-testid="app-title"], [data-testid="app-error"]';

/**
 * Goes to the app and logs in (as the harness's administrator unless `as` names another user).
 * Resolves once the login screen is gone: the window then shows the setup page (archive without a
 * township) or the workspace. Use `loginAs` to log in on a page already showing the login screen.
 */
export async function openApp(page: Page, harness: Pick<Harness, 'url'>, as: Credentials = HARNESS_ADMIN): Promise<void> {
  await page.goto(harness.url);
  await page.locator(OPENED).first().waitFor({ timeout: 60_000 });
  if (await page.getByTestId('login-page').isVisible()) await loginAs(page, as);
}

/** Fills the login screen and waits until it has gone (throws with the screen's message when refused). */
export async function loginAs(page: Page, as: Credentials): Promise<void> {
  await page.getByTestId('login-name').fill(as.name);
  await page.getByTestId('login-password').fill(as.password);
  await page.getByTestId('login-submit').click();
  const gone = page.getByTestId('login-page').waitFor({ state: 'detached', timeout: 60_000 }).then(() => null, () => null);
  const refused = page
    .getByTestId('login-error')
    .waitFor({ timeout: 60_000 })
    .then(
      async () => (await page.getByTestId('login-error').textContent()) ?? '登录被拒绝',
      () => null,
    );
  const message = await Promise.race([gone, refused]);
  if (message !== null && (await page.getByTestId('login-page').count()) > 0) throw new Error(`登录失败(${as.name}):${message}`);
  await page.locator(OPENED).first().waitFor({ timeout: 60_000 });
}
