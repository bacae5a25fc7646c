import Redis from 'ioredis';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { connect, type NatsConnection } from 'nats';
import { Client as PgClient } from 'pg';
import { natsConnectionOptions } from '@polyshop/config';
import { STREAMS } from '@polyshop/contracts';
import { waitFor } from '@polyshop/testing';
import { endpoints } from './endpoints';

/**
 * DESIGN.md section 6, checked by reading the stores themselves (never the services' answers)
 * for what the spec touched: the orders it had accepted, the products it created and every
 * order naming them. Sagas are asynchronous, so `expectInvariants` polls until every rule holds
 * or its deadline passes, then names each violation with its order or product id.
 */

export const TERMINAL = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']);
/** payment-service statuses under which the PSP holds (or held) the money. */
const CHARGED = new Set(['CHARGED', 'REFUNDING', 'REFUNDED']);
/** payment-service statuses a worker is still in the middle of. */
const IN_FLIGHT = new Set(['CHARGING', 'REFUNDING']);

/**
 * What the spec (or chaos run) touched so far. Jest gives each spec file its own modules, so this
 * starts empty with every spec and grows with its scenarios: products and users a spec shares
 * between its scenarios stay checked after each of them.
 */
class Touched {
  readonly orders = new Set<string>();
  /** Product id → the initial stock it was created with. */
  readonly products = new Map<string, number>();
  /** First sequence of the dead-letter stream that belongs to this spec. */
  deadLettersFrom = 1;
}

const touched = new Touched();

/** The orders accepted with 202 so far. */
export const acceptedOrders = (): ReadonlySet<string> => touched.orders;

/** An order accepted with 202: it must reach a terminal status. */
export const trackOrder = (orderId: string) => void touched.orders.add(orderId);

/** A product created by the spec, with the initial stock it was given. */
export const trackProduct = (productId: string, initialStock: number) =>
  void touched.products.set(productId, initialStock);

/** One short-lived connection to the platform's NATS (`endpoints().nats`), closed after `use`. */
export async function withNats<T>(use: (nats: NatsConnection) => Promise<T>): Promise<T> {
  const nats = await connect({
    ...natsConnectionOptions(endpoints().nats),
    name: 'platform-e2e-invariants',
  });
  try {
    return await use(nats);
  } finally {
    await nats.close();
  }
}

const lastDeadLetterSeq = () =>
  withNats(
    async (nats) =>
      (await (await nats.jetstreamManager()).streams.info(STREAMS.DEAD_LETTERS.name)).state
        .last_seq,
  );

/** Starts a spec: its dead letters are those stored from now on. */
export async function beginSpec(): Promise<void> {
  touched.deadLettersFrom = (await lastDeadLetterSeq()) + 1;
}

/** Starts a chaos run: nothing touched yet, its dead letters are those stored from now on. */
export async function beginRun(): Promise<void> {
  touched.orders.clear();
  touched.products.clear();
  await beginSpec();
}

export interface OrderRow extends RowDataPacket {
  id: string;
  status: string;
  reason: string | null;
  total: number;
  currency: string;
}

export interface LineRow extends RowDataPacket {
  order_id: string;
  product_id: string;
  quantity: number;
  unit_price: number;
}

interface PaymentRow {
  order_id: string;
  status: string;
  amount: string | null;
  currency: string | null;
}

/** Money of one order as payment-service's books and the PSP simulator's ledger hold it. */
export interface Money {
  /** payment-service's status of the order's payment; undefined: no payment row. */
  paymentStatus: string | undefined;
  /** Net charged in payment-service's books (`payments` minus `refunds`), minor units. */
  booksNet: number;
  /** Successful charges at the PSP under the order's key. */
  pspCharges: number;
  /** Net at the PSP (successful charges minus refunds), minor units. */
  pspNet: number;
  currency: string | null;
}

/** Reads the money of `orderIds` straight from payment-service's PostgreSQL. */
export async function readMoney(orderIds: readonly string[]): Promise<Map<string, Money>> {
  const pg = new PgClient({ connectionString: endpoints().paymentDb });
  await pg.connect();
  try {
    return await moneyFrom(pg, orderIds);
  } finally {
    await pg.end();
  }
}

/** The money of one order (see `readMoney`). */
export async function readMoneyOf(orderId: string): Promise<Money> {
  return (await readMoney([orderId])).get(orderId) ?? noMoney();
}

const noMoney = (): Money => ({
  paymentStatus: undefined,
  booksNet: 0,
  pspCharges: 0,
  pspNet: 0,
  currency: null,
});

async function moneyFrom(pg: PgClient, orderIds: readonly string[]): Promise<Map<string, Money>> {
  const ids = [...orderIds];
  const money = new Map<string, Money>(ids.map((id) => [id, noMoney()]));
  const of = (orderId: string): Money => {
    const entry = money.get(orderId) ?? noMoney();
    money.set(orderId, entry);
    return entry;
  };
  if (ids.length === 0) return money;
  const payments = await pg.query<PaymentRow>(
    'SELECT order_id, status, amount, currency FROM payments WHERE order_id::text = ANY($1)',
    [ids],
  );
  for (const row of payments.rows) {
    const entry = of(row.order_id);
    entry.paymentStatus = row.status;
    entry.currency = row.currency;
    if (CHARGED.has(row.status)) entry.booksNet += Number(row.amount);
  }
  const refunds = await pg.query<{ order_id: string; amount: string }>(
    'SELECT order_id, amount FROM refunds WHERE order_id::text = ANY($1)',
    [ids],
  );
  for (const row of refunds.rows) of(row.order_id).booksNet -= Number(row.amount);
  // The PSP's own books, keyed by the order id (payment-service's key for charge and refund).
  const charges = await pg.query<{ idempotency_key: string; amount: string; refunded: string }>(
    `SELECT c.idempotency_key, c.amount, COALESCE(SUM(r.amount), 0) AS refunded
     FROM psp_charges c LEFT JOIN psp_refunds r ON r.charge_reference = c.reference
     WHERE c.idempotency_key = ANY($1) AND c.status = 'SUCCEEDED'
     GROUP BY c.reference, c.idempotency_key, c.amount`,
    [ids],
  );
  for (const row of charges.rows) {
    const entry = of(row.idempotency_key);
    entry.pspCharges += 1;
    entry.pspNet += Number(row.amount) - Number(row.refunded);
  }
  return money;
}

/**
 * Waits until payment-service settled a failed order's payment for good (`CANCELLED`, or
 * `REFUNDED` after a charge), and returns its money.
 */
export function settledMoney(orderId: string, timeoutMs = 30_000): Promise<Money> {
  return waitFor(
    () => readMoneyOf(orderId),
    (m) => m.paymentStatus === 'CANCELLED' || m.paymentStatus === 'REFUNDED',
    { description: `payment of ${orderId} cancelled or refunded`, timeoutMs },
  );
}

const stockFields = ['available', 'reserved', 'sold', 'initial', 'adjustments'] as const;
type Stock = Record<(typeof stockFields)[number], number>;

/** One message of the dead-letter stream. */
export interface DeadLetterRecord {
  seq: number;
  /** `dlq.<service>.<subject>`. */
  subject: string;
  reason: string;
  detail: string;
  /** The original message's payload. */
  payload: string;
}

/** What the stores hold about the touched orders and products, read in one pass. */
export interface Snapshot {
  orders: Map<string, OrderRow>;
  lines: LineRow[];
  stock: Map<string, Record<string, string>>;
  reservations: Map<string, Record<string, string>>;
  money: Map<string, Money>;
  unpublished: string[];
  /** Every dead letter stored since the spec or run began. */
  deadLetters: DeadLetterRecord[];
}

const likeAny = (column: string, count: number) =>
  Array.from({ length: count }, () => `${column} LIKE ?`).join(' OR ');

async function readOrders(
  db: Connection,
  trackedOrders: string[],
  products: string[],
): Promise<Pick<Snapshot, 'orders' | 'lines'> & { unpublished: string[] }> {
  const orderIds = new Set(trackedOrders);
  if (products.length > 0) {
    const [naming] = await db.query<Array<RowDataPacket & { order_id: string }>>(
      'SELECT DISTINCT order_id FROM order_items WHERE product_id IN (?)',
      [products],
    );
    for (const row of naming) orderIds.add(row.order_id);
  }
  const ids = [...orderIds];
  if (ids.length === 0) return { orders: new Map(), lines: [], unpublished: [] };
  // BIGINT columns as text, converted below: amounts stay below 2^53 (contracts' IsAmount).
  const [orders] = await db.query<OrderRow[]>(
    'SELECT id, status, reason, CAST(total AS CHAR) AS total, currency FROM orders WHERE id IN (?)',
    [ids],
  );
  const [lines] = await db.query<LineRow[]>(
    'SELECT order_id, product_id, quantity, CAST(unit_price AS CHAR) AS unit_price FROM order_items WHERE order_id IN (?)',
    [ids],
  );
  const [unpublished] = await db.query<Array<RowDataPacket & { subject: string }>>(
    `SELECT subject FROM outbox WHERE published_at IS NULL AND (${likeAny('payload', ids.length)})`,
    ids.map((id) => `%${id}%`),
  );
  return {
    orders: new Map(orders.map((o) => [o.id, { ...o, total: Number(o.total) }])),
    lines: lines.map((l) => ({ ...l, unit_price: Number(l.unit_price) })),
    unpublished: unpublished.map((row) => `order-service outbox: ${row.subject} unpublished`),
  };
}

async function readInventory(
  redis: Redis,
  products: string[],
  orders: string[],
): Promise<Pick<Snapshot, 'stock' | 'reservations'> & { unpublished: string[] }> {
  const prefix = endpoints().inventoryKeyPrefix;
  const stock = new Map<string, Record<string, string>>();
  // One round trip for every hash: a chaos run touches hundreds of orders.
  const hashes = async (keys: string[]) => {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.hgetall(key);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, hash]) => {
      if (error) throw error;
      return hash as Record<string, string>;
    });
  };
  const stockHashes = await hashes(products.map((id) => `${prefix}stock:${id}`));
  products.forEach((id, i) => stock.set(id, stockHashes[i]));
  const reservations = new Map<string, Record<string, string>>();
  const reservationHashes = await hashes(orders.map((id) => `${prefix}reservation:${id}`));
  orders.forEach((id, i) => reservations.set(id, reservationHashes[i]));
  // A published entry is deleted from the stream: whatever is left is not published yet.
  const entries = await redis.xrange(`${prefix}outbox`, '-', '+');
  const unpublished = entries
    .filter(([, fields]) => orders.some((id) => fields.some((field) => field.includes(id))))
    .map(([entryId, fields]) => {
      const subject = fields[fields.indexOf('subject') + 1];
      return `inventory-service outbox: ${subject} (${entryId}) unpublished`;
    });
  return { stock, reservations, unpublished };
}

async function readPayments(
  pg: PgClient,
  orders: string[],
): Promise<Pick<Snapshot, 'money'> & { unpublished: string[] }> {
  const money = await moneyFrom(pg, orders);
  if (orders.length === 0) return { money, unpublished: [] };
  const unpublished = await pg.query<{ subject: string }>(
    'SELECT subject FROM outbox WHERE published_at IS NULL AND payload LIKE ANY($1)',
    [orders.map((id) => `%${id}%`)],
  );
  return {
    money,
    unpublished: unpublished.rows.map(
      (row) => `payment-service outbox: ${row.subject} unpublished`,
    ),
  };
}

/** Every dead letter stored since the spec or run began. */
async function readDeadLetters(): Promise<DeadLetterRecord[]> {
  return withNats(async (nats) => {
    const jsm = await nats.jetstreamManager();
    const stream = STREAMS.DEAD_LETTERS.name;
    const last = (await jsm.streams.info(stream)).state.last_seq;
    const found: DeadLetterRecord[] = [];
    for (let seq = touched.deadLettersFrom; seq <= last; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
      if (!message) continue;
      found.push({
        seq,
        subject: message.subject,
        reason: message.header.get('Polyshop-Dead-Letter-Reason'),
        detail: message.header.get('Polyshop-Dead-Letter-Detail'),
        payload: message.string(),
      });
    }
    return found;
  });
}

/** Reads what the stores hold about everything touched since the spec or run began. */
export async function readSnapshot(): Promise<Snapshot> {
  const { orderDb, inventoryRedis, paymentDb } = endpoints();
  const db = await createConnection({ uri: orderDb });
  const redis = new Redis(inventoryRedis, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const pg = new PgClient({ connectionString: paymentDb });
  try {
    const fromOrders = await readOrders(db, [...touched.orders], [...touched.products.keys()]);
    const orderIds = [...new Set([...touched.orders, ...fromOrders.orders.keys()])];
    const productIds = [
      ...new Set([...touched.products.keys(), ...fromOrders.lines.map((l) => l.product_id)]),
    ];
    await redis.connect();
    const fromInventory = await readInventory(redis, productIds, orderIds);
    await pg.connect();
    const fromPayments = await readPayments(pg, orderIds);
    return {
      orders: fromOrders.orders,
      lines: fromOrders.lines,
      stock: fromInventory.stock,
      reservations: fromInventory.reservations,
      money: fromPayments.money,
      unpublished: [
        ...fromOrders.unpublished,
        ...fromInventory.unpublished,
        ...fromPayments.unpublished,
      ],
      deadLetters: await readDeadLetters(),
    };
  } finally {
    await db.end();
    redis.disconnect();
    await pg.end().catch(() => undefined);
  }
}

const sumQuantities = (lines: LineRow[]) => lines.reduce((sum, l) => sum + l.quantity, 0);

/** The rule of DESIGN.md section 6 a violation breaks, for the chaos report's counts. */
export type Rule =
  | 'lost order'
  | 'stuck order'
  | 'order total'
  | 'stock record'
  | 'oversold'
  | 'stock accounting'
  | 'held by terminal order'
  | 'double charge'
  | 'money mismatch'
  | 'outbox left behind';

export interface Violation {
  rule: Rule;
  message: string;
}

const violation = (rule: Rule, message: string): Violation => ({ rule, message });

/** Invariant 1: every accepted order is stored and terminal; its total is its lines'. */
function orderViolations({ orders, lines }: Snapshot): Violation[] {
  const violations: Violation[] = [];
  for (const id of touched.orders) {
    if (!orders.has(id)) {
      violations.push(violation('lost order', `order ${id}: accepted with 202 but not stored`));
    }
  }
  for (const order of orders.values()) {
    if (!TERMINAL.has(order.status)) {
      violations.push(
        violation('stuck order', `order ${order.id}: still ${order.status}, not terminal`),
      );
    }
    const own = lines.filter((l) => l.order_id === order.id);
    const sum = own.reduce((total, l) => total + l.quantity * l.unit_price, 0);
    if (own.length === 0 || sum !== order.total) {
      violations.push(
        violation(
          'order total',
          `order ${order.id}: total ${order.total} but its lines add up to ${sum}`,
        ),
      );
    }
  }
  return violations;
}

/** Units a product sold or holds beyond its stock (0 unless invariant 2 is broken). */
export function oversoldUnits(hash: Record<string, string>): number {
  const s = Object.fromEntries(stockFields.map((f) => [f, Number(hash[f] ?? 0)])) as Stock;
  return Math.max(0, s.reserved + s.sold - (s.initial + s.adjustments), -s.available);
}

/** Invariant 2: the stock equation, no negative counter, nothing held for a terminal order. */
function stockViolations({ orders, lines, stock, reservations }: Snapshot): Violation[] {
  const violations: Violation[] = [];
  for (const [productId, hash] of stock) {
    const where = `product ${productId}`;
    if (stockFields.some((field) => hash[field] === undefined)) {
      violations.push(
        violation('stock record', `${where}: stock hash incomplete ${JSON.stringify(hash)}`),
      );
      continue;
    }
    const s = Object.fromEntries(stockFields.map((f) => [f, Number(hash[f])])) as Stock;
    if (oversoldUnits(hash) > 0 || s.reserved < 0 || s.sold < 0) {
      violations.push(
        violation('oversold', `${where}: negative counter or oversold ${JSON.stringify(s)}`),
      );
    }
    if (s.available + s.reserved + s.sold !== s.initial + s.adjustments) {
      violations.push(
        violation(
          'stock accounting',
          `${where}: available + reserved + sold != initial + adjustments ${JSON.stringify(s)}`,
        ),
      );
    }
    const created = touched.products.get(productId);
    if (created !== undefined && s.initial !== created) {
      violations.push(
        violation('stock accounting', `${where}: initial ${s.initial} but created with ${created}`),
      );
    }
    const mine = lines.filter((l) => l.product_id === productId);
    const held = mine.filter((l) => reservations.get(l.order_id)?.state === 'HELD');
    if (s.reserved !== sumQuantities(held)) {
      violations.push(
        violation(
          'stock accounting',
          `${where}: ${s.reserved} reserved but HELD reservations of its orders add up to ${sumQuantities(held)}`,
        ),
      );
    }
    const confirmed = mine.filter((l) => orders.get(l.order_id)?.status === 'CONFIRMED');
    if (s.sold !== sumQuantities(confirmed)) {
      violations.push(
        violation(
          'stock accounting',
          `${where}: ${s.sold} sold but its CONFIRMED orders hold ${sumQuantities(confirmed)} units`,
        ),
      );
    }
  }
  for (const order of orders.values()) {
    const state = reservations.get(order.id)?.state;
    if (TERMINAL.has(order.status) && state === 'HELD') {
      violations.push(
        violation(
          'held by terminal order',
          `order ${order.id}: ${order.status} but its reservation is still HELD`,
        ),
      );
    }
    if (order.status === 'CONFIRMED' && state !== 'COMMITTED') {
      violations.push(
        violation(
          'stock accounting',
          `order ${order.id}: CONFIRMED but its reservation is ${state ?? 'missing'}`,
        ),
      );
    }
  }
  return violations;
}

/** Invariant 3: one charge at most; CONFIRMED nets its total, CANCELLED/REJECTED nets zero. */
function moneyViolations({ orders, money }: Snapshot): Violation[] {
  const violations: Violation[] = [];
  for (const order of orders.values()) {
    const m = money.get(order.id);
    if (!m || !TERMINAL.has(order.status)) continue;
    const where = `order ${order.id} (${order.status}, total ${order.total} ${order.currency})`;
    const books = `payment ${m.paymentStatus ?? 'none'}, books net ${m.booksNet}, PSP net ${m.pspNet} over ${m.pspCharges} charge(s)`;
    if (m.pspCharges > 1) {
      violations.push(
        violation('double charge', `${where}: more than one successful charge: ${books}`),
      );
    }
    if (m.paymentStatus !== undefined && IN_FLIGHT.has(m.paymentStatus)) {
      violations.push(violation('money mismatch', `${where}: payment still ${m.paymentStatus}`));
    }
    const expected = order.status === 'CONFIRMED' ? order.total : 0;
    if (m.booksNet !== expected || m.pspNet !== expected) {
      violations.push(
        violation('money mismatch', `${where}: net charge should be ${expected}: ${books}`),
      );
    }
    if (order.status === 'CONFIRMED' && m.currency !== order.currency) {
      violations.push(
        violation('money mismatch', `${where}: charged in ${m.currency ?? 'nothing'}`),
      );
    }
  }
  return violations;
}

/** Dead letters naming one of the touched orders or products: a spec expects none. */
function deadLetterViolations({ orders, stock, deadLetters }: Snapshot): string[] {
  const ids = [...orders.keys(), ...stock.keys()];
  return deadLetters.flatMap((letter) => {
    const about = ids.find((id) => letter.payload.includes(id));
    return about === undefined
      ? []
      : [
          `dead letter ${letter.subject} (seq ${letter.seq}) about ${about}: ${letter.reason} ${letter.detail}`,
        ];
  });
}

/** Invariants 1 to 3 and the drained outboxes of invariant 4, in one snapshot. */
export function stateViolations(state: Snapshot): Violation[] {
  return [
    ...orderViolations(state),
    ...stockViolations(state),
    ...moneyViolations(state),
    ...state.unpublished.map((message) => violation('outbox left behind', message)),
  ];
}

/** One pass over the stores: every violation of DESIGN.md section 6 for what the spec touched. */
export async function checkInvariants(): Promise<string[]> {
  const state = await readSnapshot();
  return [...stateViolations(state).map(({ message }) => message), ...deadLetterViolations(state)];
}

/**
 * Polls the stores until every invariant holds for what the spec touched (the sagas drain
 * asynchronously), and fails naming each violation still there at the deadline.
 */
export async function expectInvariants(timeoutMs = 30_000): Promise<void> {
  await waitFor(checkInvariants, (violations) => violations.length === 0, {
    timeoutMs,
    intervalMs: 250,
    description: 'the invariants of DESIGN.md section 6 (the violations are the last value)',
  });
}
