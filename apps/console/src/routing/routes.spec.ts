import { pathOf, routeOf, type Route } from './routes';

describe('console routes', () => {
  it.each<[string, Route]>([
    ['/console/', { page: 'orders' }],
    ['/console', { page: 'orders' }],
    ['/console/orders/5d0c-1', { page: 'order', orderId: '5d0c-1' }],
    ['/console/dead-letters', { page: 'dead-letters' }],
    ['/console/login', { page: 'login' }],
    ['/console/nowhere/at/all', { page: 'orders' }],
  ])('reads %s as %j', (path, route) => {
    expect(routeOf(path)).toEqual(route);
  });

  it('writes every page back to a path that reads as the same page', () => {
    const routes: Route[] = [
      { page: 'orders' },
      { page: 'order', orderId: 'a b/c' },
      { page: 'dead-letters' },
      { page: 'login' },
    ];
    for (const route of routes) expect(routeOf(pathOf(route))).toEqual(route);
  });
});
