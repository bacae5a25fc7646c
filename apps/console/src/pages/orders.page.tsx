import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { ORDER_STATUSES, type OrderStatus } from '../api/api.types';
import type { Session } from '../api/session';
import { dateTime, money, statusClass } from '../components/format';
import { usePolling } from '../components/use-polling';
import type { Route } from '../routing/routes';
import { PlaceOrderForm } from './place-order.form';

const POLL_MS = 2_000;

/** The caller's orders (an admin's: everyone's, by status), newest first, and the order form. */
export function OrdersPage(props: {
  api: ApiClient;
  session: Session;
  navigate: (route: Route) => void;
}) {
  const { api, session, navigate } = props;
  const admin = session.role === 'admin';
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const { data, error } = usePolling(
    () => (admin ? api.allOrders(status) : api.myOrders()),
    POLL_MS,
    `orders-${status ?? 'all'}`,
  );
  const open = (orderId: string) => navigate({ page: 'order', orderId });
  return (
    <div className="orders-page">
      <PlaceOrderForm api={api} placed={open} />
      <section className="card">
        <div className="section-title">
          <h2>{admin ? 'All orders' : 'My orders'}</h2>
          {admin && (
            <label className="filter">
              Status
              <select
                name="status"
                value={status ?? ''}
                onChange={(e) => setStatus((e.target.value || null) as OrderStatus | null)}
              >
                <option value="">any</option>
                {ORDER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
        <table className="orders">
          <thead>
            <tr>
              <th>Placed</th>
              <th>Order</th>
              <th>Status</th>
              <th>Reason</th>
              <th className="number">Total</th>
              {admin && <th>User</th>}
            </tr>
          </thead>
          <tbody>
            {data?.items.map((order) => (
              <tr
                key={order.id}
                className="clickable"
                onClick={() => open(order.id)}
                data-testid="order-row"
              >
                <td>{dateTime(order.createdAt)}</td>
                <td>
                  <a href={`/console/orders/${order.id}`} onClick={(e) => e.preventDefault()}>
                    {order.id.slice(0, 8)}
                  </a>
                </td>
                <td>
                  <span className={statusClass(order.status)}>{order.status}</span>
                </td>
                <td>{order.reason ?? ''}</td>
                <td className="number">{money(order.total, order.currency)}</td>
                {admin && <td className="mono">{order.userId?.slice(0, 8)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
        {data && <p className="muted">{data.total} order(s)</p>}
      </section>
    </div>
  );
}
