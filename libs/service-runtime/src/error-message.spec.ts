import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it.each([
    [new Error('connection refused'), 'connection refused'],
    ['plain text', 'plain text'],
    [{ code: 11000 }, '{"code":11000}'],
    [undefined, 'undefined'],
    [10n, '10'],
  ])('describes %p as %p', (thrown, expected) => {
    expect(errorMessage(thrown)).toBe(expected);
  });

  it('describes a value that cannot be JSON without throwing', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    expect(errorMessage(circular)).toBe('[object Object]');
  });
});
