import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import { MetricsRegistry } from '@polyshop/observability';
import { EventPublisher } from '../publishing/event-publisher';
import { OutboxRelay } from './outbox-relay';
import { OutboxMetrics } from './outbox.metrics';
import type { OutboxRelayOptions, RelayLogger } from './outbox-relay.options';
import type { OutboxStore } from './outbox-store';

export interface OutboxRelayProviderOptions<Deps extends unknown[]> {
  /** Defaults to the `OutboxRelay` class, which is what services inject to `kick()`. */
  provide?: InjectionToken;
  /** Providers `store` needs (the DataSource, the Mongoose connection, the Redis client). */
  inject?: InjectionToken[];
  /** Builds the service's outbox store from the injected providers. */
  store: (...deps: Deps) => OutboxStore | Promise<OutboxStore>;
  options?: Partial<OutboxRelayOptions> & { logger?: RelayLogger };
}

/**
 * A Nest provider of the service's outbox relay, publishing through the `EventPublisher` of
 * `MessagingModule`, with its metrics (`OutboxMetrics`) in the app's `MetricsRegistry`. The
 * relay starts on application bootstrap and stops (finishing its batch) before the shutdown
 * hooks close NATS and the store.
 *
 * ```ts
 * provideOutboxRelay({
 *   inject: [DataSource],
 *   store: (dataSource: DataSource) => new SqlOutboxStore({ dialect: 'mysql', database: dataSource }),
 * })
 * ```
 */
export function provideOutboxRelay<Deps extends unknown[]>(
  config: OutboxRelayProviderOptions<Deps>,
): FactoryProvider<OutboxRelay> {
  return {
    provide: config.provide ?? OutboxRelay,
    inject: [EventPublisher, MetricsRegistry, ...(config.inject ?? [])],
    useFactory: async (publisher: EventPublisher, metrics: MetricsRegistry, ...deps: unknown[]) => {
      const store = await config.store(...(deps as Deps));
      return new OutboxRelay(store, publisher, {
        ...config.options,
        observer: new OutboxMetrics(metrics, store),
      });
    },
  };
}
