import { inboxSchema } from '../inbox/sql-inbox.schema';
import { outboxSchema } from './sql-outbox.schema';

describe('outbox and inbox DDL', () => {
  it('gives PostgreSQL an outbox with partial indexes for the claim and the purge', () => {
    const { up, down } = outboxSchema('postgres');

    expect(up[0]).toContain('CREATE TABLE outbox (');
    expect(up[0]).toContain('seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY');
    expect(up.slice(1)).toEqual([
      'CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL',
      'CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL',
    ]);
    expect(down).toEqual(['DROP TABLE outbox']);
  });

  it('gives MySQL an InnoDB outbox whose one index serves both the claim and the purge', () => {
    const [create] = outboxSchema('mysql', 'order_outbox').up;

    expect(create).toContain('CREATE TABLE order_outbox (');
    expect(create).toContain('seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT');
    expect(create).toContain('KEY order_outbox_state_idx (published_at, seq)');
    expect(create).toMatch(/ENGINE=InnoDB$/);
  });

  it('keys the inbox by consumer and event id, indexed by time for the purge', () => {
    expect(inboxSchema('postgres').up).toEqual([
      expect.stringContaining('PRIMARY KEY (consumer, event_id)'),
      'CREATE INDEX inbox_processed_idx ON inbox (processed_at)',
    ]);
    const [create] = inboxSchema('mysql').up;
    expect(create).toContain('PRIMARY KEY (consumer, event_id)');
    expect(create).toContain('KEY inbox_processed_idx (processed_at)');
  });

  it('refuses a table name that is not a plain lower-case identifier', () => {
    expect(() => outboxSchema('postgres', 'outbox; DROP TABLE users')).toThrow(
      'invalid SQL table name',
    );
    expect(() => inboxSchema('mysql', 'Inbox')).toThrow('invalid SQL table name');
  });
});
