/** One error class with stable codes; each edge (CLI, HTTP) translates it once. */

export type ErrorCode =
  | 'USAGE'            // bad arguments or options
  | 'NOT_FOUND'        // a file, event or record that does not exist
  | 'INPUT'            // unreadable or malformed input
  | 'DB_LOCKED'        // another process holds the embedded database
  | 'DB'               // the database failed
  | 'CONFLICT'         // a concurrent change won; retry
  | 'FORBIDDEN'        // not allowed for this user
  | 'UNAUTHENTICATED'; // login needed

const EXIT: Record<ErrorCode, number> = {
  USAGE: 64, // EX_USAGE
  NOT_FOUND: 66, // EX_NOINPUT
  INPUT: 65, // EX_DATAERR
  DB_LOCKED: 75, // EX_TEMPFAIL
  DB: 74, // EX_IOERR
  CONFLICT: 75,
  FORBIDDEN: 77, // EX_NOPERM
  UNAUTHENTICATED: 77,
};

const HTTP: Record<ErrorCode, number> = {
  USAGE: 400, NOT_FOUND: 404, INPUT: 400, DB_LOCKED: 503, DB: 500, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401,
};

export class LetopisError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'LetopisError';
  }
  get exitCode(): number { return EXIT[this.code]; }
  get httpStatus(): number { return HTTP[this.code]; }
}

export function usage(message: string): LetopisError { return new LetopisError('USAGE', message); }
