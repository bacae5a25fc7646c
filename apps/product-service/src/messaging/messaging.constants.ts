/** Collections of product-service's outbox and inbox (see `OutboxInboxModule`). */
export const OUTBOX_COLLECTION = 'outbox';
export const INBOX_COLLECTION = 'inbox';
