import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differingKeys, plan, type BaseEntry, type CrmEntry, type FieldValues, type OutlookEntry, type SyncAction } from './plan';

const f = (subject: string, start = 0): FieldValues => ({ subject, start });

describe('plan: one pair', () => {
  const base: BaseEntry[] = [{ activityId: 'A1', itemId: 'I1', fields: f('x') }];
  const crm = (fields: FieldValues, wanted = true): CrmEntry[] => [{ activityId: 'A1', wanted, fields }];
  const outlook = (fields: FieldValues, activityId: string | null = 'A1'): OutlookEntry[] => [{ itemId: 'I1', activityId, fields }];

  it('nothing changed: nothing to do', () => {
    expect(plan({ base, crm: crm(f('x')), outlook: outlook(f('x')) })).toEqual([]);
  });

  it('a CRM change goes to Outlook, with the keys that changed', () => {
    expect(plan({ base, crm: crm(f('y', 1)), outlook: outlook(f('x')) })).toEqual([
      { kind: 'updateOutlook', activityId: 'A1', itemId: 'I1', fields: f('y', 1), changed: ['start', 'subject'] },
    ]);
  });

  it('an Outlook change comes into the CRM', () => {
    expect(plan({ base, crm: crm(f('x')), outlook: outlook(f('x', 2)) })).toEqual([
      { kind: 'updateCrm', activityId: 'A1', itemId: 'I1', fields: f('x', 2), changed: ['start'] },
    ]);
  });

  it('both changed the same way: the base is recorded, nothing is written', () => {
    expect(plan({ base, crm: crm(f('y')), outlook: outlook(f('y')) })).toEqual([{ kind: 'record', activityId: 'A1', itemId: 'I1', fields: f('y') }]);
  });

  it('both changed differently (even different fields): a conflict naming the fields that differ, nothing overwritten', () => {
    expect(plan({ base, crm: crm(f('y')), outlook: outlook(f('x', 3)) })).toEqual([
      { kind: 'conflict', activityId: 'A1', itemId: 'I1', crm: f('y'), outlook: f('x', 3), fields: ['start', 'subject'] },
    ]);
  });

  it('an open conflict holds every write until the sides agree; then the base is recorded', () => {
    const conflicts = new Set(['A1']);
    expect(plan({ base, crm: crm(f('y')), outlook: outlook(f('z')), conflicts })).toEqual([]);
    expect(plan({ base, crm: crm(f('y')), outlook: outlook(f('x')), conflicts })).toEqual([]);
    expect(plan({ base, crm: crm(f('z')), outlook: outlook(f('z')), conflicts })).toEqual([{ kind: 'record', activityId: 'A1', itemId: 'I1', fields: f('z') }]);
    expect(plan({ base, crm: crm(f('x')), outlook: outlook(f('x')), conflicts })).toEqual([{ kind: 'record', activityId: 'A1', itemId: 'I1', fields: f('x') }]);
  });

  it('deleted in the CRM: deleted in Outlook; deleted on request (Delete groupware entry): the activity stays', () => {
    expect(plan({ base, crm: [], outlook: outlook(f('x')) })).toEqual([{ kind: 'deleteInOutlook', activityId: 'A1', itemId: 'I1', keepActivity: false }]);
    expect(plan({ base, crm: crm(f('x'), false), outlook: outlook(f('x')) })).toEqual([
      { kind: 'deleteInOutlook', activityId: 'A1', itemId: 'I1', keepActivity: true },
    ]);
  });

  it('deleted in the CRM while changed in Outlook: a conflict, the Outlook edit is not thrown away', () => {
    expect(plan({ base, crm: [], outlook: outlook(f('x', 1)) })).toEqual([
      { kind: 'conflict', activityId: 'A1', itemId: 'I1', crm: null, outlook: f('x', 1), fields: ['start', 'subject'] },
    ]);
  });

  it('deleted in Outlook: the activity is unlinked and keeps its data, changed or not', () => {
    expect(plan({ base, crm: crm(f('x')), outlook: [] })).toEqual([{ kind: 'unlinkInCrm', activityId: 'A1', itemId: 'I1' }]);
    expect(plan({ base, crm: crm(f('y')), outlook: [] })).toEqual([{ kind: 'unlinkInCrm', activityId: 'A1', itemId: 'I1' }]);
  });

  it('deleted on both sides: the base is dropped', () => {
    expect(plan({ base, crm: [], outlook: [] })).toEqual([{ kind: 'forget', activityId: 'A1', itemId: 'I1' }]);
  });

  it('a resolved conflict: the chosen side wins the next sync, even over a later change on the other side', () => {
    const preferCrm: BaseEntry[] = [{ activityId: 'A1', itemId: 'I1', fields: f('x'), prefer: 'crm' }];
    expect(plan({ base: preferCrm, crm: crm(f('y')), outlook: outlook(f('z', 1)) })).toEqual([
      { kind: 'updateOutlook', activityId: 'A1', itemId: 'I1', fields: f('y'), changed: ['start', 'subject'] },
    ]);
    expect(plan({ base: preferCrm, crm: [], outlook: outlook(f('z')) })).toEqual([{ kind: 'deleteInOutlook', activityId: 'A1', itemId: 'I1', keepActivity: false }]);
    const preferOutlook: BaseEntry[] = [{ activityId: 'A1', itemId: 'I1', fields: f('x'), prefer: 'outlook' }];
    expect(plan({ base: preferOutlook, crm: crm(f('y')), outlook: outlook(f('z')) })).toEqual([
      { kind: 'updateCrm', activityId: 'A1', itemId: 'I1', fields: f('z'), changed: ['subject'] },
    ]);
  });

  it('a conflict resolved field by field: Outlook’s choices come in first, then the CRM’s go out; cut off between, the rest still goes out', () => {
    const g = (subject: string, location: string, start = 0): FieldValues => ({ subject, location, start });
    // Resolved: subject from Outlook, location from the CRM; the base holds the other side's value of each.
    const chosen: BaseEntry[] = [{ activityId: 'A1', itemId: 'I1', fields: g('crm', 'outlook room'), prefer: { subject: 'outlook', location: 'crm' } }];
    const crmNow = crm(g('crm', 'crm room'));
    const outlookNow = outlook(g('outlook', 'outlook room'));
    expect(plan({ base: chosen, crm: crmNow, outlook: outlookNow })).toEqual([
      { kind: 'updateCrm', activityId: 'A1', itemId: 'I1', fields: g('outlook', 'outlook room'), changed: ['subject'] },
      { kind: 'updateOutlook', activityId: 'A1', itemId: 'I1', fields: g('outlook', 'crm room'), changed: ['location'] },
    ]);
    // The CRM's part was committed (the base is Outlook's values), Outlook's write was not: it goes out next time.
    const afterCrm: BaseEntry[] = [{ activityId: 'A1', itemId: 'I1', fields: g('outlook', 'outlook room') }];
    expect(plan({ base: afterCrm, crm: crm(g('outlook', 'crm room')), outlook: outlookNow })).toEqual([
      { kind: 'updateOutlook', activityId: 'A1', itemId: 'I1', fields: g('outlook', 'crm room'), changed: ['location'] },
    ]);
  });

  it('field by field, a field without a choice follows the side that changed it; changed on both sides, it is a conflict again', () => {
    const chosen: BaseEntry[] = [{ activityId: 'A1', itemId: 'I1', fields: f('x'), prefer: { subject: 'crm' } }];
    expect(plan({ base: chosen, crm: crm(f('y')), outlook: outlook(f('z', 5)) })).toEqual([
      { kind: 'updateCrm', activityId: 'A1', itemId: 'I1', fields: f('z', 5), changed: ['start'] },
      { kind: 'updateOutlook', activityId: 'A1', itemId: 'I1', fields: f('y', 5), changed: ['subject'] },
    ]);
    expect(plan({ base: chosen, crm: crm(f('y', 1)), outlook: outlook(f('z', 5)) })).toEqual([
      { kind: 'conflict', activityId: 'A1', itemId: 'I1', crm: f('y', 1), outlook: f('z', 5), fields: ['start', 'subject'] },
    ]);
  });

  it('a missing key counts as no value', () => {
    expect(differingKeys({ a: null }, {})).toEqual([]);
    expect(differingKeys({ a: ['x', 'y'] }, { a: ['x', 'y'] })).toEqual([]);
    expect(differingKeys({ a: ['x', 'y'] }, { a: ['y', 'x'] })).toEqual(['a']);
  });
});

describe('plan: new items and lost commits', () => {
  it('a new activity is created in Outlook; one not wanted there is left alone', () => {
    const crm: CrmEntry[] = [
      { activityId: 'A1', wanted: true, fields: f('a') },
      { activityId: 'A2', wanted: false, fields: f('b') },
    ];
    expect(plan({ base: [], crm, outlook: [] })).toEqual([{ kind: 'createInOutlook', activityId: 'A1', fields: f('a') }]);
  });

  it('a new Outlook item comes into the CRM', () => {
    expect(plan({ base: [], crm: [], outlook: [{ itemId: 'I1', activityId: null, fields: f('a') }] })).toEqual([
      { kind: 'createInCrm', itemId: 'I1', fields: f('a') },
    ]);
  });

  it('an item naming an activity without base is that activity’s item (a create whose commit was lost): no duplicate', () => {
    const crm: CrmEntry[] = [{ activityId: 'A1', wanted: true, fields: f('a') }];
    expect(plan({ base: [], crm, outlook: [{ itemId: 'I1', activityId: 'A1', fields: f('a') }] })).toEqual([
      { kind: 'record', activityId: 'A1', itemId: 'I1', fields: f('a') },
    ]);
    expect(plan({ base: [], crm, outlook: [{ itemId: 'I1', activityId: 'A1', fields: f('b') }] })).toEqual([
      { kind: 'conflict', activityId: 'A1', itemId: 'I1', crm: f('a'), outlook: f('b'), fields: ['subject'] },
    ]);
  });

  it('an item naming an activity whose entry was deleted before its create was recorded goes, as asked', () => {
    const crm: CrmEntry[] = [{ activityId: 'A1', wanted: false, fields: f('a') }];
    expect(plan({ base: [], crm, outlook: [{ itemId: 'I1', activityId: 'A1', fields: f('a') }] })).toEqual([
      { kind: 'deleteInOutlook', activityId: 'A1', itemId: 'I1', keepActivity: true },
    ]);
  });

  it('a copy made in Outlook of a paired item is a new item, though it names the same activity', () => {
    const base: BaseEntry[] = [{ activityId: 'A1', itemId: 'I1', fields: f('a') }];
    const crm: CrmEntry[] = [{ activityId: 'A1', wanted: true, fields: f('a') }];
    const outlook: OutlookEntry[] = [
      { itemId: 'I1', activityId: 'A1', fields: f('a') },
      { itemId: 'I2', activityId: 'A1', fields: f('a') },
    ];
    expect(plan({ base, crm, outlook })).toEqual([{ kind: 'createInCrm', itemId: 'I2', fields: f('a') }]);
  });

  it('an item naming an activity that does not exist (another database) is a new item', () => {
    expect(plan({ base: [], crm: [], outlook: [{ itemId: 'I1', activityId: 'GONE', fields: f('a') }] })).toEqual([
      { kind: 'createInCrm', itemId: 'I1', fields: f('a') },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The planner against random histories (style-examples §9): a model of both sides, random user edits on either,
// syncs that may stop after any action (a crash), an Outlook create whose commit is lost, conflicts resolved by
// the user. fast-check prints the seed and path of a failing run; `fc.assert(…, { seed, path })` replays it.

/**
 * `origin`: which user action made the thing (a create on either side, or a copy in Outlook). The same origin
 * twice on one side is a duplicate the sync made.
 */
interface Model {
  crm: Map<string, { wanted: boolean; fields: FieldValues; origin: number }>;
  outlook: Map<string, { activityId: string | null; fields: FieldValues; origin: number }>;
  base: Map<string, BaseEntry>;
  conflicts: Map<string, Extract<SyncAction, { kind: 'conflict' }>>;
  /** Activities the user deleted in the CRM: the only way an activity may disappear. */
  deletedInCrm: Set<string>;
  next: number;
}

type Command =
  | { op: 'crmCreate'; fields: FieldValues }
  | { op: 'crmChange'; pick: number; fields: FieldValues }
  | { op: 'crmDelete'; pick: number }
  | { op: 'crmWanted'; pick: number; wanted: boolean }
  | { op: 'outlookCreate'; fields: FieldValues }
  | { op: 'outlookChange'; pick: number; fields: FieldValues }
  | { op: 'outlookDelete'; pick: number }
  | { op: 'outlookCopy'; pick: number }
  | { op: 'sync'; crashAfter: number | null; loseCreateCommit: boolean }
  | { op: 'resolve'; pick: number; keep: 'crm' | 'outlook' };

const fieldsArb = fc.record({ subject: fc.constantFrom('a', 'b', 'c'), start: fc.integer({ min: 0, max: 2 }) });
const pick = fc.nat(20);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('crmCreate' as const), fields: fieldsArb }),
  fc.record({ op: fc.constant('crmChange' as const), pick, fields: fieldsArb }),
  fc.record({ op: fc.constant('crmDelete' as const), pick }),
  fc.record({ op: fc.constant('crmWanted' as const), pick, wanted: fc.boolean() }),
  fc.record({ op: fc.constant('outlookCreate' as const), fields: fieldsArb }),
  fc.record({ op: fc.constant('outlookChange' as const), pick, fields: fieldsArb }),
  fc.record({ op: fc.constant('outlookDelete' as const), pick }),
  fc.record({ op: fc.constant('outlookCopy' as const), pick }),
  fc.record({ op: fc.constant('sync' as const), crashAfter: fc.option(fc.nat(6), { freq: 2 }), loseCreateCommit: fc.boolean() }),
  fc.record({ op: fc.constant('resolve' as const), pick, keep: fc.constantFrom('crm' as const, 'outlook' as const) }),
);

function nth<K>(keys: Iterable<K>, index: number): K | undefined {
  const list = [...keys];
  return list.length === 0 ? undefined : list[index % list.length];
}

function planOf(m: Model): SyncAction[] {
  return plan({
    base: [...m.base.values()],
    crm: [...m.crm].map(([activityId, c]) => ({ activityId, wanted: c.wanted, fields: c.fields })),
    outlook: [...m.outlook].map(([itemId, o]) => ({ itemId, activityId: o.activityId, fields: o.fields })),
    conflicts: new Set(m.conflicts.keys()),
  });
}

/** Carries out one action as the engine does: the write and its base change together (one transaction). */
function apply(m: Model, action: SyncAction, loseCreateCommit: boolean): 'done' | 'crashed' {
  switch (action.kind) {
    case 'createInOutlook': {
      const itemId = `I${m.next++}`;
      // The item names its activity from creation on (link in the body / linkedResource).
      m.outlook.set(itemId, { activityId: action.activityId, fields: action.fields, origin: m.crm.get(action.activityId)?.origin ?? -1 });
      if (loseCreateCommit) return 'crashed';
      m.base.set(action.activityId, { activityId: action.activityId, itemId, fields: action.fields });
      return 'done';
    }
    case 'updateOutlook': {
      const item = m.outlook.get(action.itemId);
      if (item !== undefined) item.fields = action.fields;
      m.base.set(action.activityId, { activityId: action.activityId, itemId: action.itemId, fields: action.fields });
      return 'done';
    }
    case 'deleteInOutlook':
      m.outlook.delete(action.itemId);
      m.base.delete(action.activityId);
      return 'done';
    case 'createInCrm': {
      const activityId = `A${m.next++}`;
      m.crm.set(activityId, { wanted: true, fields: action.fields, origin: m.outlook.get(action.itemId)?.origin ?? -1 });
      m.base.set(activityId, { activityId, itemId: action.itemId, fields: action.fields });
      // The link back is written afterwards; a crash before it leaves the item unnamed, which the base covers.
      if (loseCreateCommit) return 'crashed';
      const item = m.outlook.get(action.itemId);
      if (item !== undefined) item.activityId = activityId;
      return 'done';
    }
    case 'updateCrm': {
      const activity = m.crm.get(action.activityId);
      if (activity !== undefined) activity.fields = action.fields;
      m.base.set(action.activityId, { activityId: action.activityId, itemId: action.itemId, fields: action.fields });
      return 'done';
    }
    case 'unlinkInCrm': {
      const activity = m.crm.get(action.activityId);
      if (activity !== undefined) activity.wanted = false;
      m.base.delete(action.activityId);
      m.conflicts.delete(action.activityId);
      return 'done';
    }
    case 'record':
      m.base.set(action.activityId, { activityId: action.activityId, itemId: action.itemId, fields: action.fields });
      m.conflicts.delete(action.activityId);
      return 'done';
    case 'forget':
      m.base.delete(action.activityId);
      m.conflicts.delete(action.activityId);
      return 'done';
    case 'conflict':
      m.conflicts.set(action.activityId, action);
      return 'done';
  }
}

function sync(m: Model, crashAfter: number | null = null, loseCreateCommit = false): void {
  const actions = planOf(m);
  for (const [index, action] of actions.entries()) {
    if (crashAfter !== null && index === crashAfter) return;
    const lose = loseCreateCommit && crashAfter !== null && index === crashAfter - 1;
    if (apply(m, action, lose) === 'crashed') return;
  }
}

/**
 * The user's choice rewrites the base from the values the conflict recorded (as the store does; the sides may
 * have changed again since) and names the chosen side, which wins the next sync: keep the CRM → the base becomes
 * Outlook's recorded values; keep Outlook → the CRM's. Without a CRM side (deleted, or entry deleted on request),
 * keeping Outlook drops the base: a deleted activity's item comes in anew, an entry deleted on request is wanted again.
 */
function resolve(m: Model, activityId: string, keep: 'crm' | 'outlook'): void {
  const conflict = m.conflicts.get(activityId);
  if (conflict === undefined) return;
  m.conflicts.delete(activityId);
  const settle = keep === 'crm' ? conflict.outlook : conflict.crm;
  if (settle === null) {
    m.base.delete(activityId);
    const activity = m.crm.get(activityId);
    if (keep === 'outlook' && activity !== undefined) activity.wanted = true;
    return;
  }
  m.base.set(activityId, { activityId, itemId: conflict.itemId, fields: settle, prefer: keep });
}

function run(m: Model, command: Command): void {
  switch (command.op) {
    case 'crmCreate':
      m.crm.set(`A${m.next}`, { wanted: true, fields: command.fields, origin: m.next });
      m.next++;
      return;
    case 'crmChange': {
      const id = nth(m.crm.keys(), command.pick);
      const activity = m.crm.get(id ?? '');
      if (activity !== undefined) activity.fields = command.fields;
      return;
    }
    case 'crmDelete': {
      const id = nth(m.crm.keys(), command.pick);
      if (id !== undefined) {
        m.crm.delete(id);
        m.deletedInCrm.add(id);
      }
      return;
    }
    case 'crmWanted': {
      const activity = m.crm.get(nth(m.crm.keys(), command.pick) ?? '');
      if (activity !== undefined) activity.wanted = command.wanted;
      return;
    }
    case 'outlookCreate':
      m.outlook.set(`I${m.next}`, { activityId: null, fields: command.fields, origin: m.next });
      m.next++;
      return;
    case 'outlookChange': {
      const item = m.outlook.get(nth(m.outlook.keys(), command.pick) ?? '');
      if (item !== undefined) item.fields = command.fields;
      return;
    }
    case 'outlookDelete': {
      const id = nth(m.outlook.keys(), command.pick);
      if (id !== undefined) m.outlook.delete(id);
      return;
    }
    case 'outlookCopy': {
      const item = m.outlook.get(nth(m.outlook.keys(), command.pick) ?? '');
      if (item !== undefined) m.outlook.set(`I${m.next}`, { ...item, origin: m.next });
      m.next++;
      return;
    }
    case 'sync':
      sync(m, command.crashAfter, command.loseCreateCommit);
      return;
    case 'resolve': {
      const id = nth(m.conflicts.keys(), command.pick);
      if (id !== undefined) resolve(m, id, command.keep);
      return;
    }
  }
}

/** What must hold after a sync that ran to its end. */
function checkSettled(m: Model, activitiesEver: Set<string>): void {
  // One more sync writes nothing.
  expect(planOf(m)).toEqual([]);
  const pairedItems = new Map<string, string>();
  for (const b of m.base.values()) {
    // No duplicate: an item belongs to one activity.
    expect(pairedItems.has(b.itemId), `item ${b.itemId} paired twice`).toBe(false);
    pairedItems.set(b.itemId, b.activityId);
    if (m.conflicts.has(b.activityId)) continue;
    // Both sides hold the base's values.
    expect(m.crm.get(b.activityId)?.fields).toEqual(b.fields);
    expect(m.outlook.get(b.itemId)?.fields).toEqual(b.fields);
  }
  const conflictItems = new Set([...m.conflicts.values()].map((c) => c.itemId));
  // Nothing lost: every Outlook item has its activity (or waits in a conflict) …
  for (const itemId of m.outlook.keys()) expect(pairedItems.has(itemId) || conflictItems.has(itemId), `item ${itemId} has no activity`).toBe(true);
  // … every activity that wants an item has one (or waits in a conflict) …
  for (const [activityId, c] of m.crm) {
    if (c.wanted) expect(m.base.has(activityId) || m.conflicts.has(activityId), `activity ${activityId} has no item`).toBe(true);
  }
  // No duplicate made by the sync: one activity and one item per user action at most.
  for (const side of [m.crm, m.outlook]) {
    const origins = [...side.values()].map((entry) => entry.origin);
    expect(new Set(origins).size, 'a duplicate').toBe(origins.length);
  }
  // … and no activity disappeared but by the user's deletion in the CRM.
  for (const activityId of activitiesEver) expect(m.crm.has(activityId) || m.deletedInCrm.has(activityId)).toBe(true);
}

describe('plan: random histories', () => {
  it('after every complete sync: both sides match the base, no duplicate, nothing lost, and a second sync writes nothing', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
        const m: Model = { crm: new Map(), outlook: new Map(), base: new Map(), conflicts: new Map(), deletedInCrm: new Set(), next: 1 };
        const activitiesEver = new Set<string>();
        for (const command of commands) {
          run(m, command);
          for (const id of m.crm.keys()) activitiesEver.add(id);
          if (command.op === 'sync' && command.crashAfter === null) checkSettled(m, activitiesEver);
        }
        // In the end: a sync, every conflict resolved one way or the other, a sync — and everything agrees.
        sync(m);
        for (const [index, id] of [...m.conflicts.keys()].entries()) resolve(m, id, index % 2 === 0 ? 'crm' : 'outlook');
        sync(m);
        for (const id of m.crm.keys()) activitiesEver.add(id);
        expect(m.conflicts.size).toBe(0);
        checkSettled(m, activitiesEver);
      }),
      { numRuns: 2000 },
    );
  });
});
