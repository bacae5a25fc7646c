import { BaseRpcContext } from '@nestjs/microservices';
import type { EventEnvelope, EventSubject } from '@polyshop/contracts';
import type { JsMsg } from 'nats';

/**
 * What an `@OnEvent` handler gets through `@Ctx()`: the envelope's metadata and the delivery's
 * attempt number. Acknowledgement belongs to the transport (after the handler's commit).
 */
export class JetStreamContext<S extends EventSubject = EventSubject> extends BaseRpcContext<
  [EventEnvelope<S>, JsMsg]
> {
  get envelope(): EventEnvelope<S> {
    return this.args[0];
  }

  get subject(): S {
    return this.args[1].subject as S;
  }

  /** 1 on the first delivery, 2 on the first redelivery, ... */
  get attempt(): number {
    return this.args[1].info.redeliveryCount;
  }

  /** Tells the broker the handler is still busy, postponing redelivery by another AckWait. */
  working(): void {
    this.args[1].working();
  }
}
