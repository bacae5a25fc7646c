import type { Role } from './api.types';

const KEY = 'polyshop.console.token';

export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly role: Role;
}

/**
 * Reads `sub` and `role` from an access token's payload (for display and for showing the admin
 * pages; the gateway checks the signature and the role on every call); `null` if unreadable.
 */
export function sessionOf(token: string): Session | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as {
      sub?: unknown;
      role?: unknown;
    };
    if (typeof claims.sub !== 'string') return null;
    if (claims.role !== 'user' && claims.role !== 'admin') return null;
    return { token, userId: claims.sub, role: claims.role };
  } catch {
    return null;
  }
}

/** The signed-in session of this tab (sessionStorage: gone when the tab closes). */
export const storedSession = (storage: Storage = sessionStorage): Session | null => {
  const token = storage.getItem(KEY);
  return token === null ? null : sessionOf(token);
};

export const storeToken = (token: string, storage: Storage = sessionStorage) =>
  storage.setItem(KEY, token);

export const forgetToken = (storage: Storage = sessionStorage) => storage.removeItem(KEY);
