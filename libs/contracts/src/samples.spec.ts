import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvelope } from './envelope/parse-envelope';
import { EVENT_SUBJECTS } from './events/event-map';
import { sampleEnvelope } from './samples';

const SAMPLES_DIR = join(__dirname, '..', 'samples');
const golden = (subject: string): string =>
  readFileSync(join(SAMPLES_DIR, `${subject}.json`), 'utf8');

describe('golden samples', () => {
  it('holds exactly one file per subject of the event map, and nothing else', () => {
    const files = readdirSync(SAMPLES_DIR).sort();

    expect(files).toEqual(EVENT_SUBJECTS.map((subject) => `${subject}.json`).sort());
  });

  it.each(EVENT_SUBJECTS)('%s: the golden file passes parseEnvelope on its subject', (subject) => {
    const envelope: unknown = JSON.parse(golden(subject));

    expect(parseEnvelope(subject, golden(subject))).toEqual({ ok: true, envelope });
  });

  it.each(EVENT_SUBJECTS)('%s: the golden file equals sampleEnvelope(subject)', (subject) => {
    const canonical: unknown = JSON.parse(JSON.stringify(sampleEnvelope(subject)));

    expect(JSON.parse(golden(subject))).toEqual(canonical);
  });

  it('gives every sample its own event id', () => {
    const ids = EVENT_SUBJECTS.map((subject) => sampleEnvelope(subject).id);

    expect(new Set(ids).size).toBe(EVENT_SUBJECTS.length);
  });

  it('hands out a fresh copy, so a test that mutates its sample cannot break another', () => {
    const first = sampleEnvelope('order.placed.v1');
    first.data.items[0].quantity = 99;

    expect(sampleEnvelope('order.placed.v1').data.items[0].quantity).toBe(2);
  });
});
