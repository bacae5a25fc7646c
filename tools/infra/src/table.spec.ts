import { renderTable } from './table';

describe('renderTable', () => {
  it('pads every column to its widest cell, with a rule under the header', () => {
    const table = renderTable(
      ['STORE', 'URL', 'STATE'],
      [
        ['nats', 'nats://127.0.0.1:14222', 'running'],
        ['postgres-user', 'postgres://x', 'stopped'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'STORE          URL                     STATE',
      '-------------  ----------------------  -------',
      'nats           nats://127.0.0.1:14222  running',
      'postgres-user  postgres://x            stopped',
    ]);
  });

  it('renders the header alone when there are no rows', () => {
    expect(renderTable(['A', 'BB'], [])).toBe('A  BB\n-  --');
  });
});
