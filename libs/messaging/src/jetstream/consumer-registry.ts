import { Injectable } from '@nestjs/common';

export interface RegisteredConsumer {
  stream: string;
  durable: string;
}

/** The durable consumers this process reads from, as the JetStream transport created them. */
@Injectable()
export class ConsumerRegistry {
  private readonly registered: RegisteredConsumer[] = [];

  add(consumer: RegisteredConsumer): void {
    this.registered.push(consumer);
  }

  all(): readonly RegisteredConsumer[] {
    return this.registered;
  }
}
