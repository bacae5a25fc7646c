import { EVENTS, EVENT_SUBJECTS } from '../events/event-map';
import { DLQ_PATTERNS } from './dlq.rpc';
import { RPC, RPC_PATTERNS, isRpcPattern, validateRpcRequest, type RpcPattern } from './rpc-map';

const patterns = Object.keys(RPC) as RpcPattern[];
const areaOf = (pattern: string): string => pattern.split('.')[1];

const userId = '5f0c3a9e-2b7d-4e1f-9a6c-3d8b1e7f2a04';
const mug = '665f1c2ab4d3e2f1a0b9c8d7';
const placeOrder = { userId, items: [{ productId: mug, quantity: 2 }], paymentToken: 'tok_visa' };

describe('RPC map', () => {
  it('puts every pattern under rpc.<area>., one area per answering service', () => {
    const areasByService = new Map<string, Set<string>>();
    for (const pattern of patterns) {
      expect(pattern).toMatch(/^rpc\.[a-z]+\.[a-z-]+(\.[a-z-]+)?$/);
      const areas = areasByService.get(RPC[pattern].service) ?? new Set<string>();
      areasByService.set(RPC[pattern].service, areas.add(areaOf(pattern)));
    }

    const areas = [...areasByService.values()].map((set) => [...set]);
    expect(areas.every((list) => list.length === 1)).toBe(true);
    expect(new Set(areas.flat()).size).toBe(areas.length);
  });

  it('has one pattern constant per pattern', () => {
    expect(Object.values(RPC_PATTERNS).sort()).toEqual([...patterns].sort());
    expect(isRpcPattern('rpc.orders.place')).toBe(true);
    expect(isRpcPattern('orders.place')).toBe(false);
  });

  it('offers dead-letter listing and replay on exactly the services that consume events', () => {
    const consumers = new Set(EVENT_SUBJECTS.flatMap((subject) => EVENTS[subject].consumers));

    expect(new Set(Object.keys(DLQ_PATTERNS))).toEqual(consumers);
    for (const [service, { list, replay }] of Object.entries(DLQ_PATTERNS)) {
      expect([RPC[list].service, RPC[replay].service]).toEqual([service, service]);
    }
  });
});

describe('validateRpcRequest', () => {
  it('returns the typed request when the payload is valid', () => {
    const result = validateRpcRequest('rpc.orders.place', placeOrder);

    expect(result).toMatchObject({ ok: true, request: placeOrder });
    if (result.ok) expect(result.request.items[0].quantity).toBe(2);
  });

  it('answers VALIDATION.FAILED naming an unknown field', () => {
    const result = validateRpcRequest('rpc.orders.place', { ...placeOrder, discount: 'ALL' });

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION.FAILED',
        message: 'Invalid rpc.orders.place request: discount: property discount should not exist',
        status: 400,
        fields: [{ field: 'discount', problems: ['property discount should not exist'] }],
      },
    });
  });

  it('refuses a payment token other than the test cards', () => {
    const result = validateRpcRequest('rpc.orders.place', { ...placeOrder, paymentToken: 'tok_x' });

    expect(!result.ok && result.error.fields?.map((f) => f.field)).toEqual(['paymentToken']);
  });

  it('validates nested objects, naming the nested field', () => {
    const cancel = validateRpcRequest('rpc.orders.cancel', {
      orderId: userId,
      requester: { userId, role: 'root' },
    });
    const register = validateRpcRequest('rpc.users.register', {
      email: 'ada@example.com',
      password: 'correct horse',
      name: 'Ada',
      address: { line1: '1 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'France' },
    });

    expect(!cancel.ok && cancel.error.fields?.map((f) => f.field)).toEqual(['requester.role']);
    expect(!register.ok && register.error.fields?.map((f) => f.field)).toEqual(['address.country']);
  });

  it('accepts paging left out and refuses a page size out of range', () => {
    expect(validateRpcRequest('rpc.products.list', {}).ok).toBe(true);
    const tooBig = validateRpcRequest('rpc.products.list', { limit: 101 });
    expect(!tooBig.ok && tooBig.error.fields?.map((f) => f.field)).toEqual(['limit']);
  });

  it('refuses to look up the same product twice in one availability call', () => {
    const result = validateRpcRequest('rpc.inventory.get-availability', { productIds: [mug, mug] });

    expect(!result.ok && result.error.fields?.map((f) => f.field)).toEqual(['productIds']);
  });

  it('refuses a payload that is not an object', () => {
    const result = validateRpcRequest('rpc.products.get', 'product-1');

    expect(!result.ok && result.error.code).toBe('VALIDATION.FAILED');
  });
});
