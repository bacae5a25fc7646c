import { EVENTS, STREAMS, type EventSubject, type ServiceName } from '@polyshop/contracts';
import { CRASH_POINTS, type CrashPoint } from '@polyshop/messaging';
import fc from 'fast-check';
import { APP_NAMES, type AppName } from '../support/platform';

/**
 * A chaos run's plan: the load mix and the faults with their moments and targets, a pure
 * function of the run's seed (a fast-check sample), so any run is replayed exactly with
 * `--seed <its seed> --runs 1`. Only the machine's timing differs between two replays.
 */

export const FAULT_KINDS = [
  'kill-service',
  'crash-point',
  'kill-nats',
  'stop-store',
  'pause-service',
  'replica',
  'duplicate-deliveries',
  'replay-stream',
  'poison',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Stores `infra` runs, as its `pids`/`up` commands name them. */
export const STORES = [
  'postgres-user',
  'postgres-payment',
  'mariadb-order',
  'redis-inventory',
  'documentdb',
  'mongo-gateway',
] as const;

export type StoreName = (typeof STORES)[number];

/** The services that consume saga events (and so have crash points on both sides). */
export const SAGA_SERVICES = ['order-service', 'inventory-service', 'payment-service'] as const;

export type SagaService = (typeof SAGA_SERVICES)[number];

export const SAGA_STREAMS: readonly string[] = [
  STREAMS.ORDER.name,
  STREAMS.INVENTORY.name,
  STREAMS.PAYMENT.name,
];

/** Saga subjects that at least one service consumes: where poison can do harm. */
export const CONSUMED_SAGA_SUBJECTS = (Object.keys(EVENTS) as EventSubject[]).filter(
  (subject) =>
    EVENTS[subject].consumers.length > 0 && SAGA_STREAMS.includes(EVENTS[subject].stream),
);

export const POISON_FLAVOURS = ['bad-json', 'unknown-version', 'invalid-data'] as const;

export type PoisonFlavour = (typeof POISON_FLAVOURS)[number];

export type Fault =
  /** `kill -9` of one app, started again after `downMs`. */
  | { kind: 'kill-service'; app: AppName; downMs: number }
  /** The app restarted with a crash point armed: it kills itself at the point's `hit`-th pass. */
  | { kind: 'crash-point'; app: SagaService; point: CrashPoint; hit: number }
  | { kind: 'kill-nats'; downMs: number }
  /** Immediate stop (PostgreSQL's SIGQUIT, SIGKILL for the others), started after `downMs`. */
  | { kind: 'stop-store'; store: StoreName; downMs: number }
  /** SIGSTOP for longer than AckWait, then SIGCONT. */
  | { kind: 'pause-service'; app: AppName; beyondAckWaitMs: number }
  /** A second instance of the app, consuming and relaying beside the first until the run ends. */
  | { kind: 'replica'; app: ServiceApp }
  /** The run's last `count` messages of a stream published again under new message ids. */
  | { kind: 'duplicate-deliveries'; stream: string; count: number }
  /** The app's durables on its subjects of `stream` deleted: they come back and replay it all. */
  | { kind: 'replay-stream'; app: SagaService; stream: string }
  /** Messages no handler may accept, published straight onto a saga subject. */
  | { kind: 'poison'; subject: EventSubject; flavour: PoisonFlavour; count: number };

export interface PlannedFault {
  /** Milliseconds after the load starts; faults run one after the other. */
  atMs: number;
  fault: Fault;
}

export const ACTIONS = ['buy', 'contend', 'decline', 'cancel'] as const;

/** One shopper action: which product (index into its pool), how many, and for `cancel` when. */
export interface Action {
  kind: (typeof ACTIONS)[number];
  product: number;
  quantity: number;
  cancelAfterMs: number;
}

export interface Profile {
  loadMs: number;
  shoppers: number;
  faultsPerRun: { min: number; max: number };
  /** Stock of each contended product: orders compete for it and some find it gone. */
  hotStock: { min: number; max: number };
}

export const PROFILES = {
  short: {
    loadMs: 20_000,
    shoppers: 3,
    faultsPerRun: { min: 3, max: 3 },
    hotStock: { min: 4, max: 10 },
  },
  long: {
    loadMs: 30_000,
    shoppers: 4,
    faultsPerRun: { min: 3, max: 5 },
    hotStock: { min: 4, max: 15 },
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

export interface RunPlan {
  seed: number;
  profile: ProfileName;
  faults: PlannedFault[];
  hotStocks: number[];
  /** Each shopper's actions, taken in order and from the start again when exhausted. */
  shoppers: Action[][];
}

const HOT_PRODUCTS = 3;
export const NORMAL_PRODUCTS = 4;
const ACTIONS_PER_SHOPPER = 400;

type ServiceApp = Exclude<AppName, 'api-gateway'>;

const SERVICE_APPS = APP_NAMES.filter((app): app is ServiceApp => app !== 'api-gateway');

/** Streams a saga service consumes from. */
const streamsConsumedBy = (app: SagaService): string[] =>
  SAGA_STREAMS.filter((stream) =>
    CONSUMED_SAGA_SUBJECTS.some(
      (subject) =>
        EVENTS[subject].stream === stream &&
        (EVENTS[subject].consumers as readonly ServiceName[]).includes(app),
    ),
  );

function faultOf(kind: FaultKind): fc.Arbitrary<Fault> {
  const downMs = fc.integer({ min: 200, max: 3_000 });
  switch (kind) {
    case 'kill-service':
      return fc.record({ kind: fc.constant(kind), app: fc.constantFrom(...APP_NAMES), downMs });
    case 'crash-point':
      return fc.record({
        kind: fc.constant(kind),
        app: fc.constantFrom(...SAGA_SERVICES),
        point: fc.constantFrom(...Object.values(CRASH_POINTS)),
        hit: fc.integer({ min: 1, max: 12 }),
      });
    case 'kill-nats':
      return fc.record({ kind: fc.constant(kind), downMs });
    case 'stop-store':
      return fc.record({ kind: fc.constant(kind), store: fc.constantFrom(...STORES), downMs });
    case 'pause-service':
      return fc.record({
        kind: fc.constant(kind),
        app: fc.constantFrom(...APP_NAMES),
        beyondAckWaitMs: fc.integer({ min: 500, max: 3_000 }),
      });
    case 'replica':
      return fc.record({
        kind: fc.constant(kind),
        app: fc.constantFrom(...SERVICE_APPS),
      });
    case 'duplicate-deliveries':
      return fc.record({
        kind: fc.constant(kind),
        stream: fc.constantFrom(...SAGA_STREAMS),
        count: fc.integer({ min: 5, max: 40 }),
      });
    case 'replay-stream':
      return fc.constantFrom(...SAGA_SERVICES).chain((app) =>
        fc.record({
          kind: fc.constant(kind),
          app: fc.constant(app),
          stream: fc.constantFrom(...streamsConsumedBy(app)),
        }),
      );
    case 'poison':
      return fc.record({
        kind: fc.constant(kind),
        subject: fc.constantFrom(...CONSUMED_SAGA_SUBJECTS),
        flavour: fc.constantFrom(...POISON_FLAVOURS),
        count: fc.integer({ min: 1, max: 3 }),
      });
  }
}

/**
 * The fault kinds of a run. Short runs take three kinds each, dealt so that any three
 * consecutive seeds cover all nine; long runs draw theirs freely.
 */
function kindsOf(seed: number, profile: ProfileName): fc.Arbitrary<FaultKind[]> {
  const { min, max } = PROFILES[profile].faultsPerRun;
  if (profile === 'short') {
    const first = (seed % 3) * 3;
    return fc.constant(
      Array.from({ length: min }, (_, i) => FAULT_KINDS[(first + i) % FAULT_KINDS.length]),
    );
  }
  return fc.array(fc.constantFrom(...FAULT_KINDS), { minLength: min, maxLength: max });
}

const actionOf = (): fc.Arbitrary<Action> =>
  fc.record({
    kind: fc.constantFrom(...ACTIONS, 'buy', 'buy', 'contend'),
    product: fc.nat({ max: NORMAL_PRODUCTS * HOT_PRODUCTS - 1 }),
    quantity: fc.integer({ min: 1, max: 3 }),
    cancelAfterMs: fc.integer({ min: 0, max: 1_500 }),
  });

function planOf(seed: number, profile: ProfileName): fc.Arbitrary<RunPlan> {
  const { loadMs, shoppers, hotStock } = PROFILES[profile];
  return kindsOf(seed, profile).chain((kinds) =>
    fc.record({
      seed: fc.constant(seed),
      profile: fc.constant(profile),
      faults: fc
        .tuple(
          ...kinds.map((kind) =>
            fc.record({
              // The last fifth of the load is left for the platform to recover under load.
              atMs: fc.integer({ min: 1_000, max: Math.floor(loadMs * 0.8) }),
              fault: faultOf(kind),
            }),
          ),
        )
        .map((faults) => [...faults].sort((a, b) => a.atMs - b.atMs)),
      hotStocks: fc.array(fc.integer(hotStock), {
        minLength: HOT_PRODUCTS,
        maxLength: HOT_PRODUCTS,
      }),
      shoppers: fc.array(
        fc.array(actionOf(), { minLength: ACTIONS_PER_SHOPPER, maxLength: ACTIONS_PER_SHOPPER }),
        { minLength: shoppers, maxLength: shoppers },
      ),
    }),
  );
}

/** The plan of the run with this seed. */
export function makePlan(seed: number, profile: ProfileName): RunPlan {
  const [plan] = fc.sample(planOf(seed, profile), { seed, numRuns: 1 });
  if (plan === undefined) throw new Error(`no plan sampled for seed ${seed}`);
  return plan;
}

/** One line per fault, for the report. */
export function describeFault({ fault }: PlannedFault): string {
  switch (fault.kind) {
    case 'kill-service':
      return `kill -9 ${fault.app}, down ${fault.downMs} ms`;
    case 'crash-point':
      return `${fault.app} crashes at ${fault.point} (pass ${fault.hit})`;
    case 'kill-nats':
      return `kill -9 NATS, down ${fault.downMs} ms`;
    case 'stop-store':
      return `immediate stop of ${fault.store}, down ${fault.downMs} ms`;
    case 'pause-service':
      return `SIGSTOP ${fault.app} for AckWait + ${fault.beyondAckWaitMs} ms`;
    case 'replica':
      return `second ${fault.app} consuming beside the first`;
    case 'duplicate-deliveries':
      return `${fault.count} messages of ${fault.stream} delivered twice`;
    case 'replay-stream':
      return `${fault.app}'s durables on ${fault.stream} deleted: the whole stream replayed`;
    case 'poison':
      return `${fault.count} poison message(s) (${fault.flavour}) on ${fault.subject}`;
  }
}
