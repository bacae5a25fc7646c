export * from './local-infra';
export * from './service-env';
export * from './validate-env';
export * from './nats-connection';
