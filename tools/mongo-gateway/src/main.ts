import { InvalidConfigError, loadGatewayConfig, type GatewayConfig } from './config/gateway-config';
import { createJsonLogger } from './logging/logger';
import { redactUrl, startGateway, type RunningGateway } from './server/gateway';

const logger = createJsonLogger();

function fail(msg: string, error: unknown): never {
  logger.error(msg, { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

function stopOnSignals(gateway: RunningGateway): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('second signal during shutdown; exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    gateway.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => fail('shutdown failed', error),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig(process.env);
  } catch (error) {
    if (error instanceof InvalidConfigError) fail('invalid configuration', error);
    throw error;
  }
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({ ...config, logger });
  } catch (error) {
    fail('cannot start mongo-gateway', error);
  }
  stopOnSignals(gateway);
  logger.info('listening', {
    port: gateway.port,
    host: gateway.host,
    documentdb: redactUrl(config.documentdbUrl),
    engineVersion: gateway.engineVersion,
  });
}

process.on('unhandledRejection', (reason) =>
  logger.error('unhandled rejection', { error: reason }),
);
main().catch((error: unknown) => fail('mongo-gateway crashed', error));
