// Going to a page of the workspace through the top navigation, as a clerk does: most pages are buttons
// on the bar, the others items of a menu (党务工作 ▾, 统计与校核 ▾, 系统管理 ▾) that must be opened first.
// The menu that holds a page is found in the window itself, so tests do not repeat the grouping.
import type { Page } from 'playwright-core';

/** Clicks the navigation's entry for `name` (a WorkspacePage, e.g. 'checks'), opening its menu when it is in one. */
export async function openPage(page: Page, name: string, options: { timeout?: number } = {}): Promise<void> {
  const item = page.getByTestId(`nav-${name}`);
  await item.waitFor({ state: 'attached', timeout: options.timeout });
  if (!(await item.isVisible())) {
    await page.locator('.top-nav .nav-group', { has: item }).locator('[aria-haspopup="menu"]').click({ timeout: options.timeout });
  }
  await item.click({ timeout: options.timeout });
}
