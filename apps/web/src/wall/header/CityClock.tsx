import { useI18n } from '../../i18n/i18n.tsx';
import { useServerTime } from '../../live/clock.ts';

/**
 * Date and time in the city's zone, on the server's clock (simulated when the server's is).
 * Without the date when the header needs the room (while an emergency leads).
 */
export function CityClock({ withDate = true }: { withDate?: boolean }) {
  const { date, time } = useI18n();
  const now = useServerTime(1000);
  return (
    <span className="wall-clock" data-testid="clock">
      {withDate && (
        <span className="wall-clock__date" data-testid="date">
          {date(now)}
        </span>
      )}
      <time className="wall-clock__time">{time(now)}</time>
    </span>
  );
}
