import { useI18n } from '../i18n/i18n.tsx';
import { useServerTime } from '../live/clock.ts';

/** Date and time in the city's zone on the server's clock (the clock every deadline runs on). */
export function ServerClock() {
  const { date, time } = useI18n();
  const now = useServerTime(1000);
  return (
    <span className="server-clock" data-testid="clock">
      <span className="server-clock__date">{date(now)}</span> <time className="server-clock__time">{time(now)}</time>
    </span>
  );
}
