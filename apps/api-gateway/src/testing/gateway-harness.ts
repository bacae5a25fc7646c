import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { UserRole } from '@polyshop/contracts';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '@polyshop/service-runtime';
import { NatsServerProcess, startServiceApp, TcpProxy } from '@polyshop/testing';
import { DEVELOPMENT_JWT_SECRET } from '../config/api-gateway.env';
import { GATEWAY_APP_OPTIONS } from '../gateway-app';
import { FakeServices } from './fake-services';

/** Deadline of every RPC call in the integration tests: short, so timeouts are quick to see. */
export const TEST_RPC_TIMEOUT_MS = 400;
/** Registration's and login's deadline in tests: past the others', to tell them apart. */
export const TEST_AUTH_RPC_TIMEOUT_MS = 1_200;

let started = false;

/** A user of the tests, with a valid access token. */
export interface TestUser {
  readonly userId: string;
  readonly role: UserRole;
  readonly token: string;
}

/** An answer of the gateway: status, headers and the JSON body (or text when not JSON). */
export interface GatewayAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** A raw body, sent as is (for malformed or huge bodies). */
  readonly rawBody?: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

/**
 * The gateway under test: the real app module, booted as `main.ts` boots it, against its own
 * throwaway NATS server (a real broker, so that the fakes answering the services' patterns
 * can never answer another suite's requests on the shared one, nor the reverse), with
 * `FakeServices` in place of the services.
 */
export class GatewayHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    readonly fakes: FakeServices,
    /** Between the gateway and the broker: `cut()` takes NATS away from the gateway only. */
    readonly natsLink: TcpProxy,
    private readonly broker: NatsServerProcess,
  ) {}

  /**
   * Boots the gateway with `env` on top of the test defaults. Once per test file: the app
   * module reads its configuration when it is first loaded.
   */
  static async start(env: Record<string, string> = {}): Promise<GatewayHarness> {
    if (started) throw new Error('one GatewayHarness per test file');
    started = true;
    const broker = await NatsServerProcess.start();
    const natsLink = new TcpProxy('127.0.0.1', broker.port);
    Object.assign(process.env, {
      NATS_URL: `nats://127.0.0.1:${await natsLink.start()}`,
      RPC_TIMEOUT_MS: String(TEST_RPC_TIMEOUT_MS),
      AUTH_RPC_TIMEOUT_MS: String(TEST_AUTH_RPC_TIMEOUT_MS),
      ...env,
    });
    // Imported only now: the configuration is read when the module is loaded.
    const { AppModule } = await import('../app.module');
    const app = await startServiceApp(AppModule, GATEWAY_APP_OPTIONS);
    const fakes = await FakeServices.connect(broker.url);
    return new GatewayHarness(app, await app.getUrl(), fakes, natsLink, broker);
  }

  async stop(): Promise<void> {
    await this.fakes.close();
    await this.app.close();
    await this.natsLink.stop();
    await this.broker.dispose();
  }

  /** A fresh user with a token signed as the gateway signs them. */
  userWith(role: UserRole = 'user', options: { expiresIn?: number; secret?: string } = {}) {
    const userId = randomUUID();
    const jwt = new JwtService({ secret: options.secret ?? DEVELOPMENT_JWT_SECRET });
    const token = jwt.sign(
      { role },
      { subject: userId, expiresIn: options.expiresIn ?? 900, algorithm: 'HS256' },
    );
    return { userId, role, token } satisfies TestUser;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<GatewayAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the text is the body.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}

/** Matches any string (typed, for object literals in assertions). */
export const anyString = (): string => expect.any(String) as string;

/** Asserts an RFC 9457 answer: status, content type, code, and the members every problem has. */
export function expectProblem(answer: GatewayAnswer, status: number, code: string): ProblemDetails {
  expect({ status: answer.status, type: answer.headers.get('content-type') }).toEqual({
    status,
    type: PROBLEM_CONTENT_TYPE,
  });
  const problem = answer.body as ProblemDetails;
  expect(problem).toMatchObject({
    type: `https://polyshop.dev/problems/${code}`,
    status,
    code,
    title: anyString(),
    detail: anyString(),
  });
  return problem;
}
