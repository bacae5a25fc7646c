import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a handler's error to the JetStream transport unchanged. Nest's default RPC filter
 * would turn it into "Internal server error", and the dead letter would lose its reason.
 */
@Catch()
export class JetStreamExceptionFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
