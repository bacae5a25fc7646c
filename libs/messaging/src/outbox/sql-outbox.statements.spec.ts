import { SqlOutboxStatements } from './sql-outbox.statements';

const row = (id: string) => ({ id, subject: 's', payload: '{}', headers: '{}' });

describe('SqlOutboxStatements', () => {
  const postgres = new SqlOutboxStatements('postgres', 'outbox');
  const mysql = new SqlOutboxStatements('mysql', 'outbox');

  describe('append', () => {
    it('writes every event in one multi-row INSERT with numbered PostgreSQL parameters', () => {
      const { sql, parameters } = postgres.append([row('a'), row('b')]);

      expect(sql).toBe(
        'INSERT INTO outbox (id, subject, payload, headers, created_at) VALUES ' +
          '($1, $2, $3, $4, now()), ($5, $6, $7, $8, now())',
      );
      expect(parameters).toEqual(['a', 's', '{}', '{}', 'b', 's', '{}', '{}']);
    });

    it('writes every event in one multi-row INSERT with MySQL placeholders and the UTC clock', () => {
      const { sql, parameters } = mysql.append([row('a'), row('b')]);

      expect(sql).toBe(
        'INSERT INTO outbox (id, subject, payload, headers, created_at) VALUES ' +
          '(?, ?, ?, ?, UTC_TIMESTAMP(3)), (?, ?, ?, ?, UTC_TIMESTAMP(3))',
      );
      expect(parameters).toHaveLength(8);
    });

    it('appends leased rows on PostgreSQL, claimed once, returning each id with its seq', () => {
      const { sql, parameters } = postgres.appendLeased([row('a'), row('b')], 'relay-1', 3_000);

      expect(sql).toBe(
        'INSERT INTO outbox (id, subject, payload, headers, created_at, attempts, claimed_by, claimed_until) VALUES ' +
          "($3, $4, $5, $6, now(), 1, $1, now() + $2::int * interval '1 millisecond'), " +
          "($7, $8, $9, $10, now(), 1, $1, now() + $2::int * interval '1 millisecond') " +
          'RETURNING id, seq::text AS seq',
      );
      expect(parameters).toEqual(['relay-1', 3_000, 'a', 's', '{}', '{}', 'b', 's', '{}', '{}']);
    });

    it('appends leased rows on MySQL with the owner and the lease in microseconds per row', () => {
      const { sql, parameters } = mysql.appendLeased([row('a'), row('b')], 'relay-1', 3_000);

      const leased =
        '(?, ?, ?, ?, UTC_TIMESTAMP(3), 1, ?, UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND)';
      expect(sql).toBe(
        'INSERT INTO outbox (id, subject, payload, headers, created_at, attempts, claimed_by, claimed_until) ' +
          `VALUES ${leased}, ${leased}`,
      );
      expect(parameters).toEqual([
        ...['a', 's', '{}', '{}', 'relay-1', 3_000_000],
        ...['b', 's', '{}', '{}', 'relay-1', 3_000_000],
      ]);
    });
  });

  describe('claim', () => {
    it('leases the oldest free rows in one PostgreSQL statement that skips rows locked by other replicas', () => {
      const { sql, parameters } = postgres.claimPostgres(500, 'relay-1', 15_000);

      expect(sql).toContain('FOR UPDATE SKIP LOCKED');
      expect(sql).toContain('ORDER BY seq LIMIT $1');
      expect(sql).toContain('claimed_until IS NULL OR claimed_until <= now()');
      expect(sql).toContain('attempts = o.attempts + 1');
      expect(sql).toMatch(/ORDER BY claimed\.seq$/);
      expect(parameters).toEqual([500, 'relay-1', 15_000]);
    });

    it('locks the oldest free rows on MySQL, skipping rows locked by other replicas', () => {
      const { sql, parameters } = mysql.claimSelectMysql(500);

      expect(sql).toContain('published_at IS NULL');
      expect(sql).toContain('claimed_until <= UTC_TIMESTAMP(3)');
      expect(sql).toMatch(/ORDER BY seq LIMIT \?\nFOR UPDATE SKIP LOCKED$/);
      expect(parameters).toEqual([500]);
    });

    it('leases the locked MySQL rows for the lease, in microseconds', () => {
      const { sql, parameters } = mysql.claimUpdateMysql(['7', '9'], 'relay-1', 15_000);

      expect(sql).toBe(
        'UPDATE outbox SET claimed_by = ?, claimed_until = UTC_TIMESTAMP(3) + INTERVAL ? ' +
          'MICROSECOND, attempts = attempts + 1 WHERE seq IN (?, ?)',
      );
      expect(parameters).toEqual(['relay-1', 15_000_000, '7', '9']);
    });
  });

  describe('settling', () => {
    it('marks rows published by sequence: an array parameter on PostgreSQL, a list on MySQL', () => {
      expect(postgres.markPublished(['1', '2'])).toEqual({
        sql:
          'UPDATE outbox SET published_at = now(), claimed_by = NULL, claimed_until = NULL ' +
          'WHERE seq = ANY($1::bigint[])',
        parameters: [['1', '2']],
      });
      expect(mysql.markPublished(['1', '2'])).toEqual({
        sql:
          'UPDATE outbox SET published_at = UTC_TIMESTAMP(3), claimed_by = NULL, ' +
          'claimed_until = NULL WHERE seq IN (?, ?)',
        parameters: ['1', '2'],
      });
    });

    it('releases only rows still leased to the owner, free again after the retry delay', () => {
      const pg = postgres.release(['1'], 'relay-1', 500);
      expect(pg.sql).toContain("claimed_until = now() + $2::int * interval '1 millisecond'");
      expect(pg.sql).toContain('claimed_by = $3 AND published_at IS NULL');
      expect(pg.parameters).toEqual([['1'], 500, 'relay-1']);

      const my = mysql.release(['1', '2'], 'relay-1', 500);
      expect(my.sql).toContain('UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND');
      expect(my.sql).toContain('seq IN (?, ?) AND claimed_by = ? AND published_at IS NULL');
      expect(my.parameters).toEqual([500_000, '1', '2', 'relay-1']);
    });
  });

  describe('purge', () => {
    it('deletes a bounded chunk of rows published before the retention', () => {
      const pg = postgres.purgePublished(3_600_000, 5_000);
      expect(pg.sql).toContain("published_at < now() - $1::bigint * interval '1 millisecond'");
      expect(pg.sql).toContain('LIMIT $2');
      expect(pg.sql).toContain('SELECT count(*)::int AS deleted');
      expect(pg.parameters).toEqual([3_600_000, 5_000]);

      expect(mysql.purgePublished(3_600_000, 5_000)).toEqual({
        sql:
          'DELETE FROM outbox WHERE published_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND ' +
          'ORDER BY published_at LIMIT ?',
        parameters: [3_600_000_000, 5_000],
      });
    });
  });
});
