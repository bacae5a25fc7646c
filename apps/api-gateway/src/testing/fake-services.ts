import {
  validateRpcRequest,
  type RpcPattern,
  type RpcReply,
  type RpcRequest,
} from '@polyshop/contracts';
import { connect, type Msg, type NatsConnection, type Subscription } from 'nats';

/** What a fake service does with one request: a reply, a handler failure, or no answer. */
export type FakeAnswer<P extends RpcPattern> =
  { readonly reply: RpcReply<P> } | { readonly fail: string } | { readonly hang: true };

export type FakeHandler<P extends RpcPattern> = (
  request: RpcRequest<P>,
  headers: Readonly<Record<string, string>>,
) => FakeAnswer<P> | Promise<FakeAnswer<P>>;

/** One request a fake received: its payload as sent and its NATS headers. */
export interface ReceivedCall {
  readonly pattern: RpcPattern;
  readonly payload: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const headersOf = (message: Msg): Record<string, string> =>
  Object.fromEntries(
    [...(message.headers?.keys() ?? [])].map((key) => [key, message.headers?.get(key) ?? '']),
  );

/**
 * Stand-ins for the services, answering the contract's RPC patterns the way a Nest
 * `@MessagePattern` handler does on the wire (`{id, response}` or `{id, err}`), so the gateway
 * can be tested alone on a real broker. A fake validates every request against the contract
 * (`VALIDATION.FAILED` like a real service) and records it. A pattern nobody answers is a
 * service that is down: the broker tells the caller at once that there is no responder.
 */
export class FakeServices {
  private readonly subscriptions = new Map<RpcPattern, Subscription>();
  private readonly received: ReceivedCall[] = [];

  private constructor(private readonly nats: NatsConnection) {}

  static async connect(url: string): Promise<FakeServices> {
    return new FakeServices(await connect({ servers: url, name: 'fake-services' }));
  }

  /** Answers `pattern` with `handler` from now on (replacing what answered it before). */
  async answer<P extends RpcPattern>(pattern: P, handler: FakeHandler<P>): Promise<void> {
    this.subscriptions.get(pattern)?.unsubscribe();
    const subscription = this.nats.subscribe(pattern, {
      callback: (error, message) => {
        if (!error) void this.handle(pattern, message, handler);
      },
    });
    this.subscriptions.set(pattern, subscription);
    await this.nats.flush();
  }

  /** Replies `reply` to every `pattern` request. */
  reply<P extends RpcPattern>(pattern: P, reply: RpcReply<P>): Promise<void> {
    return this.answer(pattern, () => ({ reply }));
  }

  /** Receives `pattern` requests and never answers them: a service that hangs. */
  hang(pattern: RpcPattern): Promise<void> {
    return this.answer(pattern, () => ({ hang: true }));
  }

  /** Nothing answers these patterns any more: their service is down. */
  async down(...patterns: RpcPattern[]): Promise<void> {
    for (const pattern of patterns) {
      this.subscriptions.get(pattern)?.unsubscribe();
      this.subscriptions.delete(pattern);
    }
    await this.nats.flush();
  }

  /** The requests received on `pattern`, oldest first. */
  callsOf(pattern: RpcPattern): ReceivedCall[] {
    return this.received.filter((call) => call.pattern === pattern);
  }

  /** The last request received on `pattern`. */
  lastCallOf(pattern: RpcPattern): ReceivedCall {
    const calls = this.callsOf(pattern);
    if (calls.length === 0) throw new Error(`no ${pattern} request received`);
    return calls[calls.length - 1];
  }

  async close(): Promise<void> {
    await this.nats.drain();
  }

  private async handle<P extends RpcPattern>(
    pattern: P,
    message: Msg,
    handler: FakeHandler<P>,
  ): Promise<void> {
    const { data, id } = JSON.parse(decoder.decode(message.data)) as { data: unknown; id: string };
    const headers = headersOf(message);
    this.received.push({ pattern, payload: data, headers });
    const checked = validateRpcRequest(pattern, data);
    const answer: FakeAnswer<P> = checked.ok
      ? await handler(checked.request, headers)
      : { reply: checked.error };
    if ('hang' in answer) return;
    const body =
      'fail' in answer
        ? { id, err: { status: 'error', message: answer.fail }, isDisposed: true }
        : { id, response: answer.reply, isDisposed: true };
    message.respond(encoder.encode(JSON.stringify(body)));
  }
}
