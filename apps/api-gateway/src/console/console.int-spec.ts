import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectProblem, GatewayHarness } from '../testing/gateway-harness';

const INDEX_HTML = '<!doctype html><title>Polyshop console</title><div id="root"></div>';

describe('the console served by the gateway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyshop-console-'));
  let gateway: GatewayHarness;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(dir, 'assets', 'index-1a2b.js'), 'console.log("console");');
    gateway = await GatewayHarness.start({ CONSOLE_DIR: dir });
  });

  afterAll(async () => {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every page of the app with index.html under a strict Content-Security-Policy', async () => {
    for (const path of ['/console/', '/console/orders/7b0c', '/console/dead-letters?x=1']) {
      const page = await gateway.request<string>('GET', path);
      expect({ path, status: page.status, body: page.body }).toEqual({
        path,
        status: 200,
        body: INDEX_HTML,
      });
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('redirects /console to /console/', async () => {
    const response = await fetch(`${gateway.baseUrl}/console`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/console/');
  });

  it('serves the built assets with their content type', async () => {
    const asset = await gateway.request<string>('GET', '/console/assets/index-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.body).toBe('console.log("console");');
  });

  it('answers problem details for a file the build does not have, a path outside it or a malformed one', async () => {
    expectProblem(
      await gateway.request('GET', '/console/assets/missing.js'),
      404,
      'ROUTE.NOT_FOUND',
    );
    expectProblem(
      await gateway.request('GET', '/console/..%2f..%2fpackage.json'),
      404,
      'ROUTE.NOT_FOUND',
    );
    expectProblem(await gateway.request('GET', '/console/index%00.js'), 404, 'ROUTE.NOT_FOUND');
    // Bad percent-encoding never reaches the controller: the server refuses the URL.
    expectProblem(
      await gateway.request('GET', '/console/assets/a%E0%A4%A.js'),
      400,
      'REQUEST.REJECTED',
    );
  });

  it('answers a clear 404 problem, not a crash, while the console is not built', async () => {
    rmSync(join(dir, 'index.html'));
    const problem = expectProblem(
      await gateway.request('GET', '/console/orders'),
      404,
      'ROUTE.NOT_FOUND',
    );
    expect(problem.detail).toMatch(/console is not built/);
    expect((await gateway.request('GET', '/health/live')).status).toBe(200);
  });
});
