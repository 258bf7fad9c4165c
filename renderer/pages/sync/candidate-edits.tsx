/**
 * What the candidate table's cells share with the selection step: the subjects the user typed and whether
 * editing is possible right now (not while importing). A context, so the column definitions can stay at module
 * scope (TanStack recomputes its models when columns change identity).
 */
import { createContext, useContext } from 'react';
import type { SubjectEdits } from './selection-rules';

export interface CandidateEdits {
  subjects: SubjectEdits;
  setSubject: (messageId: string, subject: string) => void;
  locked: boolean;
}

export const CandidateEditsContext = createContext<CandidateEdits | null>(null);

export function useCandidateEdits(): CandidateEdits {
  const edits = useContext(CandidateEditsContext);
  if (edits === null) throw new Error('useCandidateEdits needs a <CandidateEditsContext> above it');
  return edits;
}
