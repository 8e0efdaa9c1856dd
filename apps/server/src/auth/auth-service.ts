import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { signInPairKey, throttleWait, type SignInPolicy, type ThrottlePolicy } from '@cw/access';
import type { Me, NewUser, Role, SourceRegistration, UserRecord } from '@cw/contracts';
import type { Clock } from '../clock.ts';
import type { CredentialRow, PairingRow, Storage, StoredUser } from '../storage/storage.ts';
import { generatePassword, hashPassword, hashToken, newToken, pairingCode, verifyPassword } from './secrets.ts';

/** Who is making a request or holding a socket. */
export interface Principal {
  kind: 'user' | 'display' | 'source';
  id: string;
  /** Username for people; the credential's name for displays and sources. */
  username: string;
  name: string;
  role: Role;
  department: string | null;
  mustChangePassword: boolean;
  /** Hash of the session or credential token that authenticated it (for revocation). */
  tokenHash: string;
  /** A data source's registration (its kinds and event budget); null for people and displays. */
  registration?: SourceRegistration | null;
}

export class LoginRefused extends Error {
  constructor(
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

export interface AuthOptions {
  sessionHours: number;
  demo: boolean;
  adminPassword: string | undefined;
}

const PAIRING_TTL_MS = 10 * 60_000;
const MAX_PENDING_PAIRINGS = 1000;
/** Codes are typed as shown (K7M-4QX) or without the dash, in either case. */
const normalCode = (code: string) => code.toUpperCase().replace('-', '');

export const DEMO_PASSWORD = 'citywindow-demo';
export const DEMO_USERS: readonly { username: string; displayName: string; role: Exclude<Role, 'wall' | 'source'>; department: string | null }[] = [
  { username: 'leader', displayName: '演示领导', role: 'leader', department: null },
  { username: 'shift', displayName: '演示值班长', role: 'shift_leader', department: null },
  { username: 'officer', displayName: '演示值班员', role: 'duty_officer', department: null },
  { username: 'inspector', displayName: '演示监督员', role: 'inspector', department: null },
  { username: 'cgj', displayName: '演示城管局处置员', role: 'department', department: 'cgj' },
  { username: 'admin', displayName: '演示管理员', role: 'admin', department: null },
];

const publicUser = (u: StoredUser): UserRecord => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  department: u.department,
  disabled: u.disabled,
  createdAt: u.createdAt,
});

/**
 * Sign-in throttles, kept in the store so that every node checks and counts the same ones.
 * Per account: 5 failures from one address lock that address out of the account; 20 from
 * all addresses together close the account to addresses that failed at it (docs/security.md).
 */
const SIGN_IN: SignInPolicy = {
  perAddress: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 60_000, maxLockMs: 60 * 60_000 },
  perAccount: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 60_000, maxLockMs: 15 * 60_000 },
};
/** Failures from one address at any names, real or made up. */
const BY_ADDRESS: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 60_000, maxLockMs: 60 * 60_000 };

/**
 * Identities: password sign-in with throttling, server-side sessions, paired wall displays
 * and data-source keys. Every secret is random and stored only as a hash.
 */
export class AuthService {
  private readonly revokedListeners: ((p: { userId?: string; tokenHash?: string }) => void)[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly options: AuthOptions,
    private readonly log: Logger,
  ) {}

  /** Called when sessions or credentials are revoked, so live sockets can be cut. */
  onRevoked(listener: (p: { userId?: string; tokenHash?: string }) => void): void {
    this.revokedListeners.push(listener);
  }

  /**
   * First start: an administrator from ADMIN_PASSWORD, or one with a generated one-time
   * password printed once. Demo mode adds a user per role.
   */
  async bootstrap(print: (line: string) => void): Promise<void> {
    if ((await this.storage.countUsers()) === 0 && !this.options.demo) {
      const generated = this.options.adminPassword === undefined;
      const password = this.options.adminPassword ?? generatePassword();
      await this.insert({ username: 'admin', displayName: '系统管理员', role: 'admin', department: null, password }, generated);
      if (generated) {
        print(`\n  First start: administrator "admin", one-time password: ${password}\n  (shown once; you will be asked to change it)\n`);
      }
    }
    if (this.options.demo) {
      for (const u of DEMO_USERS) {
        if ((await this.storage.userByName(u.username)) === null) await this.insert({ ...u, password: DEMO_PASSWORD }, false);
      }
      print(`\n  Demo mode: users ${DEMO_USERS.map((u) => u.username).join(', ')}, password "${DEMO_PASSWORD}"\n`);
    }
  }

  async createUser(u: NewUser): Promise<UserRecord> {
    return publicUser(await this.insert(u, false));
  }

  private async insert(u: NewUser, mustChangePassword: boolean): Promise<StoredUser> {
    const user: StoredUser = {
      id: randomUUID(),
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      department: u.department,
      disabled: false,
      createdAt: this.clock.now(),
      passwordHash: await hashPassword(u.password),
      mustChangePassword,
    };
    await this.storage.insertUser(user);
    return user;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.storage.listUsers()).map(publicUser);
  }

  async updateUser(id: string, patch: { displayName?: string; disabled?: boolean; password?: string }): Promise<UserRecord | null> {
    const next = await this.storage.updateUser(id, {
      ...(patch.displayName === undefined ? {} : { displayName: patch.displayName }),
      ...(patch.disabled === undefined ? {} : { disabled: patch.disabled }),
      ...(patch.password === undefined ? {} : { passwordHash: await hashPassword(patch.password), mustChangePassword: true }),
    });
    if (next === null) return null;
    // A disabled account, or one whose password an administrator reset, loses every session.
    if (patch.disabled === true || patch.password !== undefined) {
      await this.storage.deleteUserSessions(id);
      for (const l of this.revokedListeners) l({ userId: id });
    }
    return publicUser(next);
  }

  /**
   * Password sign-in; returns a new session token. Throttled per account and address, per
   * account across addresses, and per address, all read from and counted in the store: a
   * lock-out holds on every node at once and across restarts. An attempt at a real account
   * is reserved (counted as a failure) in the store before its password is checked, so that
   * of many guesses sent at once no more than the limits are checked before the lock-out; a
   * correct password clears the account's records.
   */
  async login(username: string, password: string, address: string): Promise<{ token: string; user: StoredUser }> {
    const now = this.clock.now();
    const refused = (waitMs: number) => new LoginRefused('too many failed sign-ins; try again later', waitMs);
    const user = await this.storage.userByName(username);
    // Guessing from this address, or guessing spread over many while this address failed too,
    // stops an attempt at the account before any hashing; an address that has not failed at
    // it is let through, so nobody can lock an owner out by knowing the name. Made-up names
    // reserve nothing: they lock nobody.
    if (user !== null) {
      const wait = await this.storage.reserveSignIn(username, address, now, SIGN_IN);
      if (wait > 0) throw refused(wait);
    }
    const addressWait = throttleWait(await this.storage.throttleEntry('address', address), now);
    // A locked address guessing names costs no password hashing (which would let it burn the
    // server's CPU); it learns only what its lock already says.
    if (addressWait > 0 && user === null) {
      await this.storage.recordThrottleFailure('address', address, now, BY_ADDRESS);
      throw refused(addressWait);
    }
    // Verify even for unknown users, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(user?.passwordHash ?? UNKNOWN_USER_HASH, password);
    // A locked address is refused everything but a correct password for a real account: an
    // attacker sharing an address (a proxy, the centre's NAT) with the staff, guessing names,
    // must not lock them out; guessing a real account's password is held by its own lock.
    if (addressWait > 0 && !(user !== null && ok && !user.disabled)) {
      await this.storage.recordThrottleFailure('address', address, now, BY_ADDRESS);
      throw refused(addressWait);
    }
    if (user === null || !ok || user.disabled) {
      // The account's failures are its reservation, already counted.
      await this.storage.recordThrottleFailure('address', address, now, BY_ADDRESS);
      throw new LoginRefused(user?.disabled && ok ? 'this account is disabled' : 'wrong username or password');
    }
    await this.storage.clearThrottle('account-address', signInPairKey(username, address));
    await this.storage.clearThrottle('account', username);
    const token = newToken();
    await this.storage.insertSession({ tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt: now + this.options.sessionHours * 3_600_000 });
    return { token, user };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.storage.deleteSession(tokenHash);
    for (const l of this.revokedListeners) l({ tokenHash });
  }

  /**
   * Changes a person's own password. The new one must differ from the current one (else a
   * printed one-time or reset password would stay valid), and every other session of that
   * person ends, with its sockets; the session that made the change stays signed in.
   */
  async changePassword(p: Principal, current: string, next: string): Promise<'ok' | 'wrong_current' | 'reused'> {
    const user = await this.storage.userById(p.id);
    if (user === null || !(await verifyPassword(user.passwordHash, current))) return 'wrong_current';
    if (await verifyPassword(user.passwordHash, next)) return 'reused';
    await this.storage.updateUser(p.id, { passwordHash: await hashPassword(next), mustChangePassword: false });
    const keep = await this.storage.sessionByHash(p.tokenHash);
    await this.storage.deleteUserSessions(p.id);
    if (keep !== null) await this.storage.insertSession(keep);
    // Sockets are cut by person; the one that made the change reconnects on its kept session.
    for (const l of this.revokedListeners) l({ userId: p.id });
    return 'ok';
  }

  /** Resolves a session token, display token or API key to its principal, or null. */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (token === undefined || token.length < 20 || token.length > 200) return null;
    const tokenHash = hashToken(token);
    const now = this.clock.now();
    const session = await this.storage.sessionByHash(tokenHash);
    if (session !== null) {
      if (session.expiresAt <= now) return null;
      const user = await this.storage.userById(session.userId);
      if (user === null || user.disabled) return null;
      return { kind: 'user', id: user.id, username: user.username, name: user.displayName, role: user.role, department: user.department, mustChangePassword: user.mustChangePassword, tokenHash };
    }
    const cred = await this.storage.credentialByHash(tokenHash);
    if (cred === null || cred.revoked) return null;
    if (cred.lastSeenAt === null || now - cred.lastSeenAt > 60_000) await this.storage.touchCredential(cred.id, now);
    return {
      kind: cred.kind,
      id: cred.id,
      username: cred.name,
      name: cred.name,
      role: cred.kind === 'display' ? 'wall' : 'source',
      department: null,
      mustChangePassword: false,
      tokenHash,
      registration: cred.registration,
    };
  }

  /** Is a principal's session or credential still good (not expired, revoked or disabled)? */
  async stillValid(p: Principal): Promise<boolean> {
    if (p.kind === 'user') {
      const s = await this.storage.sessionByHash(p.tokenHash);
      if (s === null || s.expiresAt <= this.clock.now()) return false;
      const u = await this.storage.userById(p.id);
      return u !== null && !u.disabled;
    }
    const c = await this.storage.credentialByHash(p.tokenHash);
    return c !== null && !c.revoked;
  }

  me(p: Principal): Me {
    return {
      id: p.id,
      username: p.username,
      displayName: p.name,
      role: p.role,
      department: p.department,
      mustChangePassword: p.mustChangePassword,
      via: p.kind === 'user' ? 'session' : p.kind === 'display' ? 'display' : 'api_key',
    };
  }

  // ---- wall display pairing -----------------------------------------------------------

  /**
   * A display without a keyboard asks for a code to show; an administrator enters it. The
   * pairing is stored (any node may approve or collect it); the secret, which only the display
   * holds and the store knows only as a hash, becomes the display's token once approved, so no
   * usable token is ever stored.
   */
  async startPairing(): Promise<{ id: string; code: string; secret: string; expiresAt: number }> {
    const now = this.clock.now();
    const secret = newToken();
    // A code shown by another pending wall is drawn again (rare: 32^6 codes).
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = pairingCode();
      const pairing: PairingRow = { id: randomUUID(), code: normalCode(code), secretHash: hashToken(secret), expiresAt: now + PAIRING_TTL_MS, name: null, credentialId: null };
      const stored = await this.storage.insertPairing(pairing, now, MAX_PENDING_PAIRINGS);
      if (stored === 'full') throw new LoginRefused('too many pending pairings', 60_000);
      if (stored === 'ok') return { id: pairing.id, code, secret, expiresAt: pairing.expiresAt };
    }
    throw new Error('no free pairing code after five draws');
  }

  /** The administrator's side: creates the display credential for a shown code. */
  async approvePairing(code: string, name: string): Promise<CredentialRow | null> {
    return this.storage.approvePairing(normalCode(code), this.clock.now(), { id: randomUUID(), name, createdAt: this.clock.now(), lastSeenAt: null, revoked: false, registration: null });
  }

  /** The display's side: collects its credential once approved (then the pairing is gone). */
  async collectPairing(id: string, secret: string): Promise<{ status: 'pending' | 'expired' } | { status: 'paired'; token: string; name: string }> {
    const p = await this.storage.pairingById(id);
    if (p === null || p.secretHash !== hashToken(secret) || p.expiresAt <= this.clock.now()) return { status: 'expired' };
    if (p.credentialId === null) return { status: 'pending' };
    await this.storage.deletePairing(id);
    return { status: 'paired', token: secret, name: p.name! };
  }

  async createSourceKey(name: string, registration: SourceRegistration): Promise<{ credential: CredentialRow; token: string }> {
    const token = newToken();
    const credential: CredentialRow = { id: randomUUID(), kind: 'source', name, tokenHash: hashToken(token), createdAt: this.clock.now(), lastSeenAt: null, revoked: false, registration };
    await this.storage.insertCredential(credential);
    return { credential, token };
  }

  async revokeCredential(id: string): Promise<CredentialRow | null> {
    const c = await this.storage.revokeCredential(id);
    if (c !== null) for (const l of this.revokedListeners) l({ tokenHash: c.tokenHash });
    return c;
  }

  /** Drops expired sessions and the throttles nothing needs any more. */
  async sweep(): Promise<void> {
    await this.storage.deleteExpiredSessions(this.clock.now());
    await this.storage.pruneThrottles(this.clock.now());
    this.log.debug('expired sessions and throttles swept');
  }
}

// A fixed argon2id hash of a random password: verifying against it costs what a real check costs.
const UNKNOWN_USER_HASH = '$argon2id$v=19$m=19456,t=2,p=1$KmhIuoMfCwOOoTJsuyuvAQ$kThvKbjpfU6EQQCVeVglLjFte0jGBHVmcha1277KgI0';
