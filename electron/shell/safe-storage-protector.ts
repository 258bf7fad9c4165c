/**
 * The token cache's protection on the desktop: Electron's safeStorage, which keeps its key in the OS keyring
 * (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). Injected into the service, which cannot
 * import Electron. Where safeStorage has no keyring — or on Linux only its fixed-password fallback — the answer
 * is undefined, and the service uses its key-file fallback and shows that warning.
 */
import type { SafeStorage } from 'electron';
import type { SecretProtector } from '../auth/secret-protector';

export type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export function safeStorageProtector(safeStorage: SafeStorageApi, platform: NodeJS.Platform = process.platform): SecretProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  // 'basic_text' encrypts under a password written in Chromium's source: no better than our key file.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    kind: 'os-keyring',
    warning: undefined,
    // safeStorage takes strings: base64 carries the cache's bytes through unchanged.
    encrypt: (plain) => Promise.resolve(safeStorage.encryptString(plain.toString('base64'))),
    decrypt: (sealed) => Promise.resolve(Buffer.from(safeStorage.decryptString(sealed), 'base64')),
  };
}
