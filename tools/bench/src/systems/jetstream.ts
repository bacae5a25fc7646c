import { join } from 'node:path';
import { LOCAL_INFRA } from '@polyshop/config';
import { readEnvExample } from '@polyshop/testing';
import { HttpClient } from '../load/http-client';
import type { Placement } from '../load/open-loop';
import { ProcessGroup, ROOT, infra, infraPids } from './processes';
import { placeOrder, type BenchSystem, type Fixtures, type Terminal } from './system';

const PORT = 3620;
/** Ids per `/bench/terminals` request: about 40 KB, under the service stack's 256 KiB body limit. */
const TERMINALS_CHUNK = 1_000;
/** J's own NATS: the project's server config (tools/infra), another instance, another port. */
const SHIFT = 700;
export const J_NATS = {
  env: {
    POLYSHOP_INSTANCE: 'bench',
    POLYSHOP_NATS_PORT: String(LOCAL_INFRA.nats.port + SHIFT),
    POLYSHOP_NATS_MONITOR_PORT: String(LOCAL_INFRA.natsMonitor.port + SHIFT),
  },
  url: `nats://127.0.0.1:${LOCAL_INFRA.nats.port + SHIFT}`,
  monitorUrl: `http://127.0.0.1:${LOCAL_INFRA.natsMonitor.port + SHIFT}`,
};

/**
 * J: the same hops over JetStream and nothing else (`jetstream-pipeline/main.ts`), on a NATS
 * server of its own so that its events never reach S's consumers.
 */
export class JetStreamSystem implements BenchSystem {
  readonly name = 'J' as const;
  readonly label = 'raw JetStream pipeline (same hops, no store)';
  private readonly processes = new ProcessGroup();
  private readonly http = new HttpClient(`http://127.0.0.1:${PORT}`);
  private fixtures: Fixtures = { users: [], products: [] };
  private readonly seen = new Map<string, Terminal>();

  async start(fixtures: Fixtures): Promise<void> {
    // From empty streams: a run cut short leaves its durables' backlog behind, and J's
    // in-memory handlers would wait behind it for intents that are gone.
    await infra(['reset', 'nats'], J_NATS.env);
    await infra(['up', 'nats'], J_NATS.env);
    this.processes.spawn(
      'jetstream-pipeline',
      [
        join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--tsconfig',
        'tsconfig.base.json',
        'tools/bench/src/systems/jetstream-pipeline/main.ts',
      ],
      {
        NATS_URL: J_NATS.url,
        BENCH_J_HTTP_PORT: String(PORT),
        // The gateway's key, so that S's tokens are J's too.
        JWT_SECRET: process.env.JWT_SECRET ?? readEnvExample().get('JWT_SECRET') ?? '',
      },
    );
    await this.processes.waitReady('jetstream-pipeline', `http://127.0.0.1:${PORT}/bench/ready`);
    this.fixtures = fixtures;
  }

  place(n: number): Promise<Placement> {
    return placeOrder(this.http, this.fixtures, n, 202);
  }

  /** The pipeline forgets an end time once read: the ones read before are kept here. */
  async terminals(orderIds: readonly string[]): Promise<Map<string, Terminal>> {
    const missing = orderIds.filter((id) => !this.seen.has(id));
    // In chunks: the pipeline's HTTP stack caps a body as the gateway's does.
    for (let start = 0; start < missing.length; start += TERMINALS_CHUNK) {
      const ids = missing.slice(start, start + TERMINALS_CHUNK);
      const answer = await this.http.send('POST', '/bench/terminals', { ids });
      if (answer.status !== 200) throw new Error(`J terminals: ${answer.status}`);
      for (const [id, at] of Object.entries(answer.body as Record<string, number>)) {
        this.seen.set(id, { status: 'CONFIRMED', at });
      }
    }
    return new Map(
      orderIds.flatMap((id) => {
        const terminal = this.seen.get(id);
        return terminal === undefined ? [] : [[id, terminal] as const];
      }),
    );
  }

  async pids(): Promise<Record<string, number>> {
    const nats = (await infraPids(J_NATS.env)).nats;
    return { ...this.processes.pids(), ...(nats === undefined ? {} : { nats }) };
  }

  async stop(): Promise<void> {
    this.http.close();
    await this.processes.stopAll();
    await infra(['down', 'nats'], J_NATS.env);
  }
}
