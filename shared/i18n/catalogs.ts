/** All UI catalogs, keyed by the contract's `Locale`: adding a locale there without a catalog fails to compile. */
import type { Locale } from '../contract';
import { de } from './de';
import { en, type Messages } from './en';

export const catalogs: Readonly<Record<Locale, Messages>> = { en, de };
export type { Messages };
