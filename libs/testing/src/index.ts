export * from './service-app';
export * from './service-health.suite';
export * from './stream-probe';
export * from './tcp-proxy';
export * from './wait-for';
export * from './env-example';
export * from './nats-server';
export * from './sql-messaging.suite';
