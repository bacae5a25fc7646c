import { platformMode, stopPlatform } from './platform';

/** Stops the apps the suite started; a deployed platform (`E2E_PLATFORM=external`) stays up. */
export default async function globalTeardown(): Promise<void> {
  if (platformMode() === 'local') await stopPlatform();
}
