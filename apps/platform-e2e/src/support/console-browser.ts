import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './platform';

/** Debian's chromium (installed by `infra browser` when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** Screenshots of the console's tests: git-ignored, kept as test artifacts. */
export const ARTIFACTS_DIR = join(ROOT, 'dist', 'artifacts', 'console');

const APT_TIMEOUT_MS = 20 * 60_000;

const VIEWPORT = { width: 1600, height: 1000 };

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Installs chromium through the workspace's infra tool (apt-get, as root) when it is missing. */
export function ensureChromium(): void {
  if (executable(CHROMIUM)) return;
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'tools/infra/src/main.ts', 'browser'],
    { cwd: ROOT, stdio: 'inherit', timeout: APT_TIMEOUT_MS },
  );
}

/** Headless chromium with a fresh profile, and the console's pages opened in it. */
export class ConsoleBrowser {
  private constructor(
    private readonly browser: Browser,
    readonly consoleUrl: string,
  ) {}

  static async launch(gatewayUrl: string): Promise<ConsoleBrowser> {
    ensureChromium();
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    // launch() gives chromium a fresh temporary profile (user-data-dir), removed on close.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    return new ConsoleBrowser(browser, `${gatewayUrl}/console/`);
  }

  /**
   * A new tab of its own (own sessionStorage), signed in with `token` if given. Errors the page
   * logs (a refused script, a failed call) fail the test through `errors`.
   */
  async open(token?: string): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await this.browser.newContext({ viewport: VIEWPORT });
    if (token !== undefined) {
      // The console keeps its token there (apps/console/src/api/session.ts).
      await context.addInitScript({
        content: `sessionStorage.setItem('polyshop.console.token', ${JSON.stringify(token)});`,
      });
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(this.consoleUrl);
    return { page, context, errors };
  }

  /**
   * Saves a full-page screenshot as a test artifact and says where; the window is widened
   * first to show a timeline wider than the screen whole.
   */
  async screenshot(page: Page, name: string): Promise<string> {
    const timeline = await page
      .locator('.swimlanes svg')
      .getAttribute('width', { timeout: 1_000 })
      .catch(() => null);
    const width = Math.ceil(Number(timeline ?? 0)) + 120;
    if (width > VIEWPORT.width) await page.setViewportSize({ ...VIEWPORT, width });
    const path = join(ARTIFACTS_DIR, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    process.stdout.write(`console screenshot: ${path}\n`);
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
