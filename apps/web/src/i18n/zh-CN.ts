import { briefingZh } from './briefing.ts';
import { alertsZh } from './alerts.ts';
import { adminAlertsZh } from './admin-alerts.ts';
import { alertLinksZh } from './alert-links.ts';
import { commandDeskZh } from './command-desk.ts';
import { dispatchRulesZh } from './dispatch-rules.ts';
import { dispatchDeskZh } from './dispatch-desk.ts';
import { adminZh } from './admin.ts';
import { consoleZh } from './console.ts';
import { emergencyRecordZh } from './emergency-record.ts';
import { wallEmergencyZh } from './wall-emergency.ts';
import { wallHonestZh } from './wall-honest.ts';
import { wallMapZh } from './wall-map.ts';
import { provenanceZh } from './provenance.ts';
import { boardTrendsZh } from './board-trends.ts';
import { leaderZh } from './leader.ts';

/** zh-CN, the default language. Every other language must provide the same keys. */
export const zhCN = {
  'app.title': '城市之窗',
  'app.subtitle': '城市运行管理中心 · 一屏统览',
  'loading': '正在加载…',
  'loading.retry': '正在连接服务器…',

  'mode.peace': '平时',
  'mode.war': '战时',

  'conn.live': '实时',
  'conn.degraded': '数据延迟',
  'conn.offline': '连接中断',
  'conn.connecting': '正在连接',
  'conn.incompatible': '版本不兼容',
  'conn.offlineDetail': '与服务器的连接已断开，正在自动重连…',
  'conn.reason.network': '无法连接服务器，正在重试…',
  'conn.reason.refused': '服务器拒绝了连接，正在重试…',
  'conn.reason.server_closed': '服务器关闭了连接，正在重连…',
  'conn.reason.heartbeat_timeout': '服务器无响应，正在重连…',
  'conn.reason.server_restarting': '服务器正在重启（升级或维护），正在重连…',
  'conn.degradedDetail': '{count} 项数据未按时更新：{names}',
  'conn.incompatibleDetail': '客户端与服务器协议版本不一致，请刷新页面。{message}',
  'conn.lastUpdate': '最后更新 {time}',

  'page.overview': '一屏统览',
  'page.thematic': '专题',
  'page.dispatch': '事件分拨',
  'rotation.focus': '告警聚焦 · 轮播暂停 {seconds} 秒',

  'domain.government': '政务服务',
  'domain.environment': '生态环保',
  'domain.safety': '公共安全',
  'domain.livelihood': '民生服务',
  'domain.tourism': '全域旅游',

  'status.normal': '正常',
  'status.warning': '预警',
  'status.critical': '告警',
  'status.nodata': '无数据',
  'figure.age': '{age}前',

  'alerts.count': '未确认告警',
  'alerts.title': '告警 · 待确认',
  'alerts.none': '暂无未确认告警',
  'alerts.more': '另有 {count} 条',
  'alerts.cleared': '已恢复',
  'alerts.limit': '阈值 {value}',
  'alerts.cityScope': '全市',

  'feed.title': '实时事件',
  'feed.none': '暂无事件',
  'severity.info': '一般',
  'severity.warning': '较重',
  'severity.critical': '紧急',

  'map.title': '城市运行态势',
  'map.colourBy': '区县着色',
  'map.camera': '视频监控',
  'map.sensor': '物联感知',
  'map.scenic': '景区',
  'map.incident': '事件',
  'map.alert': '告警区县',
  'map.online': '在线 {online}/{total}',
  'map.offline': '离线',
  'division.figures': '{name} · 运行体征',
  'division.close': '关闭',

  'video.title': '视频监控',
  'video.unavailable': '视频流暂不可用',

  'chart.today': '今日',
  'chart.yesterday': '昨日',
  'chart.byHour': '今日分时 · 对比昨日',
  'chart.last30': '近30日',
  'chart.ranking': '各区县排名',
  'chart.hour': '{hour}时',

  'pollutant.pm25': 'PM2.5',
  'pollutant.pm10': 'PM10',
  'pollutant.so2': 'SO₂',
  'pollutant.no2': 'NO₂',
  'pollutant.co': 'CO',
  'pollutant.o3': 'O₃',
  'air.byPollutant': '空气质量分指数 · 按污染物',
  'air.daily': '近30日空气质量类别',
  'air.goodDays': '优良 {good}/{total} 天',
  'water.sections': '水质断面达标情况',
  'water.meets': '达标',
  'water.fails': '未达标',
  'breakdown.by': '{metric} · 构成',
  'breakdown.rates': '服务质量',

  'kind.police.incident': '110警情',
  'kind.fire.alarm': '火警',
  'kind.traffic.accident': '交通事故',
  'kind.crowd.alert': '人群密度预警',
  'kind.device.alarm': '感知告警',
  'kind.utility.fault': '水电气故障',
  'type.police.incident.criminal': '刑事',
  'type.police.incident.public_order': '治安',
  'type.police.incident.traffic': '交通',
  'type.police.incident.fire': '火灾',
  'type.police.incident.help': '求助',
  'type.police.incident.dispute': '纠纷',
  'type.police.incident.other': '其他',
  'type.fire.alarm.confirmed': '确认火情',
  'type.fire.alarm.false_alarm': '误报',
  'type.device.alarm.intrusion': '区域入侵',
  'type.device.alarm.crowding': '人员聚集',
  'type.device.alarm.smoke': '烟雾报警',
  'type.device.alarm.water_level': '水位超限',
  'type.device.alarm.manhole': '井盖异常',
  'type.device.alarm.noise': '噪声超标',
  'type.device.alarm.gas_leak': '燃气泄漏',
  'type.utility.fault.water': '供水',
  'type.utility.fault.power': '供电',
  'type.utility.fault.gas': '供气',
  'type.tourism.gate.local': '本地',
  'type.tourism.gate.province': '省内',
  'type.tourism.gate.domestic': '省外',
  'type.tourism.gate.overseas': '境外',

  'auth.signIn': '登录',
  'auth.username': '用户名',
  'auth.password': '密码',
  'auth.failed': '用户名或密码错误',
  'auth.throttled': '登录失败次数过多，请稍后再试',
  'auth.demo': '演示账号',
  'auth.demoPassword': '演示模式：所有演示账号的密码为 {password}',
  'auth.changePassword': '修改密码',
  'auth.changePasswordWhy': '首次登录请将一次性密码修改为新密码（至少 10 位）',
  'auth.currentPassword': '当前密码',
  'auth.newPassword': '新密码',
  'auth.pairThisDisplay': '本大屏尚未授权，请管理员在“系统管理 → 大屏”中输入以下配对码：',
  'auth.pairHint': '配对码 10 分钟内有效，过期后自动更新',
  'auth.signInInstead': '使用账号登录',
  'auth.signOut': '退出登录',
  ...consoleZh,
  ...adminZh,
  ...commandDeskZh,
  ...alertsZh,
  ...adminAlertsZh,
  ...alertLinksZh,
  ...dispatchRulesZh,
  ...dispatchDeskZh,
  ...wallEmergencyZh,
  ...emergencyRecordZh,
  ...briefingZh,
  ...wallMapZh,
  ...wallHonestZh,
  ...provenanceZh,
  ...boardTrendsZh,
  ...leaderZh,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
