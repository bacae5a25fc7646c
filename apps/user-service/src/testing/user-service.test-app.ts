import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LOCAL_URLS } from '@polyshop/config';
import {
  isRpcError,
  parseEnvelope,
  type EventEnvelope,
  type RpcPattern,
  type RpcReply,
  type RpcResponse,
} from '@polyshop/contracts';
import { NATS_CONNECTION } from '@polyshop/messaging';
import { StreamProbe, startServiceApp, waitFor } from '@polyshop/testing';
import type { NatsConnection } from 'nats';
import { lastValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { SERVICE_OPTIONS } from '../service';

const RPC_TIMEOUT_MS = 15_000;
const SUBJECT = 'user.registered.v1';

/** A `user.registered.v1` of the outbox, parsed, with its publication state. */
export interface RegisteredEvent {
  readonly id: string;
  readonly payload: string;
  readonly envelope: EventEnvelope<typeof SUBJECT>;
  readonly published: boolean;
}

/**
 * user-service booted as in production against the local PostgreSQL and NATS, with an RPC
 * client that calls it the way the gateway does. Set any variable before `start()`: the app's
 * configuration reads the environment when its module is first imported.
 */
export class UserServiceTestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    private readonly client: ClientProxy,
  ) {}

  static async start(): Promise<UserServiceTestApp> {
    const { AppModule } = await import('../app.module');
    const app = await startServiceApp(AppModule, SERVICE_OPTIONS);
    const client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [process.env.NATS_URL ?? LOCAL_URLS.nats] },
    });
    return new UserServiceTestApp(app, client);
  }

  async close(): Promise<void> {
    await this.client.close();
    await this.app.close();
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  /** Opens a probe at the current end of the USER stream. */
  probe(): Promise<StreamProbe> {
    return StreamProbe.open(this.app.get<NatsConnection>(NATS_CONNECTION), 'USER');
  }

  call<P extends RpcPattern>(pattern: P, payload: unknown): Promise<RpcReply<P>> {
    return lastValueFrom(
      this.client.send<RpcReply<P>>(pattern, payload).pipe(timeout(RPC_TIMEOUT_MS)),
    );
  }

  /** Calls `pattern` and fails unless it succeeds. */
  async callOk<P extends RpcPattern>(pattern: P, payload: unknown): Promise<RpcResponse<P>> {
    const reply = await this.call(pattern, payload);
    if (isRpcError(reply)) throw new Error(`${pattern} failed: ${JSON.stringify(reply)}`);
    return reply;
  }

  /** The `user.registered.v1` events of the outbox about `userId`. */
  async registeredEvents(userId: string): Promise<RegisteredEvent[]> {
    const rows = await this.db.query<{ id: string; payload: string; published: boolean }[]>(
      `SELECT id, payload, published_at IS NOT NULL AS published FROM outbox
       WHERE subject = $1 AND payload::jsonb -> 'data' ->> 'userId' = $2 ORDER BY seq`,
      [SUBJECT, userId],
    );
    return rows.map((row) => {
      const parsed = parseEnvelope(SUBJECT, row.payload);
      if (!parsed.ok) throw new Error(`outbox ${row.id}: ${parsed.reason} ${parsed.detail}`);
      return { ...row, envelope: parsed.envelope };
    });
  }

  /** Waits until the relay published the one `user.registered.v1` about `userId`. */
  publishedRegistration(userId: string): Promise<RegisteredEvent[]> {
    return waitFor(
      () => this.registeredEvents(userId),
      (events) => events.length === 1 && events[0].published,
      { description: `user.registered.v1 of ${userId} published`, timeoutMs: 30_000 },
    );
  }

  /** The stored row of `users`, every column as text, the way someone with the table sees it. */
  async rawRow(userId: string): Promise<string | undefined> {
    const rows = await this.db.query<{ row: string }[]>(
      'SELECT row_to_json(u)::text AS row FROM users u WHERE id = $1',
      [userId],
    );
    return rows[0]?.row;
  }

  /** Deletes accounts a suite created, with their events. */
  async deleteUsers(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.query('DELETE FROM users WHERE id = ANY($1::uuid[])', [userIds]);
    await this.db.query(
      `DELETE FROM outbox WHERE subject = $1 AND payload::jsonb -> 'data' ->> 'userId' = ANY($2)`,
      [SUBJECT, userIds],
    );
  }
}
