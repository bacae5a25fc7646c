import { startOtlpCollector } from './otlp-collector';
import {
  APPS,
  E2E_COLLECTOR,
  platformHealth,
  platformMode,
  readiness,
  startPlatform,
  stopPlatform,
  type AppName,
} from './platform';

/**
 * Starts the trace collector and all six apps once for the whole suite (the stores are started by
 * `npm test`); against a deployed platform (`E2E_PLATFORM=external`), starts nothing and requires
 * it to be ready.
 */
export default async function globalSetup(): Promise<void> {
  if (platformMode() === 'external') return requireDeployedPlatform();
  await stopPlatform();
  for (const app of Object.keys(APPS) as AppName[]) {
    if ((await readiness(app)) !== 0) {
      throw new Error(`port ${APPS[app].port} of ${app} is taken: stop \`npm start\` first`);
    }
  }
  await startOtlpCollector(E2E_COLLECTOR);
  await startPlatform();
}

async function requireDeployedPlatform(): Promise<void> {
  const gateway = process.env.E2E_GATEWAY_URL;
  // Not the local default: a platform left running by `npm start` must not be taken for it.
  if (!gateway) throw new Error('E2E_PLATFORM=external needs E2E_GATEWAY_URL, its gateway');
  const health = await platformHealth();
  if (health?.status !== 200) {
    throw new Error(
      `E2E_PLATFORM=external: GET ${gateway}/health answered ${health ? `${health.status} ${JSON.stringify(health.body)}` : 'nothing'}, not 200 (every app ready)`,
    );
  }
}
