import dns from 'node:dns';
import net from 'node:net';

/**
 * Where NGSI-LD notifications may go (NGSI_NOTIFY_ALLOW), against server-side request forgery:
 * a subscription must not turn this server into a client of the services beside it (the
 * database, Redis, a cloud metadata address). Hosts listed are allowed whatever they resolve
 * to; with `public`, any other host all of whose addresses are public unicast ones. The check
 * runs when a subscription is created and again on every connection (through the socket's
 * own DNS lookup), so a name that later resolves elsewhere is still refused.
 */

/** Addresses that are not the public internet: RFC 6890's special-purpose blocks. */
const SPECIAL = new net.BlockList();
for (const [a, p] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) SPECIAL.addSubnet(a, p, 'ipv4');
for (const [a, p] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) SPECIAL.addSubnet(a, p, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  // An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return !SPECIAL.check(mapped[1]!, 'ipv4');
  return !SPECIAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface EndpointPolicy {
  /** Null when notifications may go to this URL (as far as can be told before connecting), else why not. */
  check(url: string): Promise<string | null>;
  /** The DNS lookup every notification connection uses: refuses addresses the policy does not allow. */
  lookupFor(url: string): net.LookupFunction;
}

const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
const portOf = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

export function endpointPolicy(setting: string, resolve: typeof dns.promises.lookup = dns.promises.lookup): EndpointPolicy {
  const entries = setting.split(/[\s,]+/).filter(Boolean);
  const publicAllowed = entries.includes('public');
  const listed = entries
    .filter((e) => e !== 'public')
    .map((e) => {
      const m = (e.startsWith('[') ? /^\[([^\]]+)\](?::(\d+))?$/ : /^([^:]+)(?::(\d+))?$/).exec(e);
      return { host: (m?.[1] ?? e).toLowerCase(), port: m?.[2] };
    });
  const isListed = (u: URL) => listed.some((l) => l.host === hostOf(u) && (l.port === undefined || l.port === portOf(u)));
  const refused = (u: URL) => `notification endpoint ${u.host} resolves to a non-public address; list it in NGSI_NOTIFY_ALLOW to allow it`;

  return {
    async check(url) {
      const u = new URL(url);
      if (isListed(u)) return null;
      if (!publicAllowed) return `notification endpoint ${u.host} is not in NGSI_NOTIFY_ALLOW`;
      const host = hostOf(u);
      let addresses: string[];
      if (net.isIP(host) !== 0) addresses = [host];
      else {
        try {
          addresses = (await resolve(host, { all: true })).map((a) => a.address);
        } catch {
          return `notification endpoint ${u.host} does not resolve`;
        }
      }
      return addresses.every(isPublicAddress) ? null : refused(u);
    },
    lookupFor(url) {
      const u = new URL(url);
      const anyAddress = isListed(u);
      return (hostname, options, callback) => {
        dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
          if (err) return callback(err, '', 0);
          const list = addresses as dns.LookupAddress[];
          const bad = anyAddress ? undefined : list.find((a) => !isPublicAddress(a.address));
          if (bad !== undefined || list.length === 0) return callback(Object.assign(new Error(refused(u)), { code: 'ENDPOINT_REFUSED' }), '', 0);
          if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
          callback(null, list[0]!.address, list[0]!.family);
        });
      };
    },
  };
}
