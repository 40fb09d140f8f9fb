// The operating system's keyring (Secret Service, macOS Keychain, Windows Credential Manager), which
// keeps an encrypted journal's raw key (never the passphrase) under the journal's absolute path.
// @napi-rs/keyring is loaded only when a command needs it.
import { resolve } from 'node:path';

const SERVICE = 'noisy journal key';

export type KeyringState = 'stored' | 'not-stored' | 'unavailable';

interface KeyringEntry {
  getPassword(): string | null;
  setPassword(value: string): void;
  deletePassword(): boolean;
}

async function entryFor(path: string, env: Readonly<Record<string, string | undefined>>): Promise<KeyringEntry | null> {
  // On Linux the keyring is the Secret Service, reached over the session bus: without one (a server,
  // a container) there is nothing to ask.
  if (process.platform === 'linux' && !env.DBUS_SESSION_BUS_ADDRESS) return null;
  try {
    const { Entry } = await import('@napi-rs/keyring');
    return new Entry(SERVICE, resolve(path));
  } catch {
    return null;
  }
}

/** The raw key (64 hex digits) kept for the journal at `path`; null when none is kept or there is no keyring. */
export async function rememberedKey(path: string, env: Readonly<Record<string, string | undefined>>): Promise<string | null> {
  const entry = await entryFor(path, env);
  if (entry === null) return null;
  try {
    const value = entry.getPassword();
    return value !== null && /^[0-9a-f]{64}$/.test(value) ? value : null;
  } catch {
    return null;
  }
}

export async function keyringState(path: string, env: Readonly<Record<string, string | undefined>>): Promise<KeyringState> {
  const entry = await entryFor(path, env);
  if (entry === null) return 'unavailable';
  try {
    return entry.getPassword() === null ? 'not-stored' : 'stored';
  } catch {
    return 'unavailable';
  }
}

/** Keeps `hex` for the journal at `path`; the reason when the keyring could not take it. */
export async function rememberKey(path: string, hex: string, env: Readonly<Record<string, string | undefined>>): Promise<string | null> {
  const entry = await entryFor(path, env);
  if (entry === null) return 'no keyring service is running here';
  try {
    entry.setPassword(hex);
    return null;
  } catch (error) {
    return `the keyring refused (${(error as Error).message})`;
  }
}

/** Forgets the key kept for the journal at `path` (true when one was there). */
export async function forgetKey(path: string, env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  const entry = await entryFor(path, env);
  if (entry === null) return false;
  try {
    return entry.deletePassword();
  } catch {
    return false;
  }
}
