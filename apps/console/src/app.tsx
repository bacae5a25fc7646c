import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from './api/api-client';
import { forgetToken, sessionOf, storedSession, storeToken, type Session } from './api/session';
import { Header } from './components/header.view';
import { DeadLettersPage } from './pages/dead-letters.page';
import { LoginPage } from './pages/login.page';
import { OrderPage } from './pages/order.page';
import { OrdersPage } from './pages/orders.page';
import { pathOf, routeOf, type Route } from './routing/routes';

/** The console: who is signed in, which page is shown, and the API client they share. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => storedSession());
  const [route, setRoute] = useState<Route>(() => routeOf(location.pathname));

  useEffect(() => {
    const onPopState = () => setRoute(routeOf(location.pathname));
    addEventListener('popstate', onPopState);
    return () => removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((next: Route) => {
    history.pushState(null, '', pathOf(next));
    setRoute(next);
  }, []);

  const signOut = useCallback(() => {
    forgetToken();
    setSession(null);
  }, []);

  const api = useMemo(
    () =>
      createApiClient({
        fetch: (input, init) => fetch(input, init),
        token: () => storedSession()?.token ?? null,
        onUnauthorized: signOut,
      }),
    [signOut],
  );

  const signIn = (token: string) => {
    storeToken(token);
    setSession(sessionOf(token));
    if (route.page === 'login') navigate({ page: 'orders' });
  };

  let page;
  if (session === null) page = <LoginPage api={api} signIn={signIn} />;
  else if (route.page === 'order') page = <OrderPage api={api} orderId={route.orderId} />;
  else if (route.page === 'dead-letters' && session.role === 'admin')
    page = <DeadLettersPage api={api} navigate={navigate} />;
  else page = <OrdersPage api={api} session={session} navigate={navigate} />;

  return (
    <>
      <Header api={api} session={session} navigate={navigate} signOut={signOut} />
      <main>{page}</main>
    </>
  );
}
