import type { Producer, ServiceName } from '../services';
import type { StreamName } from '../streams';

/** What the event map knows about one subject. */
export interface EventDefinition {
  /** Event name without version, e.g. `order.placed`; the envelope's `type`. */
  readonly type: string;
  /** The `vN` of the subject; the envelope's `version`. */
  readonly version: number;
  readonly producer: Producer;
  /** The producer's JetStream stream. */
  readonly stream: StreamName;
  /** class-validator class of the envelope's `data`. */
  readonly dataClass: new () => object;
  /** Services that act on the event (read models aside), each with its own durable consumer. */
  readonly consumers: readonly ServiceName[];
}
