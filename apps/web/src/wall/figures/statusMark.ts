import type { Status } from '@cw/contracts';

/** A shape per status, so status never rests on colour alone. */
export const STATUS_MARK: Record<Status, string> = { normal: '●', warning: '▲', critical: '◆', nodata: '○' };
