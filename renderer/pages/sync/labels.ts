/**
 * Words for the keys the sync shows: the built-in activity types and status keys in the UI language (other
 * keys, added by the CRM data, as they are), and dates in the user's format.
 */
import type { TFunction } from 'i18next';
import { en } from '../../../shared/i18n/en';

type TypeKey = keyof typeof en.sync.typeLabels;
type StatusKey = keyof typeof en.sync.statusLabels;

const isTypeKey = (key: string): key is TypeKey => Object.hasOwn(en.sync.typeLabels, key);
const isStatusKey = (key: string): key is StatusKey => Object.hasOwn(en.sync.statusLabels, key);

export function typeLabel(t: TFunction, key: string): string {
  return isTypeKey(key) ? t(`sync.typeLabels.${key}`) : key;
}

export function statusLabel(t: TFunction, key: string): string {
  return isStatusKey(key) ? t(`sync.statusLabels.${key}`) : key;
}

/** Making a DateTimeFormat costs far more than using one: one per language (the grid formats thousands of dates). */
const formats = new Map<string, Intl.DateTimeFormat>();

/** "2 Nov 2026, 09:14" / "02.11.2026, 09:14": the instant in the browser's time zone and the UI's language. */
export function formatDateTime(language: string | undefined, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = language ?? '';
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    formats.set(key, format);
  }
  return format.format(date);
}

/** "12 KB" / "1.4 MB": a file size as people read it (1 KB = 1024 bytes, as Outlook and Explorer show it). */
export function formatSize(language: string | undefined, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
}

/** "Anna Schmidt <a.schmidt@example.com>", or the address alone when the mail gave no name. */
export function senderText(sender: { name: string | null; address: string }): string {
  const name = sender.name?.trim() ?? '';
  return name === '' || name === sender.address ? sender.address : `${name} <${sender.address}>`;
}
