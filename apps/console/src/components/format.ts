/** `2500, 'EUR'` → `€25.00`: amounts are integer minor units. */
export const money = (minor: number, currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);

export const dateTime = (iso: string) => new Date(iso).toLocaleString('en-GB');

/** A CSS class per order status. */
export const statusClass = (status: string) => `status status-${status.toLowerCase()}`;
