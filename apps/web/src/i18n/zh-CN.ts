/** zh-CN, the default language. Every other language must provide the same keys. */
export const zhCN = {
  'app.title': '城市之窗',
  'app.subtitle': '城市运行管理中心 · 一屏统览',
  'mode.peace': '平时',
  'mode.war': '战时',
  'conn.live': '实时',
  'conn.degraded': '数据延迟',
  'conn.offline': '连接中断',
  'conn.connecting': '正在连接',
  'conn.incompatible': '版本不兼容',
  'conn.offlineDetail': '与服务器的连接已断开，正在自动重连…',
  'conn.degradedDetail': '{count} 项数据超过预期更新周期未更新',
  'conn.incompatibleDetail': '客户端与服务器协议版本不一致，请刷新页面。{message}',
  'conn.lastUpdate': '最后更新 {time}',
  'air.title': '空气质量',
  'air.aqi': 'AQI',
  'air.primary': '首要污染物',
  'air.none': '无',
  'air.rankTitle': '各区县空气质量',
  'air.mapTitle': '实时空气质量分布',
  'air.readingsToday': '今日监测数据',
  'air.stations': '监测站点',
  'air.divisionsGood': '优良区县',
  'air.worst': '污染最重',
  'tile.age': '{age}前',
  'unit.count': '条',
  'nodata': '暂无数据',
  'loading': '正在加载…',
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
