import { headers as natsHeaders } from 'nats';
import type { Page } from 'playwright-core';
import { deadLetterSubject, durableName, STREAMS } from '@polyshop/contracts';
import { HEADERS } from '@polyshop/messaging';
import { readEnvExample, waitFor } from '@polyshop/testing';
import {
  admin,
  call,
  newProduct,
  newUser,
  placeOrder,
  terminal,
  type Session,
} from './support/api';
import { ConsoleBrowser } from './support/console-browser';
import { endpoints } from './support/endpoints';
import { trackOrder, withNats } from './support/invariants';

const SAGA_MS = 30_000;

interface TimelineEntry {
  kind: string;
  eventId: string | null;
  service?: string;
  outcome?: string;
}

/** Places an order in the console's form and returns its id, read from the page it opens. */
async function placeInConsole(page: Page, sku: string, card: string): Promise<string> {
  await page.getByLabel('Find a product').fill(sku);
  await page
    .locator('select[name=product] option', { hasText: sku })
    .waitFor({ state: 'attached' });
  await page.locator('select[name=card]').selectOption(card);
  // order-service learns new products from events: right after creation it may not know it
  // yet and refuses the order (ORDER.UNKNOWN_PRODUCT), as placeOrder() of the API suites retries.
  const orderPage = /\/console\/orders\/[0-9a-f-]{36}$/;
  const unknownProduct = page.getByRole('alert').filter({ hasText: 'ORDER.UNKNOWN_PRODUCT' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.getByRole('button', { name: 'Place order' }).click();
    // The loser of the race times out later: its rejection is expected, not a failure.
    const outcome = await Promise.race([
      page.waitForURL(orderPage, { timeout: 10_000 }).then(
        () => 'placed',
        () => 'no page',
      ),
      unknownProduct.waitFor({ timeout: 10_000 }).then(
        () => 'unknown product',
        () => 'no alert',
      ),
    ]);
    if (outcome === 'placed') break;
    if (outcome !== 'unknown product' || Date.now() > deadline) {
      throw new Error(`placing ${sku} in the console: ${outcome}`);
    }
  }
  const orderId = page.url().split('/').pop() ?? '';
  trackOrder(orderId);
  return orderId;
}

const markLabel = (page: Page, text: string) =>
  page.locator('svg [data-testid=mark] text.mark-label', { hasText: text });

describe('the saga console in a browser', () => {
  let browser: ConsoleBrowser;
  let adminToken: string;
  let shopper: Session;

  beforeAll(async () => {
    browser = await ConsoleBrowser.launch(endpoints().gateway);
    adminToken = await admin();
    shopper = await newUser();
  }, 25 * 60_000);

  afterAll(() => browser?.close());

  it('shows a tok_visa order reaching CONFIRMED, with a lane for order, inventory and payment', async () => {
    const product = await newProduct(adminToken, 5, 1250);
    const { page, context, errors } = await browser.open(shopper.token);
    const orderId = await placeInConsole(page, product.sku, 'tok_visa');

    await page
      .getByTestId('order-status')
      .filter({ hasText: 'CONFIRMED' })
      .waitFor({ timeout: SAGA_MS });
    for (const lane of ['order-service', 'inventory-service', 'payment-service']) {
      await page.getByTestId(`lane-${lane}`).waitFor();
    }
    await markLabel(page, 'payment.succeeded').first().waitFor({ timeout: SAGA_MS });
    await markLabel(page, '▶ CONFIRMED').waitFor({ timeout: SAGA_MS });
    expect(await terminal(shopper.token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    await browser.screenshot(page, 'order-confirmed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a declined order CANCELLED for PAYMENT_DECLINED, and the compensation that released its stock', async () => {
    const product = await newProduct(adminToken, 3, 2500);
    const { page, context, errors } = await browser.open(shopper.token);
    const orderId = await placeInConsole(page, product.sku, 'tok_chargeDeclined');

    await page
      .getByTestId('order-status')
      .filter({ hasText: 'CANCELLED' })
      .waitFor({ timeout: SAGA_MS });
    await expect(page.getByTestId('order-reason').textContent()).resolves.toBe('PAYMENT_DECLINED');
    // payment.failed.v1, handled by inventory-service, which releases the stock: the compensation.
    await page
      .locator('svg .mark.tone-failure.kind-published text.mark-label', {
        hasText: 'payment.failed',
      })
      .waitFor({ timeout: SAGA_MS });
    await page.locator('svg path.arrow.tone-failure').first().waitFor();
    await page
      .locator('svg .mark.tone-compensation text.mark-label', {
        hasText: 'inventory.stock-released',
      })
      .waitFor({ timeout: SAGA_MS });
    await markLabel(page, '▶ CANCELLED (PAYMENT_DECLINED)').waitFor();
    expect(await terminal(shopper.token, orderId)).toMatchObject({
      status: 'CANCELLED',
      reason: 'PAYMENT_DECLINED',
    });
    await browser.screenshot(page, 'order-declined');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists a dead letter with its reason for an admin, and replaying it takes it off the list', async () => {
    const product = await newProduct(adminToken, 2);
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
    expect(await terminal(shopper.token, placed.body.id)).toMatchObject({ status: 'CONFIRMED' });
    const eventId = await seedDeadLetter(placed.body.id);

    const { page, context, errors } = await browser.open();
    const example = readEnvExample();
    await page
      .getByLabel('Email')
      .fill(process.env.ADMIN_EMAIL ?? example.get('ADMIN_EMAIL') ?? '');
    await page
      .getByLabel('Password')
      .fill(process.env.ADMIN_PASSWORD ?? example.get('ADMIN_PASSWORD') ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('saga-stats').waitFor();
    await page.getByRole('button', { name: 'Dead letters' }).click();

    const letter = page.locator(`[data-testid=dead-letter][data-event-id="${eventId}"]`);
    await letter.waitFor();
    await expect(letter.textContent()).resolves.toContain('RETRIES_EXHAUSTED');
    await expect(letter.textContent()).resolves.toContain('order.placed.v1');
    await browser.screenshot(page, 'dead-letters');

    await letter.getByRole('button', { name: 'Replay' }).click();
    await letter.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Replayed' }).waitFor();
    // inventory-service takes the replayed event for the duplicate it is: it does not come back.
    await waitFor(
      () =>
        call<{ entries: TimelineEntry[] }>('GET', `/orders/${placed.body.id}/timeline`, {
          token: adminToken,
        }),
      (timeline) =>
        timeline.body.entries.some(
          (entry) =>
            entry.kind === 'CONSUMED' &&
            entry.eventId === eventId &&
            entry.service === 'inventory-service' &&
            entry.outcome === 'DUPLICATE',
        ),
      { description: 'the replayed event handled as a duplicate', timeoutMs: SAGA_MS },
    );
    const after = await call<{ items: Array<{ eventId: string | null }> }>(
      'GET',
      '/admin/dead-letters',
      {
        token: adminToken,
      },
    );
    expect(after.body.items.filter((item) => item.eventId === eventId)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * Stores the `order.placed.v1` of a finished order as a dead letter of inventory-service, with
 * the headers its transport writes when it gives up on a message (RETRIES_EXHAUSTED): a dead
 * letter whose replay succeeds, since inventory-service already processed that event.
 */
async function seedDeadLetter(orderId: string): Promise<string> {
  return withNats(async (nats) => {
    const jsm = await nats.jetstreamManager();
    const subject = 'order.placed.v1';
    const stored = await waitFor(
      () => jsm.streams.getMessage(STREAMS.ORDER.name, { last_by_subj: subject }),
      (message) => message.json<{ correlationId: string }>().correlationId === orderId,
      { description: `the ${subject} of order ${orderId}`, timeoutMs: 10_000 },
    );
    const envelope = stored.json<{ id: string }>();
    const hdrs = natsHeaders();
    for (const [name, values] of stored.header) {
      if (name !== 'Nats-Msg-Id') hdrs.set(name, values[0] ?? '');
    }
    hdrs.set(HEADERS.deadLetterReason, 'RETRIES_EXHAUSTED');
    hdrs.set(
      HEADERS.deadLetterDetail,
      'reserve stock: store unavailable (seeded by the console test)',
    );
    hdrs.set(HEADERS.deadLetterConsumer, durableName('inventory-service', subject));
    hdrs.set(HEADERS.deadLetterSubject, subject);
    hdrs.set(HEADERS.deadLetterAttempts, '5');
    await nats.jetstream().publish(deadLetterSubject('inventory-service', subject), stored.data, {
      headers: hdrs,
    });
    return envelope.id;
  });
}
