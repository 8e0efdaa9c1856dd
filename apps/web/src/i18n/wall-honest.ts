/**
 * Messages for divisions that have none of the places a figure is read from, so their 0 is
 * no measurement. Spread into the catalogues in zh-CN.ts and en.ts.
 */
export const wallHonestZh = {
  'ranking.noPlace': '无此类场所',
  'ranking.noPlace.scenic': '无售票景区',
};

export const wallHonestEn: Record<keyof typeof wallHonestZh, string> = {
  'ranking.noPlace': 'none here',
  'ranking.noPlace.scenic': 'no ticketed site',
};
