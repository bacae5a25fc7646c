import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  EVENTS,
  durableName,
  sampleEnvelope,
  type EventSubject,
  type ServiceName,
} from '@polyshop/contracts';
import { CRASH_POINT_VARIABLE } from '@polyshop/messaging';
import { headers as natsHeaders } from 'nats';
import { withNats } from '../support/invariants';
import { APP_NAMES, type AppName, type Instance, type Platform } from '../support/platform';
import type { ChaosInfra } from './chaos-infra';
import type { Fault, PoisonFlavour } from './plan';

/** What the faults of one run need, and what they leave for the checker. */
export interface RunContext {
  platform: Platform;
  infra: ChaosInfra;
  ackWaitMs: number;
  seed: number;
  /** Extra instances started by the run, stopped when it ends. */
  replicas: Instance[];
  /** Last sequence of each saga stream before the run began. */
  streamStart: Map<string, number>;
  /** The run's poison: envelope id (a bad-JSON payload carries one too) and subject. */
  poison: { id: string; subject: EventSubject }[];
  /** Dead letters the run's poison must produce (one per consumer of each poison message). */
  expectedPoisonDeadLetters: number;
  /** Messages published again under a new message id, each one a duplicate for its consumers. */
  duplicatesInjected: number;
}

/** Every running instance of an app (the app itself and any replica). */
const instancesOf = (ctx: RunContext, app: AppName): Instance[] =>
  ctx.platform.running().filter((instance) => instance.app === app);

function poisonPayload(subject: EventSubject, flavour: PoisonFlavour, id: string): string {
  const envelope = { ...sampleEnvelope(subject), id, correlationId: id };
  switch (flavour) {
    case 'bad-json':
      return `{"id":"${id}","type":`;
    case 'unknown-version':
      return JSON.stringify({ ...envelope, version: 99 });
    case 'invalid-data':
      return JSON.stringify({ ...envelope, data: { orderId: 42, items: 'none' } });
  }
}

/**
 * Injects one fault and heals it; resolves when the platform has everything back (not
 * necessarily recovered: the canary measures that). Returns a note on what happened.
 */
export async function inject(fault: Fault, ctx: RunContext): Promise<string> {
  const { platform, infra } = ctx;
  switch (fault.kind) {
    case 'kill-service': {
      const instance = { app: fault.app, replica: 0 };
      await platform.stop(instance, 'SIGKILL');
      await delay(fault.downMs);
      await platform.start(instance);
      return 'killed and restarted';
    }
    case 'crash-point': {
      const instance = { app: fault.app, replica: 0 };
      await platform.stop(instance);
      const armedAt = Date.now();
      platform.spawn(instance, { [CRASH_POINT_VARIABLE]: `${fault.point}:${fault.hit}` });
      let note = 'not reached within 20 s (restarted without it)';
      while (Date.now() - armedAt < 20_000) {
        if (platform.pidOf(instance) === undefined) {
          note = `crashed ${Date.now() - armedAt} ms after start`;
          break;
        }
        await delay(50);
      }
      await platform.stop(instance);
      await platform.start(instance);
      return note;
    }
    case 'kill-nats':
      await infra.crash('nats');
      await delay(fault.downMs);
      await infra.up('nats');
      return 'killed and restarted';
    case 'stop-store':
      await infra.crash(fault.store);
      await delay(fault.downMs);
      await infra.up(fault.store);
      return 'crashed and restarted';
    case 'pause-service': {
      const instance = { app: fault.app, replica: 0 };
      platform.signal(instance, 'SIGSTOP');
      await delay(ctx.ackWaitMs + fault.beyondAckWaitMs);
      platform.signal(instance, 'SIGCONT');
      return 'paused and resumed';
    }
    case 'replica': {
      const replica = { app: fault.app, replica: 1 };
      if (platform.pidOf(replica) !== undefined) return 'replica already running';
      await platform.start(replica);
      ctx.replicas.push(replica);
      return `replica on port ${platform.port(fault.app, 1)}`;
    }
    case 'duplicate-deliveries':
      return withNats(async (nats) => {
        const jsm = await nats.jetstreamManager();
        const js = nats.jetstream();
        const last = (await jsm.streams.info(fault.stream)).state.last_seq;
        const first = Math.max(
          (ctx.streamStart.get(fault.stream) ?? 0) + 1,
          last - fault.count + 1,
        );
        let copies = 0;
        for (let seq = first; seq <= last; seq++) {
          const message = await jsm.streams.getMessage(fault.stream, { seq }).catch(() => null);
          if (message === null) continue;
          const copied = natsHeaders();
          for (const [key, values] of message.header) {
            if (key !== 'Nats-Msg-Id') for (const value of values) copied.append(key, value);
          }
          const id = message.header.get('Nats-Msg-Id');
          await js.publish(message.subject, message.data, {
            msgID: `${id}-copy-${ctx.seed}`,
            headers: copied,
          });
          copies++;
          ctx.duplicatesInjected++;
        }
        return `${copies} messages published again`;
      });
    case 'replay-stream': {
      const subjects = (Object.keys(EVENTS) as EventSubject[]).filter(
        (subject) =>
          EVENTS[subject].stream === fault.stream &&
          (EVENTS[subject].consumers as readonly ServiceName[]).includes(fault.app),
      );
      const instances = instancesOf(ctx, fault.app);
      await Promise.all(instances.map((instance) => platform.stop(instance)));
      await withNats(async (nats) => {
        const jsm = await nats.jetstreamManager();
        for (const subject of subjects) {
          await jsm.consumers.delete(fault.stream, durableName(fault.app, subject));
        }
      });
      for (const instance of instances) await platform.start(instance);
      return `durables of ${subjects.join(', ')} recreated`;
    }
    case 'poison':
      return withNats(async (nats) => {
        const js = nats.jetstream();
        for (let n = 0; n < fault.count; n++) {
          const id = randomUUID();
          await js.publish(fault.subject, poisonPayload(fault.subject, fault.flavour, id), {
            msgID: id,
          });
          ctx.poison.push({ id, subject: fault.subject });
          ctx.expectedPoisonDeadLetters += EVENTS[fault.subject].consumers.length;
        }
        return `${fault.count} published`;
      });
  }
}

/**
 * Ends a run's faults: replicas stopped, every app and every server running and ready again,
 * whatever a fault (or a crash point that fired late) left behind.
 */
export async function healAll(ctx: Pick<RunContext, 'platform' | 'infra' | 'replicas'>) {
  await Promise.all(ctx.replicas.map((replica) => ctx.platform.stop(replica)));
  ctx.replicas.length = 0;
  await ctx.infra.up();
  for (const app of APP_NAMES) {
    const instance = { app, replica: 0 };
    ctx.platform.signal(instance, 'SIGCONT');
    if (ctx.platform.pidOf(instance) === undefined) await ctx.platform.start(instance);
    else await ctx.platform.waitReady(instance);
  }
}
