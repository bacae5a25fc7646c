import { Logger, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { errorMessage } from '../error-message';
import { createServiceApp, type ServiceAppOptions } from './create-service-app';

export interface BootstrapOptions extends ServiceAppOptions {
  /** Config key holding this app's HTTP port, e.g. `ORDER_HTTP_PORT`. */
  portKey: string;
}

/**
 * The whole life of a service process: create, start RPC, listen; shutdown hooks drain on
 * SIGTERM. A failure to boot (bad config, unreachable store) ends the process with one clear
 * message and exit code 1 rather than a stack trace or a hang.
 */
export async function bootstrapService(
  module: Type<unknown>,
  options: BootstrapOptions,
): Promise<void> {
  const logger = new Logger(options.name);
  try {
    const app = await createServiceApp(module, options);
    const config = app.get(ConfigService);
    const port = config.getOrThrow<number>(options.portKey);
    const host = config.getOrThrow<string>('HTTP_HOST');
    await app.startAllMicroservices();
    await app.listen(port, host);
    logger.log(`listening on http://${host}:${port}`);
  } catch (error) {
    logger.error(`failed to start: ${errorMessage(error)}`);
    process.exit(1);
  }
}
