import { Injectable } from '@nestjs/common';
import {
  DLQ_PATTERNS,
  MAX_PAGE_SIZE,
  type DeadLetterView,
  type ServiceName,
} from '@polyshop/contracts';
import { RpcClient } from '../rpc/rpc.client';
import { CONSUMING_SERVICES } from './dto/admin-requests.dto';

/** `GET /admin/dead-letters`: every consuming service's dead letters, and who did not answer. */
export interface DeadLetterOverview {
  readonly items: readonly DeadLetterView[];
  readonly unavailable: readonly ServiceName[];
}

/**
 * Asks every service that consumes events for its dead letters at once (each under the RPC
 * deadline) and merges them, oldest first. A service that does not answer is listed as
 * unavailable instead of failing the whole answer.
 */
@Injectable()
export class ListDeadLettersUseCase {
  constructor(private readonly rpc: RpcClient) {}

  async execute(): Promise<DeadLetterOverview> {
    const answers = await Promise.all(
      CONSUMING_SERVICES.map(async (service) => {
        const answer = await this.rpc.callOptional(
          DLQ_PATTERNS[service].list,
          { limit: MAX_PAGE_SIZE },
          `dead letters of ${service}`,
        );
        return { service, items: answer.ok ? answer.response.items : null };
      }),
    );
    return {
      items: answers
        .flatMap((answer) => answer.items ?? [])
        .sort((a, b) => Date.parse(a.deadLetteredAt) - Date.parse(b.deadLetteredAt)),
      unavailable: answers.filter((answer) => answer.items === null).map((a) => a.service),
    };
  }
}
