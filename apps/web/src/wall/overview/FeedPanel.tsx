import { useMemo, useRef, useState } from 'react';
import type { FeedItem } from '@cw/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useFeedTopic } from '../../live/store.ts';
import { useRowsThatFit } from '../useRowsThatFit.ts';
import { useWallData } from '../WallData.tsx';
import { mapLabelName } from './mapData.ts';
import { highlight, useWallUi } from '../wallStore.ts';

const SEVERITY_MARK = { info: '●', warning: '▲', critical: '◆' } as const;
const ROW_VH = 5.4;
const GAP_VH = 0.5;

/**
 * The latest notable events, newest first: as many as fit, each with its full title on a
 * line of its own, and its severity as the feed carries it. An event that arrives while
 * the screen is up slides in; those already there when it opened do not move.
 */
export function FeedPanel() {
  const { t } = useI18n();
  const feed = useFeedTopic();
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, ROW_VH, GAP_VH);
  const items = useMemo(() => Object.values(feed ?? {}).sort((a, b) => b.ts - a.ts), [feed]);
  // The newest event's time when the feed first arrived: anything later is news.
  const [since, setSince] = useState<number | null>(null);
  if (since === null && feed !== undefined) setSince(items[0]?.ts ?? 0);
  return (
    <section className="panel panel--feed" data-testid="feed">
      <h2 className="panel__title">{t('feed.title')}</h2>
      <ol className="feed" ref={list}>
        {items.length === 0 && <li className="feed__empty">{t('feed.none')}</li>}
        {items.slice(0, fit).map((item) => (
          <FeedRow key={item.id} item={item} fresh={since !== null && item.ts > since} />
        ))}
      </ol>
    </section>
  );
}

function FeedRow({ item, fresh }: { item: FeedItem; fresh: boolean }) {
  const { t, l, label, time } = useI18n();
  const { divisionName, place } = useWallData();
  const focused = useWallUi((s) => s.focus?.kind === 'feed' && s.focus.id === item.id);
  const site = item.site === undefined ? undefined : place(item.site);
  const division = divisionName(item.division);
  const kind = label(`kind.${item.kind}`, item.kind);
  const type = item.type === undefined ? undefined : label(`type.${item.kind}.${item.type}`, item.type);
  // A device alarm links to its device: a tap focuses it on the map.
  const onTap = site === undefined ? undefined : () => highlight({ kind: 'feed', id: item.id, division: item.division, site: site.id });
  return (
    <li
      className={`feed__row feed__row--${item.severity}${focused ? ' is-focused' : ''}${onTap ? ' is-linked' : ''}${fresh ? ' is-new' : ''}`}
      data-testid="feed-item"
      data-id={item.id}
      data-severity={item.severity}
      data-site={item.site ?? ''}
      onClick={onTap}
    >
      <span className="feed__mark" aria-hidden>
        {SEVERITY_MARK[item.severity]}
      </span>
      <time className="feed__time">{time(item.ts).slice(0, 5)}</time>
      <span className="feed__what">
        {kind}
        {type !== undefined && ` · ${type}`}
      </span>
      <span className="feed__where">
        {division ? mapLabelName(l(division)) : item.division}
        {site !== undefined && ` · ${l(site.name)}`}
      </span>
      <span className={`feed__severity feed__severity--${item.severity}`}>{t(`severity.${item.severity}`)}</span>
    </li>
  );
}
