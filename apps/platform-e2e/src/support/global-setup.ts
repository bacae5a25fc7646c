import { APPS, readiness, startPlatform, stopPlatform, type AppName } from './platform';

/** Starts all six apps once for the whole suite (the stores are started by `npm test`). */
export default async function globalSetup(): Promise<void> {
  await stopPlatform();
  for (const app of Object.keys(APPS) as AppName[]) {
    if ((await readiness(app)) !== 0) {
      throw new Error(`port ${APPS[app].port} of ${app} is taken: stop \`npm start\` first`);
    }
  }
  await startPlatform();
}
