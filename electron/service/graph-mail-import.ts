/**
 * The real engine behind the port: Microsoft Graph (electron/groupware/graph) and the mail import
 * (electron/engine). The only file above the engine that names those modules.
 */
import { resolveSignedInEmployee } from '../engine/signed-in-employee';
import { createMailImport } from '../engine/mail-import';
import { connectGraphWith } from '../groupware/graph';
import { endpointAuth } from './mail-import-engine';
import { mailImportSessions, type OpenMailImportSession } from './mail-import-session';

export const openGraphMailImport: OpenMailImportSession = mailImportSessions({
  connect: (endpoint) => connectGraphWith(endpoint, endpointAuth(endpoint)),
  resolveEmployee: resolveSignedInEmployee,
  createMailImport,
});
