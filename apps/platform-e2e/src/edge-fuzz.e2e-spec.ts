import fc from 'fast-check';
import { HTTP_BODY_LIMIT_BYTES } from '@polyshop/service-runtime';
import { readEnvExample } from '@polyshop/testing';
import { admin, expectProblem, newProduct, newUser, placeOrder, terminal } from './support/api';
import { EdgeProbe } from './support/fuzz/edge-probe';
import { forgedCallers, type Victim } from './support/fuzz/forged-tokens';
import { jsonText } from './support/fuzz/json-values';
import { loadOperations, type ApiOperation } from './support/fuzz/openapi';
import { rawBodyRequestOf, requestOf, withBodies } from './support/fuzz/request-arbitraries';
import { openFootprintReader, type FootprintReader } from './support/stores';

/** Longest run of one request: its answer, the store reads, and settling what it started. */
const RUN_TIMEOUT_MS = 45_000;
/** Budget of one property: past it fast-check stops and reports (shrinking included). */
const PROPERTY_BUDGET_MS = 180_000;

/**
 * fast-check prints the seed and path of any failure with its shrunk counterexample. Replay it
 * with `EDGE_FUZZ_SEED=<seed> EDGE_FUZZ_PATH=<path>` (and `-t` naming the test);
 * `EDGE_FUZZ_RUNS_SCALE` multiplies the number of runs for a longer session.
 */
function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  const { EDGE_FUZZ_SEED: seed, EDGE_FUZZ_PATH: path, EDGE_FUZZ_RUNS_SCALE: scale } = process.env;
  return {
    numRuns: Math.ceil(numRuns * Number(scale ?? 1)),
    ...(seed !== undefined && { seed: Number(seed) }),
    ...(path !== undefined && { path }),
    plugins: [
      fc.timeout(RUN_TIMEOUT_MS),
      fc.interruptAfterTimeLimit(PROPERTY_BUDGET_MS, { failOnInterrupt: true }),
    ],
  };
}

const TEST_TIMEOUT_MS = PROPERTY_BUDGET_MS + RUN_TIMEOUT_MS + 30_000;

describe('the public API under fuzzing, driven by its OpenAPI document', () => {
  let operations: ApiOperation[];
  /** Ids and an email that exist, so that generated requests also reach the services. */
  let known: string[];
  let victim: Victim;
  let stores: FootprintReader | undefined;
  let probe: EdgeProbe;

  beforeAll(async () => {
    operations = await loadOperations();
    const adminToken = await admin();
    const shopper = await newUser();
    const product = await newProduct(adminToken, 1_000);
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
    await terminal(shopper.token, placed.body.id);
    known = [product.id, placed.body.id, shopper.id, shopper.email];
    victim = {
      userId: shopper.id,
      token: shopper.token,
      jwtSecret: process.env.JWT_SECRET ?? readEnvExample().get('JWT_SECRET') ?? '',
    };
    // Watched: a refused request must leave this product, its stock and this order as they are.
    stores = await openFootprintReader({ productIds: [product.id], orderIds: [placed.body.id] });
    probe = new EdgeProbe({ admin: adminToken, shopper: shopper.token }, stores);
  }, 60_000);

  afterAll(() => stores?.close());

  it(
    'answers every documented operation, with random and boundary parameters, headers and bodies, by a success or a problem-details 4xx in time, writing nothing when it refuses',
    async () => {
      expect(operations.filter((operation) => operation.secured && operation.body)).not.toEqual([]);
      // Some requests keep to the document, so that the services behind validation are reached.
      const requests = fc.oneof(
        ...operations.map((operation) =>
          fc.oneof(
            { weight: 3, arbitrary: requestOf(operation, known, 'hostile') },
            { weight: 1, arbitrary: requestOf(operation, known, 'conforming') },
          ),
        ),
      );

      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          await probe.send(request);
        }),
        fuzzParameters(800),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses malformed JSON, other content types and bodies past the limit with problem details, 413 past the limit',
    async () => {
      const requests = fc.oneof(
        ...withBodies(operations).map((operation) => rawBodyRequestOf(operation, known)),
      );

      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const response = await probe.send(request);

          const bytes = Buffer.byteLength(request.body === undefined ? '' : jsonText(request.body));
          // A refused content type is answered before the body is read (415), whatever its size.
          if (bytes > HTTP_BODY_LIMIT_BYTES && response.status !== 415) {
            expectProblem(response, 413, 'REQUEST.TOO_LARGE');
          } else {
            expect(response.status).not.toBe(413);
          }
        }),
        fuzzParameters(300),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses garbage, alg=none, wrongly signed, tampered, expired and claimless tokens on every secured operation with 401',
    async () => {
      const requests = fc.oneof(
        ...operations
          .filter((operation) => operation.secured)
          .map((operation) => requestOf(operation, known, 'conforming', forgedCallers(victim))),
      );

      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const response = await probe.send(request);

          expectProblem(response, 401, 'AUTH.UNAUTHENTICATED');
          expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }),
        fuzzParameters(200),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
