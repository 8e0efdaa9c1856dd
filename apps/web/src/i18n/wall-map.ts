/**
 * Messages of the wall's map, rankings and ticker added with the map inset and the honest
 * rankings. Spread into the catalogues in zh-CN.ts and en.ts.
 */
export const wallMapZh = {
  'map.inset': '市辖区 · 放大',
  'ranking.hidden': '另有 {count} 个',
  'ranking.worstFirst': '从差到好',
  'ranking.mostFirst': '从多到少',
  'chart.openHour': '本时段进行中',
};

export const wallMapEn: Record<keyof typeof wallMapZh, string> = {
  'map.inset': 'Urban districts, enlarged',
  'ranking.hidden': '+{count} more',
  'ranking.worstFirst': 'worst first',
  'ranking.mostFirst': 'most first',
  'chart.openHour': 'hour in progress',
};
