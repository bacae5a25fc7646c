import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '../../database/bigint.transformer';

/**
 * What a timeline row records. `TRANSITION`: the order changed status; `PUBLISHED`: order-service
 * appended an event about it to its outbox; `CONSUMED`: order-service handled (or will retry) a
 * delivery of an event about it; `DEAD_LETTERED`: it gave up on one.
 */
export type TimelineKind = 'TRANSITION' | 'PUBLISHED' | 'CONSUMED' | 'DEAD_LETTERED';

/** One point of an order's timeline (table `order_timeline`), in `seq` order. */
@Entity({ name: 'order_timeline' })
export class OrderTimelineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  seq!: string;

  @Column({ name: 'order_id', type: 'char', length: 36 })
  orderId!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 32 })
  kind!: TimelineKind;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20, nullable: true })
  toStatus!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reason!: string | null;

  @Column({ name: 'event_id', type: 'varchar', length: 64, nullable: true })
  eventId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  producer!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  service!: string | null;

  @Column({ name: 'causation_id', type: 'varchar', length: 128, nullable: true })
  causationId!: string | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  attempt!: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  /** `DEAD_LETTERED`: the dead letter's sequence in its stream, when known. */
  @Column({
    name: 'dead_letter_sequence',
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: BIGINT_AS_NUMBER,
  })
  deadLetterSequence!: number | null;
}
