import type { OrderTimeline } from '../api/api.types';
import { layoutSwimlanes, type Arrow, type Mark } from '../timeline/swimlane-layout';

const LABEL_OFFSET = 22;

function arrowPath({ from, to }: Arrow): string {
  // Same lane (a retry's own lane, a late duplicate): a bow over the lane instead of a line on it.
  if (from.y === to.y) {
    const middle = (from.x + to.x) / 2;
    return `M ${from.x} ${from.y} Q ${middle} ${from.y - 45} ${to.x} ${to.y}`;
  }
  return `M ${from.x} ${from.y} L ${to.x} ${to.y}`;
}

function MarkView({ mark }: { mark: Mark }) {
  const labelY = mark.labelBelow ? mark.y + LABEL_OFFSET + 8 : mark.y - LABEL_OFFSET;
  const timeY = mark.labelBelow ? labelY + 13 : labelY - 13;
  return (
    <g className={`mark tone-${mark.tone} kind-${mark.kind.toLowerCase()}`} data-testid="mark">
      <title>{mark.title}</title>
      {mark.kind === 'TRANSITION' ? (
        <rect
          x={mark.x - 7}
          y={mark.y - 7}
          width={14}
          height={14}
          transform={`rotate(45 ${mark.x} ${mark.y})`}
        />
      ) : (
        <circle cx={mark.x} cy={mark.y} r={mark.kind === 'PUBLISHED' ? 8 : 6} />
      )}
      <text x={mark.x} y={labelY} className="mark-label" textAnchor="middle">
        {mark.label}
      </text>
      <text x={mark.x} y={timeY} className="mark-time" textAnchor="middle">
        {mark.time}
      </text>
    </g>
  );
}

/** The saga as swimlanes: one lane per service, an arrow per delivery of an event. */
export function Swimlanes({ timeline }: { timeline: OrderTimeline }) {
  const layout = layoutSwimlanes(timeline);
  return (
    <div className="swimlanes">
      <svg
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={`Saga timeline of order ${timeline.orderId}`}
      >
        <defs>
          {[
            'event',
            'failure',
            'compensation',
            'processed',
            'duplicate',
            'retry',
            'dead-letter',
          ].map((tone) => (
            <marker
              key={tone}
              id={`head-${tone}`}
              className={`head tone-${tone}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" />
            </marker>
          ))}
        </defs>
        {layout.lanes.map((lane, index) => (
          <g
            key={lane.service}
            className={`lane ${index % 2 === 0 ? 'even' : 'odd'}`}
            data-testid={`lane-${lane.service}`}
          >
            <rect x={0} y={lane.top} width={layout.width} height={lane.height} />
            <line x1={layout.originX - 20} y1={lane.y} x2={layout.width} y2={lane.y} />
            <text x={12} y={lane.y + 5} className="lane-title">
              {lane.service}
            </text>
          </g>
        ))}
        <line
          className="origin"
          x1={layout.originX}
          y1={0}
          x2={layout.originX}
          y2={layout.height}
        />
        {layout.arrows.map((arrow) => (
          <path
            key={arrow.key}
            d={arrowPath(arrow)}
            className={`arrow tone-${arrow.tone}`}
            markerEnd={`url(#head-${arrow.tone})`}
          >
            <title>{arrow.subject}</title>
          </path>
        ))}
        {layout.marks.map((mark) => (
          <MarkView key={mark.key} mark={mark} />
        ))}
      </svg>
      <ul className="legend">
        <li className="tone-event">● event published</li>
        <li className="tone-failure">● failure event</li>
        <li className="tone-processed">✓ delivery processed</li>
        <li className="tone-compensation">↩ compensation</li>
        <li className="tone-retry">↻ retried</li>
        <li className="tone-duplicate">= duplicate (ignored)</li>
        <li className="tone-dead-letter">☠ dead letter</li>
        <li className="tone-failure">▶ order status</li>
      </ul>
    </div>
  );
}
