import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import type { DeadLetter } from '../api/api.types';
import { dateTime } from '../components/format';
import { usePolling } from '../components/use-polling';
import type { Route } from '../routing/routes';

const POLL_MS = 2_000;

const keyOf = (letter: DeadLetter) => `${letter.consumer}/${letter.sequence}`;

/** Every service's dead letters, with why each was given up on and a button to replay it. */
export function DeadLettersPage({
  api,
  navigate,
}: {
  api: ApiClient;
  navigate: (route: Route) => void;
}) {
  const [refresh, setRefresh] = useState(0);
  const [replaying, setReplaying] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { data, error } = usePolling(() => api.deadLetters(), POLL_MS, `dead-letters-${refresh}`);
  const replay = async (letter: DeadLetter) => {
    setReplaying(keyOf(letter));
    try {
      const replayed = await api.replay(letter.consumer, letter.sequence);
      setMessage(`Replayed #${replayed.sequence} on ${replayed.originalSubject}`);
    } catch (failure) {
      setMessage(`Replay of #${letter.sequence} failed: ${(failure as Error).message}`);
    } finally {
      setReplaying(null);
      setRefresh((n) => n + 1);
    }
  };
  return (
    <section className="card">
      <h1>Dead letters</h1>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {data && data.unavailable.length > 0 && (
        <p className="error">Could not read the dead letters of {data.unavailable.join(', ')}</p>
      )}
      {data && data.items.length === 0 && <p className="muted">No dead letters.</p>}
      {data && data.items.length > 0 && (
        <table className="dead-letters">
          <thead>
            <tr>
              <th>#</th>
              <th>Consumer</th>
              <th>Subject</th>
              <th>Reason</th>
              <th>Detail</th>
              <th className="number">Deliveries</th>
              <th>When</th>
              <th>Order</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.items.map((letter) => (
              <tr
                key={keyOf(letter)}
                data-testid="dead-letter"
                data-event-id={letter.eventId ?? ''}
              >
                <td className="number">{letter.sequence}</td>
                <td>{letter.consumer}</td>
                <td className="mono">{letter.originalSubject}</td>
                <td>
                  <span className="reason">{letter.reason}</span>
                </td>
                <td className="detail">{letter.detail}</td>
                <td className="number">{letter.deliveries}</td>
                <td>{dateTime(letter.deadLetteredAt)}</td>
                <td>
                  {letter.correlationId && (
                    <button
                      type="button"
                      className="link mono"
                      onClick={() =>
                        navigate({ page: 'order', orderId: letter.correlationId ?? '' })
                      }
                    >
                      {letter.correlationId.slice(0, 8)}
                    </button>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    disabled={replaying !== null}
                    onClick={() => void replay(letter)}
                  >
                    {replaying === keyOf(letter) ? 'Replaying…' : 'Replay'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
