import {
  ORDER_STATUSES,
  PAYMENT_FAILURE_REASONS,
  STOCK_RESERVATION_FAILURE_REASONS,
  type OrderStatus,
} from '@polyshop/contracts';
import {
  isTerminal,
  transitionFrom,
  type OrderTrigger,
  type TransitionRule,
} from './order-state-machine';

type Outcome = Pick<TransitionRule, 'to' | 'reason' | 'announces'> | null;

const TRIGGERS: readonly OrderTrigger[] = [
  { kind: 'STOCK_RESERVED' },
  ...STOCK_RESERVATION_FAILURE_REASONS.map((reason) => ({
    kind: 'STOCK_RESERVATION_FAILED' as const,
    reason,
  })),
  { kind: 'PAYMENT_SUCCEEDED' },
  ...PAYMENT_FAILURE_REASONS.map((reason) => ({ kind: 'PAYMENT_FAILED' as const, reason })),
  { kind: 'CANCELLED_BY_USER' },
  { kind: 'DEADLINE_PASSED' },
];

const label = (trigger: OrderTrigger) =>
  'reason' in trigger ? `${trigger.kind}(${trigger.reason})` : trigger.kind;

/** A payment failure cancels without announcing (see `ruleFor`). */
const paymentFailed = { to: 'CANCELLED', announces: null } as const;

/** The whole table: what each trigger does to an order in each status. */
const EXPECTED: Record<OrderStatus, Record<string, Outcome>> = {
  PENDING: {
    STOCK_RESERVED: { to: 'AWAITING_PAYMENT', reason: null, announces: null },
    'STOCK_RESERVATION_FAILED(OUT_OF_STOCK)': {
      to: 'REJECTED',
      reason: 'OUT_OF_STOCK',
      announces: null,
    },
    'STOCK_RESERVATION_FAILED(UNKNOWN_PRODUCT)': {
      to: 'REJECTED',
      reason: 'UNKNOWN_PRODUCT',
      announces: null,
    },
    PAYMENT_SUCCEEDED: {
      to: 'CONFIRMED',
      reason: null,
      announces: { subject: 'order.confirmed.v1' },
    },
    'PAYMENT_FAILED(PAYMENT_DECLINED)': {
      to: 'CANCELLED',
      reason: 'PAYMENT_DECLINED',
      announces: null,
    },
    'PAYMENT_FAILED(INVALID_TOKEN)': { to: 'CANCELLED', reason: 'PAYMENT_FAILED', announces: null },
    'PAYMENT_FAILED(PROVIDER_UNAVAILABLE)': {
      to: 'CANCELLED',
      reason: 'PAYMENT_FAILED',
      announces: null,
    },
    CANCELLED_BY_USER: {
      to: 'CANCELLED',
      reason: 'CANCELLED_BY_USER',
      announces: { subject: 'order.cancelled.v1', reason: 'CANCELLED_BY_USER' },
    },
    DEADLINE_PASSED: {
      to: 'CANCELLED',
      reason: 'TIMEOUT',
      announces: { subject: 'order.cancelled.v1', reason: 'TIMEOUT' },
    },
  },
  AWAITING_PAYMENT: {
    STOCK_RESERVED: null,
    'STOCK_RESERVATION_FAILED(OUT_OF_STOCK)': null,
    'STOCK_RESERVATION_FAILED(UNKNOWN_PRODUCT)': null,
    PAYMENT_SUCCEEDED: {
      to: 'CONFIRMED',
      reason: null,
      announces: { subject: 'order.confirmed.v1' },
    },
    'PAYMENT_FAILED(PAYMENT_DECLINED)': { ...paymentFailed, reason: 'PAYMENT_DECLINED' },
    'PAYMENT_FAILED(INVALID_TOKEN)': { ...paymentFailed, reason: 'PAYMENT_FAILED' },
    'PAYMENT_FAILED(PROVIDER_UNAVAILABLE)': { ...paymentFailed, reason: 'PAYMENT_FAILED' },
    CANCELLED_BY_USER: {
      to: 'CANCELLED',
      reason: 'CANCELLED_BY_USER',
      announces: { subject: 'order.cancelled.v1', reason: 'CANCELLED_BY_USER' },
    },
    DEADLINE_PASSED: {
      to: 'CANCELLED',
      reason: 'TIMEOUT',
      announces: { subject: 'order.cancelled.v1', reason: 'TIMEOUT' },
    },
  },
  CONFIRMED: Object.fromEntries(TRIGGERS.map((t) => [label(t), null])),
  REJECTED: Object.fromEntries(TRIGGERS.map((t) => [label(t), null])),
  CANCELLED: Object.fromEntries(TRIGGERS.map((t) => [label(t), null])),
};

const CASES = ORDER_STATUSES.flatMap((status) =>
  TRIGGERS.map((trigger) => ({
    status,
    trigger,
    name: label(trigger),
    expected: EXPECTED[status][label(trigger)],
  })),
);

describe('order state machine', () => {
  it('has an expectation for every status and every trigger', () => {
    for (const { status, name, expected } of CASES) {
      expect({ status, name, known: expected !== undefined }).toEqual({
        status,
        name,
        known: true,
      });
    }
    expect(CASES).toHaveLength(ORDER_STATUSES.length * TRIGGERS.length);
  });

  it.each(CASES)('$status on $name', ({ status, trigger, expected }) => {
    const rule = transitionFrom(status, trigger);
    expect(rule && { to: rule.to, reason: rule.reason, announces: rule.announces }).toEqual(
      expected,
    );
    if (rule) expect(rule.from).toContain(status);
  });

  it('never moves a terminal order, whatever arrives', () => {
    for (const status of ORDER_STATUSES.filter(isTerminal)) {
      for (const trigger of TRIGGERS) expect(transitionFrom(status, trigger)).toBeNull();
    }
  });

  it('treats exactly CONFIRMED, REJECTED and CANCELLED as terminal', () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['CONFIRMED', 'REJECTED', 'CANCELLED']);
  });

  it('leads every transition into a different status than it leaves', () => {
    for (const { status, trigger } of CASES) {
      expect(transitionFrom(status, trigger)?.to).not.toBe(status);
    }
  });
});
