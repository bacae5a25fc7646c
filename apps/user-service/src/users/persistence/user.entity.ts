import type { UserRole } from '@polyshop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of `users` (migration `UsersTable1763900000000`): PII only as sealed values. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** HMAC-SHA256 of the normalised email (`EmailBlindIndex`), unique. */
  @Column({ name: 'email_index', type: 'bytea' })
  emailIndex!: Buffer;

  @Column({ name: 'email_encrypted', type: 'text' })
  emailEncrypted!: string;

  @Column({ name: 'name_encrypted', type: 'text' })
  nameEncrypted!: string;

  /** The address as JSON (phone included), sealed; null when none was given. */
  @Column({ name: 'address_encrypted', type: 'text', nullable: true })
  addressEncrypted!: string | null;

  /** argon2id, in the PHC string format (parameters and salt included). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt!: Date;
}
