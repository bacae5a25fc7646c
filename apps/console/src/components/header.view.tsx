import type { ApiClient } from '../api/api-client';
import type { Session } from '../api/session';
import type { Route } from '../routing/routes';
import { usePolling } from './use-polling';

const POLL_MS = 2_000;

function Health({ api }: { api: ApiClient }) {
  const { data, error } = usePolling(() => api.health(), POLL_MS, 'health');
  if (error && !data) return <span className="health down">gateway: {error.message}</span>;
  if (!data) return null;
  return (
    <ul className="health" aria-label="Health of each service">
      {Object.entries(data.services).map(([name, app]) => (
        <li
          key={name}
          className={app.ready ? 'up' : 'down'}
          title={app.reason ?? ''}
          data-testid={`health-${name}`}
        >
          {name.replace('-service', '')}
        </li>
      ))}
    </ul>
  );
}

function SagaOutcomes({ api }: { api: ApiClient }) {
  const { data } = usePolling(() => api.sagaStats(), POLL_MS, 'saga-stats');
  if (!data) return null;
  const reasons = Object.entries(data.byReason);
  return (
    <ul className="outcomes" aria-label="Saga outcomes" data-testid="saga-stats">
      {Object.entries(data.byStatus).map(([status, count]) => (
        <li key={status} className={`status-${status.toLowerCase()}`}>
          {status} <strong>{count}</strong>
        </li>
      ))}
      {reasons.length > 0 && (
        <li className="reasons">
          {reasons.map(([reason, count]) => `${reason} ${count}`).join(' · ')}
        </li>
      )}
    </ul>
  );
}

export function Header(props: {
  api: ApiClient;
  session: Session | null;
  navigate: (route: Route) => void;
  signOut: () => void;
}) {
  const { api, session, navigate, signOut } = props;
  return (
    <header className="header">
      <div className="brand-row">
        <a
          className="brand"
          href="/console/"
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'orders' });
          }}
        >
          Polyshop saga console
        </a>
        {session && (
          <nav>
            <button type="button" className="link" onClick={() => navigate({ page: 'orders' })}>
              Orders
            </button>
            {session.role === 'admin' && (
              <button
                type="button"
                className="link"
                onClick={() => navigate({ page: 'dead-letters' })}
              >
                Dead letters
              </button>
            )}
            <span className="who">{session.role}</span>
            <button type="button" className="link" onClick={signOut}>
              Sign out
            </button>
          </nav>
        )}
      </div>
      <div className="status-row">
        <Health api={api} />
        {session?.role === 'admin' && <SagaOutcomes api={api} />}
      </div>
    </header>
  );
}
