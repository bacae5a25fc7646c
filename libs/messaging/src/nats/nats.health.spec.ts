import { HealthIndicatorService } from '@nestjs/terminus';
import { READINESS_TIMEOUT_MS } from '@polyshop/service-runtime';
import type { NatsConnection } from 'nats';
import { NatsHealthIndicator } from './nats.health';

const fakeConnection = (behaviour: { closed?: boolean; rtt: () => Promise<number> }) =>
  ({ isClosed: () => behaviour.closed ?? false, rtt: behaviour.rtt }) as unknown as NatsConnection;

const indicatorFor = (connection: NatsConnection) =>
  new NatsHealthIndicator(connection, new HealthIndicatorService());

describe('NatsHealthIndicator', () => {
  it('is up with the round-trip time when the broker answers PING', async () => {
    const result = await indicatorFor(
      fakeConnection({ rtt: () => Promise.resolve(3) }),
    ).isHealthy();
    expect(result).toEqual({ nats: { status: 'up', rttMs: 3 } });
  });

  it('is down when the connection is closed for good', async () => {
    const rtt = jest.fn(() => Promise.resolve(1));
    const result = await indicatorFor(fakeConnection({ closed: true, rtt })).isHealthy();
    expect(result).toEqual({ nats: { status: 'down', message: 'connection closed' } });
    expect(rtt).not.toHaveBeenCalled();
  });

  it('is down, within the readiness timeout, while a reconnecting client holds the PING', async () => {
    jest.useFakeTimers();
    try {
      const pending = indicatorFor(
        fakeConnection({ rtt: () => new Promise<number>(() => undefined) }),
      ).isHealthy();
      await jest.advanceTimersByTimeAsync(READINESS_TIMEOUT_MS);
      expect(await pending).toEqual({
        nats: { status: 'down', message: `nats probe timed out after ${READINESS_TIMEOUT_MS} ms` },
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('is down with the reason when the PING fails', async () => {
    const rtt = () => Promise.reject(new Error('connection draining'));
    const result = await indicatorFor(fakeConnection({ rtt })).isHealthy();
    expect(result).toEqual({ nats: { status: 'down', message: 'connection draining' } });
  });
});
