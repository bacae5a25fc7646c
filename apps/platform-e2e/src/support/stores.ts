import { LOCAL_URLS } from '@polyshop/config';
import { Client as PgClient } from 'pg';

const USER_DB_URL = process.env.USER_DB_URL ?? LOCAL_URLS.userDb;

/** A row of user-service's `users` table, read straight from its PostgreSQL. */
export async function readStoredUser(userId: string): Promise<Record<string, unknown>> {
  const pg = new PgClient({ connectionString: USER_DB_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query<Record<string, unknown>>(
      `SELECT email_encrypted, name_encrypted, address_encrypted, password_hash, role
       FROM users WHERE id = $1`,
      [userId],
    );
    if (!rows[0]) throw new Error(`user ${userId} is not in user-service's store`);
    return rows[0];
  } finally {
    await pg.end();
  }
}
