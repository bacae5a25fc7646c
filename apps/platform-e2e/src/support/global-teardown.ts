import { stopOtlpCollector } from './otlp-collector';
import { platformMode, stopPlatform } from './platform';

/**
 * Stops the apps the suite started, then the trace collector (the apps export their last spans
 * as they close); a deployed platform (`E2E_PLATFORM=external`) stays up.
 */
export default async function globalTeardown(): Promise<void> {
  if (platformMode() === 'local') await stopPlatform();
  await stopOtlpCollector();
}
