import type { ApiClient } from '../api/api-client';
import { TERMINAL_STATUSES, type OrderTimeline, type Participant } from '../api/api.types';
import { statusClass } from '../components/format';
import { Swimlanes } from '../components/swimlanes.view';
import { usePolling } from '../components/use-polling';
import { formatSincePlacement } from '../timeline/swimlane-layout';

const POLL_MS = 1_000;

const isFinal = (timeline: OrderTimeline) =>
  TERMINAL_STATUSES.includes(timeline.status) &&
  // Compensations and late deliveries land after the status: keep watching until every
  // participant answered and nothing is left in flight.
  timeline.participants.every((participant) => participant.available) &&
  Date.now() - Date.parse(timeline.entries.at(-1)?.at ?? timeline.placedAt) > 5_000;

function ParticipantView({ participant }: { participant: Participant }) {
  return (
    <div
      className={`participant ${participant.available ? '' : 'unavailable'}`}
      data-testid={`participant-${participant.service}`}
    >
      <h3>{participant.service}</h3>
      {participant.available && participant.state ? (
        <dl>
          {Object.entries(participant.state).map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="error">could not read: {participant.error ?? 'no answer'}</p>
      )}
    </div>
  );
}

function EntryRows({ timeline }: { timeline: OrderTimeline }) {
  const placedAt = Date.parse(timeline.placedAt);
  return (
    <table className="entries">
      <thead>
        <tr>
          <th className="number">Time</th>
          <th>Service</th>
          <th>What</th>
          <th>Subject</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        {timeline.entries.map((entry, index) => (
          <tr key={index} className={`entry-${entry.kind.toLowerCase()}`}>
            <td className="number">{formatSincePlacement(Date.parse(entry.at) - placedAt)}</td>
            <td>{entry.kind === 'PUBLISHED' ? `${entry.producer}-service` : entry.service}</td>
            <td>
              {entry.kind === 'PUBLISHED' &&
                (entry.compensation ? 'published (compensation)' : 'published')}
              {entry.kind === 'CONSUMED' &&
                `${entry.outcome.toLowerCase()} (attempt ${entry.attempt})`}
              {entry.kind === 'DEAD_LETTERED' && `dead-lettered: ${entry.reason}`}
            </td>
            <td className="mono">{entry.subject}</td>
            <td>{entry.kind === 'PUBLISHED' ? '' : (entry.detail ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One order: its status and reason, what each participant holds, and its saga as swimlanes. */
export function OrderPage({ api, orderId }: { api: ApiClient; orderId: string }) {
  const { data: timeline, error } = usePolling(
    () => api.timeline(orderId),
    POLL_MS,
    orderId,
    isFinal,
  );
  if (!timeline) {
    return <p className={error ? 'error' : 'muted'}>{error ? error.message : 'Loading…'}</p>;
  }
  return (
    <div className="order-page">
      <section className="card order-summary">
        <h1>
          Order <span className="mono">{timeline.orderId}</span>
        </h1>
        <p>
          <span className={statusClass(timeline.status)} data-testid="order-status">
            {timeline.status}
          </span>
          {timeline.reason && (
            <span className="reason" data-testid="order-reason">
              {timeline.reason}
            </span>
          )}
          <span className="muted">
            {' '}
            placed {new Date(timeline.placedAt).toLocaleString('en-GB')}
          </span>
        </p>
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
      </section>
      <section className="participants">
        {timeline.participants.map((participant) => (
          <ParticipantView key={participant.service} participant={participant} />
        ))}
      </section>
      <section className="card">
        <h2>Saga timeline</h2>
        <Swimlanes timeline={timeline} />
      </section>
      <section className="card">
        <h2>Entries</h2>
        <EntryRows timeline={timeline} />
      </section>
    </div>
  );
}
