import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts. No PII in clear: the email is found through its keyed blind index (unique) and
 * stored encrypted like the name and the address (phone included); see `users/pii/`.
 */
export class UsersTable1763900000000 implements MigrationInterface {
  name = 'UsersTable1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email_index bytea NOT NULL,
        email_encrypted text NOT NULL,
        name_encrypted text NOT NULL,
        address_encrypted text,
        password_hash text NOT NULL,
        role varchar(16) NOT NULL CONSTRAINT users_role_check CHECK (role IN ('user', 'admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_index_key UNIQUE (email_index),
        CONSTRAINT users_email_index_length CHECK (octet_length(email_index) = 32)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE users');
  }
}
