import type { OutgoingEventOptions } from '@polyshop/messaging';
import { currentMessageContext } from '@polyshop/observability';

/**
 * Options of an event caused by a product write: it carries the correlation id of the request
 * behind it (the message context of the RPC call), or the product id when there is none.
 */
export const productEventOptions = (productId: string): OutgoingEventOptions =>
  currentMessageContext() === undefined ? { correlationId: productId } : {};
