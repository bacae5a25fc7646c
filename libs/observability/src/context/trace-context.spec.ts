import { newTraceparent, parseTraceparent } from './trace-context';

describe('W3C trace context', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('accepts a valid traceparent, normalised to lower case', () => {
    expect(parseTraceparent(valid.toUpperCase())).toBe(valid);
  });

  it.each([
    ['a number', 42],
    ['another version', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['a short trace id', '00-4bf92f35-00f067aa0ba902b7-01'],
    ['an injection attempt', `${valid}\r\nX-Evil: 1`],
  ])('rejects %s', (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it('starts new traces that are valid and distinct', () => {
    const [a, b] = [newTraceparent(), newTraceparent()];
    expect(parseTraceparent(a)).toBe(a);
    expect(a).not.toBe(b);
  });
});
