import { APPS, readiness, startApp, stopApp, type AppName } from './support/platform';

const apps = Object.keys(APPS) as AppName[];

describe('the running platform', () => {
  it('has all six apps ready, each against its own store and NATS', async () => {
    const statuses = await Promise.all(apps.map(async (app) => [app, await readiness(app)]));
    expect(statuses).toEqual(apps.map((app) => [app, 200]));
  });

  it('keeps the other apps ready while one service is down, and takes it back', async () => {
    await stopApp('payment-service');
    try {
      expect(await readiness('payment-service')).toBe(0);
      const others = apps.filter((app) => app !== 'payment-service');
      const statuses = await Promise.all(others.map(async (app) => [app, await readiness(app)]));
      expect(statuses).toEqual(others.map((app) => [app, 200]));
    } finally {
      await startApp('payment-service');
    }
    expect(await readiness('payment-service')).toBe(200);
  });
});
