/** The activity quicksearches of the seed (DESIGN §3), by the names the CLI and the UI use. */
import { z } from 'zod';

export const QuicksearchName = z.enum(['imported-mails', 'all-imported-mails', 'not-assigned-imported-mails']);
export type QuicksearchName = z.infer<typeof QuicksearchName>;
