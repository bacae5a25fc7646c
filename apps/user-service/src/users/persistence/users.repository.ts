import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/** What registration writes; the database sets the timestamps. */
export type NewUserRow = Omit<UserEntity, 'createdAt' | 'updatedAt'>;

/** Reads and writes `users`. Writes take the caller's transaction. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the user unless its email index is already there (`ON CONFLICT DO NOTHING`, so two
   * concurrent registrations of one email cannot both win). True when this call inserted it.
   */
  async insertUnlessEmailTaken(tx: EntityManager, user: NewUserRow): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(user)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  findByEmailIndex(emailIndex: Buffer): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ emailIndex });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }
}
