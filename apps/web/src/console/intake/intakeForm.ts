import { newCaseSchema, type Category, type Channel, type NewCase, type RequestType, type Urgency } from '@cw/contracts';

/** The intake form as typed: every field a string or a choice, blank meaning "not given". */
export interface IntakeDraft {
  title: string;
  description: string;
  channel: Channel;
  requestType: RequestType;
  category: Category;
  /** The sub-category (小类) id, '' for none. */
  subCategory: string;
  urgency: Urgency;
  division: string;
  address: string;
  lon: string;
  lat: string;
  reporterName: string;
  reporterPhone: string;
}

export const EMPTY_DRAFT: IntakeDraft = {
  title: '',
  description: '',
  // The desk registers what comes in by phone, so the hotline is the usual channel.
  channel: 'hotline_12345',
  requestType: 'complaint',
  category: 'city_appearance',
  subCategory: '',
  urgency: 'normal',
  division: '',
  address: '',
  lon: '',
  lat: '',
  reporterName: '',
  reporterPhone: '',
};

export type IntakeField = keyof IntakeDraft;

/** The report the draft describes, or the fields that are wrong (checked by the contract's own schema). */
export function draftToReport(d: IntakeDraft): { ok: true; report: NewCase } | { ok: false; fields: IntakeField[] } {
  const trim = (s: string) => s.trim();
  const hasLocation = trim(d.lon) !== '' || trim(d.lat) !== '';
  const reporter = {
    ...(trim(d.reporterName) ? { name: trim(d.reporterName) } : {}),
    ...(trim(d.reporterPhone) ? { phone: trim(d.reporterPhone) } : {}),
  };
  const candidate = {
    title: trim(d.title),
    description: trim(d.description),
    channel: d.channel,
    ...(d.channel === 'hotline_12345' ? { requestType: d.requestType } : {}),
    category: d.category,
    ...(d.subCategory ? { subCategory: d.subCategory } : {}),
    urgency: d.urgency,
    division: d.division,
    ...(hasLocation ? { location: [Number(trim(d.lon) || NaN), Number(trim(d.lat) || NaN)] } : {}),
    ...(trim(d.address) ? { address: trim(d.address) } : {}),
    ...(Object.keys(reporter).length > 0 ? { reporter } : {}),
  };
  const parsed = newCaseSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, report: parsed.data };
  const fields = new Set<IntakeField>();
  for (const issue of parsed.error.issues) {
    const [first, second] = issue.path;
    if (first === 'location') fields.add(second === 1 ? 'lat' : 'lon');
    else if (first === 'reporter') fields.add(second === 'phone' ? 'reporterPhone' : 'reporterName');
    else if (typeof first === 'string' && first in d) fields.add(first as IntakeField);
  }
  return { ok: false, fields: [...fields] };
}
