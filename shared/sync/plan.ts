/**
 * The two-way sync's planner: a pure function of three states — the CRM's activities, Outlook's items, and the
 * base (what both sides held when they last agreed) — that says what to do, before any I/O (style-examples §9,
 * Dropbox Nucleus, vdirsyncer). The engine reads the states, calls `plan`, and carries the actions out one by
 * one, each action's base change committed with its write; running `plan` again on the result yields nothing.
 *
 * The planner knows no field's meaning: each side arrives as a record of normalized values (mapping.ts builds
 * them with the same keys for both sides of a pair), and a side has changed when any value differs from the
 * base's. Rules, decided on purpose:
 * - One side changed → it wins. Both changed to the same values → nothing to write, the base is recorded.
 *   Both changed differently → a conflict; nothing is overwritten until the user chooses.
 * - A CRM deletion (or *Delete groupware entry*) deletes the Outlook item — unless Outlook changed the item
 *   meanwhile: that is a conflict (deleting would throw the Outlook edit away).
 * - An Outlook deletion never deletes CRM data: the activity is unlinked (and stays unlinked), whatever the
 *   CRM changed meanwhile.
 * - An Outlook item that names an activity (our link in its body, a linkedResource) while that activity has no
 *   base is the activity's item: a create whose commit was lost, not a new item — so no duplicate arises.
 *   Once the activity is paired, another item naming it (a copy made in Outlook) is a new item.
 * - While an activity has an open conflict nothing is written for it; when both sides have come to agree
 *   meanwhile, the base is recorded (and the engine closes the conflict).
 */

/** A normalized value of one synced field: text, number, flag, a list of texts, or no value. */
export type FieldValue = string | number | boolean | null | readonly string[];
export type FieldValues = Readonly<Record<string, FieldValue>>;

/** The base of one pair: the activity, its Outlook item, and the values both held at the last agreement. */
export interface BaseEntry {
  activityId: string;
  itemId: string;
  fields: FieldValues;
  /**
   * The user resolved a conflict: this side wins the next sync even if the other changed again — for the whole
   * item, or field by field (a field without a choice that both sides changed is a conflict again).
   */
  prefer?: Side | FieldChoices | undefined;
}

export type Side = 'crm' | 'outlook';
/** Per field, the side whose value both take. */
export type FieldChoices = Readonly<Record<string, Side>>;

/** An activity that is (or wants to be) in Outlook. `wanted: false`: it must not be there (entry deleted). */
export interface CrmEntry {
  activityId: string;
  wanted: boolean;
  fields: FieldValues;
}

/** An Outlook item in the synchronized range. `activityId`: the activity the item names, if any. */
export interface OutlookEntry {
  itemId: string;
  activityId: string | null;
  fields: FieldValues;
}

export type SyncAction =
  | { kind: 'createInOutlook'; activityId: string; fields: FieldValues }
  | { kind: 'updateOutlook'; activityId: string; itemId: string; fields: FieldValues; changed: string[] }
  /** `keepActivity`: the activity stays (entry deleted on request); otherwise it was deleted in the CRM. */
  | { kind: 'deleteInOutlook'; activityId: string; itemId: string; keepActivity: boolean }
  | { kind: 'createInCrm'; itemId: string; fields: FieldValues }
  | { kind: 'updateCrm'; activityId: string; itemId: string; fields: FieldValues; changed: string[] }
  /** Outlook deleted the item: the activity stays, without its link. */
  | { kind: 'unlinkInCrm'; activityId: string; itemId: string }
  /** Both sides hold these values: save them as the base (a new pair, or one that agreed again). */
  | { kind: 'record'; activityId: string; itemId: string; fields: FieldValues }
  /** Both sides are gone: drop the base. */
  | { kind: 'forget'; activityId: string; itemId: string }
  /** `crm`/`outlook` null: deleted on that side. `fields`: the keys whose values differ. */
  | { kind: 'conflict'; activityId: string; itemId: string; crm: FieldValues | null; outlook: FieldValues | null; fields: string[] };

export interface PlanInput {
  base: readonly BaseEntry[];
  crm: readonly CrmEntry[];
  outlook: readonly OutlookEntry[];
  /** Activities with an open conflict. */
  conflicts?: ReadonlySet<string>;
}

export function plan({ base, crm, outlook, conflicts = new Set() }: PlanInput): SyncAction[] {
  const crmById = new Map(crm.map((entry) => [entry.activityId, entry]));
  const outlookById = new Map(outlook.map((entry) => [entry.itemId, entry]));
  const baseByActivity = new Map(base.map((entry) => [entry.activityId, entry]));
  const pairedItems = new Set(base.map((entry) => entry.itemId));
  const actions: SyncAction[] = [];

  for (const b of base) {
    const c = crmById.get(b.activityId);
    const o = outlookById.get(b.itemId);
    actions.push(...planPair(b, c?.wanted === true ? c : undefined, o, c !== undefined, conflicts.has(b.activityId)));
  }

  // Activities without a base: a stamped item is theirs (first one by id, for a stable answer), else create.
  // An activity that no longer wants its item (entry deleted on request before its create was recorded): the
  // item goes, as the user asked.
  const stamped = new Map<string, OutlookEntry>();
  for (const o of [...outlook].sort((x, y) => compareText(x.itemId, y.itemId))) {
    if (o.activityId === null || pairedItems.has(o.itemId)) continue;
    const owner = crmById.get(o.activityId);
    if (owner === undefined || baseByActivity.has(owner.activityId) || stamped.has(owner.activityId)) continue;
    if (!owner.wanted) {
      pairedItems.add(o.itemId);
      actions.push({ kind: 'deleteInOutlook', activityId: owner.activityId, itemId: o.itemId, keepActivity: true });
      continue;
    }
    stamped.set(owner.activityId, o);
  }
  for (const c of crm) {
    if (baseByActivity.has(c.activityId) || !c.wanted) continue;
    const o = stamped.get(c.activityId);
    if (o === undefined) {
      actions.push({ kind: 'createInOutlook', activityId: c.activityId, fields: c.fields });
      continue;
    }
    pairedItems.add(o.itemId);
    const differing = differingKeys(c.fields, o.fields);
    // The item was made from this activity: any difference is a change on one side since, and which one is
    // unknown without a base — the user decides.
    if (differing.length === 0) actions.push({ kind: 'record', activityId: c.activityId, itemId: o.itemId, fields: c.fields });
    else if (!conflicts.has(c.activityId)) {
      actions.push({ kind: 'conflict', activityId: c.activityId, itemId: o.itemId, crm: c.fields, outlook: o.fields, fields: differing });
    }
  }

  for (const o of outlook) {
    if (!pairedItems.has(o.itemId)) actions.push({ kind: 'createInCrm', itemId: o.itemId, fields: o.fields });
  }
  return actions;
}

/**
 * One pair with a base. `c`: the activity while it wants its item (undefined: deleted, or entry deleted on
 * request — `activityExists` tells which).
 */
function planPair(b: BaseEntry, c: CrmEntry | undefined, o: OutlookEntry | undefined, activityExists: boolean, inConflict: boolean): SyncAction[] {
  const { activityId, itemId } = b;
  const crmChanged = c === undefined || differingKeys(b.fields, c.fields).length > 0;
  const outlookChanged = o === undefined || differingKeys(b.fields, o.fields).length > 0;

  if (c !== undefined && o !== undefined && differingKeys(c.fields, o.fields).length === 0) {
    // Both hold the same values: nothing to write (the base may be behind, or a conflict settled itself).
    return crmChanged || inConflict ? [{ kind: 'record', activityId, itemId, fields: c.fields }] : [];
  }
  if (inConflict) return [];
  if (c === undefined && o === undefined) {
    return activityExists ? [{ kind: 'unlinkInCrm', activityId, itemId }] : [{ kind: 'forget', activityId, itemId }];
  }
  if (o === undefined) return [{ kind: 'unlinkInCrm', activityId, itemId }]; // Outlook deleted: the CRM keeps its data
  if (!crmChanged && !outlookChanged) return [];
  if (c === undefined) {
    return outlookChanged && b.prefer !== 'crm'
      ? [{ kind: 'conflict', activityId, itemId, crm: null, outlook: o.fields, fields: Object.keys(o.fields).sort() }]
      : [{ kind: 'deleteInOutlook', activityId, itemId, keepActivity: activityExists }];
  }
  if (crmChanged && outlookChanged) {
    // The user answered a conflict for one side: it wins now, whatever the other did since the question.
    if (b.prefer === 'crm') return [{ kind: 'updateOutlook', activityId, itemId, fields: c.fields, changed: differingKeys(o.fields, c.fields) }];
    if (b.prefer === 'outlook') return [{ kind: 'updateCrm', activityId, itemId, fields: o.fields, changed: differingKeys(c.fields, o.fields) }];
    if (b.prefer !== undefined) {
      const merged = mergeByField(b, c, o, b.prefer);
      if (merged !== null) return merged;
    }
    return [{ kind: 'conflict', activityId, itemId, crm: c.fields, outlook: o.fields, fields: differingKeys(c.fields, o.fields) }];
  }
  if (crmChanged) return [{ kind: 'updateOutlook', activityId, itemId, fields: c.fields, changed: differingKeys(b.fields, c.fields) }];
  return [{ kind: 'updateCrm', activityId, itemId, fields: o.fields, changed: differingKeys(b.fields, o.fields) }];
}

/**
 * A conflict resolved field by field: each differing field takes the chosen side's value (a field without a
 * choice: the side that changed it; changed on both sides, null — a conflict again). Outlook's values go to the
 * CRM first, recording Outlook's values as the base; then the CRM's go to Outlook, recording the merged values.
 * Cut off between the two, the next sync finds only the CRM changed and sends the rest on: nothing is undone.
 */
function mergeByField(b: BaseEntry, c: CrmEntry, o: OutlookEntry, choices: FieldChoices): SyncAction[] | null {
  const { activityId, itemId } = b;
  const toCrm: string[] = [];
  const toOutlook: string[] = [];
  const merged: Record<string, FieldValue> = { ...c.fields };
  for (const key of differingKeys(c.fields, o.fields)) {
    const crmMoved = !sameValue(b.fields[key] ?? null, c.fields[key] ?? null);
    const outlookMoved = !sameValue(b.fields[key] ?? null, o.fields[key] ?? null);
    const side = choices[key] ?? (crmMoved && outlookMoved ? null : outlookMoved ? 'outlook' : 'crm');
    if (side === null) return null;
    if (side === 'outlook') {
      toCrm.push(key);
      merged[key] = o.fields[key] ?? null;
    } else toOutlook.push(key);
  }
  const actions: SyncAction[] = [];
  if (toCrm.length > 0) actions.push({ kind: 'updateCrm', activityId, itemId, fields: toOutlook.length > 0 ? o.fields : merged, changed: toCrm });
  if (toOutlook.length > 0) actions.push({ kind: 'updateOutlook', activityId, itemId, fields: merged, changed: toOutlook });
  return actions;
}

/** The keys (of either record) whose values differ, sorted; a missing key counts as no value (null). */
export function differingKeys(a: FieldValues, b: FieldValues): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => !sameValue(a[key] ?? null, b[key] ?? null)).sort();
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((value, index) => value === b[index]);
  }
  return a === b;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
