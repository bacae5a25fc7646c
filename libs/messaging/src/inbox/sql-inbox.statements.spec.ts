import { SqlInboxStatements } from './sql-inbox.statements';

describe('SqlInboxStatements', () => {
  it('records an event on MySQL with INSERT IGNORE, reported through the affected rows', () => {
    expect(new SqlInboxStatements('mysql', 'inbox').record('order-payment-v1', 'e-1')).toEqual({
      sql: 'INSERT IGNORE INTO inbox (consumer, event_id, processed_at) VALUES (?, ?, UTC_TIMESTAMP(3))',
      parameters: ['order-payment-v1', 'e-1'],
    });
  });

  it('records an event on PostgreSQL with ON CONFLICT DO NOTHING, reported through the returned row', () => {
    expect(new SqlInboxStatements('postgres', 'inbox').record('c', 'e-1')).toEqual({
      sql:
        'INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ' +
        'ON CONFLICT DO NOTHING RETURNING event_id',
      parameters: ['c', 'e-1'],
    });
  });

  it('purges a bounded chunk of records older than the retention', () => {
    expect(new SqlInboxStatements('mysql', 'inbox').purge(1_000, 10)).toEqual({
      sql: 'DELETE FROM inbox WHERE processed_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND LIMIT ?',
      parameters: [1_000_000, 10],
    });
    const pg = new SqlInboxStatements('postgres', 'inbox').purge(1_000, 10);
    expect(pg.sql).toContain(
      "processed_at < now() - $1::bigint * interval '1 millisecond' LIMIT $2",
    );
    expect(pg.parameters).toEqual([1_000, 10]);
  });
});
