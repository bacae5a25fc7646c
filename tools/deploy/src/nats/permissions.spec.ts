import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  DLQ_PATTERNS,
  EVENTS,
  EVENT_SUBJECTS,
  PRODUCER_SERVICE,
  RPC,
  RPC_PATTERNS,
  SERVICES,
  SUBJECTS,
  durableName,
  type ServiceName,
} from '@polyshop/contracts';
import { ROOT } from '../platform';
import {
  INBOX,
  RPC_CALLER,
  answeredBy,
  consumedBy,
  permissionsOf,
  renderAuthorization,
} from './permissions';
import { matchesSubject } from './subjects';

const GENERATED = ['k8s/base/nats/authorization.conf'];

const mayPublish = (service: ServiceName, subject: string) =>
  permissionsOf(service).publish.some((pattern) => matchesSubject(pattern, subject));
const maySubscribe = (service: ServiceName, subject: string) =>
  permissionsOf(service).subscribe.some((pattern) => matchesSubject(pattern, subject));

const sourcesOf = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesOf(path);
    return name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(name) ? [path] : [];
  });

/** The constants an app's own code passes to a decorator, e.g. `@OnEvent(SUBJECTS.X)`. */
const decorated = <T extends Record<string, string>>(
  app: ServiceName,
  decorator: string,
  constants: T,
  holder: string,
): string[] => {
  const pattern = new RegExp(`@${decorator}\\(\\s*${holder}\\.(\\w+)`, 'g');
  return sourcesOf(join(ROOT, 'apps', app, 'src'))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(pattern)])
    .map((match) => constants[match[1]]);
};

describe('the generated NATS authorization', () => {
  it('is up to date with libs/contracts (regenerate with `nx run deploy:nats-config`)', () => {
    for (const file of GENERATED) {
      expect({ file, content: readFileSync(join(ROOT, file), 'utf8') }).toEqual({
        file,
        content: renderAuthorization(),
      });
    }
  });

  it('lets only its producer publish an event, and the consumers that replay its dead letters', () => {
    for (const subject of EVENT_SUBJECTS) {
      const { producer, consumers } = EVENTS[subject];
      const replaying = consumers.filter((consumer) => consumer in DLQ_PATTERNS);
      const publishers = SERVICES.filter((service) => mayPublish(service, subject));
      expect({ subject, publishers: publishers.sort() }).toEqual({
        subject,
        publishers: [PRODUCER_SERVICE[producer], ...replaying].sort(),
      });
    }
  });

  it('lets only the gateway call an RPC pattern and only its service answer it', () => {
    for (const pattern of Object.keys(RPC)) {
      const callers = SERVICES.filter((service) => mayPublish(service, pattern));
      const answerers = SERVICES.filter((service) => maySubscribe(service, pattern));
      expect({ pattern, callers, answerers }).toEqual({
        pattern,
        callers: [RPC_CALLER],
        answerers: [RPC[pattern as keyof typeof RPC].service],
      });
    }
  });

  it("lets a service pull and acknowledge its own durable consumers, never another's", () => {
    for (const service of SERVICES) {
      for (const other of SERVICES) {
        for (const subject of consumedBy(other)) {
          const { stream } = EVENTS[subject];
          const durable = durableName(other, subject);
          const pulls = mayPublish(service, `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`);
          const acks = mayPublish(service, `$JS.ACK.${stream}.${durable}.1.2.3.4.5`);
          expect({ service, durable, pulls, acks }).toEqual({
            service,
            durable,
            pulls: service === other,
            acks: service === other,
          });
        }
      }
    }
  });

  it('gives every service its replies inbox and no other subscription than its RPC patterns', () => {
    for (const service of SERVICES) {
      expect(permissionsOf(service).subscribe).toEqual([INBOX, ...answeredBy(service)]);
    }
  });

  it("matches the handlers in the apps' code: the events each consumes, the calls each answers", () => {
    for (const service of SERVICES) {
      const consumed = decorated(service, 'OnEvent', SUBJECTS, 'SUBJECTS');
      const answered = decorated(service, 'MessagePattern', RPC_PATTERNS, 'RPC_PATTERNS');
      // Dead-letter calls are answered by @polyshop/messaging's controller, not the app's code.
      const ownAnswers = answeredBy(service).filter((pattern) => !pattern.includes('.dlq.'));
      expect({ service, consumed: consumed.sort(), answered: answered.sort() }).toEqual({
        service,
        consumed: consumedBy(service).sort(),
        answered: ownAnswers.sort(),
      });
    }
  });
});
