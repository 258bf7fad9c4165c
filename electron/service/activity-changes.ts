/** The activity page's changes (contract words) as the store's activity input (activity-edits.ts). */
import type { ActivityChanges } from '../../shared/crm/activity-list';
import type { ActivityInput } from '../crm/activity-edits';

export function activityInputOf(changes: ActivityChanges): ActivityInput {
  // The same names but one: the store calls *Activity with* `contact`, as the CLI's --contact does.
  const { contactPerson, ...same } = changes;
  return { ...same, ...(contactPerson !== undefined ? { contact: contactPerson } : {}) };
}
