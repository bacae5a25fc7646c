import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceName } from '@polyshop/contracts';
import { NatsHealthIndicator } from '@polyshop/messaging';
import { errorMessage, READINESS_TIMEOUT_MS } from '@polyshop/service-runtime';
import type { ApiGatewayEnv } from '../config/api-gateway.env';

/** The readiness of one app as `GET /health` reports it. */
export interface AppReadiness {
  readonly ready: boolean;
  /** HTTP status of the service's `/health/ready`, when it answered. */
  readonly status?: number;
  /** Its readiness details (each dependency), when it answered with them. */
  readonly details?: unknown;
  /** Why it is not ready, when it did not answer. */
  readonly reason?: string;
}

/** Every app's readiness; ready only when all of them are. */
export interface PlatformReadinessReport {
  readonly ready: boolean;
  readonly services: Readonly<Record<ServiceName, AppReadiness>>;
}

type ServiceUrlKey = {
  [K in keyof ApiGatewayEnv]: K extends `${string}_SERVICE_URL` ? K : never;
}[keyof ApiGatewayEnv];

/** Where each service's HTTP server is (its `/health/ready`). */
export const SERVICE_URL_KEYS = {
  'user-service': 'USER_SERVICE_URL',
  'product-service': 'PRODUCT_SERVICE_URL',
  'order-service': 'ORDER_SERVICE_URL',
  'inventory-service': 'INVENTORY_SERVICE_URL',
  'payment-service': 'PAYMENT_SERVICE_URL',
} as const satisfies Record<Exclude<ServiceName, 'api-gateway'>, ServiceUrlKey>;

const readinessUrl = (base: string): URL =>
  new URL('health/ready', base.endsWith('/') ? base : `${base}/`);

/** Why `fetch` got no answer: the timeout, or the socket error (`ECONNREFUSED`, ...). */
function unreachableReason(error: unknown): string {
  const { name, cause } = error as {
    name?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  if (name === 'TimeoutError') return `no answer within ${READINESS_TIMEOUT_MS} ms`;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return errorMessage(error);
}

const detailsOf = async (response: Response): Promise<unknown> => {
  try {
    return ((await response.json()) as { details?: unknown }).details;
  } catch {
    return undefined;
  }
};

/**
 * The readiness of the whole platform for `GET /health`: the gateway's own (its NATS
 * connection) and each service's `/health/ready` over HTTP, all at once, each given the
 * readiness timeout. A service that does not answer in time is reported not ready.
 */
@Injectable()
export class PlatformReadiness {
  constructor(
    private readonly config: ConfigService<ApiGatewayEnv, true>,
    private readonly nats: NatsHealthIndicator,
  ) {}

  async check(): Promise<PlatformReadinessReport> {
    const entries = Object.entries(SERVICE_URL_KEYS) as Array<[ServiceName, ServiceUrlKey]>;
    const [gateway, ...services] = await Promise.all([
      this.gateway(),
      ...entries.map(([, key]) => this.service(this.config.get(key, { infer: true }))),
    ]);
    const report = Object.fromEntries([
      ['api-gateway', gateway],
      ...entries.map(([name], index) => [name, services[index]]),
    ]) as Record<ServiceName, AppReadiness>;
    return { ready: Object.values(report).every((app) => app.ready), services: report };
  }

  private async gateway(): Promise<AppReadiness> {
    const details = await this.nats.isHealthy();
    return { ready: details['nats']?.status === 'up', details };
  }

  private async service(baseUrl: string): Promise<AppReadiness> {
    try {
      const response = await fetch(readinessUrl(baseUrl), {
        signal: AbortSignal.timeout(READINESS_TIMEOUT_MS),
      });
      const details = await detailsOf(response);
      return { ready: response.status === 200, status: response.status, details };
    } catch (error) {
      return { ready: false, reason: unreachableReason(error) };
    }
  }
}
