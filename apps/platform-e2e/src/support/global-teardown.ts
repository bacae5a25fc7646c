import { stopPlatform } from './platform';

export default async function globalTeardown(): Promise<void> {
  await stopPlatform();
}
