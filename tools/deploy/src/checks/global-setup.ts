import { clientGoSchema, dockerCompose } from './tools';

/** Fetches the checks' tools once, before the suites run in parallel workers. */
export default async function globalSetup(): Promise<void> {
  await Promise.all([dockerCompose(), clientGoSchema()]);
}
