import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, type ServiceAppOptions } from '@polyshop/service-runtime';

/**
 * Starts an app the way `bootstrapService` does, on a free loopback port: its transports first
 * (the JetStream one provisions the streams), then HTTP, which runs the bootstrap hooks (an
 * outbox relay starts there). Close it with `app.close()`.
 */
export async function startServiceApp(
  module: Type<unknown>,
  options: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const app = await createServiceApp(module, options);
  try {
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
