import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { errorMessage } from '../error-message';
import { withTimeout } from '../with-timeout';
import { READINESS_TIMEOUT_MS } from './readiness';

/**
 * Up, with whatever `probe` returns as details, when it settles within the readiness timeout;
 * down with the reason otherwise. A client that is reconnecting holds its request back, so the
 * timeout is what turns an outage into `down` instead of a hanging probe.
 */
export async function probeReadiness(
  health: HealthIndicatorService,
  key: string,
  probe: () => Promise<Record<string, unknown> | void>,
): Promise<HealthIndicatorResult> {
  const indicator = health.check(key);
  try {
    const details = await withTimeout(probe(), READINESS_TIMEOUT_MS, `${key} probe`);
    return indicator.up(details ?? {});
  } catch (error) {
    return indicator.down({ message: errorMessage(error) });
  }
}
