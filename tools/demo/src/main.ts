import { readEnvExample, waitFor } from '@polyshop/testing';
import { DEMO_CATALOG } from './catalog';
import { GatewayClient } from './gateway-client';
import { seedCatalog } from './seed-catalog';

const GATEWAY = `http://127.0.0.1:${process.env.GATEWAY_HTTP_PORT ?? '3000'}`;

/** Waits for the whole platform, seeds the demo catalogue once, says where everything is. */
async function main(): Promise<void> {
  const started = Date.now();
  const api = new GatewayClient(GATEWAY);
  await waitFor(
    () => api.call('GET', '/health'),
    (reply) => reply.status === 200,
    { description: 'every app ready (GET /health)', timeoutMs: 300_000, intervalMs: 500 },
  );
  const readyAfter = ((Date.now() - started) / 1000).toFixed(1);

  const example = readEnvExample();
  const email = process.env.ADMIN_EMAIL ?? example.get('ADMIN_EMAIL') ?? '';
  const password = process.env.ADMIN_PASSWORD ?? example.get('ADMIN_PASSWORD') ?? '';
  const login = await api.call<{ accessToken: string }>('POST', '/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`admin login answered ${login.status}`);
  const seeded = await seedCatalog(api, login.body.accessToken, DEMO_CATALOG);

  const lines = [
    '',
    `Polyshop is ready (${readyAfter} s after start).`,
    `  API          ${GATEWAY}`,
    `  OpenAPI      ${GATEWAY}/docs`,
    `  health       ${GATEWAY}/health`,
    `  admin        ${email} / ${password}  (development defaults, .env.example)`,
    `  catalogue    ${seeded.created.length} demo products created, ${seeded.existing.length} already there`,
    `  stores       npm run infra:status`,
    '',
    'Try: register, log in, then POST /orders with {"items":[{"productId":"<id from GET /products>","quantity":1}],"paymentToken":"tok_visa"}',
    'Ctrl-C stops the apps; `npm run infra:down` stops the stores.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  // Stay up with the apps, so Nx keeps the whole platform running until Ctrl-C.
  // (Signal listeners alone do not keep Node alive: a timer does.)
  await new Promise<void>((resolve) => {
    const keepAlive = setInterval(() => undefined, 60_000);
    const stop = () => {
      clearInterval(keepAlive);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `demo start failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
