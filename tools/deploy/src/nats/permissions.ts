import {
  DLQ_PATTERNS,
  EVENTS,
  EVENT_SUBJECTS,
  PRODUCER_SERVICE,
  RPC,
  SERVICES,
  STREAMS,
  deadLetterSubject,
  durableName,
  type EventSubject,
  type RpcPattern,
  type ServiceName,
} from '@polyshop/contracts';

/** What one NATS user may publish and subscribe to. */
export interface NatsPermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  /** May answer the requests it receives (core-NATS request/reply), on their reply subjects only. */
  readonly allowResponses: boolean;
}

/** The app that calls every RPC pattern: services never call each other (DESIGN.md section 2). */
export const RPC_CALLER: ServiceName = 'api-gateway';

/** Replies to its own requests (JetStream API, PubAcks, pull deliveries, RPC replies) land here. */
export const INBOX = '_INBOX.>';

const RPC_PATTERNS = Object.keys(RPC) as RpcPattern[];
const DEAD_LETTERS = STREAMS.DEAD_LETTERS.name;

export const producedBy = (service: ServiceName): EventSubject[] =>
  EVENT_SUBJECTS.filter((subject) => PRODUCER_SERVICE[EVENTS[subject].producer] === service);

export const consumedBy = (service: ServiceName): EventSubject[] =>
  EVENT_SUBJECTS.filter((subject) =>
    (EVENTS[subject].consumers as readonly ServiceName[]).includes(service),
  );

export const answeredBy = (service: ServiceName): RpcPattern[] =>
  RPC_PATTERNS.filter((pattern) => RPC[pattern].service === service);

const listsDeadLetters = (service: ServiceName): boolean =>
  Object.prototype.hasOwnProperty.call(DLQ_PATTERNS, service);

/**
 * The JetStream API subjects a service uses (`@polyshop/messaging`): every service that publishes
 * or consumes events makes sure each stream of the contract exists at boot; a consumer creates,
 * reads and pulls from its own durable consumers and acknowledges their messages; a service that
 * lists its dead letters reads them through a short-lived ordered consumer filtered on its own
 * `dlq.<service>.>` and deletes the ones it replays.
 */
function jetStreamApi(service: ServiceName): { publish: string[] } {
  const streams = Object.values(STREAMS).map((stream) => stream.name);
  const publish = [
    '$JS.API.INFO',
    ...streams.flatMap((stream) =>
      ['INFO', 'CREATE', 'UPDATE'].map((verb) => `$JS.API.STREAM.${verb}.${stream}`),
    ),
  ];
  for (const subject of consumedBy(service)) {
    const stream = EVENTS[subject].stream;
    const durable = durableName(service, subject);
    publish.push(
      `$JS.API.CONSUMER.INFO.${stream}.${durable}`,
      `$JS.API.CONSUMER.CREATE.${stream}.${durable}.${subject}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
      `$JS.ACK.${stream}.${durable}.>`,
    );
  }
  if (listsDeadLetters(service)) {
    publish.push(
      `$JS.API.CONSUMER.CREATE.${DEAD_LETTERS}.*.${deadLetterSubject(service, '>')}`,
      ...['INFO', 'MSG.NEXT', 'DELETE'].map((verb) => `$JS.API.CONSUMER.${verb}.${DEAD_LETTERS}.*`),
      `$JS.API.STREAM.MSG.GET.${DEAD_LETTERS}`,
      `$JS.API.STREAM.MSG.DELETE.${DEAD_LETTERS}`,
    );
  }
  return { publish };
}

/**
 * The permissions of one app, derived from the contracts so that they cannot drift from what
 * the code publishes and consumes: its own events (through its outbox relay), the dead letters
 * of what it consumes, the RPC patterns it answers (or, for the gateway, calls), and the
 * JetStream API of its streams and durable consumers. A consumer that replays its dead letters
 * republishes them on their original subjects, so it may publish the subjects it consumes.
 */
export function permissionsOf(service: ServiceName): NatsPermissions {
  const produced = producedBy(service);
  const consumed = consumedBy(service);
  const answered = answeredBy(service);
  const usesJetStream = produced.length > 0 || consumed.length > 0;
  const publish = [
    ...produced,
    ...(service === RPC_CALLER ? RPC_PATTERNS : []),
    ...consumed.map((subject) => deadLetterSubject(service, subject)),
    ...(listsDeadLetters(service) ? consumed : []),
    ...(usesJetStream ? jetStreamApi(service).publish : []),
  ];
  return {
    publish: [...new Set(publish)],
    subscribe: [INBOX, ...answered],
    allowResponses: answered.length > 0,
  };
}

/** The full-access user for operators and the system test suite (reads every stream). */
export const ADMIN_USER = 'polyshop-admin';

/** Environment variable holding a user's password in the NATS server's environment. */
export const passwordVariable = (user: string): string =>
  `NATS_PASSWORD_${user
    .replace(/^polyshop-/, '')
    .replace(/-/g, '_')
    .toUpperCase()}`;

const quote = (value: string) => JSON.stringify(value);
const list = (values: readonly string[], indent: string) =>
  values.length === 0
    ? '[]'
    : `[\n${values.map((value) => `${indent}  ${quote(value)}`).join('\n')}\n${indent}]`;

/**
 * The `authorization` block of nats-server's configuration: one user per app with the
 * permissions above, plus the admin. Passwords are `$NATS_PASSWORD_<USER>` references, resolved
 * by nats-server from its environment (a Kubernetes Secret, the compose `.env`).
 */
export function renderAuthorization(): string {
  const users = SERVICES.map((service) => {
    const { publish, subscribe, allowResponses } = permissionsOf(service);
    return [
      '    {',
      `      user: ${quote(service)}`,
      `      password: $${passwordVariable(service)}`,
      '      permissions: {',
      `        publish: { allow: ${list(publish, '        ')} }`,
      `        subscribe: { allow: ${list(subscribe, '        ')} }`,
      ...(allowResponses ? ['        allow_responses: true'] : []),
      '      }',
      '    }',
    ].join('\n');
  });
  users.push(
    [
      '    {',
      `      user: ${quote(ADMIN_USER)}`,
      `      password: $${passwordVariable(ADMIN_USER)}`,
      '    }',
    ].join('\n'),
  );
  return [
    '# Generated from libs/contracts by `nx run deploy:nats-config`: do not edit.',
    '# One user per app, allowed only the subjects that app publishes and consumes (see',
    '# tools/deploy/src/nats/permissions.ts); passwords come from the environment.',
    'authorization {',
    '  users: [',
    users.join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
