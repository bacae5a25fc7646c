export * from './bootstrap/bootstrap-service';
export * from './bootstrap/create-service-app';
export * from './error-message';
export * from './health/health.module';
export * from './health/probe-readiness';
export * from './health/readiness';
export * from './with-timeout';
