/**
 * The main side's logger as the host and shell see it: small enough that a test passes a spy and the app passes
 * whatever logger it settles on. Stacks go here, never across the boundary.
 */
export interface HostLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLog: HostLog = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message, error) => (error === undefined ? console.error(message) : console.error(message, error)),
};

export const silentLog: HostLog = { info: () => {}, warn: () => {}, error: () => {} };
