/** The named limits: `auth` per client IP and route, `orders` per user (placement). */
export const RATE_LIMITS = ['auth', 'orders'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];
