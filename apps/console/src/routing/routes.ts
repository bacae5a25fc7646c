/** Where the gateway serves the console (vite.config.mts `base`). */
export const BASE = '/console';

export type Route =
  | { page: 'orders' }
  | { page: 'order'; orderId: string }
  | { page: 'dead-letters' }
  | { page: 'login' };

/** The page a location path shows; anything unknown shows the orders. */
export function routeOf(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter((part) => part !== '');
  if (parts[0] === 'orders' && parts.length === 2) {
    return { page: 'order', orderId: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'dead-letters' && parts.length === 1) return { page: 'dead-letters' };
  if (parts[0] === 'login' && parts.length === 1) return { page: 'login' };
  return { page: 'orders' };
}

/** The location path of a page. */
export function pathOf(route: Route): string {
  switch (route.page) {
    case 'orders':
      return `${BASE}/`;
    case 'order':
      return `${BASE}/orders/${encodeURIComponent(route.orderId)}`;
    case 'dead-letters':
      return `${BASE}/dead-letters`;
    case 'login':
      return `${BASE}/login`;
  }
}
