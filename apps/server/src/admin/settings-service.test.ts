import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@cw/metrics';
import { TopicRegistry } from '../publish/topics.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import { SettingsService } from './settings-service.ts';

describe('SettingsService thresholds', () => {
  it('reads an override saved with the old two levels as 黄 and 红, clearing where the warning began', async () => {
    const storage = createMemoryStorage();
    await storage.putSetting('thresholds', {
      'env.aqi': { warning: 80, critical: 150, bad: 'high' },
      // Nonsense is ignored, not applied.
      'gov.online_rate': { warning: 'x', critical: 1, bad: 'low' },
    });
    const settings = new SettingsService(storage, new TopicRegistry('e', ['430502'], 10), { catalogue: CATALOGUE, departments: [], city: { zh: '邵阳市', en: 'Shaoyang' } });
    await settings.restore();
    const byId = (id: string) => settings.catalogue().find((m) => m.id === id)!.thresholds;
    expect(byId('env.aqi')).toEqual({ bad: 'high', levels: { yellow: 80, red: 150 }, clear: 80 });
    expect(byId('gov.online_rate')).toEqual(CATALOGUE.find((m) => m.id === 'gov.online_rate')!.thresholds);
  });
});
