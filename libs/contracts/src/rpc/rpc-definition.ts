import type { ServiceName } from '../services';

/** One request/reply call: who answers it, its request DTO class and (type only) its reply. */
export interface RpcDefinition<Req extends object, Res> {
  /** The app that subscribes to the pattern. */
  readonly service: ServiceName;
  /** class-validator class of the request payload. */
  readonly requestClass: new () => Req;
  /** Carries the reply type for the compiler; never set at runtime. */
  readonly response?: Res;
}

/** Declares a call answered by `service`, with request class `Req` and reply type `Res`. */
export function defineRpc<Req extends object, Res>(
  service: ServiceName,
  requestClass: new () => Req,
): RpcDefinition<Req, Res> {
  return { service, requestClass };
}
