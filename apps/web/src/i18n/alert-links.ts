/**
 * Messages of opening a case or an emergency from an alert, and of the link shown on both
 * sides. Spread into the catalogues in zh-CN.ts and en.ts.
 */
export const alertLinksZh = {
  'alertLink.openCase': '立案',
  'alertLink.openEmergency': '启动应急',
  'alertLink.openCaseTitle': '从告警立案',
  'alertLink.case': '已立案 {id}',
  'alertLink.emergency': '已启动应急 {id}',
  'alertLink.caseShort': '已立案',
  'alertLink.emergencyShort': '已启动应急',
  'alertLink.caseTitle': '{level}告警：{division}{metric}',
  'alertLink.caseDescription': '{metric} {value}，达到{level}阈值 {threshold}（{time} 告警）。',
  'alertLink.from': '来源告警',
  'alertLink.fromValue': '{level} · {division} {metric} {value}（{time}）',
} as const;

export const alertLinksEn: Record<keyof typeof alertLinksZh, string> = {
  'alertLink.openCase': 'Open case',
  'alertLink.openEmergency': 'Emergency',
  'alertLink.openCaseTitle': 'Open a case from the alert',
  'alertLink.case': 'Case {id}',
  'alertLink.emergency': 'Emergency {id}',
  'alertLink.caseShort': 'Case',
  'alertLink.emergencyShort': 'Emergency',
  'alertLink.caseTitle': '{level} alert: {division} {metric}',
  'alertLink.caseDescription': '{metric} {value}, at the {level} threshold {threshold} (alert at {time}).',
  'alertLink.from': 'From alert',
  'alertLink.fromValue': '{level} · {division} {metric} {value} ({time})',
};
