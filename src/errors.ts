/**
 * The error catalogue: every expected failure has a stable code, an exit code from the one
 * table in README.md, and a message that says what happened, why, and what to do.
 * Expected failures (ReportError) print without a stack; anything else is a bug and prints one.
 */

export const ExitCode = {
  ok: 0,
  invalidData: 1,
  usage: 2,
  template: 3,
  browser: 4,
  output: 5,
  internal: 70,
  sigint: 130,
  sigterm: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const catalogue = {
  DATA_INVALID: { exit: ExitCode.invalidData, title: 'The data has problems' },
  DATA_NOT_FOUND: { exit: ExitCode.invalidData, title: 'Data folder or file not found' },
  USAGE: { exit: ExitCode.usage, title: 'Wrong command-line usage' },
  TEMPLATE_INVALID: { exit: ExitCode.template, title: 'The template has an error' },
  BROWSER_NOT_FOUND: { exit: ExitCode.browser, title: 'No Chromium or Chrome was found' },
  BROWSER_FAILED: { exit: ExitCode.browser, title: 'The browser failed while printing' },
  OUTPUT_FAILED: { exit: ExitCode.output, title: 'The output could not be written' },
  INTERRUPTED: { exit: ExitCode.sigint, title: 'Interrupted' },
} as const satisfies Record<string, { exit: ExitCode; title: string }>;
export type ErrorCode = keyof typeof catalogue;

export class ReportError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; exitCode?: ExitCode } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ReportError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? catalogue[code].exit;
  }
}

export function isReportError(error: unknown): error is ReportError {
  return error instanceof ReportError;
}
