/**
 * Messages of figure provenance: which data sources feed a figure, and a figure shown stale
 * because its source is silent. Spread into the catalogues in zh-CN.ts and en.ts.
 */
export const provenanceZh = {
  'provenance.feeds': '供给指标',
  'provenance.silent': '超时未报：{name}',
  'provenance.fedBy': '数据来源：{sources}',
  'provenance.sourceFresh': '{name}（{age}前）',
  'provenance.sourceNever': '{name}（未报送）',
  'provenance.sourceStale': '{name}（超时，{age}前）',
};

export const provenanceEn: Record<keyof typeof provenanceZh, string> = {
  'provenance.feeds': 'Feeds',
  'provenance.silent': 'Silent: {name}',
  'provenance.fedBy': 'Sources: {sources}',
  'provenance.sourceFresh': '{name} ({age} ago)',
  'provenance.sourceNever': '{name} (not yet reported)',
  'provenance.sourceStale': '{name} (silent, {age} ago)',
};
