import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it.each([
    [new Error('connection refused'), 'connection refused'],
    ['plain text', 'plain text'],
    [{ code: 11000 }, '{"code":11000}'],
  ])('describes %p as %p', (thrown, expected) => {
    expect(errorMessage(thrown)).toBe(expected);
  });
});
