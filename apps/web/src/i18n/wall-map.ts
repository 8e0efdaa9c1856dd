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
  'map.reset': '复位',
  'map.cluster.camera': '视',
  'map.cluster.water_level': '水',
  'map.cluster.smoke': '烟',
  'map.cluster.manhole': '井',
  'map.cluster.noise': '噪',
  'map.cluster.gas': '气',
};

export const wallMapEn: Record<keyof typeof wallMapZh, string> = {
  'map.inset': 'Urban districts, enlarged',
  'ranking.hidden': '+{count} more',
  'ranking.worstFirst': 'worst first',
  'ranking.mostFirst': 'most first',
  'chart.openHour': 'hour in progress',
  'map.reset': 'Reset',
  'map.cluster.camera': 'C',
  'map.cluster.water_level': 'W',
  'map.cluster.smoke': 'S',
  'map.cluster.manhole': 'M',
  'map.cluster.noise': 'N',
  'map.cluster.gas': 'G',
};
