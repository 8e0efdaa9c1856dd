/**
 * Messages of the dispatch board's hot issues, today against yesterday, waiting cases and
 * rate colours. Spread into the catalogues in zh-CN.ts and en.ts.
 */
export const boardTrendsZh = {
  'board.hot': '热点 · 较昨日同时',
  'board.hotCategories': '问题类别',
  'board.hotPlaces': '区县',
  'board.hotRising': '{count} 项上升',
  'board.noneRising': '无明显上升',
  'board.noReports': '今日暂无上报',
  'board.vsYesterday': '昨日同时 {n}',
  'board.waiting': '等待最久',
  'board.noneWaiting': '暂无等待受理或签收的案件',
  'board.waitingFor': '已等 {time}',
  'kpi.thin': '{n}/{d} · 样本少',
};

export const boardTrendsEn: Record<keyof typeof boardTrendsZh, string> = {
  'board.hot': 'Rising vs. yesterday',
  'board.hotCategories': 'Categories',
  'board.hotPlaces': 'Divisions',
  'board.hotRising': '{count} rising',
  'board.noneRising': 'Nothing rising',
  'board.noReports': 'No reports yet today',
  'board.vsYesterday': 'Yesterday {n}',
  'board.waiting': 'Waiting longest',
  'board.noneWaiting': 'No case waiting to be taken up',
  'board.waitingFor': '{time}',
  'kpi.thin': '{n}/{d}: too few',
};
