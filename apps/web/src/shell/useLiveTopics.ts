import { useEffect, useState } from 'react';
import type { Topic } from '@cw/contracts';
import { startLive, useLive } from '../live/store.ts';

/**
 * A refused credential stops the live client for good. The sign-in gate unmounts the screen
 * when the session is really gone, so when the screen is still here a little later the
 * refusal was transient (a server restart) and the connection is opened again.
 */
const RECONNECT_AFTER_REFUSAL_MS = 5000;

/** Keeps a live connection to `topics` open while the calling screen is mounted. */
export function useLiveTopics(topics: readonly Topic[]): void {
  const refused = useLive((s) => s.status.state === 'unauthenticated');
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!refused) return;
    const id = setTimeout(() => setGeneration((g) => g + 1), RECONNECT_AFTER_REFUSAL_MS);
    return () => clearTimeout(id);
  }, [refused]);
  // A new array with the same topics must not reconnect.
  const key = topics.join('\n');
  useEffect(() => startLive(key.split('\n') as Topic[]), [key, generation]);
}
