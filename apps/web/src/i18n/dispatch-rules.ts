/**
 * Messages about the city's dispatch rules on a case: its sub-category (小类) with the
 * closure condition, and a caller's request for a return visit. Spread into zh-CN.ts and en.ts.
 */
export const dispatchRulesZh = {
  'case.subCategory': '小类',
  'case.closure': '结案条件',
  'case.returnVisit': '回访',
  'case.returnVisitRequested': '来电人要求回访',
};

export const dispatchRulesEn: Record<keyof typeof dispatchRulesZh, string> = {
  'case.subCategory': 'Sub-category',
  'case.closure': 'Closure condition',
  'case.returnVisit': 'Return visit',
  'case.returnVisitRequested': 'The caller asked to be called back',
};
