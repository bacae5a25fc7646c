import { inboxSchema, outboxSchema } from '@polyshop/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox and the inbox of @polyshop/messaging (see its README). */
export class MessagingTables1763700000000 implements MigrationInterface {
  name = 'MessagingTables1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [...outboxSchema('postgres').up, ...inboxSchema('postgres').up]) {
      await queryRunner.query(sql);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of [...inboxSchema('postgres').down, ...outboxSchema('postgres').down]) {
      await queryRunner.query(sql);
    }
  }
}
