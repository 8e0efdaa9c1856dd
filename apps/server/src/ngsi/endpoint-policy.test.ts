import type dns from 'node:dns';
import { describe, expect, it } from 'vitest';
import { endpointPolicy, isPublicAddress } from './endpoint-policy.ts';

/** A resolver answering from a fixed table, as DNS would. */
const resolver = (table: Record<string, string[]>) =>
  (async (host: string) => {
    const addresses = table[host];
    if (addresses === undefined) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }) as unknown as typeof dns.promises.lookup;

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, shared, documentation and multicast addresses, v4 and v6', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '192.0.2.1', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(`${a} ${isPublicAddress(a)}`).toBe(`${a} false`);
    }
  });
  it('allows public unicast addresses', () => {
    for (const a of ['8.8.8.8', '172.32.0.1', '114.114.114.114', '2400:3200::1', '::ffff:8.8.8.8']) expect(`${a} ${isPublicAddress(a)}`).toBe(`${a} true`);
  });
});

describe('endpointPolicy', () => {
  const table = { 'broker.city.example': ['203.0.114.5'], 'sneaky.example': ['8.8.8.8', '10.0.0.5'], 'orion.internal': ['10.0.0.7'] };

  it('with public: allows hosts resolving only to public addresses', async () => {
    const p = endpointPolicy('public', resolver(table));
    expect(await p.check('https://broker.city.example/notify')).toBeNull();
    expect(await p.check('http://sneaky.example/')).toBe('notification endpoint sneaky.example resolves to a non-public address; list it in NGSI_NOTIFY_ALLOW to allow it');
    expect(await p.check('http://orion.internal:1026/')).toBe('notification endpoint orion.internal:1026 resolves to a non-public address; list it in NGSI_NOTIFY_ALLOW to allow it');
    expect(await p.check('http://nowhere.example/')).toBe('notification endpoint nowhere.example does not resolve');
  });

  it('allows listed hosts whatever they resolve to, on the port given; without public, only those', async () => {
    const p = endpointPolicy('orion.internal:1026, [::1]', resolver(table));
    expect(await p.check('http://orion.internal:1026/ngsi-ld/v1/notify')).toBeNull();
    expect(await p.check('http://orion.internal:1027/')).toBe('notification endpoint orion.internal:1027 is not in NGSI_NOTIFY_ALLOW');
    expect(await p.check('http://[::1]:9000/')).toBeNull();
    expect(await p.check('https://broker.city.example/')).toBe('notification endpoint broker.city.example is not in NGSI_NOTIFY_ALLOW');
  });

  it('refuses at connection time a name that resolves to a non-public address', async () => {
    const p = endpointPolicy('public');
    const lookup = p.lookupFor('http://localhost:8080/');
    const err = await new Promise<Error | null>((resolve) => lookup('localhost', {}, (e) => resolve(e)));
    expect(err?.message).toBe('notification endpoint localhost:8080 resolves to a non-public address; list it in NGSI_NOTIFY_ALLOW to allow it');
  });
});
