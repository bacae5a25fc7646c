import { call, expectProblem, type ApiResponse, type Problem } from '../api';
import { expectInvariants, trackOrder, trackProduct } from '../invariants';
import { APP_NAMES, readiness } from '../platform';
import type { Footprint, FootprintReader } from '../stores';
import { jsonText } from './json-values';
import type { FuzzRequest } from './request-arbitraries';

/**
 * Longest wait for any answer: well above the gateway's deadline on a service call (1.5 s)
 * plus a password hash, well below a hang.
 */
const ANSWER_DEADLINE_MS = 5_000;

/** Longest wait for the sagas a successful write started to settle (see `settle`). */
const SETTLE_TIMEOUT_MS = 20_000;

/**
 * What a successful write created, made known to the invariant checker: from then on it must
 * stay consistent (orders terminal, stock and money balanced, no dead letter naming it).
 */
const CREATED_BY: Record<string, (sent: Record<string, unknown>, id: string) => void> = {
  'POST /orders': (_, id) => trackOrder(id),
  'POST /products': (sent, id) => trackProduct(id, sent.initialStock as number),
};

/** The bearer tokens of the real sessions a request may be sent as. */
export interface Sessions {
  admin: string;
  shopper: string;
}

/**
 * Sends fuzzed requests and checks the contract of the edge on each: every app still ready,
 * an answer within `ANSWER_DEADLINE_MS`, a success or a problem-details 4xx (never a 5xx), and
 * nothing written in any store when the request was refused.
 */
export class EdgeProbe {
  /** The stores after the last refused request; nothing has written since. */
  private unchanged: Footprint | undefined;

  constructor(
    private readonly sessions: Sessions,
    private readonly stores: FootprintReader,
  ) {}

  async send(request: FuzzRequest): Promise<ApiResponse<Problem>> {
    const before = this.unchanged ?? (await this.stores.read());
    this.unchanged = undefined;
    const body = request.body === undefined ? undefined : jsonText(request.body);
    const started = performance.now();
    const response = await call<Problem>(request.method, request.url, {
      headers: { ...request.headers, ...this.authorizationOf(request) },
      rawBody: body,
    });
    const elapsedMs = Math.round(performance.now() - started);
    await explained(response, elapsedMs, async () => {
      expect(await appsNotReady()).toEqual([]);
      expect(elapsedMs).toBeLessThanOrEqual(ANSWER_DEADLINE_MS);
      const success = response.status >= 200 && response.status < 300;
      if (!success) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expectProblem(response, response.status, String(response.body?.code));
        const after = await this.stores.read();
        expect(after).toEqual(before);
        this.unchanged = after;
      } else if (request.method !== 'GET') {
        await settle(request, body, response);
      }
    });
    return response;
  }

  private authorizationOf({ as }: FuzzRequest): Record<string, string> {
    if (as === 'anonymous') return {};
    if (typeof as === 'object') return { authorization: as.authorization };
    return { authorization: `Bearer ${this.sessions[as]}` };
  }
}

/** The apps that no longer answer ready (a crash, or a dependency lost). */
async function appsNotReady(): Promise<string[]> {
  const statuses = await Promise.all(APP_NAMES.map((app) => readiness(app)));
  return APP_NAMES.flatMap((app, i) => (statuses[i] === 200 ? [] : [`${app}: ${statuses[i]}`]));
}

/**
 * Lets the sagas a successful write started finish before the next request is judged, so that
 * their writes are not blamed on it; what it created is checked by the invariants meanwhile.
 */
async function settle(request: FuzzRequest, body: string | undefined, response: ApiResponse) {
  const created = CREATED_BY[request.operation];
  const id = (response.body as { id?: unknown } | undefined)?.id;
  if (created && typeof id === 'string' && body !== undefined) {
    created(JSON.parse(body) as Record<string, unknown>, id);
  }
  await expectInvariants(SETTLE_TIMEOUT_MS);
}

/** Runs the checks; a failure names the answer (status, type, body, time) it was about. */
async function explained(response: ApiResponse, elapsedMs: number, checks: () => Promise<void>) {
  try {
    await checks();
  } catch (error) {
    const body = JSON.stringify(response.body) ?? '';
    const answer = `answered ${response.status} (${response.contentType || 'no content type'}) in ${elapsedMs} ms: ${body.length > 600 ? `${body.slice(0, 600)}...` : body}`;
    throw new Error(`${answer}\n${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
