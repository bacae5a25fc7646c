/**
 * The gateway's answers the console reads (its OpenAPI document is at /docs). Kept here rather
 * than imported from @polyshop/contracts, whose validation decorators and Node types do not
 * belong in a browser bundle.
 */

export type Role = 'user' | 'admin';

export const ORDER_STATUSES = [
  'PENDING',
  'AWAITING_PAYMENT',
  'CONFIRMED',
  'REJECTED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TERMINAL_STATUSES: readonly OrderStatus[] = ['CONFIRMED', 'REJECTED', 'CANCELLED'];

export type PaymentToken = 'tok_visa' | 'tok_chargeDeclined';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  price: number;
  currency: string;
}

export interface OrderView {
  id: string;
  status: OrderStatus;
  reason: string | null;
  items: Array<{ productId: string; quantity: number; unitPrice: number }>;
  total: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
  /** In the admin list only. */
  userId?: string;
}

export type ServiceName = string;

export type ConsumptionOutcome = 'PROCESSED' | 'DUPLICATE' | 'RETRIED' | 'DEAD_LETTERED';

export type TimelineEntry =
  | {
      kind: 'PUBLISHED';
      at: string;
      eventId: string;
      subject: string;
      producer: string;
      causationId: string | null;
      compensation: boolean;
    }
  | {
      kind: 'CONSUMED';
      at: string;
      eventId: string;
      subject: string;
      service: ServiceName;
      attempt: number;
      outcome: ConsumptionOutcome;
      detail?: string;
    }
  | {
      kind: 'DEAD_LETTERED';
      at: string;
      eventId: string | null;
      subject: string;
      service: ServiceName;
      reason: string;
      detail: string;
      sequence?: number;
    };

export interface StatusTransition {
  at: string;
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string | null;
}

export interface Participant {
  service: ServiceName;
  available: boolean;
  state: Record<string, unknown> | null;
  error?: string;
}

export interface OrderTimeline {
  orderId: string;
  status: OrderStatus;
  reason: string | null;
  placedAt: string;
  participants: Participant[];
  entries: TimelineEntry[];
  transitions: StatusTransition[];
}

export interface AppReadiness {
  ready: boolean;
  status?: number;
  reason?: string;
}

/** `GET /health`, as a 200 or inside the 503 problem. */
export interface PlatformHealth {
  ready: boolean;
  services: Record<string, AppReadiness>;
}

export interface SagaStats {
  byStatus: Partial<Record<OrderStatus, number>>;
  byReason: Record<string, number>;
}

export interface DeadLetter {
  sequence: number;
  subject: string;
  originalSubject: string;
  consumer: ServiceName;
  reason: string;
  detail: string;
  eventId: string | null;
  correlationId: string | null;
  deliveries: number;
  deadLetteredAt: string;
}

export interface DeadLetterList {
  items: DeadLetter[];
  /** Services whose dead letters could not be read. */
  unavailable: ServiceName[];
}

export interface ReplayedDeadLetter {
  sequence: number;
  originalSubject: string;
  eventId: string | null;
}
