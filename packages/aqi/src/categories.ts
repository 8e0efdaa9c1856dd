import type { AqiLevel } from '@cw/contracts';

export interface AqiCategory {
  level: AqiLevel;
  /** Inclusive AQI range; the top category is open-ended. */
  min: number;
  max: number;
  /** 空气质量指数级别, e.g. 一级. */
  grade: string;
  /** 空气质量指数类别. */
  zh: string;
  en: string;
  /** Appendix A colour as CSS. */
  color: string;
  /** 对健康影响情况 (Table 2). */
  effects: string;
  /** 建议采取的措施 (Table 2). */
  advice: string;
}

/** HJ 633-2012 Table 2 and Appendix A. */
export const AQI_CATEGORIES: readonly AqiCategory[] = [
  {
    level: 1,
    min: 0,
    max: 50,
    grade: '一级',
    zh: '优',
    en: 'Excellent',
    color: 'rgb(0, 228, 0)',
    effects: '空气质量令人满意，基本无空气污染',
    advice: '各类人群可正常活动',
  },
  {
    level: 2,
    min: 51,
    max: 100,
    grade: '二级',
    zh: '良',
    en: 'Good',
    color: 'rgb(255, 255, 0)',
    effects: '空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响',
    advice: '极少数异常敏感人群应减少户外活动',
  },
  {
    level: 3,
    min: 101,
    max: 150,
    grade: '三级',
    zh: '轻度污染',
    en: 'Lightly polluted',
    color: 'rgb(255, 126, 0)',
    effects: '易感人群症状有轻度加剧，健康人群出现刺激症状',
    advice: '儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼',
  },
  {
    level: 4,
    min: 151,
    max: 200,
    grade: '四级',
    zh: '中度污染',
    en: 'Moderately polluted',
    color: 'rgb(255, 0, 0)',
    effects: '进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响',
    advice: '儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动',
  },
  {
    level: 5,
    min: 201,
    max: 300,
    grade: '五级',
    zh: '重度污染',
    en: 'Heavily polluted',
    color: 'rgb(153, 0, 76)',
    effects: '心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状',
    advice: '儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动',
  },
  {
    level: 6,
    min: 301,
    max: Infinity,
    grade: '六级',
    zh: '严重污染',
    en: 'Severely polluted',
    color: 'rgb(126, 0, 35)',
    effects: '健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病',
    advice: '儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动',
  },
];

/**
 * Category level of an AQI. AQIs are integers, but a fractional input is placed by its
 * upper bounds (50.5 is above 50, so level 2) rather than rejected.
 */
export function aqiLevel(aqi: number): AqiLevel {
  return aqiCategory(aqi).level;
}

/** Category of an AQI; throws a RangeError for a negative or non-finite AQI. */
export function aqiCategory(aqi: number): AqiCategory {
  if (!Number.isFinite(aqi) || aqi < 0) throw new RangeError(`AQI must be a finite number ≥ 0, got ${aqi}`);
  // The last category's max is Infinity, so find() always succeeds for a finite AQI.
  return AQI_CATEGORIES.find((c) => aqi <= c.max)!;
}
