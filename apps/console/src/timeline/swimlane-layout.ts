import type { OrderTimeline, StatusTransition, TimelineEntry } from '../api/api.types';

/** The saga's participants, top to bottom, in the order the saga visits them. */
export const SAGA_LANES = ['order-service', 'inventory-service', 'payment-service'] as const;

/** How a mark or an arrow is drawn (a CSS class of the picture). */
export type Tone =
  | 'event'
  | 'compensation'
  | 'processed'
  | 'duplicate'
  | 'retry'
  | 'dead-letter'
  | 'status'
  | 'failure';

export interface Lane {
  readonly service: string;
  /** Middle line of the lane. */
  readonly y: number;
  readonly top: number;
  readonly height: number;
}

export interface Mark {
  readonly key: string;
  readonly kind: TimelineEntry['kind'] | 'TRANSITION';
  readonly lane: string;
  readonly x: number;
  readonly y: number;
  readonly tone: Tone;
  /** Short text beside the mark. */
  readonly label: string;
  /** Time since placement, e.g. `+84 ms`. */
  readonly time: string;
  /** Labels of neighbouring marks of a lane alternate above and below it. */
  readonly labelBelow: boolean;
  /** Everything about the entry, for the tooltip. */
  readonly title: string;
}

export interface Arrow {
  readonly key: string;
  readonly from: { readonly x: number; readonly y: number };
  readonly to: { readonly x: number; readonly y: number };
  readonly tone: Tone;
  readonly subject: string;
}

export interface SwimlaneLayout {
  readonly width: number;
  readonly height: number;
  readonly lanes: readonly Lane[];
  readonly marks: readonly Mark[];
  readonly arrows: readonly Arrow[];
  /** The x of placement, where the time axis starts. */
  readonly originX: number;
}

export interface LayoutOptions {
  /** Width of the lane titles on the left. */
  readonly gutter: number;
  readonly laneHeight: number;
  /** Closest two marks may be, so that simultaneous entries stay readable. */
  readonly minGap: number;
  /**
   * Extra room between two marks per tenfold of the time between them: 1 ms adds little, a
   * retry's backoff more, a 30 s saga deadline most, and all still fit on a screen.
   */
  readonly pxPerDecade: number;
  /** Room after the last mark for its label. */
  readonly rightMargin: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  gutter: 150,
  laneHeight: 110,
  minGap: 110,
  pxPerDecade: 40,
  rightMargin: 240,
};

/** `+84 ms`, `+1.25 s`, `+2 min 5 s` after placement. */
export function formatSincePlacement(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1_000).toFixed(2)} s`;
  return `${sign}${Math.floor(abs / 60_000)} min ${Math.round((abs % 60_000) / 1_000)} s`;
}

/** `payment.failed.v1` → `payment.failed`: the lane already says who, the version adds nothing. */
const shortSubject = (subject: string) => subject.replace(/\.v\d+$/, '');

/** `payment.failed.v1`, `inventory.stock-reservation-failed.v1`: what sends a saga back. */
const isFailureEvent = (subject: string) => /[.-]failed\.v\d+$/.test(subject);

const laneOf = (entry: TimelineEntry): string =>
  entry.kind === 'PUBLISHED' ? `${entry.producer}-service` : entry.service;

const toneOf = (entry: TimelineEntry): Tone => {
  switch (entry.kind) {
    case 'PUBLISHED':
      if (entry.compensation) return 'compensation';
      return isFailureEvent(entry.subject) ? 'failure' : 'event';
    case 'DEAD_LETTERED':
      return 'dead-letter';
    case 'CONSUMED':
      switch (entry.outcome) {
        case 'PROCESSED':
          return 'processed';
        case 'DUPLICATE':
          return 'duplicate';
        case 'RETRIED':
          return 'retry';
        case 'DEAD_LETTERED':
          return 'dead-letter';
      }
  }
};

const labelOf = (entry: TimelineEntry): string => {
  switch (entry.kind) {
    case 'PUBLISHED':
      return `${entry.compensation ? '↩ ' : ''}${shortSubject(entry.subject)}`;
    case 'DEAD_LETTERED':
      return `☠ dead letter: ${entry.reason}`;
    case 'CONSUMED':
      switch (entry.outcome) {
        case 'PROCESSED':
          return `✓ ${shortSubject(entry.subject)}`;
        case 'DUPLICATE':
          return '= duplicate, ignored';
        case 'RETRIED':
          return `↻ retry after attempt ${entry.attempt}`;
        case 'DEAD_LETTERED':
          return `✕ gave up (attempt ${entry.attempt})`;
      }
  }
};

const titleOf = (entry: TimelineEntry): string => {
  switch (entry.kind) {
    case 'PUBLISHED':
      return `${entry.producer}-service published ${entry.subject}${entry.compensation ? ' (compensation)' : ''}\nevent ${entry.eventId}`;
    case 'CONSUMED':
      return `${entry.service} handled ${entry.subject}: ${entry.outcome} (attempt ${entry.attempt})${entry.detail ? `\n${entry.detail}` : ''}\nevent ${entry.eventId}`;
    case 'DEAD_LETTERED':
      return `${entry.service} dead-lettered ${entry.subject}: ${entry.reason}\n${entry.detail}`;
  }
};

const isFailure = (transition: StatusTransition) =>
  transition.to === 'CANCELLED' || transition.to === 'REJECTED';

interface Point {
  readonly key: string;
  readonly at: number;
  readonly lane: string;
  readonly build: (x: number, y: number, time: string) => Omit<Mark, 'labelBelow'>;
}

/** The distance between two consecutive marks `ms` apart. */
export const gapFor = (ms: number, options: LayoutOptions = DEFAULT_LAYOUT): number =>
  options.minGap + options.pxPerDecade * Math.log10(1 + Math.max(0, ms));

/**
 * Lays a saga timeline out as swimlanes: one lane per service (the saga's three first, any
 * other after), a mark per entry and status change in time order from placement (failure
 * events, compensations, retries and dead letters each in their own tone), labelled with
 * its time since placement, and an arrow from each event's publication to each of its
 * deliveries (matched by event id), drawn in the tone of what the delivery did. Marks are at
 * least `minGap` apart, so that entries of the same millisecond stay readable, and further
 * apart the longer the time between them (`gapFor`).
 */
export function layoutSwimlanes(
  timeline: Pick<OrderTimeline, 'placedAt' | 'entries' | 'transitions'>,
  options: LayoutOptions = DEFAULT_LAYOUT,
): SwimlaneLayout {
  const placedAt = Date.parse(timeline.placedAt);
  const points: Point[] = [
    ...timeline.transitions.map((transition, index): Point => ({
      key: `transition-${index}`,
      at: Date.parse(transition.at),
      lane: 'order-service',
      build: (x, y, time) => ({
        key: `transition-${index}`,
        kind: 'TRANSITION',
        lane: 'order-service',
        x,
        y,
        tone: isFailure(transition) ? 'failure' : 'status',
        label: `▶ ${transition.to}${transition.reason ? ` (${transition.reason})` : ''}`,
        time,
        title: `order ${transition.from ?? 'created'} → ${transition.to}${transition.reason ? `, reason ${transition.reason}` : ''}`,
      }),
    })),
    ...timeline.entries.map((entry, index): Point => ({
      key: `entry-${index}`,
      at: Date.parse(entry.at),
      lane: laneOf(entry),
      build: (x, y, time) => ({
        key: `entry-${index}`,
        kind: entry.kind,
        lane: laneOf(entry),
        x,
        y,
        tone: toneOf(entry),
        label: labelOf(entry),
        time,
        title: titleOf(entry),
      }),
    })),
  ];
  // Stable: entries of the same instant keep the order the API gave them.
  points.sort((a, b) => a.at - b.at);

  const services = [
    ...SAGA_LANES,
    ...new Set(points.map((p) => p.lane).filter((lane) => !SAGA_LANES.includes(lane as never))),
  ];
  const lanes: Lane[] = services.map((service, index) => ({
    service,
    top: index * options.laneHeight,
    height: options.laneHeight,
    y: index * options.laneHeight + options.laneHeight / 2,
  }));
  const laneY = new Map(lanes.map((lane) => [lane.service, lane.y]));

  const originX = options.gutter + options.minGap / 2;
  let previousX = originX;
  let previousAt = placedAt;
  const lastBelow = new Map<string, boolean>();
  const marks: Mark[] = points.map((point) => {
    const sincePlacement = point.at - placedAt;
    const x = point === points[0] ? originX : previousX + gapFor(point.at - previousAt, options);
    previousX = x;
    previousAt = point.at;
    const labelBelow = !(lastBelow.get(point.lane) ?? true);
    lastBelow.set(point.lane, labelBelow);
    const mark = point.build(x, laneY.get(point.lane) ?? 0, formatSincePlacement(sincePlacement));
    return { ...mark, labelBelow };
  });

  const byKey = new Map(points.map((point, index) => [point.key, marks[index]]));
  const published = new Map<string, Mark>();
  timeline.entries.forEach((entry, index) => {
    const mark = byKey.get(`entry-${index}`);
    if (entry.kind === 'PUBLISHED' && mark) published.set(entry.eventId, mark);
  });
  const arrows: Arrow[] = timeline.entries.flatMap((entry, index): Arrow[] => {
    if (entry.kind === 'PUBLISHED' || entry.eventId === null) return [];
    const from = published.get(entry.eventId);
    const to = byKey.get(`entry-${index}`);
    if (!from || !to) return [];
    // A delivery the consumer handled carries the tone of its event (a failure, a compensation);
    // one it did not handle shows why (retried, duplicate, dead-lettered).
    const tone = to.tone === 'processed' && from.tone !== 'event' ? from.tone : to.tone;
    return [
      {
        key: `arrow-${index}`,
        from: { x: from.x, y: from.y },
        to: { x: to.x, y: to.y },
        tone,
        subject: entry.subject,
      },
    ];
  });

  return {
    width: (marks.length === 0 ? originX : previousX) + options.rightMargin,
    height: lanes.length * options.laneHeight,
    lanes,
    marks,
    arrows,
    originX,
  };
}
